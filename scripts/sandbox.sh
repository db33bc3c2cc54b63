#!/usr/bin/env bash
# Dockside sandbox engine: a private dockerd (plus the containerd it spawns) that
# lives entirely under one directory, runs beside any other Docker engine on the
# machine, and is seeded with small locally built images (no registry needed).
#
# Usage: scripts/sandbox.sh start [--demo]|stop [--purge]|status|env|demo|demo-remove
#   start         install prerequisites if missing (root: apt-get), start dockerd if it
#                 does not answer yet, seed dockside/{busybox,web,logspam} if missing
#   start --demo  the same, and on the sandbox's first start (no demo.seeded in its dir) the demo
#   stop          stop the dockerd that start launched (SIGTERM, 20 s, SIGKILL) and any
#                 containerd/shim of ours left behind; keeps the data dir (seed cache)
#   stop --purge  also remove the sandbox directory
#   status        print whether it runs; exit 0 if it answers, 1 if not
#   env           print `export DOCKER_HOST=…` (use: eval "$(scripts/sandbox.sh env)")
#   demo          create the demo containers that are missing (label dockside.demo): a web page on
#                 a published 127.0.0.1 port, a clock logging a line a second (every 5th to
#                 stderr), a TTY shell, one that exited with code 3, a paused one
#   demo-remove   remove every container labelled dockside.demo
#
# Env:
#   DOCKSIDE_SANDBOX_DIR          default /tmp/dockside-sandbox; holds docker.sock, data/,
#                                 exec/, pid, dockerd.log
#   DOCKSIDE_SANDBOX_BRIDGE       bridge for the default network (default dockside0 for
#                                 the default dir, a name derived from the dir otherwise)
#   DOCKSIDE_SANDBOX_BRIDGE_CIDR  its gateway address (default 10.213.253.1/24, or a /24
#                                 derived from the dir)
#   DOCKSIDE_DEMO_WEB_PORT        the demo web page's port on 127.0.0.1 (default 18080; when it
#                                 is taken, the engine picks a free one)
#   DOCKSIDE_SANDBOX_TLS_PORT     opt-in: dockerd also listens on tcp://127.0.0.1:<port> with
#                                 --tlsverify (client certificates required), using
#   DOCKSIDE_SANDBOX_TLS_CA       the CA that signed the client certificates,
#   DOCKSIDE_SANDBOX_TLS_CERT     the server certificate (SAN IP:127.0.0.1) and
#   DOCKSIDE_SANDBOX_TLS_KEY      its key. Read when dockerd is launched (not when it runs already).
#
# Why these dockerd flags (see the notes at launch_dockerd): the sandbox owns its own
# bridge and leaves the DOCKER* iptables chains alone, so a second engine (e.g. the system's
# dockerd on docker0) is not disturbed and does not disturb it. Port publishing works
# through docker-proxy (the userland proxy), e.g. -p 127.0.0.1:18080:80.
set -euo pipefail

PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export PATH
# we always name our socket explicitly; settings meant for another engine must not apply
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH DOCKER_TLS

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEFAULT_DIR=/tmp/dockside-sandbox
DIR="${DOCKSIDE_SANDBOX_DIR:-$DEFAULT_DIR}"
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
DIR="${DIR%/}"
SOCK="$DIR/docker.sock"
HOST="unix://$SOCK"
PIDFILE="$DIR/pid"
LOG="$DIR/dockerd.log"
HASH="$(printf '%s' "$DIR" | sha256sum | cut -c1-8)"
if [ "$DIR" = "$DEFAULT_DIR" ]; then
  BRIDGE="${DOCKSIDE_SANDBOX_BRIDGE:-dockside0}"
  BRIDGE_CIDR="${DOCKSIDE_SANDBOX_BRIDGE_CIDR:-10.213.253.1/24}"
else
  BRIDGE="${DOCKSIDE_SANDBOX_BRIDGE:-dks$HASH}"
  BRIDGE_CIDR="${DOCKSIDE_SANDBOX_BRIDGE_CIDR:-}"
