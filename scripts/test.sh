#!/usr/bin/env bash
# The whole test suite: type check, schema/migration drift check, bundle size, the unit, worker
# and browser tiers, and a short load run on loopback. The last line is "N passed, N failed".
# Run through scripts/toolchain.sh (npm test), which provides Node 22 and the dependencies.
set -uo pipefail
cd "$(dirname "$0")/.."

# The browser tests render digest HTML in Debian's headless Chromium.
bash scripts/ensure-chromium.sh || exit 1

tsc --noEmit || exit 1
drizzle-kit check >/dev/null || exit 1
# The deployable bundle stays under its size budget (README, "Performance").
node scripts/check-bundle.mjs || exit 1

rc=0
vitest run --reporter=default --reporter=json --outputFile.json=.vitest-results.json "$@" || rc=$?
# Load on loopback: 300 mixed emails against the local worker (the full 2,000: npm run load).
load_rc=0
node scripts/load.mjs --count 300 || load_rc=$?

node -e '
const r = require("./.vitest-results.json");
const loadFailed = Number(process.argv[1]) !== 0 ? 1 : 0;
console.log(`${r.numPassedTests + 1 - loadFailed} passed, ${r.numFailedTests + loadFailed} failed`);
' "$load_rc" || true
[ "$rc" -eq 0 ] && [ "$load_rc" -eq 0 ]
