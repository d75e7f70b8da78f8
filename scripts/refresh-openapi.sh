#!/usr/bin/env bash
# Refreshes the committed API document after an API change, in two steps (each needs the previous one built in):
#  1. the README walk-through records its answers as the document's examples
#     (ledger-app/src/main/resources/openapi-examples.json);
#  2. the document the service then serves is written to docs/openapi.json.
# Without the refresh, ApiDocumentTest fails (the committed document must equal the served one).
set -euo pipefail
cd "$(dirname "$0")/.."
one() {
  mvn -B -q -pl ledger-app -am verify -Dcodegen.skip=true -Dtest="$1" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dledger.openapi.write=true
}
one ReadmeWalkthroughTest
one ApiDocumentTest
git --no-pager diff --stat -- docs/openapi.json ledger-app/src/main/resources/openapi-examples.json || true