fi
# A derived subnet (no DOCKSIDE_SANDBOX_BRIDGE_CIDR) starts at a slot picked from the dir's hash
# and moves on to the next free /24 when another bridge already uses it (see pick_bridge_cidr).
CIDR_SLOT=$(( 16#${HASH:0:4} % 200 ))
# Only matters if dockerd picks up a system containerd (/run/containerd/containerd.sock)
# instead of spawning its own: our containers then stay apart from another engine's.
CTR_NS="dockside-$HASH"
START_WAIT=60
STOP_WAIT=20

log() { echo "sandbox: $*" >&2; }
die() { echo "sandbox: error: $*" >&2; exit 1; }

usage() {
  sed -n '6,19p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------- process helpers

# alive PID: exists and is not a zombie
alive() {
  local s
  s="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  s="${s##*) }"
  [ "${s%% *}" != Z ]
}

cmdline() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true; }

# basename of argv[0]
argv0() {
  local a
  a="$(tr '\0' '\n' 2>/dev/null <"/proc/$1/cmdline" | head -n 1)" || true
  echo "${a##*/}"
}

ppid_of() {
  local s
  s="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  s="${s##*) }"
  # shellcheck disable=SC2086 # split the stat fields
  set -- $s
  echo "$2"
}

all_pids() {
  local p
  for p in /proc/[0-9]*; do echo "${p#/proc/}"; done
}

# is_our_dockerd PID
is_our_dockerd() {
  alive "$1" || return 1
  [ "$(argv0 "$1")" = dockerd ] || return 1
  case "$(cmdline "$1")" in
    *" $HOST "*) return 0 ;;
    *) return 1 ;;
  esac
}

# PID of our dockerd: from the pidfile, or by its unique -H unix://$SOCK argument.
dockerd_pid() {
  local p
  if [ -f "$PIDFILE" ]; then
    p="$(tr -dc 0-9 <"$PIDFILE" 2>/dev/null || true)"
    if [ -n "$p" ] && is_our_dockerd "$p"; then echo "$p"; return 0; fi
  fi
  for p in $(all_pids); do
    if is_our_dockerd "$p"; then echo "$p"; return 0; fi
  done
  return 1
}

# Our containerd / containerd-shims: their command lines name $DIR/exec (own containerd)
# or our containerd namespace (system containerd).
leftover_pids() {
  local p c
  for p in $(all_pids); do
    [ "$p" = "$$" ] && continue
    case "$(argv0 "$p")" in containerd*) ;; *) continue ;; esac
    alive "$p" || continue
    c="$(cmdline "$p")"
    case "$c" in
      *" $DIR/exec/"*|*"-namespace $CTR_NS "*) echo "$p" ;;
    esac
  done
}

children_of() {
  local p
  for p in $(all_pids); do
    [ "$(ppid_of "$p")" = "$1" ] && echo "$p"
  done
  return 0
}

engine_answers() {
  timeout 10 docker -H "$HOST" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# ---------------------------------------------------------------- prerequisites

static_busybox() {
  local out
  [ -x /bin/busybox ] || return 1
  command -v ldd >/dev/null 2>&1 || return 0
  out="$(ldd /bin/busybox 2>&1 || true)"
  case "$out" in *"not a dynamic executable"*|*"statically linked"*) return 0 ;; esac
  return 1
}

