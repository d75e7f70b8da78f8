#!/usr/bin/env bash
# The console's page answer times on an account with a million calls (docs/performance.md, "Console pages"):
# a fresh ledger (its jar, H2 durable, simulated clock on 12 March 2026), one account loaded with 1,000,000
# PHOTO_VERIFICATION calls over three days (500,000 paid by a package, the rest postpaid: the top tier, awaiting a negotiated price), then each page read
# by `wrk` from another process through a signed-in console session, 2 connections, p50/p95/p99.
#   scripts/console-bench.sh                       15 s a page
#   CONSOLE_CALLS=200000 scripts/console-bench.sh  a smaller account
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PAGE="${WRK_SECONDS:-15}"
CALLS="${CONSOLE_CALLS:-1000000}"
PORT="${WRK_PORT:-18182}"
export WRK_KEY="console-bench-secret"
source scripts/lib/ledger.sh
start_ledger "$PORT" "$WRK_KEY"
api() { curl -sf -H "Authorization: Bearer $WRK_KEY" -H 'Content-Type: application/json' "$@"; }
api -o /dev/null -XPOST "$BASE/api/v1/accounts" -d '{"accountId":"big","openedAt":"2026-03-10T15:00:00+08:00"}'
api -o /dev/null -XPOST "$BASE/api/v1/accounts/big/packages" \
  -d '{"purchaseId":"po-1","service":"PHOTO_VERIFICATION","size":500000,"purchasedAt":"2026-03-10T15:30:00+08:00"}'
START=$(date +%s)
# batches of 1,000 calls, two at a time, spread over five instants of 10 to 12 March
batch() {
  awk -v b="$1" 'BEGIN { split("2026-03-10T16:00:00+08:00 2026-03-11T09:30:00+08:00 2026-03-11T15:00:00+08:00 2026-03-12T08:00:00+08:00 2026-03-12T11:00:00+08:00", at, " ");
    printf "{\"calls\":["; for (i = 0; i < 1000; i++) printf "%s{\"accountId\":\"big\",\"requestId\":\"m-%d-%d\",\"service\":\"PHOTO_VERIFICATION\",\"occurredAt\":\"%s\"}", (i ? "," : ""), b, i, at[b % 5 + 1];
    printf "]}" }' | curl -sf -o /dev/null -H "Authorization: Bearer $WRK_KEY" -H 'Content-Type: application/json' \
    --data-binary @- "$BASE/api/v1/calls:batch"
}
export -f batch; export BASE
seq 1 $((CALLS / 1000)) | xargs -P 2 -I{} bash -c 'batch {}'
LOADED=$(api "$BASE/api/v1/accounts/big/statements/2026-03" | grep -o '"calls":[0-9]*' | head -1 | cut -d: -f2)
echo "loaded $LOADED calls into account big in $(( $(date +%s) - START )) s"
REQUEST=$(api "$BASE/api/v1/accounts/big/events?type=CallMetered&page=$((CALLS / 2))&size=1" | grep -o '"requestId":"[^"]*"' | head -1 | cut -d'"' -f4)
echo "the call looked up: $REQUEST"

# a console session: the sign-in form's CSRF token, then the key
JAR_FILE="$DIR/cookies"
TOKEN=$(curl -sf -c "$JAR_FILE" "$BASE/console/sign-in" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"//')
curl -sf -b "$JAR_FILE" -c "$JAR_FILE" -o /dev/null -XPOST "$BASE/console/sign-in" --data-urlencode "_csrf=$TOKEN" \
  --data-urlencode "apiKey=$WRK_KEY"
export WRK_COOKIE=$(awk '$6 == "LEDGER_CONSOLE" {print $7}' "$JAR_FILE")

page() { # $1 label, $2 path
  local out
  out=$(WRK_PATH="$2" wrk -t1 -c2 -d"${SECONDS_PER_PAGE}s" --latency -s scripts/wrk/page.lua "$BASE")
  echo "$out" >> "$DIR/wrk.log"
  local rps p50 p99 p95 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  p95=$(echo "$out" | awk '$1 == "p95" {printf "%.2fms", $2 / 1000}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p95" "$p99" "${non2xx:-0}"
}
# warm-up, not reported
WRK_SECONDS_SAVED=$SECONDS_PER_PAGE; SECONDS_PER_PAGE=20
page warm /console/accounts/big > /dev/null
SECONDS_PER_PAGE=$WRK_SECONDS_SAVED
echo "| page (account with $LOADED calls) | pages/s | p50 | p95 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
page "account: calls left, charts, tier progress, packages, alerts" /console/accounts/big
page "account as of an earlier instant" "/console/accounts/big?asOf=2026-03-12T11:59:00"
page "statement 2026-03" /console/accounts/big/statements/2026-03
page "a call's explanation" "/console/accounts/big/calls/$REQUEST"
page "history, newest page" /console/accounts/big/events
page "history, CallMetered, the page older than event 500,000" "/console/accounts/big/events?type=CallMetered&before=500000"
page "history, the page newer than event 500,000" "/console/accounts/big/events?after=500000"
page "history, jump to 11 March" "/console/accounts/big/events?on=2026-03-11"
# one account has it: the look-up answers with a redirect to the call's page (wrk counts it as a non-2xx)
page "find a call across accounts (a redirect to it)" "/console/calls?requestId=$REQUEST"
page "accounts list" /console/accounts
echo "store: $(du -sh "$DIR" | cut -f1); wrk output: $DIR/wrk.log"
