#!/usr/bin/env bash
# Ticketscloud figures (issue 12): the backfill rate of one Ticketscloud account from the bundled emulator, and
# the list requests of one incremental run, each next to a baseline measured in the same run. Writes
# docs/benchmarks-ticketscloud.md (its own file: bench/run.sh rewrites docs/benchmarks.md as a whole).
#
#   bench/ticketscloud.sh                       20,000 and 100,000 orders over 365 days, 3 backfills each
#   bench/ticketscloud.sh --sizes "20000" --runs 1
#
# Baselines: the backfill is compared with reading the same listing without writing anything (curl, page by
# page, page_size 200): what fetching alone costs. The incremental run's requests are compared with the pages of
# a walk of the whole history: what a run would cost without the RecentDays window.
# Uses its own cluster (QTICKETS_PG_PORT, default 55462) and ports QTICKETS_BENCH_PORT (default 5462) and the next.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="20000 100000"
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: bench/ticketscloud.sh [--sizes \"20000 100000\"] [--runs 3]" >&2; exit 2 ;;
  esac
  shift
done
export QTICKETS_PG_PORT="${QTICKETS_PG_PORT:-55462}"
export QTICKETS_BENCH_PORT="${QTICKETS_BENCH_PORT:-5462}"
out="$repo/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)-ticketscloud"
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
tc_dll="$repo/tests/Ticketscloud.Emulator/bin/Release/net10.0/Ticketscloud.Emulator.dll"
# Two ports only: the service on QTICKETS_BENCH_PORT, the Ticketscloud emulator on the next one.
emulator_port=$((bench_port + 1))
tc_token="bench-tc-token"
tc_url="http://127.0.0.1:$emulator_port"
rows="$out/rows.md"; : >"$rows"

# wait_run DB ID -> the run's row as JSON once it has finished
wait_run() {
  local db="$1" id="$2" status
  for _ in $(seq 1 36000); do
    status="$(q -d "$db" -c "SELECT status FROM sync_runs WHERE id = $id")"
    case "$status" in succeeded|failed|skipped) break ;; esac
    sleep 0.1
  done
  q -d "$db" -c "SELECT row_to_json(r) FROM (SELECT status, list_requests, orders_seen, pages,
    extract(epoch FROM finished_at - started_at) AS seconds, error FROM sync_runs WHERE id = $id) r"
}

post() { curl -s -X POST "http://127.0.0.1:$service_port$1" -H "X-Api-Key: $admin_key" -H 'Content-Type: application/json' -d "$2"; }

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