ensure_prereqs() {
  local missing=() pkgs=()
  command -v dockerd >/dev/null 2>&1 || missing+=(dockerd)
  command -v docker >/dev/null 2>&1 || missing+=("docker CLI")
  static_busybox || missing+=("static /bin/busybox")
  command -v ip >/dev/null 2>&1 || missing+=("ip (iproute2)")
  [ "${#missing[@]}" = 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    die "missing: ${missing[*]}. Install as root: apt-get install docker.io busybox-static iproute2"
  fi
  pkgs=(docker.io busybox-static)
  command -v ip >/dev/null 2>&1 || pkgs+=(iproute2)
  log "installing ${pkgs[*]} (missing: ${missing[*]})…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q "${pkgs[@]}" >&2
  if ! { command -v dockerd && command -v docker && static_busybox; } >/dev/null 2>&1; then
    die "prerequisites still missing after apt-get install"
  fi
}

need_root() {
  [ "$(id -u)" = 0 ] || die "$1 needs root (dockerd runs as root)"
}

lock() {
  mkdir -p "$DIR"
  command -v flock >/dev/null 2>&1 || return 0
  # (a user who may not write here cannot start or stop anything either)
  ( : >>"$DIR/.lock" ) 2>/dev/null || return 0
  exec 9>>"$DIR/.lock"
  flock -w 300 9 || die "another sandbox.sh holds $DIR/.lock"
}

# ---------------------------------------------------------------- network

ip2int() {
  local IFS=.
  # shellcheck disable=SC2086 # split the dotted quad
  set -- $1
  echo $(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))
}

# cidr_overlap A/len B/len
cidr_overlap() {
  local a="${1%/*}" al="${1#*/}" b="${2%/*}" bl="${2#*/}" l m
  [ "$al" = "$1" ] && al=32
  [ "$bl" = "$2" ] && bl=32
  l=$(( al < bl ? al : bl ))
  m=$(( l == 0 ? 0 : (0xffffffff << (32 - l)) & 0xffffffff ))
  [ $(( $(ip2int "$a") & m )) = $(( $(ip2int "$b") & m )) ]
}

# overlaps_route CIDR: prints the first route (other than our bridge's) that overlaps CIDR.
overlaps_route() {
  local dst dev rest
  while read -r dst rest; do
    [[ "$dst" =~ ^[0-9.]+(/[0-9]+)?$ ]] || continue
    dev="$(echo "$rest" | sed -n 's/.*\bdev \([^ ]*\).*/\1/p')"
    [ "$dev" = "$BRIDGE" ] && continue
    if cidr_overlap "$dst" "$1"; then echo "$dst (dev $dev)"; return 0; fi
  done < <(ip -4 route show)
  return 1
}

# Several private engines (tests, the bench) may start at once: the subnet is picked and claimed
# under one machine-wide lock, so two of them never take the same /24.
pick_bridge_cidr() {
  local existing i cand
  existing="$(ip -4 -o addr show dev "$BRIDGE" 2>/dev/null | awk '{print $4; exit}' || true)"
  if [ -n "$existing" ] && ! overlaps_route "$existing" >/dev/null; then BRIDGE_CIDR="$existing"; return; fi
  for i in $(seq 0 199); do
    cand="10.213.$(( (CIDR_SLOT + i) % 200 + 10 )).1/24"
    if ! overlaps_route "$cand" >/dev/null; then BRIDGE_CIDR="$cand"; return; fi
  done
  die "no free 10.213.x.0/24 subnet for bridge $BRIDGE; set DOCKSIDE_SANDBOX_BRIDGE_CIDR"
}

setup_bridge() {
  if [ -z "$BRIDGE_CIDR" ]; then
    if command -v flock >/dev/null 2>&1; then
      exec 8>/tmp/.dockside-sandbox-bridges.lock
      flock -w 60 8 || die "another sandbox.sh holds the bridge lock"
    fi
    pick_bridge_cidr
  fi
  _setup_bridge
  # The bridge now holds its route: the lock can go.
  exec 8>&-
}

