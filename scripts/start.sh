#!/usr/bin/env bash
# `npm start`: everything a fresh machine needs, then the dashboard on http://localhost:3000.
# Uses DOCKER_HOST or the default socket; when no engine answers, the server starts the sandbox
# engine (scripts/sandbox.sh) and says so. Flags pass through: npm start -- --port 8080 --read-only
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-build.sh
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
# `npm start` runs this as `exec bash scripts/start.sh` and this execs node: the server is npm's own
# child, so the SIGTERM npm forwards (a service manager's, or `kill <npm pid>`) reaches the server, which
# stops the sandbox engine it started; npm waits for it to exit.
# Node's own options for the server are in server/node-flags (one a line, '#' comments).
mapfile -t node_flags < <(grep -v '^[[:space:]]*\(#\|$\)' server/node-flags)
exec node "${node_flags[@]}" dist/server.mjs "$@"
