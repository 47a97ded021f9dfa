#!/usr/bin/env bash
# Many accounts on one deployment (issues 11, 30): one emulator serving N organizers (a token each), the service with
# N accounts and the default worker count, every account's incremental reconcile on a one-minute cron. Measures
# how late each scheduled run starts (started_at against the minute it was due) and how long runs take, first with
# one instance (Jobs:Role=all), then with a second instance in the worker role sharing the load through Hangfire;
# and per instance its start-up time (process start until /health/live answers, which is after the recurring jobs
# are registered: hosted services start before the server listens; the first instance also on a restart, when
# its jobs exist) and its working set (VmRSS at the end of the phase, VmHWM its peak).
#
#   bench/accounts.sh                       200 accounts, 4 cycles per phase; writes docs/benchmarks-accounts.md
#   bench/accounts.sh --accounts 1000 --cycles 3   issue 30's size
#   bench/accounts.sh --one-worker          one instance with Jobs:WorkerCount=1 only: what one worker holds;
#                                           writes docs/benchmarks-accounts-one-worker.md
#
# Uses QTICKETS_PG_PORT (its own PostgreSQL cluster) and QTICKETS_BENCH_PORT (service; +3 the second instance,
# +2 the emulator). The cron is every minute (not the default five) so a few cycles fit in minutes: a run that
# starts within a minute of its due time here starts on time under the default */5 as well.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
accounts=200
cycles=4
one_worker=
while [ $# -gt 0 ]; do
  case "$1" in
    --accounts) accounts="$2"; shift ;;
    --cycles) cycles="$2"; shift ;;
    --one-worker) one_worker=1 ;;
    *) echo "usage: bench/accounts.sh [--accounts 200] [--cycles 4] [--one-worker]" >&2; exit 2 ;;
  esac
  shift
done
out="${out:-$repo/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)-accounts}"
mkdir -p "$out"
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
pids=()
trap 'for pid in "${pids[@]}"; do stop_pid "$pid"; done' EXIT
never="0 0 31 2 *"
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
setup_postgres
build_release
prepare_schema_template
worker_port=$((service_port + 3))

log "emulator: $accounts organizers of 200 orders each"
start_emulator "$emulator_port" 2000 "" --Emulator:Organizers="$accounts" --Emulator:OrdersPerOrganizer=200 || die "$missing"
pids+=("$emulator_pid")

# The accounts as settings: organizer k answers to "$emulator_token-k" (organizer 0 to the token itself).
account_settings=()
for k in $(seq 0 $((accounts - 1))); do
  token="$emulator_token"; [ "$k" -eq 0 ] || token="$emulator_token-$k"
  account_settings+=("Accounts__${k}__Name=org-$k" "Accounts__${k}__Token=$token"
    "Accounts__${k}__BaseUrl=http://127.0.0.1:$emulator_port/api/rest/v1/" "Accounts__${k}__WebhookSecrets__0=$bench_secret-$k")
done
common=(Qtickets__Token= Reconcile__IncrementalCron="* * * * *" Reconcile__FullSweepCron="$never"
  Reconcile__CatalogCron="$never" Reconcile__InitialHorizonHours=48 "${account_settings[@]}")

# measure DB FROM TO -> one table row per cycle of scheduled incremental runs due in [FROM, TO). A run is due at
# the minute Hangfire created its job (the recurring trigger); its delay is from that minute to its start.
measure() {
  q -d "$1" -c "
    WITH runs AS (
      SELECT r.*, date_trunc('minute', j.createdat) AT TIME ZONE 'UTC' AS due,
             extract(epoch FROM r.started_at - date_trunc('minute', j.createdat) AT TIME ZONE 'UTC') AS delay,
             extract(epoch FROM r.finished_at - r.started_at) AS seconds
      FROM sync_runs r JOIN hangfire.job j ON j.id = r.hangfire_job_id::bigint
      WHERE r.kind = 'incremental' AND r.trigger = 'schedule'
        AND j.createdat >= '$2'::timestamptz AT TIME ZONE 'UTC' AND j.createdat < '$3'::timestamptz AT TIME ZONE 'UTC')
    SELECT '| ' || to_char(due AT TIME ZONE 'UTC', 'HH24:MI') || ' | ' || count(*) || ' | '
           || count(*) FILTER (WHERE status = 'succeeded') || ' | ' || count(DISTINCT host) || ' | '
           || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY delay)::numeric, 1) || ' s | '
           || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY delay)::numeric, 1) || ' s | '
           || round(max(delay)::numeric, 1) || ' s | '
           || count(*) FILTER (WHERE delay > 60) || ' | '
           || round((avg(seconds) * 1000)::numeric) || ' ms |'
    FROM runs GROUP BY due ORDER BY due"
}