_setup_bridge() {
  local dst dev rest
  while read -r dst rest; do
    [[ "$dst" =~ ^[0-9.]+(/[0-9]+)?$ ]] || continue
    dev="$(echo "$rest" | sed -n 's/.*\bdev \([^ ]*\).*/\1/p')"
    [ "$dev" = "$BRIDGE" ] && continue
    if cidr_overlap "$dst" "$BRIDGE_CIDR"; then
      die "bridge subnet $BRIDGE_CIDR overlaps route $dst (dev $dev); set DOCKSIDE_SANDBOX_BRIDGE_CIDR"
    fi
  done < <(ip -4 route show)
  if ! ip link show dev "$BRIDGE" >/dev/null 2>&1; then
    ip link add name "$BRIDGE" type bridge
  fi
  if ! ip -4 -o addr show dev "$BRIDGE" | grep -qw "inet $BRIDGE_CIDR"; then
    ip -4 addr flush dev "$BRIDGE"
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  fi
  ip link set dev "$BRIDGE" up
  # dockerd runs with --iptables=false, so these two FORWARD rules are ours (best effort):
  #  - accept container<->container traffic on our bridge: with br_netfilter loaded,
  #    bridged frames traverse FORWARD, whose policy another engine may have set to DROP;
  #  - drop anything routed from our bridge elsewhere: there is no NAT for the sandbox,
  #    and nothing in it should leave the machine (nor reach another engine's containers).
  if command -v iptables >/dev/null 2>&1; then
    fw_rule -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
    fw_rule -i "$BRIDGE" ! -o "$BRIDGE" -j DROP
  fi
}

fw_rule() {
  iptables -w -C FORWARD "$@" 2>/dev/null && return 0
  iptables -w -I FORWARD "$@" 2>/dev/null ||
    log "note: could not add iptables rule 'FORWARD $*' (continuing)"
}

# Bridge devices of the engine's user-defined bridge networks (dockerd leaves them
# behind when it stops). Needs the engine to answer.
user_network_bridges() {
  local id name
  timeout 10 docker -H "$HOST" network ls -q --filter driver=bridge --no-trunc 2>/dev/null |
    while read -r id; do
      name="$(timeout 10 docker -H "$HOST" network inspect -f \
        '{{.Name}} {{index .Options "com.docker.network.bridge.name"}}' "$id" 2>/dev/null)" || continue
      case "$name" in "bridge "*) continue ;; esac
      name="${name#* }"
      echo "${name:-br-${id:0:12}}"
    done
}

# After dockerd is gone: our FORWARD rules, our bridge, and the bridges given as arguments.
teardown_network() {
  local _ dev
  if command -v iptables >/dev/null 2>&1; then
    for _ in 1 2 3; do
      iptables -w -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null || true
      iptables -w -D FORWARD -i "$BRIDGE" ! -o "$BRIDGE" -j DROP 2>/dev/null || true
    done
  fi
  for dev in "$BRIDGE" "$@"; do
    [ -d "/sys/class/net/$dev/bridge" ] || continue
    ip link del dev "$dev" 2>/dev/null || log "note: could not delete bridge $dev"
  done
}

# ---------------------------------------------------------------- start

# Extra dockerd arguments for the opt-in TLS listener (none unless DOCKSIDE_SANDBOX_TLS_PORT is set).
tls_args() {
  TLS_ARGS=()
  [ -n "${DOCKSIDE_SANDBOX_TLS_PORT:-}" ] || return 0
  local f
  for f in DOCKSIDE_SANDBOX_TLS_CA DOCKSIDE_SANDBOX_TLS_CERT DOCKSIDE_SANDBOX_TLS_KEY; do
    [ -r "${!f:-}" ] || die "DOCKSIDE_SANDBOX_TLS_PORT is set but $f (${!f:-unset}) is not a readable file"
  done
  TLS_ARGS=(--host "tcp://127.0.0.1:$DOCKSIDE_SANDBOX_TLS_PORT" --tlsverify
    --tlscacert "$DOCKSIDE_SANDBOX_TLS_CA" --tlscert "$DOCKSIDE_SANDBOX_TLS_CERT" --tlskey "$DOCKSIDE_SANDBOX_TLS_KEY")
}

