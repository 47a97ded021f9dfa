# Shared helpers of bench/run.sh and bench/soak.sh (sourced, not run).
# Expects: $repo (checkout root), $out (artifact folder for this run).

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The bench's own cluster of deploy/local-postgres.sh (in this checkout's .data/pg, port 55439 unless
# QTICKETS_PG_PORT says otherwise): the soak restarts PostgreSQL, and nobody else's tests may feel that.
# PG* variables point psql at it.
export QTICKETS_PG_PORT="${QTICKETS_PG_PORT:-55439}"
setup_postgres() {
  admin_cs="$("$repo/deploy/local-postgres.sh")"
  PGHOST="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$admin_cs")"
  PGPORT="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$admin_cs")"
  PGUSER=postgres PGPASSWORD=postgres
  export PGHOST PGPORT PGUSER PGPASSWORD
}

q() { psql -X -v ON_ERROR_STOP=1 -qtA "$@"; }

# fresh_db NAME [TEMPLATE] -> connection string of a new database of that name (dropped first if it exists),
# empty or copied from TEMPLATE.
fresh_db() {
  q -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1
  q -d postgres -c "CREATE DATABASE \"$1\"${2:+ TEMPLATE \"$2\"}" >/dev/null
  echo "Host=$PGHOST;Port=$PGPORT;Username=postgres;Password=postgres;Database=$1;Maximum Pool Size=100"
}

# The service's schema, migrated once per bench run; scenario databases are copies of it (CREATE DATABASE …
# TEMPLATE is a file copy, much faster than starting the service's migrator every run). Sets $schema.
prepare_schema_template() {
  schema=bench_schema
  migrate "$(fresh_db $schema)"
}

build_release() {
  log "Release build of the solution (service, emulator, bench tools)"
  (cd "$repo" && dotnet build Qtickets.Sync.sln -c Release -nologo -v quiet) >"$out/build.log" 2>&1 \
    || { tail -n 30 "$out/build.log" >&2; die "Release build failed (log: $out/build.log)"; }
  api_dll="$repo/src/Api/bin/Release/net10.0/Qtickets.Sync.Api.dll"
  emulator_dll="$repo/tests/Qtickets.Emulator/bin/Release/net10.0/Qtickets.Emulator.dll"
  load_dll="$repo/bench/Qtickets.Sync.Bench.Load/bin/Release/net10.0/Qtickets.Sync.Bench.Load.dll"
  baseline_dll="$repo/bench/Qtickets.Sync.Bench.Baseline/bin/Release/net10.0/Qtickets.Sync.Bench.Baseline.dll"
  soak_dll="$repo/bench/Qtickets.Sync.Bench.Soak/bin/Release/net10.0/Qtickets.Sync.Bench.Soak.dll"
}

ensure_wrk() {
  command -v wrk >/dev/null && return
  log "wrk not found; installing it with apt"
  local sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >&2 \
    || die "could not install wrk (apt-get install -y wrk)"
}

# Ports of the bench's processes: QTICKETS_BENCH_PORT (default 5390) for the service, +1 the baseline app,
# +2 the emulator. Other people's processes on this machine may hold ports, so each is checked before use.
bench_port="${QTICKETS_BENCH_PORT:-5390}"
service_port=$bench_port
baseline_port=$((bench_port + 1))
emulator_port=$((bench_port + 2))

ensure_port_free() {
  if ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; then
    die "port $1 is already in use ($(ss -Hltnp "sport = :$1" | grep -o 'users:.*' | head -n 1)); set QTICKETS_BENCH_PORT to another base"
  fi
}

# wait_http URL SECONDS [PID] -> 0 once URL answers anything below 500, 1 on timeout or when PID died.
wait_http() {
  local url="$1" deadline=$((SECONDS + $2)) pid="${3:-}"
  while [ $SECONDS -lt $deadline ]; do
    local code; code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)"
    if [ -n "$code" ] && [ "$code" != "000" ] && [ "$code" -lt 500 ]; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.2
  done
  return 1
}

# Settings every service process of the bench gets; callers add their own as NAME=VALUE arguments.
bench_secret="bench-webhook-secret"
# Keys the hashes erasures are remembered by (PersonalData:HashKey); a bench database holds no real person.
export PersonalData__HashKey="bench-personal-data-hash-key-0123456789"
admin_key="bench-admin-key-0123456789"
read_key="bench-read-key-0123456789"
emulator_token="bench-emulator-token"

