#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL cluster for development, tests and benchmarks, and prints its
# connection string on stdout (everything else goes to stderr):
#
#   export ConnectionStrings__Postgres="$(deploy/local-postgres.sh)"
#
# Installs Debian's postgresql with apt when initdb/pg_ctl are absent. The cluster lives in .data/pg-<port>
# (git-ignored), listens on 127.0.0.1 only, on a fixed non-default port (QTICKETS_PG_PORT, default 55432),
# with its own socket directory, so it never clashes with a system cluster. Idempotent: a running cluster
# is reused. `deploy/local-postgres.sh stop` stops it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${QTICKETS_PG_PORT:-55432}"
database="${QTICKETS_PG_DATABASE:-qtickets_sync}"
log() { echo "[local-postgres] $*" >&2; }

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
    pg_config --bindir; return
  fi
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
}

bindir="$(find_bindir || true)"

# Where the cluster of this checkout and port lives: in the checkout, or (when the postgres user cannot reach the
# checkout, e.g. a private temp folder) in a folder named after the checkout, so clones do not share one.
data="${QTICKETS_PG_DIR:-$repo/.data/pg-$port}"
fallback_data="/var/tmp/qtickets-sync-pg-$(echo -n "$repo" | sha1sum | cut -c1-12)-$port"

# Stopping looks for a running cluster and touches nothing else: no install, no user, no folders.
if [ "${1:-}" = "stop" ]; then
  # pg_ctl refuses to run as root; as root the cluster is the postgres user's (see below).
  stop_as=()
  if [ "$(id -u)" -eq 0 ]; then stop_as=(runuser -u postgres --); fi
  for candidate in "$data" "$fallback_data"; do
    if [ -n "$bindir" ] && [ -f "$candidate/postmaster.pid" ] \
      && "${stop_as[@]}" "$bindir/pg_ctl" -D "$candidate" status >/dev/null 2>&1; then
      "${stop_as[@]}" "$bindir/pg_ctl" -D "$candidate" -m fast -w stop >/dev/null
      log "stopped the cluster at $candidate (127.0.0.1:$port)"
      exit 0
    fi
  done
  log "no cluster running at $data (127.0.0.1:$port)"
  exit 0
fi

if [ -z "$bindir" ]; then
  log "PostgreSQL not found; installing Debian's postgresql with apt"
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  bindir="$(find_bindir)"
fi

# initdb and postgres refuse to run as root; as root we run them as the postgres user.
as_owner=()
owner="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  owner=postgres
  as_owner=(runuser -u postgres --)
fi

mkdir -p "$(dirname "$data")"
if [ "${as_owner[*]}" != "" ] && ! "${as_owner[@]}" test -x "$(dirname "$data")" 2>/dev/null; then
  data="$fallback_data"
  log "checkout not reachable by the postgres user; using $data"
fi
socket="$data-socket"
mkdir -p "$data" "$socket"
chown "$owner" "$data" "$socket"
chmod 700 "$data"

pg() { "${as_owner[@]}" "$bindir/$@"; }

if [ ! -f "$data/PG_VERSION" ]; then
  log "creating cluster in $data"
  # initdb's twenty lines of progress are shown only when it fails.
  initdb_output="$(mktemp)"
  if ! pg initdb -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$initdb_output" 2>&1 \
    && ! pg initdb -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$initdb_output" 2>&1; then
    cat "$initdb_output" >&2
    rm -f "$initdb_output"
    exit 1
  fi
  rm -f "$initdb_output"
  cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket'
max_connections = 300
shared_buffers = 256MB
# Bulk upserts would otherwise checkpoint every few seconds; durability settings stay at their defaults.
max_wal_size = 4GB
# Pages a backend writes out are handed to the kernel at once, not left dirty for its 30 s writeback: after a
# burst of webhooks that writeback (hundreds of MB) stalled every commit's WAL fsync (docs/decisions/0013).
backend_flush_after = 256kB
# The WAL writer flushes what the applier's large transactions write as they go, so a webhook's small commit
# does not have to flush a megabyte of someone else's WAL first (docs/decisions/0013).
wal_writer_delay = 10ms
wal_writer_flush_after = 0
CONF
fi

if pg pg_ctl -D "$data" status >/dev/null 2>&1; then
  log "reusing running cluster on 127.0.0.1:$port"
else
  # Something else on the port (another cluster, another program) is the commonest reason a start fails, and
  # pg_ctl only says "could not start server": say it plainly, before and after.
  port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
  if port_taken; then
    log "port $port on 127.0.0.1 is already taken by another program; set QTICKETS_PG_PORT to a free port"
    exit 1
  fi
  log "starting cluster on 127.0.0.1:$port"
  if ! pg pg_ctl -D "$data" -l "$data/server.log" -s -w -t 60 start >&2; then
    log "the cluster did not start; the last lines of $data/server.log:"
    "${as_owner[@]}" tail -n 20 "$data/server.log" >&2 || true
    if port_taken; then
      log "port $port on 127.0.0.1 is taken by another program; set QTICKETS_PG_PORT to a free port"
    fi
    exit 1
  fi
fi

psql_cmd=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA)
if [ "$("${psql_cmd[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  "${psql_cmd[@]}" -d postgres -c "CREATE DATABASE \"$database\"" >&2
fi

echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Database=$database"
