#!/usr/bin/env bash
# Durability check: the ledger as a child process, metered from 4 threads, killed with SIGKILL at a random
# moment and restarted, ROUNDS times (default 20). Prints per round how many acknowledged calls were
# lost or recorded twice (both must be 0) and fails otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-20}"
export AXONIQ_UPDATE_CHECKER_DISABLED=true
mvn -B -q -pl ledger-app -am test -Dtest=CrashRecoveryTest -Dcrash.rounds="$ROUNDS" \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E "crash (round|test)|Tests run|FAIL|ERROR" || true
test "${PIPESTATUS[0]}" -eq 0