# start_service PORT CONNECTION_STRING LOGNAME [NAME=VALUE ...] -> sets service_pid; fails with the log tail.
start_service() {
  local port="$1" cs="$2" name="$3"; shift 3
  ensure_port_free "$port"
  env ConnectionStrings__Postgres="$cs" \
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning \
    Qtickets__Token="${QT_TOKEN:-$emulator_token}" \
    Qtickets__BaseUrl="${QT_BASE_URL:-http://127.0.0.1:9/api/rest/v1/}" \
    Qtickets__WebhookSecrets__0="$bench_secret" \
    Auth__ApiKeys__0__Key="$admin_key" Auth__ApiKeys__0__Scopes=admin \
    Auth__ApiKeys__1__Key="$read_key" Auth__ApiKeys__1__Scopes=read \
    "$@" \
    dotnet "$api_dll" --contentRoot "$repo/src/Api" >>"$out/$name.log" 2>&1 &
  service_pid=$!
  if ! wait_http "http://127.0.0.1:$port/health/live" 90 "$service_pid"; then
    tail -n 20 "$out/$name.log" >&2
    die "the service did not start (log: $out/$name.log)"
  fi
}

stop_pid() {
  local pid="$1"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
}

# migrate CONNECTION_STRING: the service's own schema, via its `migrate` verb.
migrate() {
  ConnectionStrings__Postgres="$1" Qtickets__Token=x Qtickets__WebhookSecrets__0="$bench_secret" Logging__LogLevel__Default=Warning \
    dotnet "$api_dll" --contentRoot "$repo/src/Api" migrate >>"$out/migrate.log" 2>&1 \
    || { tail -n 20 "$out/migrate.log" >&2; die "migration failed"; }
}

# start_emulator PORT ORDERS WEBHOOK_URL [extra args] -> sets emulator_pid, or returns 1 when the emulator is
# not built, does not start or does not list orders, with the reason in $missing.
start_emulator() {
  local port="$1" orders="$2" webhook="$3"; shift 3
  [ -f "$emulator_dll" ] || { missing="emulator not built ($emulator_dll)"; return 1; }
  ensure_port_free "$port"
  dotnet "$emulator_dll" --urls "http://127.0.0.1:$port" --Emulator:Orders="$orders" \
    --Emulator:Token="$emulator_token" --Emulator:WebhookUrl="$webhook" \
    --Emulator:WebhookSecret="$bench_secret" "$@" >>"$out/emulator.log" 2>&1 &
  emulator_pid=$!
  wait_http "http://127.0.0.1:$port/" 300 "$emulator_pid" || { missing="emulator did not start (log: $out/emulator.log)"; return 1; }
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $emulator_token" \
    "http://127.0.0.1:$port/api/rest/v1/orders?page=1&per_page=1" || true)"
  if [ "$code" != "200" ]; then
    stop_pid "$emulator_pid"
    missing="the emulator answered HTTP $code to GET /api/rest/v1/orders (log: $out/emulator.log)"
    return 1
  fi
}

# record KEY RUN VALUE: one measured figure (results.jsonl, aggregated by the report).
record() { jq -cn --arg k "$1" --argjson r "$2" --argjson v "$3" '{key:$k,run:$r,value:$v}' >>"$out/results.jsonl"; }

# run_job DB KIND -> waits for the run and prints its sync_runs row as JSON
run_job() {
  local db="$1" kind="$2" id status
  id="$(curl -s -X POST "http://127.0.0.1:$service_port/api/v1/sync/reconcile" -H "X-Api-Key: $admin_key" \
    -H 'Content-Type: application/json' -d "{\"kind\":\"$kind\"}" | jq -r '.runId')"
  [ -n "$id" ] && [ "$id" != null ] || die "could not trigger a $kind run"
  for _ in $(seq 1 36000); do
    status="$(q -d "$db" -c "SELECT status FROM sync_runs WHERE id = $id")"
    case "$status" in succeeded|failed|skipped) break ;; esac
    sleep 0.1
  done
  q -d "$db" -c "SELECT row_to_json(r) FROM (SELECT status, list_requests, get_requests, server_paid_filter, server_updated_filter,
    server_order, server_page_size, extract(epoch FROM finished_at - started_at) AS seconds, error FROM sync_runs WHERE id = $id) r"
}
