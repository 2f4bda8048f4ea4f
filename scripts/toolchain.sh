#!/usr/bin/env bash
# Runs a command with the project's own Node 22 first on PATH and the dependencies installed.
# Wrangler, miniflare and vitest need Node >= 22.12; the system Node is left untouched: a
# private copy is installed under .tools/node22 from the npm registry the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=22.23.3
NODE_DIR="$PWD/.tools/node22"

# npm reads its machine-wide config (the registry CA file) from <prefix>/etc/npmrc, and a node
# binary elsewhere on PATH moves that prefix; pin it before PATH changes.
if [ -z "${npm_config_globalconfig:-}" ]; then
  npm_config_globalconfig="$(npm config get globalconfig 2>/dev/null || true)"
  export npm_config_globalconfig
fi

system_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
system_minor="$(node -p 'process.versions.node.split(".")[1]' 2>/dev/null || echo 0)"
if [ "$system_major" -lt 22 ] || { [ "$system_major" -eq 22 ] && [ "$system_minor" -lt 12 ]; }; then
  if [ "$("$NODE_DIR/node_modules/.bin/node" -v 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
    echo "Installing Node $NODE_VERSION into .tools/node22 (system Node $(node -v 2>/dev/null || echo none) is older than 22.12)" >&2
    rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
    # The `node` package fetches its binary in a preinstall script, so that script is allowed.
    printf '{"private":true,"dependencies":{"node":"%s"},"allowScripts":{"node":true}}\n' "$NODE_VERSION" > "$NODE_DIR/package.json"
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error >&2
  fi
  export PATH="$NODE_DIR/node_modules/.bin:$PATH"
fi

export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

# `npm ci` cannot be used: the lockfile lacks workerd's darwin/windows entries on this registry.
stamp=node_modules/.install-stamp
if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  npm install --no-audit --no-fund --loglevel=error >&2
  touch "$stamp"
fi

export PATH="$PWD/node_modules/.bin:$PATH"
exec "$@"
