#!/usr/bin/env bash
# Builds Dockside's seed images into the engine that DOCKER_HOST (or the docker
# CLI's current context) points at, without any registry:
#   dockside/busybox:latest  rootfs made from the host's static busybox (docker import)
#   dockside/web:latest      busybox httpd serving a small page on port 80
#   dockside/logspam:latest  prints a numbered line every 0.5 s (every 5th also to stderr);
#                            exits on SIGTERM (dockside/web's httpd, as PID 1, ignores it:
#                            `docker stop` waits out its timeout unless run with --init)
# Only images that are missing, or were built by an older version of this script
# (label dockside.seed.version), are built. All carry the label dockside.seed=true.
#
# Usage: scripts/seed-images.sh [--force]
#   --force   rebuild all seeds even if present
# Env: DOCKSIDE_BUSYBOX  path of a statically linked busybox (default /bin/busybox)
set -euo pipefail

SEED_VERSION=2
FORCE=0
case "${1:-}" in
  "") ;;
  --force) FORCE=1 ;;
  -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

PREFIX="${DOCKSIDE_LOG_PREFIX:-seed}"
log() { echo "$PREFIX: $*" >&2; }
die() { echo "$PREFIX: error: $*" >&2; exit 1; }

command -v docker >/dev/null 2>&1 || die "docker CLI not found"
# The legacy builder: BuildKit/buildx is not installed with Debian's docker.io.
export DOCKER_BUILDKIT=0
export DOCKER_CLI_HINTS=false

BUSYBOX="${DOCKSIDE_BUSYBOX:-/bin/busybox}"

WORK=""
cleanup() { if [ -n "$WORK" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT
workdir() {
  if [ -z "$WORK" ]; then WORK="$(mktemp -d "${TMPDIR:-/tmp}/dockside-seed.XXXXXX")"; fi
}

# 0 when IMAGE exists and was made by this SEED_VERSION.
is_current() {
  local v
  [ "$FORCE" = 0 ] || return 1
  v="$(docker image inspect -f '{{index .Config.Labels "dockside.seed.version"}}' "$1" 2>/dev/null)" || return 1
  [ "$v" = "$SEED_VERSION" ]
}

build_busybox() {
  [ -x "$BUSYBOX" ] || die "$BUSYBOX not found (apt-get install busybox-static)"
  local linkage="statically linked"
  if command -v ldd >/dev/null 2>&1; then linkage="$(ldd "$BUSYBOX" 2>&1 || true)"; fi
  case "$linkage" in
    *"not a dynamic executable"*|*"statically linked"*) ;;
    *) die "$BUSYBOX is dynamically linked; a static one is needed (apt-get install busybox-static)" ;;
  esac
  workdir
  local root="$WORK/rootfs" applet
  mkdir -p "$root"/{bin,etc,root,tmp,var/www,var/log,usr,proc,sys,dev,home}
  chmod 1777 "$root/tmp"
  chmod 700 "$root/root"
  # usr-merged layout so /usr/bin/env, /sbin/ip etc. resolve too.
  ln -s bin "$root/sbin"
  ln -s ../bin "$root/usr/bin"
  ln -s ../bin "$root/usr/sbin"
  cp "$BUSYBOX" "$root/bin/busybox"
  chmod 755 "$root/bin/busybox"
  for applet in $("$BUSYBOX" --list); do
    case "$applet" in busybox|*/*|"") continue ;; esac
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
  cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
nobody:x:65534:
EOF
  echo "dockside" >"$root/etc/hostname"
  : >"$root/etc/hosts"
  : >"$root/etc/resolv.conf"
  echo "<!doctype html><title>dockside</title><p>busybox</p>" >"$root/var/www/index.html"
  tar --numeric-owner --owner=0 --group=0 -C "$root" -c . |
    docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'LABEL dockside.seed=true' \
      --change "LABEL dockside.seed.version=$SEED_VERSION" \
      --change 'CMD ["/bin/sh"]' \
      --message 'dockside seed: busybox rootfs' \
      - dockside/busybox:latest >/dev/null
}

# build_from_dockerfile TAG  (Dockerfile text on stdin, built in an empty temp context)
build_from_dockerfile() {
  local tag="$1" ctx
  workdir
  ctx="$(mktemp -d "$WORK/ctx.XXXXXX")"
  cat >"$ctx/Dockerfile"
  if [ -f "$WORK/index.html" ]; then cp "$WORK/index.html" "$ctx/index.html"; fi
  if ! out="$(docker build -q --force-rm -t "$tag" "$ctx" 2>&1)"; then
    echo "$out" >&2
    die "docker build of $tag failed"
  fi
}

build_web() {
  workdir
  cat >"$WORK/index.html" <<'EOF'
<!doctype html>
<html>
<head><meta charset="utf-8"><title>Dockside test page</title></head>
<body>
<h1>Hello from dockside/web</h1>
<p>Served by busybox httpd inside a Dockside seed container.</p>
</body>
</html>
EOF
  build_from_dockerfile dockside/web:latest <<EOF
FROM dockside/busybox:latest
LABEL dockside.seed=true dockside.seed.version=$SEED_VERSION
COPY index.html /var/www/index.html
EXPOSE 80
CMD ["httpd","-f","-v","-p","80","-h","/var/www"]
EOF
  rm -f "$WORK/index.html"
}

build_logspam() {
  build_from_dockerfile dockside/logspam:latest <<EOF
FROM dockside/busybox:latest
LABEL dockside.seed=true dockside.seed.version=$SEED_VERSION
CMD ["sh","-c","trap 'exit 0' TERM INT; i=0; while true; do i=\$((i+1)); echo \"line \$i\"; if [ \$((i%5)) -eq 0 ]; then echo \"warn \$i\" >&2; fi; sleep 0.5; done"]
EOF
}

docker version >/dev/null 2>&1 || die "no engine answers at ${DOCKER_HOST:-the current docker context}"

rebuilt_base=0
if ! is_current dockside/busybox:latest; then
  log "seeding dockside/busybox…"
  build_busybox
  rebuilt_base=1
fi
for name in web logspam; do
  if [ "$rebuilt_base" = 1 ] || ! is_current "dockside/$name:latest"; then
    log "seeding dockside/$name…"
    "build_$name"
  fi
done
# Dangling leftovers from a rebuild (old untagged seed layers) are removed.
docker image prune -f --filter label=dockside.seed=true >/dev/null 2>&1 || true