# phase NAME DB -> waits for $cycles full cycles after the first (which registers accounts and loads orders)
phase() {
  local name="$1" db="$2" first from to
  first=$(( ($(date -u +%s) / 60 + 1) * 60 ))
  from="$(date -u -d "@$((first + 60))" +%Y-%m-%dT%H:%M:%SZ)"
  to="$(date -u -d "@$((first + 60 + cycles * 60))" +%Y-%m-%dT%H:%M:%SZ)"
  log "$name: measuring the cycles from $from to $to (the first cycle loads the orders)"
  # The last cycle's runs may start up to a minute or two late: wait for them too.
  while [ "$(date -u +%s)" -lt $((first + 60 + cycles * 60 + 110)) ]; do sleep 5; done
  measure "$db" "$from" "$to" >"$out/$name.md"
  q -d "$db" -c "SELECT count(*) FROM sync_runs WHERE kind = 'incremental' AND status = 'failed' AND started_at >= '$from'" >"$out/$name-failed.txt"
  curl -s -H "X-Api-Key: $read_key" "http://127.0.0.1:$service_port/api/v1/sync/status" >"$out/$name-status.json"
}

# timed_start NAME PORT CS SETTINGS... -> starts the service as start_service does; sets $service_pid and records
# NAME.startup_s (seconds from launch until /health/live answers).
timed_start() {
  local name="$1" port="$2" cs="$3"; shift 3
  local t0; t0="$(date +%s.%N)"
  start_service "$port" "$cs" "$name" "$@"
  awk -v now="$(date +%s.%N)" -v t0="$t0" 'BEGIN { printf "%.2f\n", now - t0 }' >"$out/$name.startup_s"
}

# memory NAME PID -> NAME.memory: "VmRSS VmHWM" in MB.
memory() {
  awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 } END { printf "%d %d\n", rss / 1024, hwm / 1024 }' "/proc/$2/status" >"$out/$1.memory"
}

# instance_row LABEL NAME -> a table row: start-up, working set at the end, peak.
instance_row() {
  local rss=– hwm=– r h
  if [ -e "$out/$2.memory" ]; then read -r r h <"$out/$2.memory"; rss="$r MB" hwm="$h MB"; fi
  printf '| %s | %.1f s | %s | %s |\n' "$1" "$(cat "$out/$2.startup_s")" "$rss" "$hwm"
}

instance_head() {
  echo "| Instance | Start-up (launch → /health/live) | Working set at the end (VmRSS) | Peak (VmHWM) |"
  echo "|---|---|---|---|"
}

table_head() {
  echo "| Due | Runs | Succeeded | Hosts | Median delay | p95 delay | Max delay | Late (> 60 s) | Mean run |"
  echo "|---|---|---|---|---|---|---|---|---|"
}

if [ -n "$one_worker" ]; then
  db=bench_accounts_one
  cs="$(fresh_db $db $schema)"
  log "one instance with Jobs:WorkerCount=1, $accounts accounts"
  timed_start service-accounts-one "$service_port" "$cs" Jobs__WorkerCount=1 "${common[@]}"
  pids+=("$service_pid"); one=$service_pid
  phase one $db
  memory service-accounts-one "$one"
  stop_pid "$one"
  {
    echo "# Benchmarks — many accounts on one worker (issue 11)"
    echo
    echo "Written by \`bench/accounts.sh --one-worker\` — do not edit by hand. Started $started_at, commit"
    echo "$(git -C "$repo" rev-parse --short HEAD), $(nproc) cores (shared with other work). Raw results: \`${out#"$repo"/}\`."
    echo "As in docs/benchmarks-accounts.md ($accounts accounts, one-minute incremental cron, first cycle left out), but"
    echo "the only instance has \`Jobs:WorkerCount=1\`."
    echo
    table_head
    cat "$out/one.md"
    echo
    echo "Failed runs: $(cat "$out/one-failed.txt"). Accounts the status reported late at the end:"
    echo "$(jq -r '[.accounts[] | select(.late)] | length' "$out/one-status.json")."
    echo
    instance_head
    instance_row "the only one" service-accounts-one
  } >"$repo/docs/benchmarks-accounts-one-worker.md"
  log "written docs/benchmarks-accounts-one-worker.md"
  exit 0