launch_dockerd() {
  local pid="" i
  tls_args
  setup_bridge
  mkdir -p "$DIR/data" "$DIR/exec"
  # Our own (empty) config file, so an /etc/docker/daemon.json meant for another
  # engine (hosts, data-root, bridge…) cannot clash with these flags.
  [ -f "$DIR/daemon.json" ] || echo '{}' >"$DIR/daemon.json"
  rm -f "$PIDFILE"
  echo "=== sandbox start $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$LOG"
  log "starting dockerd (bridge $BRIDGE $BRIDGE_CIDR, log $LOG)…"
  # --bridge:        our own bridge instead of docker0; two engines on docker0 would hand
  #                  out the same 172.17.0.x addresses on one L2 segment.
  # --iptables=false: dockerd deletes and recreates the DOCKER* chains at start, which
  #                  wipes another engine's port-forwarding rules. Published ports are
  #                  served by docker-proxy instead (--userland-proxy, the default).
  # --default-address-pool is deliberately NOT used: with it, dockerd 20.10 deletes the
  #                  link named docker0 at every restart (removeDefaultBridgeInterface),
  #                  i.e. another engine's bridge. User-defined networks take free 172.x
  #                  ranges (dockerd skips subnets that overlap existing routes).
  # --ip-masq=false: no NAT (implied by --iptables=false). IP forwarding stays at dockerd's
  #                  default (it sets net.ipv4.ip_forward=1): with it off, every container
  #                  create and `docker info` carry "IPv4 forwarding is disabled" warnings.
  #                  Routing out of the sandbox is dropped by our own FORWARD rule instead.
  # --config-file, --exec-root, --containerd-namespace: nothing shared with another engine.
  # Storage driver: not forced; dockerd picks overlay2 where it works, else falls back.
  setsid nohup dockerd \
    --host "$HOST" \
    --data-root "$DIR/data" \
    --exec-root "$DIR/exec" \
    --pidfile "$PIDFILE" \
    --config-file "$DIR/daemon.json" \
    --bridge "$BRIDGE" \
    --iptables=false \
    --ip-masq=false \
    --userland-proxy=true \
    --containerd-namespace "$CTR_NS" \
    --containerd-plugins-namespace "$CTR_NS-plugins" \
    "${TLS_ARGS[@]}" \
    >>"$LOG" 2>&1 </dev/null 9>&- &
  local launched=$!
  for ((i = 0; i < START_WAIT * 2; i++)); do
    if engine_answers; then return 0; fi
    pid="$(dockerd_pid || true)"
    if [ -z "$pid" ] && ! alive "$launched" && [ "$i" -gt 2 ]; then
      log "dockerd exited during startup; last lines of $LOG:"
      tail -n 40 "$LOG" >&2
      exit 1
    fi
    sleep 0.5
  done
  log "dockerd did not answer on $HOST within ${START_WAIT}s; last lines of $LOG:"
  tail -n 40 "$LOG" >&2
  exit 1
}

seed() {
  DOCKER_HOST="$HOST" DOCKER_CONTEXT="" DOCKSIDE_LOG_PREFIX=sandbox \
    bash "$SCRIPT_DIR/seed-images.sh"
}

cmd_start() {
  local t0=$SECONDS pid demo=0
  case "${1:-}" in
    "") ;;
    --demo) demo=1 ;;
    *) usage ;;
  esac
  ensure_prereqs
  lock
  if engine_answers; then
    log "dockerd already running at $HOST"
  else
    need_root "start"
    pid="$(dockerd_pid || true)"
    if [ -n "$pid" ]; then
      die "dockerd (pid $pid) runs but does not answer on $HOST; try: $0 stop"
    fi
    launch_dockerd
  fi
  seed
  # Only on the first start: whoever removed the demo does not get it back at the next start.
  if [ "$demo" = 1 ] && [ ! -f "$DIR/demo.seeded" ]; then
    seed_demo
    : >"$DIR/demo.seeded"
  fi
  log "ready at $HOST ($((SECONDS - t0))s)"
}

# ---------------------------------------------------------------- demo

DEMO_LABEL=dockside.demo
DEMO_WEB_PORT="${DOCKSIDE_DEMO_WEB_PORT:-18080}"

dk() { timeout 60 docker -H "$HOST" "$@"; }

