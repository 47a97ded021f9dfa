#!/usr/bin/env bash
# The figures we stand behind: one command measures the service and, in the same run, the baseline each
# figure is compared with, several times, and writes docs/benchmarks.md.
#
#   bench/run.sh --quick     CI-sized: 3 runs, backfill 20,000 orders, read API on 100,000 (+ as many Ticketscloud
#                            orders), drift check on 100,000, freshness 15 s per rate (the last two add about 10 minutes)
#   bench/run.sh --full      3 runs, backfill 100,000 and 1,000,000 orders, read API on 1,000,000 (+ as many
#                            Ticketscloud orders, about 10 minutes to load each million), drift check on 1,000,000,
#                            freshness 60 s per rate (about 45 minutes before the last two)
#   bench/run.sh --quick --only ingest,backfill,read,listing      a subset of scenarios
#   (listing: the API budget of issue 16, bench/listing.sh, written to docs/benchmarks-listing.md)
#   bench/run.sh --full --only drift --drift-orders 10000000     the drift check at other sizes (space-separated list;
#   default 100,000 in --quick, 1,000,000 in --full)
#   FRESHNESS_SETTINGS="Sales__FoldInterval=00:00:00.5" bench/run.sh --full --only freshness   freshness (issue 30):
#   today's settings as the baseline and these as the service; 60 s per rate in --full, 15 s in --quick
#   (--freshness-seconds S)
#   FRESHNESS_SETTINGS="..." bench/run.sh --quick --only burst   a 30 s burst at the most the service accepts, then
#   the seconds until it is applied (issue 30; bench/scenarios/burst.sh), baseline and candidate settings as freshness
#   bench/run.sh --quick --only feed --feed-changes 3000000    the change feed and order history (issue 27) at
#   that many changes (default: 100,000 quick, 3,000,000 full); feed is not in the default set (its load is long)
#   bench/run.sh --full --only read,dashboard --tc-orders 1000000   read and dashboard on 1M QTickets + 1M Ticketscloud
#   orders (--tc-orders: Ticketscloud orders beside the QTickets ones, default as many; 0 = QTickets only; issue 26)
#   bench/run.sh --full --only firstload     a new account's first sync, started by the schedule: requests ÷ pages
#   (QTickets captured and ignore-all, 3 years; Ticketscloud, 400 days; bench/scenarios/firstload.sh; issue 26)
#   bench/run.sh --full --only erase --tc-orders 1000000   erasing one person among the read data set (issue 29)
#   bench/run.sh --quick --only audit      what an audit costs against a full sweep (bench/audit.sh, per backfill size;
#                                          not in the default set)
#
# Sets up what it needs: the private PostgreSQL cluster (deploy/local-postgres.sh; a separate database per
# scenario and run), wrk (apt), a Release build, the emulator. A scenario whose first request fails (webhook
# endpoint, emulator, backfill API, read API) is reported as "not measured" with the answer and the log.
# Artifacts (logs, raw JSON, EXPLAIN plans) go to artifacts/bench/<UTC time>/.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=quick
only="ingest,backfill,read,listing,dashboard,drift,freshness,burst"
feed_changes=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --only) only="$2"; shift ;;
    --drift-orders) drift_orders="$2"; shift ;;
    --freshness-seconds) freshness_seconds="$2"; shift ;;
    --feed-changes) feed_changes="$2"; shift ;;
    --tc-orders) tc_orders="$2"; shift ;;
    *) echo "usage: bench/run.sh [--quick|--full] [--only ingest,backfill,read,listing,dashboard,drift,freshness,burst,feed,firstload,erase,audit] [--drift-orders 'N ...'] [--freshness-seconds S] [--feed-changes N] [--tc-orders N]" >&2; exit 2 ;;
  esac
  shift
done
out="$repo/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)-$mode"
mkdir -p "$out"
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"

if [ "$mode" = full ]; then
  runs=3; wrk_seconds=15; rate_seconds=20; backfill_sizes="100000 1000000"; read_orders=1000000; read_samples=500
  drift_orders="${drift_orders:-1000000}"; freshness_seconds="${freshness_seconds:-60}"
  feed_changes="${feed_changes:-3000000}"
else
  runs=3; wrk_seconds=5; rate_seconds=6; backfill_sizes="20000"; read_orders=100000; read_samples=150
  drift_orders="${drift_orders:-100000}"; freshness_seconds="${freshness_seconds:-15}"
  feed_changes="${feed_changes:-100000}"
