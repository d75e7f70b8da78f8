#!/usr/bin/env bash
# Refreshes docs/console/: every console page at 1280 px (a laptop) and 390 px (a phone), as the browser tests
# see them (ConsoleBrowserTest, WebhookPagesTest, OperatorActionsBrowserTest; each asserts the page fits that width before saving it).
# Needs Debian's chromium and chromium-driver (and fonts-wqy-zenhei for the Chinese service names).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf ledger-app/target/console-screenshots
mvn -B -q -pl ledger-app -am test -Dcodegen.skip=true -Dtest='ConsoleBrowserTest,WebhookPagesTest,OperatorActionsBrowserTest' \
  -Dsurefire.failIfNoSpecifiedTests=false
mkdir -p docs/console
rm -f docs/console/*.png
cp ledger-app/target/console-screenshots/*-1280.png ledger-app/target/console-screenshots/*-390.png docs/console/
ls docs/console | wc -l | xargs echo "screenshots in docs/console:"