# demo_run NAME DOCKER-RUN-ARGS...: `docker run -d`, labelled; nothing when NAME exists already.
demo_run() {
  local name=$1
  shift
  dk container inspect "$name" >/dev/null 2>&1 && return 0
  # --stop-timeout 2: these are demos; a stop (or the engine's shutdown) need not wait 10 s each.
  dk run -d --name "$name" --label "$DEMO_LABEL=1" --stop-timeout 2 "$@" >/dev/null
}

demo_web() {
  local page='<!doctype html><title>Dockside demo</title><h1>Hello from dockside-demo-web</h1><p>This page is served by busybox httpd in a demo container of the Dockside sandbox engine. Remove the demo containers from the Containers page, or with <code>scripts/sandbox.sh demo-remove</code>.</p>'
  local cmd="mkdir -p /srv && echo \"\$PAGE\" >/srv/index.html && exec httpd -f -p 80 -h /srv"
  dk container inspect dockside-demo-web >/dev/null 2>&1 && return 0
  if ! demo_run dockside-demo-web --restart unless-stopped -e "PAGE=$page" -p "127.0.0.1:$DEMO_WEB_PORT:80" \
    dockside/web sh -c "$cmd" 2>/dev/null; then
    # The port is taken (the container was created but could not start): let the engine pick one.
    dk rm -f dockside-demo-web >/dev/null 2>&1 || true
    demo_run dockside-demo-web --restart unless-stopped -e "PAGE=$page" -p "127.0.0.1::80" dockside/web sh -c "$cmd"
  fi
}

seed_demo() {
  local port
  log "creating the demo containers (label $DEMO_LABEL)…"
  demo_web
  demo_run dockside-demo-clock --restart unless-stopped dockside/busybox sh -c \
    'trap "exit 0" TERM INT; i=0; while true; do i=$((i+1)); echo "tick $i at $(date -u +%H:%M:%S)"; if [ $((i%5)) -eq 0 ]; then echo "tick $i: every fifth line goes to stderr" >&2; fi; sleep 1 & wait $!; done'
  demo_run dockside-demo-shell --restart unless-stopped -it dockside/busybox sh
  if ! dk container inspect dockside-demo-failed >/dev/null 2>&1; then
    demo_run dockside-demo-failed dockside/busybox sh -c \
      'echo "connecting to the database…"; echo "error: no database here (this container exits with code 3 on purpose)" >&2; exit 3'
    dk wait dockside-demo-failed >/dev/null
  fi
  if ! dk container inspect dockside-demo-paused >/dev/null 2>&1; then
    demo_run dockside-demo-paused dockside/busybox sh -c 'trap "exit 0" TERM INT; while true; do sleep 1 & wait $!; done'
    dk pause dockside-demo-paused >/dev/null
  fi
  port="$(dk port dockside-demo-web 80/tcp 2>/dev/null | head -n 1)" || true
  log "demo ready: a web page at http://${port:-127.0.0.1:?}/, a clock, a shell, a failed and a paused container"
}

cmd_demo() {
  engine_answers || die "the sandbox engine does not answer at $HOST; start it first: $0 start"
  lock
  seed
  seed_demo
}

cmd_demo_remove() {
  local ids
  engine_answers || die "the sandbox engine does not answer at $HOST"
  mapfile -t ids < <(dk ps -aq --filter "label=$DEMO_LABEL")
  if [ "${#ids[@]}" = 0 ]; then
    log "no demo containers"
    return 0
  fi
  dk rm -f -v "${ids[@]}" >/dev/null
  log "removed ${#ids[@]} demo containers"
}

# ---------------------------------------------------------------- stop

wait_gone() { # wait_gone SECONDS PID...
  local secs="$1" i p any
  shift
  for ((i = 0; i < secs * 4; i++)); do
    any=0
    for p in "$@"; do alive "$p" && any=1; done
    [ "$any" = 0 ] && return 0
    sleep 0.25
  done
  return 1
}

