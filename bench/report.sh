#!/usr/bin/env bash
# Writes docs/benchmarks.md (on stdout) from the artifacts of one bench/run.sh: results.jsonl, notes.md and
# the EXPLAIN plans. Usage: bench/report.sh ARTIFACT_DIR MODE RUNS STARTED_AT
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1" mode="$2" runs="$3" started_at="$4"
results="$out/results.jsonl"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-${QTICKETS_PG_PORT:-55439}}" PGUSER="${PGUSER:-postgres}"

# stat KEY -> "median min max n" (empty when the figure was not measured)
stat() {
  jq -rs --arg k "$1" '[.[] | select(.key == $k) | .value] | sort
    | if length == 0 then empty else
        [ (if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end),
          .[0], .[-1], length ] | map(tostring) | join(" ") end' "$results"
}
fmt() { awk -v v="$1" 'BEGIN { if (v >= 100) printf "%.0f", v; else if (v >= 10) printf "%.1f", v; else printf "%.2f", v }'; }
cell() {
  local s; s="$(stat "$1")"
  [ -n "$s" ] || { echo "not measured"; return; }
  read -r med min max n <<<"$s"
  echo "$(fmt "$med") ($(fmt "$min")–$(fmt "$max"), n=$n)"
}
median() { stat "$1" | cut -d' ' -f1; }
ratio() {
  local a b; a="$(median "$1")"; b="$(median "$2")"
  [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }' || echo "–"
}
# verdict VALUE OP LIMIT -> met / not met / not measured
verdict() {
  [ -n "$1" ] || { echo "not measured"; return; }
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
    ok = (op == ">=") ? v >= l : (op == "<") ? v < l : (op == "<=") ? v <= l : 0
    print ok ? "**met**" : "**not met**" }'
}

# summarise_plans FILE -> "indexes/scans used; n statements; slowest X ms" over the service's statements
# (Hangfire's own polling, which shares the database, is left out).
summarise_plans() {
  awk '
    function flush() {
      if (entry != "" && entry !~ /hangfire/ && entry ~ /qtickets_|daily_sales/) {
        n++; if (dur + 0 > max + 0) max = dur
        s = entry
        while (match(s, /(Index Only Scan|Index Scan|Bitmap Index Scan) (Backward )?(using|on) [a-z_0-9]+|Seq Scan on [a-z_0-9]+/)) {
          scans[substr(s, RSTART, RLENGTH)] = 1; s = substr(s, RSTART + RLENGTH)
        }
      }
      entry = ""
    }
    /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / { flush(); if ($0 ~ /duration: .* plan:/) { dur = $0; sub(/.*duration: /, "", dur); sub(/ ms.*/, "", dur); entry = " " } next }
    entry != "" { entry = entry " " $0 }
    END {
      flush()
      if (n == 0) { print "no statements captured"; exit }
      out = ""; for (k in scans) out = out (out ? "; " : "") k
      printf "%s — %d statements, slowest %.1f ms (with ANALYZE overhead)\n", (out ? out : "no scans"), n, max
    }' "$1"
}

pg() { psql -X -qtA -d postgres "$@" 2>/dev/null || true; }
commit="$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src tests bench 2>/dev/null || echo ' (+ uncommitted changes)')"
pg_version="$(pg -c 'SHOW server_version')"
pg_settings="$(pg -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
  WHERE source = 'configuration file' AND name NOT IN ('listen_addresses','port','unix_socket_directories','log_timezone','TimeZone',
  'lc_messages','lc_monetary','lc_numeric','lc_time','default_text_search_config','dynamic_shared_memory_type')")"

cat <<EOF
# Benchmarks

