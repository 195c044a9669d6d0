# Shared helpers for the project's scripts. Sourced, not run.
# Installs what a fresh Debian machine lacks, using only Debian's and npm's registries.

set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\n==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; return 1; fi
}

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The NHS.UK design system (and, for tests, playwright-core and axe-core) from npm.
npm_install() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -f "$REPO_ROOT/node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css" ] \
     || [ ! -d "$REPO_ROOT/node_modules/playwright-core" ] \
     || [ "$REPO_ROOT/package-lock.json" -nt "$REPO_ROOT/node_modules/.package-lock.json" ]; then
    log "Installing npm packages"
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Starts a throwaway PostgreSQL on a free loopback port; exports MNVP_TEST_POSTGRES_URL.
# Call pg_stop when done (the scripts trap it on exit).
pg_start() {
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -z "$bindir" ]; then apt_install postgresql; bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"; fi
  PG_DIR="$(mktemp -d /tmp/mnvp-pg.XXXXXX)"
  PG_PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || echo 55432)"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; run=(runuser -u postgres --); fi
  log "Starting PostgreSQL ($("$bindir/postgres" --version)) on 127.0.0.1:$PG_PORT"
  "${run[@]}" "$bindir/initdb" -D "$PG_DIR/data" -A trust -U mnvp -E UTF8 >/dev/null
  "${run[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
    "-p $PG_PORT -h 127.0.0.1 -k $PG_DIR -c fsync=off -c max_connections=400" start >/dev/null
  PG_CTL=("${run[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data")
  export MNVP_TEST_POSTGRES_URL="postgres://mnvp@127.0.0.1:$PG_PORT/postgres"
  export PATH="$bindir:$PATH"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_CTL[@]}" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
