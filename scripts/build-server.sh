#!/usr/bin/env bash
# Bundles the custom server (server/main.ts and what it imports from server/ and lib/) into one ES
# module for `npm start`. Running the bundle with plain node, instead of compiling TypeScript at
# run time with tsx, keeps about 50 MB of transpiler state out of the server's memory (BENCHMARKS.md,
# figure 7). Packages stay external: next, ws and dockerode load from node_modules as usual.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist/server.mjs}"
npx esbuild server/main.ts --bundle --platform=node --format=esm --target=node20 --packages=external \
  --log-level=warning --outfile="$out"
