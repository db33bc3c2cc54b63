#!/usr/bin/env bash
# Installs dependencies when missing and (re)builds the app when any source is newer than the build.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ ! -d node_modules/next ]; then
  echo "dockside: installing dependencies (npm ci)…" >&2
  # From the committed lock only: a lock out of sync with package.json is an error to fix, not to
  # paper over with `npm install`.
  npm ci --no-audit --no-fund
fi

dist="${DOCKSIDE_DIST_DIR:-.next}"
if [ ! -f "$dist/BUILD_ID" ] || [ -n "$(find app components hooks lib server public next.config.js postcss.config.mjs package.json -newer "$dist/BUILD_ID" -type f -print -quit 2>/dev/null)" ]; then
  echo "dockside: building the app (next build)…" >&2
  npx next build
fi

# The server bundle: rebuilt when any server-side source is newer (it takes well under a second).
if [ ! -f dist/server.mjs ] || [ -n "$(find server lib package.json -newer dist/server.mjs -type f -print -quit 2>/dev/null)" ]; then
  bash scripts/build-server.sh
fi