Written by \`bench/run.sh --$mode\` — do not edit by hand; rerun the command. Every figure is the **median of
$runs runs with the spread (min–max)**, next to the baseline measured **in the same run** on the same machine
and the ratio of the medians. Goals are judged on the medians. Raw results: \`${out#"$repo/"}\`.

| | |
|---|---|
| Date (UTC) | $started_at – $(date -u +%Y-%m-%dT%H:%M:%SZ) |
| Git commit | $commit |
| Machine | $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM, kernel $(uname -r), $(. /etc/os-release && echo "$PRETTY_NAME") |
| Load average at start / end | $(cat "$out/loadavg-start.txt" 2>/dev/null) / $(cut -d' ' -f1-3 /proc/loadavg) (the load generator, the service and PostgreSQL share these cores) |
| .NET | $(dotnet --version), Release build |
| PostgreSQL | $pg_version, local cluster of \`deploy/local-postgres.sh\`; non-default settings: $pg_settings |

## Webhook ingest — \`POST /webhooks/qtickets\`

| Figure | Service | Baseline (ASP.NET Core + one INSERT per request) | Ratio | Goal | Verdict |
|---|---|---|---|---|---|
| Accepted/s, \`wrk -t2 -c64\` | $(cell ingest.service.accepted_per_s) | $(cell ingest.baseline.accepted_per_s) | $(ratio ingest.service.accepted_per_s ingest.baseline.accepted_per_s) | ≥ baseline (issues 7, 15) | $(verdict "$(ratio ingest.service.accepted_per_s ingest.baseline.accepted_per_s | tr -d '–')" ">=" 1) |
| | | | | ≥ 50 % of baseline (issue 4) | $(verdict "$(ratio ingest.service.accepted_per_s ingest.baseline.accepted_per_s | tr -d '–')" ">=" 0.5) |
| p50 latency (ms), same load | $(cell ingest.service.p50_ms) | $(cell ingest.baseline.p50_ms) | $(ratio ingest.service.p50_ms ingest.baseline.p50_ms) | – | – |
| p99 latency (ms), same load | $(cell ingest.service.p99_ms) | $(cell ingest.baseline.p99_ms) | $(ratio ingest.service.p99_ms ingest.baseline.p99_ms) | – | – |
| p99 latency (ms) at a fixed 500 req/s | $(cell ingest.service.p99_at_rate_ms) | $(cell ingest.baseline.p99_at_rate_ms) | $(ratio ingest.service.p99_at_rate_ms ingest.baseline.p99_at_rate_ms) | < 50 ms (issue 4) | $(verdict "$(median ingest.service.p99_at_rate_ms)" "<" 50) |
| | | | | < 20 ms (issue 15) | $(verdict "$(median ingest.service.p99_at_rate_ms)" "<" 20) |
| Non-200 answers at 500 req/s | $(cell ingest.service.non200_at_rate) | – | – | 0 | $(verdict "$(median ingest.service.non200_at_rate)" "<=" 0) |
| Seconds from end of load until no delivery is pending | $(cell ingest.service.drain_s) | – (applies nothing) | – | – | – |

EOF

echo "## Backfill — emulator → empty database (\`POST /api/v1/sync/backfill\`, rate limit off)"
echo
echo "| Orders | Figure | Service | Baseline (200-row INSERT … ON CONFLICT DO UPDATE, mirror's tables) | Ratio | Goal | Verdict |"
echo "|---|---|---|---|---|---|---|"
for size in $(jq -rs '[.[] | .key | select(startswith("backfill.")) | split(".")[1]] | unique | map(tonumber) | sort | .[]' "$results"); do
  k="backfill.$size"
  echo "| $size | orders/s | $(cell $k.service.orders_per_s) | $(cell $k.baseline.orders_per_s) | $(ratio $k.service.orders_per_s $k.baseline.orders_per_s) | ≥ 5,000 | $(verdict "$(median $k.service.orders_per_s)" ">=" 5000) |"
  echo "| $size | rows/s (orders + tickets) | $(cell $k.service.rows_per_s) | $(cell $k.baseline.rows_per_s) | $(ratio $k.service.rows_per_s $k.baseline.rows_per_s) | ≥ 0.5 × baseline | $(verdict "$(ratio $k.service.rows_per_s $k.baseline.rows_per_s | tr -d '–')" ">=" 0.5) |"
  echo "| $size | peak working set (MB, VmHWM) | $(cell $k.service.peak_mb) | – | – | < 300 MB | $(verdict "$(median $k.service.peak_mb)" "<" 300) |"
  echo "| $size | orders/s, daily sales triggers off (same service, same run: the speed before the maintained table) | $(cell $k.no_sales_table.orders_per_s) | – | service ÷ this: $(ratio $k.service.orders_per_s $k.no_sales_table.orders_per_s) | ≥ 0.9 | $(verdict "$(ratio $k.service.orders_per_s $k.no_sales_table.orders_per_s | tr -d '–')" ">=" 0.9) |"
  echo "| $size | orders/s, daily sales triggers on but folding off (the writers' share) | $(cell $k.triggers_only.orders_per_s) | – | this ÷ triggers off: $(ratio $k.triggers_only.orders_per_s $k.no_sales_table.orders_per_s) | – | – |"
  echo "| $size | max sampled VmRSS (MB, every 200 ms) | $(cell $k.service.sampled_peak_mb) | – | – | – | – |"
done
sizes=($(jq -rs '[.[] | select(.key | test("^backfill\\..*\\.service\\.peak_mb$")) | .key | split(".")[1] | tonumber] | unique | sort | .[]' "$results"))
if [ "${#sizes[@]}" -ge 2 ]; then
  small="$(median "backfill.${sizes[0]}.service.peak_mb")" large="$(median "backfill.${sizes[-1]}.service.peak_mb")"
  echo
  echo "Peak working set across sizes: ${sizes[0]} → ${sizes[-1]} orders: $(fmt "$small") → $(fmt "$large") MB (×$(awk -v a="$large" -v b="$small" 'BEGIN { printf "%.2f", a / b }')); flat (≤ ×1.5): $(verdict "$(awk -v a="$large" -v b="$small" 'BEGIN { print a / b }')" "<=" 1.5)."
fi

cat <<EOF

## Read API

| Query | p50 (ms) | p99 (ms) | Target | Verdict (on p99) |
|---|---|---|---|---|
| Order list, 50 per page, event + created range, up to 20 pages deep by cursor | $(cell read.list.p50_ms) | $(cell read.list.p99_ms) | < 20 ms | $(verdict "$(median read.list.p99_ms)" "<" 20) |
| Daily sales, one event, one year (maintained table) | $(cell read.daily.p50_ms) | $(cell read.daily.p99_ms) | < 20 ms | $(verdict "$(median read.daily.p99_ms)" "<" 20) |
| Daily sales, all events, one month (maintained table) | $(cell read.daily_month.p50_ms) | $(cell read.daily_month.p99_ms) | < 20 ms | $(verdict "$(median read.daily_month.p99_ms)" "<" 20) |
| baseline: daily sales, one event, one year, recomputed (\`tz=UTC\`) | $(cell read.daily_recompute.p50_ms) | $(cell read.daily_recompute.p99_ms) | — | — |
| baseline: daily sales, all events, one month, recomputed (\`tz=UTC\`) | $(cell read.daily_month_recompute.p50_ms) | $(cell read.daily_month_recompute.p99_ms) | — | — |
| Order by id | $(cell read.byid.p50_ms) | $(cell read.byid.p99_ms) | < 5 ms | $(verdict "$(median read.byid.p99_ms)" "<" 5) |

One connection, one request at a time, after a 10 % warm-up; latency measured by the client over HTTP on loopback.
Daily sales are read from the maintained \`daily_sales\` table (issue 10); the recompute rows are the same reports
for an ad-hoc zone (\`tz=UTC\`), computed from orders and tickets on every request as all reports were before
(a tenth of the samples, at least 20). Median p50 recompute ÷ table: one event a year ×$(ratio read.daily_recompute.p50_ms read.daily.p50_ms),
all events a month ×$(ratio read.daily_month_recompute.p50_ms read.daily_month.p50_ms).

## Dashboard — \`GET /dashboard\` (issue 14)

Sequential requests with a read key; the page reads sync status, 30 days of daily sales, runs, failures and event
names. Baselines in the same run: the API's own 30-day daily sales (\`/api/v1/sales/daily?from=…\`) and
\`/api/v1/sync/status\`.

| Request | p50 (ms) | p99 (ms) | Goal | Verdict (on p99) |
|---|---|---|---|---|
| \`GET /dashboard\` | $(cell dashboard.page.p50_ms) | $(cell dashboard.page.p99_ms) | < 300 ms | $(verdict "$(median dashboard.page.p99_ms)" "<" 300) |
| Baseline: \`GET /api/v1/sales/daily\`, 30 days | $(cell dashboard.baseline_daily.p50_ms) | $(cell dashboard.baseline_daily.p99_ms) | – | – |
| Baseline: \`GET /api/v1/sync/status\` | $(cell dashboard.baseline_status.p50_ms) | $(cell dashboard.baseline_status.p99_ms) | – | – |

## Change feed and order history (issue 27)

Sequential requests with a read key on bulk-loaded changes (size in the notes; issue target 3,000,000). The feed
walk starts at the oldest change and follows \`nextCursor\`, a page of 500 each; history and the order-by-id
baseline read the same random orders. Baselines in the same run: what a consumer would do without the feed
(\`GET /api/v1/orders?limit=500\`) and without history (\`GET /api/v1/orders/{id}\`).

| Request | p50 (ms) | p99 (ms) | Goal | Verdict (on p99) |
|---|---|---|---|---|
| \`GET /api/v1/changes?limit=500\`, walking cursors | $(cell feed.page.p50_ms) | $(cell feed.page.p99_ms) | < 20 ms | $(verdict "$(median feed.page.p99_ms)" "<" 20) |
| \`GET /api/v1/orders/{account}/{id}/history\` | $(cell feed.history.p50_ms) | $(cell feed.history.p99_ms) | < 10 ms | $(verdict "$(median feed.history.p99_ms)" "<" 10) |
| Baseline: \`GET /api/v1/orders?limit=500\` | $(cell feed.baseline_list.p50_ms) | $(cell feed.baseline_list.p99_ms) | – | – |
| Baseline: \`GET /api/v1/orders/{id}\` | $(cell feed.baseline_byid.p50_ms) | $(cell feed.baseline_byid.p99_ms) | – | – |

EOF
if [ -s "$out/read-plans-list.log" ]; then
  echo
  echo "Index usage of the service's own SQL (auto_explain with ANALYZE on the read database during a short extra pass; logs in the artifacts):"
  echo
  echo "- Order list: $(summarise_plans "$out/read-plans-list.log")"
  echo "- Daily sales: $(summarise_plans "$out/read-plans-daily.log")"
  echo "- Order by id: $(summarise_plans "$out/read-plans-byid.log")"
fi
if [ -s "$out/read-explain.txt" ]; then
  echo
  echo "For comparison, EXPLAIN (ANALYZE, BUFFERS) of the equivalent SQL (\`bench/read-explain.sql\`; full plans in the artifacts):"
  echo
  awk '/^### / { title = substr($0, 5); next }
       /Index Scan|Index Only Scan|Bitmap Index Scan|Seq Scan/ { sub(/^ *(->)? */, ""); sub(/ \(actual.*/, ""); seen[title] = seen[title] (seen[title] ? "; " : "") $0 }
       /Execution Time/ { t[title] = $3 }
       END { for (k in seen) printf "- %s: %s — %s ms\n", k, seen[k], t[k] }' "$out/read-explain.txt" | sort
fi

drift_sizes="$(jq -rs '[.[] | .key | select(startswith("drift.")) | split(".")[1]] | unique | map(tonumber) | sort | .[]' "$results")"
if [ -n "$drift_sizes" ]; then
  echo
  echo "## Daily sales drift check at scale (issue 30)"
  echo
  echo "A full drift check (\`POST /api/v1/sync/sales-drift\`, chunks of days) with 10 rows planted differing, while signed"
  echo "webhooks arrive at 100 req/s; apply lag (received → applied) of the deliveries received during the check, and"
  echo "of the same load with no check running (baseline, same run). Goals: 1M orders < 2 min, 10M < 20 min, apply lag"
  echo "unaffected (read here as p99 within 1.5 × the baseline's)."
  echo
  echo "| Orders | Figure | During the check | Baseline (no check) | Ratio | Goal | Verdict |"
  echo "|---|---|---|---|---|---|---|"
  for size in $drift_sizes; do
    k="drift.$size"
    limit=–; [ "$size" -ge 10000000 ] && limit=1200; [ "$size" -ge 1000000 ] && [ "$size" -lt 10000000 ] && limit=120
    echo "| $size | full check (s) | $(cell $k.check_s) | – | – | $([ "$limit" = – ] && echo – || echo "< $limit s") | $([ "$limit" = – ] && echo – || verdict "$(median $k.check_s)" "<" "$limit") |"
    echo "| $size | rows found (10 planted) | $(cell $k.rows_found) | – | – | 10 | $(verdict "$(median $k.rows_found)" ">=" 10) |"
    echo "| $size | apply lag p50 (ms) | $(cell $k.during_check.apply_lag_p50_ms) | $(cell $k.baseline.apply_lag_p50_ms) | $(ratio $k.during_check.apply_lag_p50_ms $k.baseline.apply_lag_p50_ms) | – | – |"
    echo "| $size | apply lag p99 (ms) | $(cell $k.during_check.apply_lag_p99_ms) | $(cell $k.baseline.apply_lag_p99_ms) | $(ratio $k.during_check.apply_lag_p99_ms $k.baseline.apply_lag_p99_ms) | ≤ 1.5 × baseline | $(verdict "$(ratio $k.during_check.apply_lag_p99_ms $k.baseline.apply_lag_p99_ms | tr -d '–')" "<=" 1.5) |"
    echo "| $size | apply lag max (ms) | $(cell $k.during_check.apply_lag_max_ms) | $(cell $k.baseline.apply_lag_max_ms) | $(ratio $k.during_check.apply_lag_max_ms $k.baseline.apply_lag_max_ms) | – | – |"
  done
fi
fresh_rates="$(jq -rs '[.[] | .key | select(startswith("freshness.")) | split(".")[2]] | unique | map(tonumber) | sort | .[]' "$results")"
if [ -n "$fresh_rates" ]; then
  echo
  echo "## Freshness end to end (issue 30)"
  echo
  echo "Milliseconds from a webhook's 200 until the read API shows its effect, at fixed rates. Baseline: today's settings;"
  echo "service: the candidate settings of the run (the notes say which), in the same run. Goals: order visible p99 < 1 s at"
  echo "500 req/s, daily sales p99 < 5 s."
  echo
  echo "| Rate (req/s) | Figure | Service p50 | Service p99 | Service max | Baseline p50 | Baseline p99 | Baseline max | Goal | Verdict (service, or baseline when only it ran) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for rate in $fresh_rates; do
    for figure in order_visible daily_visible; do
      s="freshness.service.$rate.$figure" b="freshness.baseline.$rate.$figure"
      judged="$s"; [ -n "$(median $s.p99_ms)" ] || judged="$b"
      goal=–; limit=
      [ "$figure" = order_visible ] && [ "$rate" -ge 500 ] && { goal="p99 < 1,000"; limit=1000; }
      [ "$figure" = daily_visible ] && { goal="p99 < 5,000"; limit=5000; }
      label="order by id"; [ "$figure" = daily_visible ] && label="daily sales"
      echo "| $rate | $label (missing: $(median $judged.missing)) | $(cell $s.p50_ms) | $(cell $s.p99_ms) | $(cell $s.max_ms) | $(cell $b.p50_ms) | $(cell $b.p99_ms) | $(cell $b.max_ms) | $goal | $([ -n "$limit" ] && verdict "$(median $judged.p99_ms)" "<" "$limit" || echo –) |"
    done
  done
fi
# Sections of the scenarios kept in files of their own (bench/scenarios/*.report.sh), each printed only when measured.
for section in "$repo"/bench/scenarios/*.report.sh; do
  [ -e "$section" ] || continue
  echo
  # shellcheck source=/dev/null
  source "$section"
done
echo
echo "## Notes"
echo
load_start="$(cut -d' ' -f1 "$out/loadavg-start.txt" 2>/dev/null || echo 0)"
if awk -v l="$load_start" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
  echo "- **Noisy machine**: the 1-minute load average was $load_start on $(nproc) cores when the run started, so other work competed with the measurement. Rerun on an idle machine before standing behind these figures."
fi
if [ -s "$out/notes.md" ]; then cat "$out/notes.md"; else echo "- None: every scenario ran."; fi
echo "- Baselines are re-measured in every run; the reference figures of /work/shared/reference/README.md are for orientation only."
if [ -f "$repo/docs/benchmarks-listing.md" ]; then
  echo
  echo "<!-- listing:begin -->"
  sed '1s/^# /## /; s/^## \(Incremental\|Full\)/### \1/' "$repo/docs/benchmarks-listing.md"
  echo "<!-- listing:end -->"
fi
# The accounts scale figures (issue 11) come from bench/accounts.sh, run on its own (it takes ~20 minutes).
for accounts_doc in benchmarks-accounts benchmarks-accounts-one-worker; do
  if [ -f "$repo/docs/$accounts_doc.md" ]; then
    echo
    echo "<!-- $accounts_doc:begin -->"
    sed '1s/^# /## /; s/^## \(One\|Two\)/### \1/' "$repo/docs/$accounts_doc.md"
    echo "<!-- $accounts_doc:end -->"
  fi
done
