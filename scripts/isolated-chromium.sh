#!/usr/bin/env bash
# Playwright's executablePath for the test and bench browsers: Debian's Chromium in a network namespace
# of its own, reaching the host's loopback ports listed in DOCKSIDE_BROWSER_PORTS (comma- or
# space-separated) through scripts/port-relay.mjs.
#
# Why: Chromium aborts requests in flight with net::ERR_NETWORK_CHANGED whenever the interfaces or
# addresses of its network namespace change, and a Docker engine changes them all the time (a veth and
# an IPv6 link-local address per container started, removed per container gone). In its own namespace
# Chromium sees only its loopback, which never changes. The namespace is anonymous (`unshare --net`):
# it goes away with the browser, nothing to clean up, no interface or route added to the host. The two
# relay halves meet on unix sockets in a private temporary directory (a file works across namespaces).
#
# Falls back to plain Chromium (saying so on stderr) when it cannot isolate: not root, no
# unshare/ip, unshare refused (e.g. a container without CAP_SYS_ADMIN), or no ports given. Except
# in CI (CI set): there the tests run with zero retries, so a browser back in Docker's churn must
# fail loudly rather than flake now and then.
set -euo pipefail
chromium="${DOCKSIDE_CHROMIUM:-/usr/bin/chromium}"
ports="${DOCKSIDE_BROWSER_PORTS:-}"
ports="${ports//,/ }"

plain() { # plain REASON ARGS...: Chromium as it is
  if [ -n "${CI:-}" ]; then
    echo "isolated-chromium: $1; refusing to run Chromium in the host's network namespace in CI" >&2
    exit 1
  fi
  echo "isolated-chromium: $1; Chromium runs in the host's network namespace" >&2
  shift
  exec "$chromium" "$@"
}
[ -n "${ports// /}" ] || plain "no DOCKSIDE_BROWSER_PORTS" "$@"
[ "$(id -u)" = 0 ] || plain "not root" "$@"
command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 || plain "no unshare or ip (util-linux, iproute2)" "$@"
unshare --net true 2>/dev/null || plain "unshare --net refused" "$@"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$(mktemp -d /tmp/dockside-browser-net.XXXXXX)"
chmod 700 "$dir"

wait_ready() { # wait_ready FILE
  local i
  for ((i = 0; i < 100; i++)); do
    [ -f "$1" ] && return 0
    sleep 0.05
  done
  echo "isolated-chromium: the port relay did not start ($1)" >&2
  exit 1
}

# This PID is Chromium's from here on (exec all the way down): both relay halves watch it and exit with it.
# (fds 3 and 4 are Playwright's pipe to Chromium: the relays must not hold them open.)
# shellcheck disable=SC2086 # one argument per port
node "$here/port-relay.mjs" host "$dir" $$ $ports </dev/null >/dev/null 3>&- 4>&- &
wait_ready "$dir/host.ready"

# shellcheck disable=SC2016 # expanded by the inner shell
exec unshare --net -- bash -c '
  set -e
  dir=$1 relay=$2 watch=$3 ports=$4 chromium=$5
  shift 5
  ip link set lo up
  # shellcheck disable=SC2086
  node "$relay" ns "$dir" "$watch" $ports </dev/null >/dev/null 3>&- 4>&- &
  for ((i = 0; i < 100; i++)); do [ -f "$dir/ns.ready" ] && break; sleep 0.05; done
  [ -f "$dir/ns.ready" ] || { echo "isolated-chromium: the port relay did not start in the namespace" >&2; exit 1; }
  exec "$chromium" "$@"
' isolated-chromium "$dir" "$here/port-relay.mjs" "$$" "$ports" "$chromium" "$@"
