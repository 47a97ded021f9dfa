#!/usr/bin/env bash
# The API budget of the incremental reconcile (issue 16), in each emulator server behaviour: list requests of
# one incremental run after 20 upstream changes over 10k, 100k and 1M orders of history, next to the pages a
# walk of the whole listing takes (what a run costs when it cannot trust the filters); and the full sweep's
# requests over 100k orders, with its duration at the default rate limit.
#
#   bench/listing.sh                writes docs/benchmarks-listing.md (also run by bench/run.sh)
#   bench/listing.sh --sizes "10000 100000"   fewer history sizes
#   bench/listing.sh --timed-sweep  also times one full sweep per behaviour at the default 5 req/s (~15 min)
#
# Request counts are deterministic (seeded emulator), so one run of each is enough. The history is spread at
# ~110 orders a day (the captured mid-size organizer: ~123,000 orders since 2021), so the 72-hour tail holds
# the same few hundred orders at every size: history grows with age, not with the rate of sales.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="10000 100000 1000000"
timed_sweep=
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --timed-sweep) timed_sweep=1 ;;
    *) echo "usage: bench/listing.sh [--sizes \"10000 100000\"] [--timed-sweep]" >&2; exit 2 ;;
  esac
  shift
done
out="${out:-$repo/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)-listing}"
mkdir -p "$out"
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
pids=()
trap 'for pid in "${pids[@]}"; do stop_pid "$pid"; done' EXIT
never="0 0 31 2 *"
started_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ -z "${api_dll:-}" ]; then
  setup_postgres
  build_release
  prepare_schema_template
fi
rows="$out/listing-rows.md"
sweeps="$out/listing-sweeps.md"
: >"$rows"; : >"$sweeps"

