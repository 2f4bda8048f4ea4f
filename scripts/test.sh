#!/usr/bin/env bash
# The whole test suite: type check, schema/migration drift check, then both test tiers.
# Run through scripts/toolchain.sh (npm test), which provides Node 22 and the dependencies.
set -uo pipefail
cd "$(dirname "$0")/.."

# The browser tests render digest HTML in Debian's headless Chromium.
bash scripts/ensure-chromium.sh || exit 1

tsc --noEmit || exit 1
drizzle-kit check >/dev/null || exit 1

rc=0
vitest run --reporter=default --reporter=json --outputFile.json=.vitest-results.json "$@" || rc=$?
node -e 'const r=require("./.vitest-results.json");console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed`)' || true
exit $rc