for size in $sizes; do
  log "ticketscloud: $size orders over 365 days"
  ensure_port_free "$emulator_port"
  dotnet "$tc_dll" --urls "$tc_url" --Ticketscloud:HorizonDays=365 --Ticketscloud:Organizers:0:Token="$tc_token" \
    --Ticketscloud:Organizers:0:Orders="$size" >>"$out/emulator.log" 2>&1 &
  epid=$!; pids+=("$epid")
  wait_http "$tc_url/" 300 "$epid" || die "the Ticketscloud emulator did not start (log: $out/emulator.log)"
  from="$(date -u -d '-400 days' +%Y-%m-%dT%H:%M:%S+00:00)"
  window="$(date -d '-400 days' +%Y-%m-%dT%H:%M:%S),$(date -d '+1 day' +%Y-%m-%dT%H:%M:%S)"

  rates=(); baselines=()
  for run in $(seq 1 "$runs"); do
    # Baseline: the same listing read page by page, nothing written.
    t0=$(date +%s.%N); page=1; fetched=0
    while :; do
      n="$(curl -s -H "Authorization: key $tc_token" "$tc_url/v2/resources/orders?created_at=${window//:/%3A}&page=$page&page_size=200" | jq '.data | length')"
      fetched=$((fetched + n)); [ "$n" -lt 200 ] && break; page=$((page + 1))
    done
    t1=$(date +%s.%N)
    baselines+=("$(awk -v n=$fetched -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')")

    db=bench_tc
    cs="$(fresh_db $db $schema)"
    start_service "$service_port" "$cs" service-ticketscloud \
      Reconcile__IncrementalCron="$never" Reconcile__FullSweepCron="$never" Reconcile__CatalogCron="$never" \
      Ticketscloud__IncrementalCron="$never" Ticketscloud__FullSweepCron="$never" Ticketscloud__RequestsPerSecond=0 \
      Accounts__0__Name=tc-bench Accounts__0__Platform=ticketscloud Accounts__0__BaseUrl="$tc_url/" Accounts__0__Token="$tc_token"
    spid=$service_pid; pids+=("$spid")
    id="$(post /api/v1/sync/backfill "{\"from\":\"$from\",\"account\":\"tc-bench\"}" | jq -r .runId)"
    [ -n "$id" ] && [ "$id" != null ] || die "could not trigger a Ticketscloud backfill (log: $out/service-ticketscloud.log)"
    backfill="$(wait_run $db "$id")"; echo "$backfill" >>"$out/backfill-$size.jsonl"
    [ "$(jq -r .status <<<"$backfill")" = succeeded ] || die "backfill failed: $backfill"
    rates+=("$(jq -r --argjson n "$size" '($n / .seconds) | floor' <<<"$backfill")")
    orders="$(q -d $db -c "SELECT count(*) FROM ticketscloud_orders")"
    [ "$orders" = "$size" ] || die "backfill mirrored $orders of $size orders"

    if [ "$run" = 1 ]; then
      # 20 changes upstream (payments, cancellations, refund decisions, new orders), then one incremental run.
      for _ in $(seq 1 20); do curl -s -X POST "$tc_url/emulator/step" >/dev/null; done
      id="$(post /api/v1/sync/reconcile '{"kind":"incremental","account":"tc-bench"}' | jq -r .runId)"
      incremental="$(wait_run $db "$id")"; echo "$incremental" >>"$out/incremental-$size.jsonl"
      total="$(curl -s -H "Authorization: key $tc_token" "$tc_url/v2/resources/orders?page=1&page_size=200" | jq .pagination.total)"
      refunds="$(curl -s -H "Authorization: key $tc_token" "$tc_url/v2/resources/refund_requests?page=1&page_size=200" | jq .pagination.total)"
      whole=$(( (total + 199) / 200 + (refunds + 199) / 200 ))
      inc_line="$(jq -r '"\(.status) | \(.list_requests) | \(.orders_seen) | \(.seconds | . * 10 | floor / 10) s"' <<<"$incremental") | $whole"
    fi
    stop_pid "$spid"
  done
  rate="$(printf '%s\n' "${rates[@]}" | median)"; base="$(printf '%s\n' "${baselines[@]}" | median)"
  ratio="$(awk -v r="$rate" -v b="$base" 'BEGIN { printf "%.2f", r / b }')"
  echo "| $size | $runs | **$rate** ($(printf '%s ' "${rates[@]}")) | $base ($(printf '%s ' "${baselines[@]}")) | $ratio | $inc_line |" >>"$rows"
  stop_pid "$epid"
done

{
  echo "# Benchmarks — Ticketscloud (issue 12)"
  echo
  echo "Written by \`bench/ticketscloud.sh\` — do not edit by hand (\`QTICKETS_PG_PORT=$QTICKETS_PG_PORT QTICKETS_BENCH_PORT=$QTICKETS_BENCH_PORT bench/ticketscloud.sh --sizes \"$sizes\" --runs $runs\`)."
  echo "Started $started_at, commit $(git -C "$repo" rev-parse --short HEAD), $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "Raw results: \`${out#"$repo"/}\`. Emulator and service on this machine; \`Ticketscloud:RequestsPerSecond=0\` so the figures are"
  echo "not the rate limit's (at the default 5 req/s and 200 orders a page a backfill cannot exceed 1,000 orders/s)."
  echo
  echo "- **Backfill rate**: orders mirrored per second by one backfill run (orders and their tickets, refs' events, refund"
  echo "  requests, daily sales queue triggers), median of the runs. **Baseline**: the same listing read page by page with curl,"
  echo "  nothing written, in the same run."
  echo "- **Incremental run**: list requests of one incremental run after 20 upstream changes (\`Ticketscloud:RecentDays\` = 14: orders"
  echo "  and refund requests created in the last 14 days). **Baseline**: pages of a walk of the whole history (orders + refund"
  echo "  requests), what every run would cost without the window. History spread evenly over 365 days."
  echo
  echo "| Orders | Runs | Backfill, orders/s (each run) | Baseline: read only, orders/s (each run) | Ratio | Incremental run | List requests | Rows read (orders + refund requests) | Duration | Baseline: pages of a whole walk |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  cat "$rows"
} >"$repo/docs/benchmarks-ticketscloud.md"
log "wrote docs/benchmarks-ticketscloud.md (artifacts: $out)"
