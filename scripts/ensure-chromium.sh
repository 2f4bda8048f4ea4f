#!/usr/bin/env bash
# Makes sure a headless Chromium is on PATH for the browser tests (test/browser/), installing
# Debian's `chromium` package when it is missing. Playwright's own browser download is not used:
# only the Debian package is reachable from the machines this project runs on.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
else
  as_root=(sudo)
fi

# sudo drops the environment, so the non-interactive frontend is passed through env.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

command -v chromium >/dev/null 2>&1 || { echo "chromium is still not on PATH after installing it" >&2; exit 1; }
