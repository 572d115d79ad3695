#!/usr/bin/env bash
# The gateway's Swagger UI in a real browser, on a running local platform (./platform up): Debian's chromium
# (apt-get install chromium) driven by playwright-core from e2e/browser (npm ci; no browser is downloaded).
# Every service's operations are listed, "Authorize" takes a token from ./platform token, "Try it out" on the
# catalog answers 200 through the gateway, and so does an operation that needs the token.
# The screenshot is a build artefact: target/e2e/swagger-ui.png (SCREENSHOT overrides it).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export GATEWAY_URL="${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export SCREENSHOT="${SCREENSHOT:-$root/target/e2e/swagger-ui.png}"
[[ -x "$CHROMIUM" ]] || { echo "no browser at $CHROMIUM: apt-get install -y chromium (or set CHROMIUM)" >&2; exit 2; }
if [[ ! -d e2e/browser/node_modules/playwright-core ]]; then
  (cd e2e/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
TOKEN="$(./platform token swagger-ui-user)"
export TOKEN
cd e2e/browser
node swagger-ui.mjs