kill_leftovers() {
  local pids=() p c
  for p in "$@" $(leftover_pids); do alive "$p" && pids+=("$p"); done
  [ "${#pids[@]}" = 0 ] && return 0
  need_root "stop"
  log "cleaning up leftover processes: ${pids[*]}"
  for p in "${pids[@]}"; do
    case "$(cmdline "$p")" in
      *containerd-shim*)
        # the container's init (and with it its pid namespace) first, then the shim
        for c in $(children_of "$p"); do kill -KILL "$c" 2>/dev/null || true; done ;;
    esac
  done
  kill -TERM "${pids[@]}" 2>/dev/null || true
  if ! wait_gone 5 "${pids[@]}"; then
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait_gone 5 "${pids[@]}" || log "warning: some processes did not exit: ${pids[*]}"
  fi
}

unmount_under() {
  local mp
  [ -d "$DIR" ] || return 0
  # mount points under $DIR, deepest first (mountinfo field 5, octal-escaped)
  awk -v d="$DIR" '{ mp = $5; gsub(/\\040/, " ", mp); if (mp == d || index(mp, d "/") == 1) print length(mp) "\t" mp }' \
    /proc/self/mountinfo | sort -rn | cut -f2- | while IFS= read -r mp; do
      umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || log "warning: could not unmount $mp"
    done
}

cmd_stop() {
  local purge=0 pid kids=() bridges=()
  case "${1:-}" in
    "") ;;
    --purge) purge=1 ;;
    *) usage ;;
  esac
  if [ ! -d "$DIR" ]; then
    log "not running (no $DIR)"
    return 0
  fi
  lock
  if pid="$(dockerd_pid)"; then
    need_root "stop"
    # docker-proxy and containerd are dockerd's children; remember them in case they linger
    mapfile -t kids < <(children_of "$pid")
    mapfile -t bridges < <(user_network_bridges)
    if [ "$purge" = 1 ]; then
      # Everything here is about to be deleted, so nothing is gained by letting dockerd stop each
      # container gracefully: a main process that ignores SIGTERM (sleep, sh, httpd as PID 1) would
      # hold the shutdown for the container's whole stop timeout (10 s by default).
      timeout 10 docker -H "$HOST" ps -q 2>/dev/null | xargs -r timeout 10 docker -H "$HOST" kill >/dev/null 2>&1 || true
    fi
    log "stopping dockerd (pid $pid)…"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$STOP_WAIT" "$pid"; then
      log "dockerd did not exit within ${STOP_WAIT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone 5 "$pid" || log "warning: dockerd pid $pid still there"
    fi
  else
    log "dockerd not running"
  fi
  kill_leftovers "${kids[@]}"
  if [ "$(id -u)" = 0 ]; then
    teardown_network "${bridges[@]}"
    # mounts a killed dockerd left behind (container rootfs, netns, the data-root bind)
    unmount_under
  fi
  rm -f "$PIDFILE" 2>/dev/null || true
  if [ "$purge" = 1 ]; then
    need_root "stop --purge"
    log "removing $DIR"
    rm -rf "$DIR"
  fi
  log "stopped"
}

# ---------------------------------------------------------------- status / env

cmd_status() {
  local pid
  pid="$(dockerd_pid || true)"
  if engine_answers; then
    echo "sandbox: running (pid ${pid:-?}, $HOST, engine $(timeout 10 docker -H "$HOST" version --format '{{.Server.Version}}' 2>/dev/null))"
    return 0
  fi
  if [ -S "$SOCK" ] && [ ! -w "$SOCK" ]; then
    echo "sandbox: no permission on $SOCK (dockerd pid ${pid:-?}); run as root or join its group"
  elif [ -n "$pid" ]; then
    echo "sandbox: dockerd pid $pid is up but does not answer on $HOST"
  else
    echo "sandbox: not running ($DIR)"
  fi
  return 1
}

cmd_env() {
  echo "export DOCKER_HOST=$HOST"
}

case "${1:-}" in
  start) shift; [ $# -le 1 ] || usage; cmd_start "$@" ;;
  stop) shift; [ $# -le 1 ] || usage; cmd_stop "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  demo) [ $# -eq 1 ] || usage; cmd_demo ;;
  demo-remove) [ $# -eq 1 ] || usage; cmd_demo_remove ;;
  *) usage ;;
esac