for behaviour in documented captured ignore-all; do
  for size in $sizes; do
    horizon=$(( size / 110 )); [ $horizon -ge 30 ] || horizon=30; [ $horizon -le 9000 ] || horizon=9000
    log "listing: $behaviour, $size orders over $horizon days"
    start_emulator "$emulator_port" "$size" "" --Emulator:ServerBehaviour="$behaviour" --Emulator:HorizonDays="$horizon" \
      || die "$missing"
    epid=$emulator_pid; pids+=("$epid")
    db=bench_listing
    cs="$(fresh_db $db $schema)"
    QT_BASE_URL="http://127.0.0.1:$emulator_port/api/rest/v1/" start_service "$service_port" "$cs" service-listing \
      Qtickets__RequestsPerSecond=0 Reconcile__IncrementalCron="$never" Reconcile__FullSweepCron="$never" Reconcile__CatalogCron="$never"
    spid=$service_pid; pids+=("$spid")
    # The state after earlier runs: the default account's watermark at the last change (now); then 20 changes upstream.
    q -d $db -c "INSERT INTO sync_state (account_id, key, watermark, updated_at) VALUES (1, 'orders.incremental.watermark', now(), now()) ON CONFLICT (account_id, key) DO UPDATE SET watermark = excluded.watermark, updated_at = excluded.updated_at" >/dev/null
    curl -s -X POST "http://127.0.0.1:$emulator_port/emulator/activity/step?count=20" >/dev/null
    run="$(run_job $db incremental)"
    echo "$run" >>"$out/listing-$behaviour-$size.json"
    whole="$(curl -s -H "Authorization: Bearer $emulator_token" "http://127.0.0.1:$emulator_port/api/rest/v1/orders?page=1&per_page=200" \
      | jq -r '((.paging.total + .paging.perPage - 1) / .paging.perPage | floor | tostring) + " " + (.paging.total | tostring)')"
    read -r whole_pages total <<<"$whole"
    requests="$(jq -r .list_requests <<<"$run")"
    verdict=$([ "$requests" -le 10 ] && echo "**met**" || echo "**not met**")
    echo "| $behaviour | $size | $(jq -r .status <<<"$run") | $requests | $whole_pages | $(jq -r '"\(.server_updated_filter // "–") / \(.server_order // "–") / \(.server_page_size // "–")"' <<<"$run") | ≤ 10 | $verdict |" >>"$rows"

    if [ "$size" = 100000 ]; then
      sweep="$(run_job $db full_sweep)"
      echo "$sweep" >>"$out/sweep-$behaviour.json"
      list="$(jq -r .list_requests <<<"$sweep")" get="$(jq -r .get_requests <<<"$sweep")"
      computed="$(awk -v n=$((list + get)) 'BEGIN { printf "%.0f s (%.1f min)", n / 5, n / 300 }')"
      measured="not timed (run with --timed-sweep)"
      if [ -n "$timed_sweep" ]; then
        stop_pid "$spid"
        QT_BASE_URL="http://127.0.0.1:$emulator_port/api/rest/v1/" start_service "$service_port" "$cs" service-listing \
          Reconcile__IncrementalCron="$never" Reconcile__FullSweepCron="$never" Reconcile__CatalogCron="$never"
        spid=$service_pid; pids+=("$spid")
        timed="$(run_job $db full_sweep)"
        measured="$(jq -r '"\(.seconds | floor) s, \(.status)"' <<<"$timed")"
      fi
      echo "| $behaviour | $total | $(jq -r .status <<<"$sweep") | $list | $get | $computed | $measured |" >>"$sweeps"
    fi
    stop_pid "$spid"; stop_pid "$epid"
  done
done

{
  echo "# Benchmarks — listing budget (issue 16)"
  echo
  echo "Written by \`bench/listing.sh\` (also run by \`bench/run.sh\`) — do not edit by hand. Started $started_at,"
  echo "commit $(git -C "$repo" rev-parse --short HEAD), $(nproc) cores. Raw results: \`${out#"$repo"/}\`."
  echo "Request counts are deterministic (seeded emulator, Qtickets:RequestsPerSecond=0 so the count is not timed)."
  echo
  echo "## Incremental run after 20 upstream changes"
  echo
  echo "The watermark is set to the moment before the changes (the state after earlier runs); 20 changes of the"
  echo "emulator's activity mix (new orders, payments, cancellations, refunds, scans, reservations extended) follow;"
  echo "one incremental run is triggered. **Baseline**: pages a walk of the whole listing takes at the page size the"
  echo "server serves — what each run cost when filters were ignored. History spread at ~110 orders/day (tail of 72 h ≈ 330 orders)."
  echo
  echo "| Server behaviour | Orders of history | Run | List requests | Baseline: pages of a whole walk | Verdict seen (updated_at filter / order / page size) | Target | Verdict |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "## Full sweep over 100,000 orders"
  echo
  echo "The nightly full sweep walks its whole horizon (365 days) and checks each stored paid order it did not see."
  echo "Duration at the default limit (5 req/s) is **computed** from the measured request count as requests / 5."
  echo
  echo "| Server behaviour | Orders upstream | Run | List requests | Get requests | Duration at 5 req/s (computed) | Measured at 5 req/s |"
  echo "|---|---|---|---|---|---|---|"
  cat "$sweeps"
} >"$repo/docs/benchmarks-listing.md"
# docs/benchmarks.md carries the same section between markers (bench/report.sh keeps it when it rewrites the file).
bench_md="$repo/docs/benchmarks.md"
if [ -f "$bench_md" ]; then
  awk '/<!-- listing:begin -->/ { skip = 1 } !skip { print } /<!-- listing:end -->/ { skip = 0 }' "$bench_md" >"$out/benchmarks.md.tmp"
  { cat "$out/benchmarks.md.tmp"; echo "<!-- listing:begin -->"; sed '1s/^# /## /; s/^## \(Incremental\|Full\)/### \1/' "$repo/docs/benchmarks-listing.md"; echo "<!-- listing:end -->"; } >"$bench_md"
fi
log "wrote docs/benchmarks-listing.md and its section of docs/benchmarks.md (artifacts: $out)"