fi
tc_orders="${tc_orders:-$read_orders}"
rate=500
freshness_rates="100 500"
pids_to_stop=()
cleanup() { for pid in "${pids_to_stop[@]}"; do stop_pid "$pid"; done; }
trap cleanup EXIT
: >"$out/results.jsonl"
: >"$out/notes.md"
note() { echo "$*" >>"$out/notes.md"; }
wants() { [[ ",$only," == *",$1,"* ]]; }
# Scenarios kept in files of their own (bench/scenarios/*.sh: functions only; run below by `wants`).
for scenario in "$repo"/bench/scenarios/*.sh; do
  [[ "$scenario" != *.report.sh ]] || continue
  # shellcheck source=/dev/null
  source "$scenario"
done

setup_postgres
ensure_wrk
build_release
prepare_schema_template
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
cut -d" " -f1-3 /proc/loadavg >"$out/loadavg-start.txt"
log "mode $mode: $runs runs; artifacts in $out"

load() { dotnet "$load_dll" "$@"; }

# wrk_post PORT PAYLOADS -> the JSON summary line of bench/webhook.lua
wrk_post() {
  BENCH_PAYLOADS="$2" BENCH_THREADS=2 wrk -t2 -c64 -d"${wrk_seconds}s" --latency -s "$repo/bench/webhook.lua" \
    "http://127.0.0.1:$1" 2>&1 | tee -a "$out/wrk.log" | sed -n 's/^BENCHJSON //p'
}

pending_count() { q -d "$1" -c "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'"; }
# wait_drained DB SECONDS: until no delivery is pending, or the time is up. It asks whether any is pending (one index
# probe), not how many: counting 150,000 pending rows took 66 ms a poll, PostgreSQL time taken from the drain it times.
wait_drained() {
  local deadline=$((SECONDS + $2))
  while [ "$(q -d "$1" -c "SELECT EXISTS (SELECT FROM webhook_deliveries WHERE status = 'pending')")" = t ] && [ $SECONDS -lt $deadline ]; do
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------------- ingest
ingest() {
  local payloads="$out/payloads.tsv" paced="$out/paced.tsv"
  # Enough distinct versions that wrk never wraps around within one run (wrapping would meet the dedupe).
  local count=$((wrk_seconds * 12000)) paced_count=$(((rate_seconds + 3) * rate + rate))
  for run in $(seq 1 "$runs"); do
    log "ingest run $run/$runs"
    local first=$((run * 100000000))
    load payloads --out "$payloads" --count "$count" --first-id "$first" --secret "$bench_secret" >/dev/null
    load payloads --out "$paced" --count "$paced_count" --first-id $((first + 50000000)) --secret "$bench_secret" >/dev/null

    # Baseline: bare ASP.NET Core, one INSERT per request, same load.
    local cs; cs="$(fresh_db bench_ingest_baseline)"
    ensure_port_free $baseline_port
    dotnet "$baseline_dll" serve --connection "$cs" --urls "http://127.0.0.1:$baseline_port" >>"$out/baseline.log" 2>&1 &
    local bpid=$!; pids_to_stop+=("$bpid")
    wait_http "http://127.0.0.1:$baseline_port/" 60 "$bpid" || die "baseline app did not start (log: $out/baseline.log)"
    local w; w="$(wrk_post $baseline_port "$payloads")"
    echo "$w" >>"$out/ingest-baseline.jsonl"
    record ingest.baseline.accepted_per_s "$run" "$(jq .accepted_per_s <<<"$w")"
    record ingest.baseline.p50_ms "$run" "$(jq .p50_ms <<<"$w")"
    record ingest.baseline.p99_ms "$run" "$(jq .p99_ms <<<"$w")"
    local r; r="$(load rate --url "http://127.0.0.1:$baseline_port/webhooks/qtickets" --payloads "$paced" --rate $rate --seconds "$rate_seconds" --timeline "$out/ingest-baseline-rate-$run.tsv")"
    echo "$r" >>"$out/ingest-baseline-rate.jsonl"
    record ingest.baseline.p99_at_rate_ms "$run" "$(jq .p99_ms <<<"$r")"
    stop_pid "$bpid"

    # The service, same payloads, its own database.
    local db=bench_ingest_service
    cs="$(fresh_db $db $schema)"
    start_service $service_port "$cs" service-ingest
    local spid=$service_pid; pids_to_stop+=("$spid")
    local probe; probe="$(head -n 1 "$paced")"
    local code; code="$(curl -s -o "$out/ingest-probe.txt" -w '%{http_code}' -X POST "http://127.0.0.1:$service_port/webhooks/qtickets" \
      -H 'Content-Type: application/json' -H "X-Signature: ${probe%%$'\t'*}" -H 'X-Event-Type: updated' -H 'X-Model-Name: Order' \
      --data-binary "${probe#*$'\t'}")"
    if [ "$code" != "200" ]; then
      stop_pid "$spid"
      [ "$run" -gt 1 ] || note "- Webhook ingest (service) **not measured**: \`POST /webhooks/qtickets\` answered HTTP $code to a correctly signed payload (the bench sets \`Qtickets:WebhookSecrets:0\`; log: $out/service-ingest.log, answer: $out/ingest-probe.txt)."
      log "service webhook endpoint answered $code; measuring the baseline only"
      continue
    fi
    w="$(wrk_post $service_port "$payloads")"
    echo "$w" >>"$out/ingest-service.jsonl"
    record ingest.service.accepted_per_s "$run" "$(jq .accepted_per_s <<<"$w")"
    record ingest.service.p50_ms "$run" "$(jq .p50_ms <<<"$w")"
    record ingest.service.p99_ms "$run" "$(jq .p99_ms <<<"$w")"
    record ingest.service.non2xx "$run" "$(jq .non2xx <<<"$w")"
    # Time until every accepted delivery is applied, from the end of the load.
    local t0=$SECONDS
    wait_drained $db 600
    record ingest.service.drain_s "$run" $((SECONDS - t0))
    r="$(load rate --url "http://127.0.0.1:$service_port/webhooks/qtickets" --payloads "$paced" --rate $rate --seconds "$rate_seconds" --timeline "$out/ingest-service-rate-$run.tsv")"
    echo "$r" >>"$out/ingest-service-rate.jsonl"
    record ingest.service.p99_at_rate_ms "$run" "$(jq .p99_ms <<<"$r")"
    record ingest.service.non200_at_rate "$run" "$(jq '.non200 + .errors' <<<"$r")"
    stop_pid "$spid"
  done
  note "- Ingest payloads: $(head -n 1 "$payloads" | cut -f2 | wc -c) bytes each (QTickets order, 3 baskets), signed HMAC-SHA1, distinct id and updated_at per request; wrk -t2 -c64 -d${wrk_seconds}s; fixed rate $rate req/s for ${rate_seconds}s after a 3 s warm-up by Qtickets.Sync.Bench.Load (latency from the due time, no coordinated omission; every request's due time and latency are kept in the artifacts as \`ingest-{baseline,service}-rate-RUN.tsv\`)."
  rm -f "$payloads" "$paced"
}

# wait_run RUN_ID SECONDS: polls the run until it ends or the time is up; sets $runjson and $status.
wait_run() {
  local deadline=$((SECONDS + $2))
  status=queued runjson=
  while [ $SECONDS -lt $deadline ]; do
    runjson="$(curl -s -H "X-Api-Key: $admin_key" "http://127.0.0.1:$service_port/api/v1/sync/runs/$1")"
    status="$(jq -r '.status // empty' <<<"$runjson")"
    case "$status" in succeeded|failed|skipped) return ;; esac
    sleep 0.5
  done
}

# -------------------------------------------------------------------------------------------- backfill
# peak_rss PID -> VmHWM in MB (the kernel's high-water mark of the resident set; also sampled every 200 ms)
peak_rss() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# The backfill is measured alone: the recurring runs are scheduled for 31 February.
never="0 0 31 2 *"
backfill() {
  for size in $backfill_sizes; do
    for run in $(seq 1 "$runs"); do
      log "backfill $size run $run/$runs: baseline"
      local cs; cs="$(fresh_db bench_backfill_baseline $schema)"
      local b; b="$(dotnet "$baseline_dll" upsert --connection "$cs" --orders "$size")"
      echo "$b" >>"$out/backfill-baseline-$size.jsonl"
      record "backfill.$size.baseline.rows_per_s" "$run" "$(jq .rows_per_second <<<"$b")"
      record "backfill.$size.baseline.orders_per_s" "$run" "$(jq .orders_per_second <<<"$b")"

      # "service" as built; "no_sales_table" the same service with the daily sales triggers disabled and no
      # folding: the speed the backfill had before the maintained table, measured in the same run;
      # "triggers_only": triggers on, folding off, to tell the writers' share of the cost from the folder's.
      for variant in service no_sales_table triggers_only; do
      log "backfill $size run $run/$runs: $variant"
      missing=
      if ! start_emulator $emulator_port "$size" ""; then
        note "- Backfill $size (service) **not measured**: $missing."
        log "$missing"
        continue
      fi
      local epid=$emulator_pid; pids_to_stop+=("$epid")
      local db=bench_backfill_service
      cs="$(fresh_db $db $schema)"
      local fold=true
      [ "$variant" != triggers_only ] || fold=false
      if [ "$variant" = no_sales_table ]; then
        q -d $db -c "ALTER TABLE qtickets_orders DISABLE TRIGGER USER" -c "ALTER TABLE qtickets_baskets DISABLE TRIGGER USER" >/dev/null
        fold=false
      fi
      QT_BASE_URL="http://127.0.0.1:$emulator_port/api/rest/v1/" start_service $service_port "$cs" service-backfill \
        Qtickets__RequestsPerSecond=0 Reconcile__IncrementalCron="$never" Reconcile__FullSweepCron="$never" Reconcile__CatalogCron="$never" Sales__FoldInBackground=$fold
      local spid=$service_pid; pids_to_stop+=("$spid")
      local sampler="$out/rss-$size-$run.txt"
      (while kill -0 "$spid" 2>/dev/null; do awk '/VmRSS/ { print $2 }' "/proc/$spid/status" 2>/dev/null; sleep 0.2; done) >"$sampler" &
      local started; started="$(curl -s -w '\n%{http_code}' -X POST "http://127.0.0.1:$service_port/api/v1/sync/backfill" \
        -H "X-Api-Key: $admin_key" -H 'Content-Type: application/json' -d '{"from":"2000-01-01T00:00:00+00:00"}')"
      local run_id; run_id="$(head -n 1 <<<"$started" | jq -r '.runId // .run_id // .id // empty' 2>/dev/null || true)"
      if [ -z "$run_id" ]; then
        note "- Backfill $size (service) **not measured**: \`POST /api/v1/sync/backfill\` answered $(tail -n 1 <<<"$started") without a run id (log: $out/service-backfill.log)."
        stop_pid "$spid"; stop_pid "$epid"
        break 3
      fi
      local t0=$SECONDS
      wait_run "$run_id" 3600
      local wall=$((SECONDS - t0))
      local peak; peak="$(peak_rss "$spid")"
      local sampled; sampled="$(sort -n "$sampler" | tail -n 1 | awk '{ printf "%.1f", $1 / 1024 }')"
      echo "$runjson" >>"$out/backfill-service-$size.jsonl"
      local orders; orders="$(q -d $db -c 'SELECT count(*) FROM qtickets_orders')"
      local baskets; baskets="$(q -d $db -c 'SELECT count(*) FROM qtickets_baskets')"
      local seconds; seconds="$(q -d $db -c "SELECT extract(epoch FROM finished_at - started_at) FROM sync_runs WHERE id = $run_id")"
      [ -n "$seconds" ] || seconds=$wall
      # The backfill lists paid orders (payed=1): that many must be stored.
      local expected; expected="$(curl -s -H "Authorization: Bearer $emulator_token" \
        "http://127.0.0.1:$emulator_port/api/rest/v1/orders?payed=1&page=1&per_page=1" | jq -r '.paging.total // empty')"
      if [ "$status" != succeeded ] || [ "$orders" != "$expected" ]; then
        note "- Backfill $size run $run: run $run_id ended \`$status\` with $orders orders stored where the emulator lists ${expected:-?} paid ($(jq -r '.error // ""' <<<"$runjson"))."
      fi
      [ "$run" -gt 1 ] || [ "$variant" != service ] || note "- Backfill $size: the emulator holds $size orders, of which ${expected:-?} paid (what the backfill loads); $baskets tickets stored. Orders/s = stored orders / (finished_at - started_at) of the sync run."
      record "backfill.$size.$variant.orders_per_s" "$run" "$(awk -v o="$orders" -v s="$seconds" 'BEGIN { printf "%.0f", o / s }')"
      record "backfill.$size.$variant.rows_per_s" "$run" "$(awk -v o="$orders" -v b="$baskets" -v s="$seconds" 'BEGIN { printf "%.0f", (o + b) / s }')"
      record "backfill.$size.$variant.peak_mb" "$run" "$peak"
      record "backfill.$size.$variant.sampled_peak_mb" "$run" "${sampled:-0}"
      stop_pid "$spid"; stop_pid "$epid"
      done
    done
  done
}

# ------------------------------------------------------------------------------------------------ read
# service_plans DB CS: the service's own SQL and plans per read endpoint. auto_explain (ANALYZE) is switched
# on for this database for a short extra pass after the measurement and read back from the cluster's log.
service_plans() {
  local db="$1" cs="$2" serverlog
  serverlog="$(q -d postgres -c 'SHOW data_directory')/server.log"
  [ -r "$serverlog" ] || { note "- Service SQL plans not captured: cannot read $serverlog."; return; }
  q -d postgres -c "ALTER DATABASE $db SET session_preload_libraries = 'auto_explain'" \
    -c "ALTER DATABASE $db SET auto_explain.log_min_duration = 0" -c "ALTER DATABASE $db SET auto_explain.log_analyze = on" \
    -c "ALTER DATABASE $db SET auto_explain.log_buffers = on" >/dev/null
  local tc_settings; mapfile -t tc_settings < <(tc_service_settings)
  start_service $service_port "$cs" service-read "${tc_settings[@]}"
  local spid=$service_pid; pids_to_stop+=("$spid")
  for endpoint in list daily byid; do
    local offset; offset="$(stat -c %s "$serverlog")"
    load read --base "http://127.0.0.1:$service_port/" --key "$read_key" --orders "$read_orders" \
      --events $events --first-day 2025-01-01 --days 365 --samples 10 --depth 5 --only $endpoint >/dev/null
    tail -c +$((offset + 1)) "$serverlog" >"$out/read-plans-$endpoint.log"
  done
  stop_pid "$spid"
  q -d postgres -c "ALTER DATABASE $db RESET ALL" >/dev/null
}

read_api() {
  local db=bench_read cs events=50
  cs="$(fresh_db $db $schema)"
  log "read: bulk-loading $read_orders orders and $((read_orders * 3)) tickets with generate_series"
  local t0=$SECONDS
  q -d $db -v orders="$read_orders" -v events="$events" -f "$repo/bench/read-data.sql" >/dev/null
  note "- Read API data: $read_orders orders / $((read_orders * 3)) tickets over $events events and 2025 (one year), bulk-loaded with \`bench/read-data.sql\` (generate_series) in $((SECONDS - t0)) s, then VACUUM (ANALYZE)."
  load_tc_read_data $db
  local tc_settings; mapfile -t tc_settings < <(tc_service_settings)
  start_service $service_port "$cs" service-read "${tc_settings[@]}"
  local spid=$service_pid; pids_to_stop+=("$spid")
  local code; code="$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $read_key" "http://127.0.0.1:$service_port/api/v1/orders/1")"
  if [ "$code" != "200" ]; then
    note "- Read API **not measured**: \`GET /api/v1/orders/1\` answered HTTP $code (log: $out/service-read.log)."
    stop_pid "$spid"
  else
    for run in $(seq 1 "$runs"); do
      log "read run $run/$runs"
      local r; r="$(load read --base "http://127.0.0.1:$service_port/" --key "$read_key" --orders "$read_orders" \
        --events $events --first-day 2025-01-01 --days 365 --samples $read_samples --depth 20)"
      echo "$r" >>"$out/read.jsonl"
      record read.list.p50_ms "$run" "$(jq .order_list.summary.p50_ms <<<"$r")"
      record read.list.p99_ms "$run" "$(jq .order_list.summary.p99_ms <<<"$r")"
      record read.list.deepest_page "$run" "$(jq .order_list.deepest_page <<<"$r")"
      record read.daily.p50_ms "$run" "$(jq .daily_sales.p50_ms <<<"$r")"
      record read.daily.p99_ms "$run" "$(jq .daily_sales.p99_ms <<<"$r")"
      record read.daily_month.p50_ms "$run" "$(jq .daily_sales_month.p50_ms <<<"$r")"
      record read.daily_month.p99_ms "$run" "$(jq .daily_sales_month.p99_ms <<<"$r")"
      record read.daily_recompute.p50_ms "$run" "$(jq .daily_sales_recompute.p50_ms <<<"$r")"
      record read.daily_recompute.p99_ms "$run" "$(jq .daily_sales_recompute.p99_ms <<<"$r")"
      record read.daily_month_recompute.p50_ms "$run" "$(jq .daily_sales_month_recompute.p50_ms <<<"$r")"
      record read.daily_month_recompute.p99_ms "$run" "$(jq .daily_sales_month_recompute.p99_ms <<<"$r")"
      record read.byid.p50_ms "$run" "$(jq .order_by_id.p50_ms <<<"$r")"
      record read.byid.p99_ms "$run" "$(jq .order_by_id.p99_ms <<<"$r")"
      local failures; failures="$(jq '[.order_list.summary.failures, .daily_sales.failures, .daily_sales_month.failures, .daily_sales_recompute.failures, .daily_sales_month_recompute.failures, .order_by_id.failures | to_entries[] | .value] | add // 0' <<<"$r")"
      [ "$failures" = "0" ] || note "- Read run $run: $failures non-200 answers ($(jq -c '[.order_list.summary.failures, .daily_sales.failures, .order_by_id.failures]' <<<"$r"))."
    done
    read_both $service_port $db
    stop_pid "$spid"
    service_plans $db "$cs"
  fi
  # For comparison: the same queries as specified, in plain SQL, EXPLAIN (ANALYZE, BUFFERS).
  q -d $db -f "$repo/bench/read-explain.sql" >"$out/read-explain.txt" 2>&1 || true
}

# ------------------------------------------------------------------------------------------------ dashboard
# samples_ms URL AUTH N -> N sequential GET latencies in ms, one per line (after 3 warm-up requests)
samples_ms() {
  local url="$1" auth="$2" n="$3"
  for _ in 1 2 3; do curl -s -o /dev/null $auth "$url"; done
  for _ in $(seq 1 "$n"); do curl -s -o /dev/null -w '%{time_total}\n' $auth "$url" | awk '{ printf "%.3f\n", $1 * 1000 }'; done
}
# pct FILE P -> the P-th percentile (nearest rank) of the numbers in FILE
pct() { sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { i = int((p / 100) * NR + 0.999999); if (i < 1) i = 1; print v[i] }'; }

dashboard() {
  local db=bench_dashboard cs events=50 samples=$((read_samples / 5))
  cs="$(fresh_db $db $schema)"
  log "dashboard: bulk-loading $read_orders orders over the year up to today"
  q -d $db -v orders="$read_orders" -v events="$events" -v first_day="$(date -u -d '-364 days' +%Y-%m-%d) 00:00:00+00" \
    -f "$repo/bench/read-data.sql" >/dev/null
  note "- Dashboard data: $read_orders orders / $((read_orders * 3)) tickets over $events events and the last 365 days (\`bench/read-data.sql\` with \`first_day\`), so the page's 30-day chart covers about $((read_orders * 30 / 365)) orders."
  load_tc_read_data $db "$(date -u -d '-364 days' +%Y-%m-%d) 00:00:00+00"
  local tc_settings; mapfile -t tc_settings < <(tc_service_settings)
  start_service $service_port "$cs" service-dashboard "${tc_settings[@]}"
  local spid=$service_pid; pids_to_stop+=("$spid")
  local base="http://127.0.0.1:$service_port" key="-H X-Api-Key:$read_key"
  local code; code="$(curl -s -o "$out/dashboard.html" -w '%{http_code}' $key "$base/dashboard")"
  if [ "$code" != "200" ]; then
    note "- Dashboard **not measured**: \`GET /dashboard\` answered HTTP $code (log: $out/service-dashboard.log)."
  else
    local from; from="$(date -u -d '-29 days' +%Y-%m-%d)"
    for run in $(seq 1 "$runs"); do
      log "dashboard run $run/$runs"
      samples_ms "$base/dashboard" "$key" $samples >"$out/dashboard-$run.txt"
      samples_ms "$base/api/v1/sales/daily?from=$from" "$key" $samples >"$out/dashboard-baseline-daily-$run.txt"
      samples_ms "$base/api/v1/sync/status" "$key" $samples >"$out/dashboard-baseline-status-$run.txt"
      record dashboard.page.p50_ms "$run" "$(pct "$out/dashboard-$run.txt" 50)"
      record dashboard.page.p99_ms "$run" "$(pct "$out/dashboard-$run.txt" 99)"
      record dashboard.baseline_daily.p50_ms "$run" "$(pct "$out/dashboard-baseline-daily-$run.txt" 50)"
      record dashboard.baseline_daily.p99_ms "$run" "$(pct "$out/dashboard-baseline-daily-$run.txt" 99)"
      record dashboard.baseline_status.p50_ms "$run" "$(pct "$out/dashboard-baseline-status-$run.txt" 50)"
      record dashboard.baseline_status.p99_ms "$run" "$(pct "$out/dashboard-baseline-status-$run.txt" 99)"
    done
  fi
  stop_pid "$spid"
}

# ------------------------------------------------------------------------------------------------ drift
# apply_lag DB FROM TO -> "p50 p99 max count" of received → applied (ms) of the deliveries received in [FROM, TO)
apply_lag() {
  q -d "$1" -F ' ' -c "SELECT coalesce(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY l)::numeric, 1), 0),
      coalesce(round(percentile_cont(0.99) WITHIN GROUP (ORDER BY l)::numeric, 1), 0), coalesce(round(max(l)::numeric, 1), 0), count(*)
    FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS l FROM webhook_deliveries
          WHERE status = 'applied' AND received_at >= '$2' AND received_at < '$3') d"
}

# A full drift check of the daily sales table at N orders, timed, while signed webhooks arrive at a fixed rate;
# apply lag (received_at → processed_at) of the deliveries received during the check, and, as the baseline in
# the same run, of the same rate with no check running. Ten rows of the loaded year are planted differing before
# each check (the webhooks' orders fall on other days, so their folds cannot repair them first).
drift_rate=100
drift() {
  local payloads="$out/drift-payloads.tsv" window=60 events=50
  for size in $drift_orders; do
    local db=bench_drift cs t0
    cs="$(fresh_db $db $schema)"
    log "drift $size: bulk-loading $size orders and $((size * 3)) tickets"
    t0=$SECONDS
    q -d $db -v orders="$size" -v events="$events" -f "$repo/bench/read-data.sql" >/dev/null
    note "- Drift check $size: data as the read API's (\`bench/read-data.sql\`, $events events over 2025), loaded with the daily sales table rebuilt day by day in $((SECONDS - t0)) s; a check runs in chunks of \`Sales:DriftChunkOrders\` (default) sales. Webhooks at $drift_rate req/s: the baseline window ${rate_seconds} s without a check, then from 3 s before the check until it ends (at most ${window} s of load); apply lag = \`processed_at - received_at\` of the deliveries received in the window."
    start_service $service_port "$cs" service-drift Sales__DriftCron="$never" Reconcile__IncrementalCron="$never" \
      Reconcile__FullSweepCron="$never" Reconcile__CatalogCron="$never"
    local spid=$service_pid; pids_to_stop+=("$spid")
    for run in $(seq 1 "$runs"); do
      log "drift $size run $run/$runs"
      load payloads --out "$payloads" --count $(((window + rate_seconds + 30) * drift_rate)) --first-id $((900000000 + run * 1000000)) --secret "$bench_secret" >/dev/null
      local base_from; base_from="$(q -d $db -c 'SELECT now()')"
      load rate --url "http://127.0.0.1:$service_port/webhooks/qtickets" --payloads <(head -n $(((rate_seconds + 10) * drift_rate)) "$payloads") \
        --rate $drift_rate --seconds "$rate_seconds" --warmup 0 >/dev/null
      local base_to; base_to="$(q -d $db -c 'SELECT now()')"
      wait_drained $db 120
      read -r p50 p99 max n <<<"$(apply_lag $db "$base_from" "$base_to")"
      record "drift.$size.baseline.apply_lag_p50_ms" "$run" "$p50"
      record "drift.$size.baseline.apply_lag_p99_ms" "$run" "$p99"
      record "drift.$size.baseline.apply_lag_max_ms" "$run" "$max"

      q -d $db -c "UPDATE daily_sales SET gross = gross + 1 WHERE ctid IN (SELECT ctid FROM daily_sales WHERE source = 'qtickets' AND day BETWEEN '2025-06-01' AND '2025-06-30' ORDER BY day LIMIT 10)" >/dev/null
      load rate --url "http://127.0.0.1:$service_port/webhooks/qtickets" --payloads <(tail -n +$(((rate_seconds + 10) * drift_rate + 1)) "$payloads") \
        --rate $drift_rate --seconds $window --warmup 0 >/dev/null &
      local lpid=$!; pids_to_stop+=("$lpid")
      sleep 3
      local started run_id
      started="$(curl -s -X POST -H "X-Api-Key: $admin_key" "http://127.0.0.1:$service_port/api/v1/sync/sales-drift")"
      run_id="$(jq -r '.runId // .run_id // .id // empty' <<<"$started" 2>/dev/null || true)"
      if [ -z "$run_id" ]; then
        note "- Drift check $size **not measured**: \`POST /api/v1/sync/sales-drift\` answered \`$started\` (log: $out/service-drift.log)."
        stop_pid "$lpid"; break
      fi
      wait_run "$run_id" 7200
      stop_pid "$lpid"
      echo "$runjson" >>"$out/drift-$size.jsonl"
      local span; span="$(q -d $db -F ' ' -c "SELECT started_at, finished_at, extract(epoch FROM finished_at - started_at), sales_rows_differing FROM sync_runs WHERE id = $run_id")"
      local from to seconds differing
      from="$(cut -d' ' -f1,2 <<<"$span")"; to="$(cut -d' ' -f3,4 <<<"$span")"
      seconds="$(cut -d' ' -f5 <<<"$span")"; differing="$(cut -d' ' -f6 <<<"$span")"
      [ "$status" = succeeded ] || note "- Drift check $size run $run: run $run_id ended \`$status\` ($(jq -r '.error // ""' <<<"$runjson"))."
      record "drift.$size.check_s" "$run" "$(printf '%.1f' "$seconds")"
      record "drift.$size.rows_found" "$run" "${differing:-0}"
      wait_drained $db 120
      read -r p50 p99 max n <<<"$(apply_lag $db "$from" "$to")"
      record "drift.$size.during_check.apply_lag_p50_ms" "$run" "$p50"
      record "drift.$size.during_check.apply_lag_p99_ms" "$run" "$p99"
      record "drift.$size.during_check.apply_lag_max_ms" "$run" "$max"
      record "drift.$size.during_check.deliveries" "$run" "$n"
    done
    stop_pid "$spid"
  done
  rm -f "$payloads"
}

# ------------------------------------------------------------------------------- variants (freshness, burst)
# candidate_variants -> "baseline", or "baseline service" when FRESHNESS_SETTINGS names candidate settings
candidate_variants() { [ -z "${FRESHNESS_SETTINGS:-}" ] && echo baseline || echo "baseline service"; }

# start_variant VARIANT DB LOG: the service on a fresh database DB with its schedule off (nothing but the load
# writes), with FRESHNESS_SETTINGS when VARIANT is "service"; sets $service_pid.
start_variant() {
  local settings=() cs
  [ "$1" = baseline ] || read -ra settings <<<"$FRESHNESS_SETTINGS"
  cs="$(fresh_db "$2" $schema)"
  start_service $service_port "$cs" "$3" Reconcile__IncrementalCron="$never" \
    Reconcile__FullSweepCron="$never" Reconcile__CatalogCron="$never" Sales__DriftCron="$never" "${settings[@]}"
}

# ------------------------------------------------------------------------------------------------ freshness
# Freshness end to end (issue 30): signed webhooks at fixed rates; per order, 200 → visible by id and → counted in
# daily sales (Qtickets.Sync.Bench.Load freshness). "baseline" is the service with today's settings; "service" the
# same build with the candidate settings of FRESHNESS_SETTINGS (NAME=VALUE ..., e.g. Sales__FoldInterval=00:00:00.5),
# measured only when some are given.
freshness() {
  for run in $(seq 1 "$runs"); do
    for variant in $(candidate_variants); do
      local db=bench_freshness
      start_variant "$variant" $db "service-freshness-$variant"
      local spid=$service_pid; pids_to_stop+=("$spid")
      for rate in $freshness_rates; do
        log "freshness run $run/$runs: $variant at $rate req/s for $freshness_seconds s"
        local r
        r="$(load freshness --base "http://127.0.0.1:$service_port/" --key "$read_key" --secret "$bench_secret" --account default \
          --rate "$rate" --seconds "$freshness_seconds" --first-id $((2000000000 + run * 10000000 + rate * 10000)) --time-zone Europe/Moscow)"
        echo "$r" >>"$out/freshness-$variant-$rate.jsonl"
        for figure in order_visible daily_visible; do
          record "freshness.$variant.$rate.$figure.p50_ms" "$run" "$(jq ".$figure.p50_ms" <<<"$r")"
          record "freshness.$variant.$rate.$figure.p99_ms" "$run" "$(jq ".$figure.p99_ms" <<<"$r")"
          record "freshness.$variant.$rate.$figure.max_ms" "$run" "$(jq ".$figure.max_ms" <<<"$r")"
          record "freshness.$variant.$rate.$figure.missing" "$run" "$(jq ".$figure.missing" <<<"$r")"
        done
        record "freshness.$variant.$rate.refused" "$run" "$(jq .refused <<<"$r")"
        wait_drained $db 120
      done
      stop_pid "$spid"
    done
  done
  note "- Freshness: ${freshness_seconds} s per rate ($freshness_rates req/s) of signed QTickets order webhooks (new orders, 3 tickets each, 20 events), a fresh database per run; order visible = 200 of the webhook → first 200 of \`GET /api/v1/orders/default/{id}\` for a sample of about 10 orders a second, each polled every 25 ms or every quarter of its wait so far, whichever is longer; daily sales = 200 → the first poll (every 25 ms) of \`GET /api/v1/sales/daily?group_by=event\` for the order's day whose figure for its event counts the tickets of every accepted order of that (event, day) sent up to it. Each figure includes up to one poll interval and one read. $([ -n "${FRESHNESS_SETTINGS:-}" ] && echo "Service settings: \`$FRESHNESS_SETTINGS\`." || echo "No candidate settings were given (FRESHNESS_SETTINGS): only today's settings were measured.")"
}

# ------------------------------------------------------------------------------------------------ feed
# walk_feed BASE AUTH N -> N latencies in ms of GET /api/v1/changes?limit=500, each page from the previous page's
# nextCursor, starting at the oldest change (after 3 warm-up pages that do not move the cursor).
walk_feed() {
  local base="$1" auth="$2" n="$3" cursor="" page
  for _ in 1 2 3; do curl -s -o /dev/null $auth "$base/api/v1/changes?limit=500"; done
  for _ in $(seq 1 "$n"); do
    page="$(curl -s -w '\n%{time_total}' $auth "$base/api/v1/changes?limit=500${cursor:+&cursor=$cursor}")"
    tail -n 1 <<<"$page" | awk '{ printf "%.3f\n", $1 * 1000 }'
    cursor="$(head -n -1 <<<"$page" | jq -r '.nextCursor // empty')"
    [ -n "$cursor" ] || { log "feed: a page came without nextCursor"; return 1; }
  done
}

# random_orders N COUNT -> COUNT order ids drawn from 1..N
random_orders() { awk -v n="$1" -v c="$2" 'BEGIN { srand(27); for (i = 0; i < c; i++) print 1 + int(rand() * n) }'; }

feed() {
  local db=bench_feed cs per_order=10 orders samples=$read_samples
  orders=$((feed_changes / per_order))
  cs="$(fresh_db $db $schema)"
  log "feed: bulk-loading $orders orders and $feed_changes changes ($per_order per order)"
  local t0=$SECONDS
  q -d $db -v orders="$orders" -v events=50 -f "$repo/bench/read-data.sql" >/dev/null
  q -d $db -v orders="$orders" -v per_order=$per_order -f "$repo/bench/feed-data.sql" >/dev/null
  note "- Feed data: $feed_changes changes of $orders orders ($per_order each, interleaved over the feed, all numbered), loaded with \`bench/read-data.sql\` and \`bench/feed-data.sql\` in $((SECONDS - t0)) s."
  start_service $service_port "$cs" service-feed
  local spid=$service_pid; pids_to_stop+=("$spid")
  local base="http://127.0.0.1:$service_port" key="-H X-Api-Key:$read_key"
  local code; code="$(curl -s -o /dev/null -w '%{http_code}' $key "$base/api/v1/changes?limit=500")"
  if [ "$code" != "200" ]; then
    note "- Feed **not measured**: \`GET /api/v1/changes\` answered HTTP $code (log: $out/service-feed.log)."
  else
    local ids; ids="$(random_orders "$orders" "$samples")"
    for run in $(seq 1 "$runs"); do
      log "feed run $run/$runs"
      walk_feed "$base" "$key" "$samples" >"$out/feed-page-$run.txt"
      for id in $ids; do curl -s -o /dev/null -w '%{time_total}\n' $key "$base/api/v1/orders/default/$id/history"; done \
        | awk '{ printf "%.3f\n", $1 * 1000 }' >"$out/feed-history-$run.txt"
      # Baselines: what a consumer does without the feed (re-list a page of 500 orders) and without history (the order).
      samples_ms "$base/api/v1/orders?limit=500" "$key" "$samples" >"$out/feed-baseline-list-$run.txt"
      for id in $ids; do curl -s -o /dev/null -w '%{time_total}\n' $key "$base/api/v1/orders/$id"; done \
        | awk '{ printf "%.3f\n", $1 * 1000 }' >"$out/feed-baseline-byid-$run.txt"
      for f in page history baseline-list baseline-byid; do
        record "feed.${f//-/_}.p50_ms" "$run" "$(pct "$out/feed-$f-$run.txt" 50)"
        record "feed.${f//-/_}.p99_ms" "$run" "$(pct "$out/feed-$f-$run.txt" 99)"
      done
    done
  fi
  stop_pid "$spid"
  # The feed page's and the history's SQL as the service runs them, EXPLAIN (ANALYZE, BUFFERS), in the artifacts.
  q -d $db -v order="$((orders / 2))" -f "$repo/bench/feed-explain.sql" >"$out/feed-explain.txt" 2>&1 || true
  note "- Feed: $feed_changes changes; the page walk starts at the oldest change and follows \`nextCursor\` ($samples pages of 500 a run); history and order-by-id read the same $samples random orders."
}

wants ingest && ingest
wants backfill && backfill
wants read && read_api
# Deterministic request counts: one run of each, the same in --quick and --full.
wants listing && out="$out/listing" "$repo/bench/listing.sh"
if wants audit; then
  for size in $backfill_sizes; do
    out="$out/audit-$size" "$repo/bench/audit.sh" --orders "$size" | tee -a "$out/notes.md" \
      || note "- Audit $size: **goal not met or not measured** (artifacts: $out/audit-$size)."
  done
fi
wants dashboard && dashboard
wants drift && drift
wants freshness && freshness
wants burst && burst
wants feed && feed
wants firstload && firstload
wants erase && erase

mkdir -p "$repo/docs"
"$repo/bench/report.sh" "$out" "$mode" "$runs" "$started_at" >"$repo/docs/benchmarks.md"
log "wrote docs/benchmarks.md (artifacts: $out)"