fi

db=bench_accounts
cs="$(fresh_db $db $schema)"
log "one instance (Jobs:Role=all, default Jobs:WorkerCount), $accounts accounts"
timed_start service-accounts "$service_port" "$cs" "${common[@]}"
pids+=("$service_pid"); single=$service_pid
phase single $db
memory service-accounts "$single"
stop_pid "$single"
# The same instance again on the same database: its recurring jobs are registered already.
timed_start service-accounts-restart "$service_port" "$cs" "${common[@]}"
pids+=("$service_pid")
stop_pid "$service_pid"

db=bench_accounts_two
cs="$(fresh_db $db $schema)"
log "two instances: the same plus a second one with Jobs:Role=worker"
timed_start service-accounts-two "$service_port" "$cs" "${common[@]}"
pids+=("$service_pid"); first_pid=$service_pid
timed_start worker-accounts-two "$worker_port" "$cs" Jobs__Role=worker "${common[@]}"
pids+=("$service_pid"); worker_pid=$service_pid
phase two $db
memory service-accounts-two "$first_pid"; memory worker-accounts-two "$worker_pid"
stop_pid "$worker_pid"; stop_pid "$first_pid"

late_single="$(jq -r '[.accounts[] | select(.late)] | length' "$out/single-status.json")"
late_two="$(jq -r '[.accounts[] | select(.late)] | length' "$out/two-status.json")"
reason="$(jq -r '[.accounts[] | select(.late) | .reasons[]] | first // "none"' "$out/single-status.json")"
{
  echo "# Benchmarks — many accounts (issues 11, 30)"
  echo
  echo "Written by \`bench/accounts.sh\` — do not edit by hand. Started $started_at, commit"
  echo "$(git -C "$repo" rev-parse --short HEAD), $(nproc) cores (shared with other work). Raw results: \`${out#"$repo"/}\`."
  echo
  echo "One emulator serves $accounts organizers (200 orders each, a token each); the service has $accounts accounts,"
  echo "the default \`Jobs:WorkerCount\` (2), every account's incremental reconcile on \`* * * * *\` (full sweep and"
  echo "catalog off), \`Qtickets:RequestsPerSecond\` 5 per account. Each row is one cycle (all runs due that minute);"
  echo "*delay* is when a run started after the minute it was due. The first cycle after start (which loads each"
  echo "account's orders) is left out. Late = started more than 60 s after due (\`Health:MaxStartDelay\`)."
  echo
  echo "## One instance (Jobs:Role=all)"
  echo
  echo "| Due | Runs | Succeeded | Hosts | Median delay | p95 delay | Max delay | Late (> 60 s) | Mean run |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$out/single.md"
  echo
  echo "Failed runs: $(cat "$out/single-failed.txt"). Accounts the status reported late at the end: $late_single."
  echo "A late account's reason, as \`/api/v1/sync/status\` gave it: $reason"
  echo
  instance_head
  instance_row "Jobs:Role=all, new database (registers every job)" service-accounts
  instance_row "Jobs:Role=all, restarted on the same database" service-accounts-restart
  echo
  echo "## Two instances (the second with Jobs:Role=worker)"
  echo
  echo "| Due | Runs | Succeeded | Hosts | Median delay | p95 delay | Max delay | Late (> 60 s) | Mean run |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$out/two.md"
  echo
  echo "Failed runs: $(cat "$out/two-failed.txt"). Accounts the status reported late at the end: $late_two."
  echo
  instance_head
  instance_row "Jobs:Role=all" service-accounts-two
  instance_row "Jobs:Role=worker" worker-accounts-two
  echo
  echo "Goals (issue 30, at 1,000 accounts): p95 delay < 60 s, 0 failed runs, working set < 400 MB and start-up < 30 s"
  echo "per instance."
} >"$repo/docs/benchmarks-accounts.md"
log "written docs/benchmarks-accounts.md"
