#!/usr/bin/env bash
# Audit request cost (issue 28): an audit of an account makes no more QTickets requests than a full sweep of it.
#
#   bench/audit.sh [--orders N]      (default 100,000; bench/run.sh --only audit runs it at the mode's backfill sizes)
#
# One emulator of N orders and one service: a first full sweep loads them, a second one is the steady-state
# sweep, then the audit. Prints each run's list-page and single-order requests, the audit's verdict and the
# ratio audit / sweep (the goal: at most 1); exits non-zero when the audit costs more or is not `equal`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
orders=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --orders) orders="$2"; shift ;;
    *) echo "usage: bench/audit.sh [--orders N]" >&2; exit 2 ;;
  esac
  shift
done
out="${out:-$repo/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)-audit}"
mkdir -p "$out"
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
pids=()
trap 'for pid in "${pids[@]}"; do stop_pid "$pid"; done' EXIT
never="0 0 31 2 *"
if [ -z "${api_dll:-}" ]; then
  setup_postgres
  build_release
  prepare_schema_template
fi

missing=
start_emulator $emulator_port "$orders" "" || die "the audit bench needs the emulator: $missing"
pids+=("$emulator_pid")
db=bench_audit
cs="$(fresh_db $db $schema)"
QT_BASE_URL="http://127.0.0.1:$emulator_port/api/rest/v1/" start_service $service_port "$cs" service-audit \
  Qtickets__RequestsPerSecond=0 Reconcile__IncrementalCron="$never" Reconcile__FullSweepCron="$never" \
  Reconcile__CatalogCron="$never" Audit__Cron="$never"
pids+=("$service_pid")

log "audit bench: $orders orders; first full sweep (loads them)"
run_job $db full_sweep >"$out/audit-load.json"
log "audit bench: steady-state full sweep"
sweep="$(run_job $db full_sweep)"
log "audit bench: audit"
audit="$(run_job $db audit)"
echo "{\"sweep\":$sweep,\"audit\":$audit}" >"$out/audit-requests.json"
requests() { jq '.list_requests + .get_requests' <<<"$1"; }
verdict="$(q -d $db -c "SELECT verdict FROM audit_results ORDER BY run_id DESC LIMIT 1")"
ratio="$(jq -n --argjson a "$(requests "$audit")" --argjson s "$(requests "$sweep")" 'if $s == 0 then null else ($a / $s * 1000 | round / 1000) end')"
echo "audit: $orders orders: full sweep $(requests "$sweep") requests ($(jq .list_requests <<<"$sweep") list, $(jq .get_requests <<<"$sweep") single, $(jq .seconds <<<"$sweep") s); audit $(requests "$audit") requests ($(jq .list_requests <<<"$audit") list, $(jq .get_requests <<<"$audit") single, $(jq .seconds <<<"$audit") s), verdict $verdict; audit / sweep = $ratio"
[ "$(jq .status -r <<<"$audit")" = succeeded ] && [ "$verdict" = equal ] && [ "$(requests "$audit")" -le "$(requests "$sweep")" ]
