#!/usr/bin/env bash
# `npm test`: every suite, against the sandbox engine (never the user's own engine: tests create and
# remove containers). Starts the sandbox when it is not running and stops it again afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# The tests' own sandbox engine, apart from the one `npm start` runs for a person (which holds the
# demo and whatever they made): the tests never see or touch a person's containers.
export DOCKSIDE_SANDBOX_DIR="${DOCKSIDE_SANDBOX_DIR:-/tmp/dockside-test-sandbox}"
mkdir -p test-results

bash scripts/ensure-build.sh || exit 1
# The integration tests start the server bundle `npm start` runs (dist/server.mjs, just built), not
# the TypeScript source through tsx: what ships is what is tested, and each of the suite's ~60 server
# starts takes ~1.3 s instead of ~2.5 s.
export DOCKSIDE_SERVER_BUNDLE="${DOCKSIDE_SERVER_BUNDLE:-dist/server.mjs}"

started=0
bash scripts/sandbox.sh status >/dev/null 2>&1 || started=1
bash scripts/sandbox.sh start || exit 1
eval "$(bash scripts/sandbox.sh env)"
export DOCKER_HOST
cleanup() {
  # Whatever a crashed test left behind with our label goes too.
  ids=$(docker ps -aq --filter label=dockside.test 2>/dev/null || true)
  [ -n "$ids" ] && docker rm -f -v $ids >/dev/null 2>&1
  if [ "$started" = 1 ]; then bash scripts/sandbox.sh stop; fi
}
trap cleanup EXIT

failed=()
step() {
  local name=$1
  shift
  echo
  echo "=== $name: $*"
  "$@" || failed+=("$name")
}

step typecheck npx tsc --noEmit
step boundaries node scripts/check-boundaries.mjs
step unit npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/unit.json
step integration npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=test-results/integration.json
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json step e2e npx playwright test --reporter=list,json

echo
node scripts/test-summary.mjs test-results/unit.json test-results/integration.json test-results/e2e.json
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed steps: ${failed[*]}"
  exit 1
fi
