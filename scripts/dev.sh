#!/usr/bin/env bash
# Runs the assistant locally on the embedded default: local workerd + local D1 (in .wrangler/),
# no Cloudflare account. Run through scripts/toolchain.sh (npm start), which provides Node 22.
set -euo pipefail
cd "$(dirname "$0")/.."

# Local secrets: generated once from the example, never committed.
if [ ! -f .dev.vars ]; then
  sed -e "s/^REPLY_TOKEN_SECRET=.*/REPLY_TOKEN_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')/" \
      -e "s/^API_TOKEN=.*/API_TOKEN=$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')/" \
      .dev.vars.example > .dev.vars
  echo "Wrote .dev.vars with fresh local secrets." >&2
fi

wrangler d1 migrations apply DB --local >/dev/null
PORT="${PORT:-8787}"
echo "Forward an email:  curl -X POST 'http://127.0.0.1:$PORT/cdn-cgi/local/email?from=me@example.com&to=assistant@example.com' --data-binary @examples/<file>.eml" >&2
# The links mailed for the calendar and the private page point at this local worker.
exec wrangler dev --ip 127.0.0.1 --port "$PORT" --var "PUBLIC_URL:http://127.0.0.1:$PORT" "$@"
