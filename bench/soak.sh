#!/usr/bin/env bash
# Fault soak: nothing lost, nothing doubled, under the faults QTickets and our own hosting can throw at us.
#
#   bench/soak.sh [--changes N] [--orders N] [--rate N]     (defaults: 100,000 changes over 5,000 orders)
#
# The emulator produces N order changes (payments, refunds, scans, cancellations, basket removals) and sends
# their webhooks while dropping 10 %, duplicating 10 % and reordering 10 % of them, and answers 5 % of API
# calls with 503 and 2 % with 429 + Retry-After. Meanwhile the service is killed with SIGKILL and restarted
# twice (at 25 % and 75 % of the changes) and PostgreSQL is stopped and started once (at 50 %); during that
# outage a probe posts signed webhooks every 100 ms and records every answer. When the changes are done and
# the webhook retries have settled, one full-sweep reconcile runs, and then Qtickets.Sync.Bench.Soak compares:
# every order and basket with the emulator's truth (an initial backfill loads the history first, as a
# deployment would), daily sales with DailySales.Compute over the truth (to the kopeck), every webhook the
# emulator saw answered 200 with the inbox, duplicates in the inbox, and the change feed (GET /api/v1/changes read
# from an empty cursor, each change's fields and ticket deltas folded) against the mirror's orders (business
# fields) and tickets, exactly: a consumer replaying the feed rebuilds the mirror (issue 27). Unpaid orders reach the mirror only
# through webhooks (reconcile lists payed=1), so differences on them are printed apart, not as mismatches.
# Prints the counts and "mismatches = 0"; exits non-zero otherwise (or when a 200 came while PostgreSQL was
# down, or the reconcile failed). Then the restore drill: pg_dump of the database, 2,000 more changes with 10 % of
# webhooks dropped, pg_restore into a fresh database, the service started on it; its own schedule must converge
# the mirror to the truth ("restore drill: mismatches = 0").
#
# Uses the bench's own PostgreSQL cluster (port 55439, this checkout's .data/pg), never the shared one.
# Drives tests/Qtickets.Emulator through its control plane: PUT /emulator/faults,
# POST /emulator/activity/step?count=N for the changes, GET /emulator/stats, GET /emulator/truth/orders.
# Webhook retries follow QTickets' n³ schedule scaled by Emulator:WebhookRetryScale=0.02 (all ten retries
# within about a minute, longer than any outage here), so no webhook is given up for the outages alone.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
changes=100000 orders=5000 rate=500
while [ $# -gt 0 ]; do
  case "$1" in
    --changes) changes="$2"; shift ;;
    --orders) orders="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    *) echo "usage: bench/soak.sh [--changes N] [--orders N] [--rate changes-per-second]" >&2; exit 2 ;;
  esac
  shift
done
out="$repo/artifacts/soak/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
emulator="http://127.0.0.1:$emulator_port"
pids_to_stop=()
cleanup() { for pid in "${pids_to_stop[@]}"; do stop_pid "$pid"; done; "$repo/deploy/local-postgres.sh" >/dev/null 2>&1 || true; }
trap cleanup EXIT

setup_postgres
build_release
prepare_schema_template
db=bench_soak
cs="$(fresh_db $db $schema)"

faults='{"webhookDropPercent":10,"webhookDuplicatePercent":10,"webhookReorderPercent":10,"api503Percent":5,"api429Percent":2,"retryAfterSeconds":1}'
missing=
start_emulator $emulator_port "$orders" "http://127.0.0.1:$service_port/webhooks/qtickets" --Emulator:WebhookRetryScale=0.02 \
  || die "soak needs the emulator: $missing"
pids_to_stop+=("$emulator_pid")
curl -sf -X PUT "$emulator/emulator/faults" -H 'Content-Type: application/json' -d "$faults" >"$out/faults.json" \
  || die "the emulator refused PUT /emulator/faults $faults"
stats() { curl -sf "$emulator/emulator/stats" || echo '{}'; }

service_env=(Qtickets__RequestsPerSecond=0)
start() { QT_BASE_URL="$emulator/api/rest/v1/" start_service $service_port "$cs" service "${service_env[@]}"; pids_to_stop+=("$service_pid"); }
start

# sync_run PATH BODY: starts a run through the admin API and waits for it; sets run_id and status.
sync_run() {
  local answer deadline=$((SECONDS + 3600))
  answer="$(curl -s -X POST "http://127.0.0.1:$service_port/api/v1/sync/$1" -H "X-Api-Key: $admin_key" \
    -H 'Content-Type: application/json' -d "$2")"
  run_id="$(jq -r '.runId // empty' <<<"$answer" 2>/dev/null || true)"
  [ -n "$run_id" ] || die "POST /api/v1/sync/$1 answered without a run id: $answer"
  status=queued
  while [ $SECONDS -lt $deadline ]; do
    status="$(curl -s -H "X-Api-Key: $admin_key" "http://127.0.0.1:$service_port/api/v1/sync/runs/$run_id" | jq -r '.status // empty')"
    case "$status" in succeeded|failed|skipped) return ;; esac
    sleep 1
  done
}

# As a deployment starts: one backfill of everything, then live traffic.
sync_run backfill '{"from":"2000-01-01T00:00:00+00:00"}'
[ "$status" = succeeded ] || die "the initial backfill (run $run_id) ended $status"
log "initial backfill done (run $run_id); soak: $changes changes over $orders orders at $rate/s; artifacts in $out"

kills=0 pg_restarts=0
kill_and_restart() {
  log "SIGKILL service (pid $service_pid) after $made changes"
  kill -9 "$service_pid"; wait "$service_pid" 2>/dev/null || true
  kills=$((kills + 1))
  start
}

# Signed webhooks posted while PostgreSQL is down; any 200 among them is a lie about durability.
probe_payloads="$out/probe.tsv"
dotnet "$load_dll" payloads --out "$probe_payloads" --count 200 --first-id 900000000 --secret "$bench_secret" >/dev/null
postgres_outage() {
  log "stopping PostgreSQL after $made changes"
  "$repo/deploy/local-postgres.sh" stop
  pg_restarts=$((pg_restarts + 1))
  local n=0
  while IFS=$'\t' read -r sig body && [ $n -lt 80 ]; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 5 -X POST "http://127.0.0.1:$service_port/webhooks/qtickets" \
      -H 'Content-Type: application/json' -H "X-Signature: $sig" -H 'X-Event-Type: updated' -H 'X-Model-Name: Order' \
      --data-binary "$body" >>"$out/outage-answers.txt" || echo 000 >>"$out/outage-answers.txt"
    n=$((n + 1)); sleep 0.1
  done <"$probe_payloads"
  log "starting PostgreSQL"
  "$repo/deploy/local-postgres.sh" >/dev/null
}

# The changes, in steps paced to --rate; the faults land at 25 %, 50 % and 75 % of them.
chunk=$(( rate / 4 > 0 ? rate / 4 : 1 ))
made=0 step=0
while [ $made -lt "$changes" ]; do
  n=$(( changes - made < chunk ? changes - made : chunk ))
  curl -sf -X POST "$emulator/emulator/activity/step?count=$n" >/dev/null || die "POST /emulator/activity/step failed"
  made=$((made + n))
  if [ $step -eq 0 ] && [ $made -ge $((changes / 4)) ]; then kill_and_restart; step=1; fi
  if [ $step -eq 1 ] && [ $made -ge $((changes / 2)) ]; then postgres_outage; step=2; fi
  if [ $step -eq 2 ] && [ $made -ge $((changes * 3 / 4)) ]; then kill_and_restart; step=3; fi
  kill -0 "$service_pid" 2>/dev/null || die "the service died on its own (log: $out/service.log)"
  sleep 0.25
done

# settle: waits for the emulator's webhook retries and the inbox of $db to settle.
settle() {
  local settle_deadline=$((SECONDS + 1800)) unsettled pending
  while [ $SECONDS -lt $settle_deadline ]; do
    # Every emitted webhook is dropped, delivered or given up (duplicates add a copy each), none pending.
    unsettled="$(jq '.webhooksEmitted - .webhooksDropped + .webhooksDuplicated - .webhooksDelivered - .webhooksGivenUp + .webhooksPending' <<<"$(stats)")"
    pending="$(q -d $db -c "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'" 2>/dev/null || echo 1)"
    [ "$unsettled" = "0" ] && [ "$pending" = "0" ] && break
    sleep 1
  done
}

log "changes done; waiting for the emulator's webhook retries and the inbox to settle"
settle

log "one full-sweep reconcile"
sync_run reconcile '{"kind":"full_sweep"}'
[ "$status" = succeeded ] || log "WARNING: reconcile run $run_id ended $status"
while [ "$(q -d $db -c "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'")" != "0" ]; do sleep 0.5; done
reconcile_run=$run_id reconcile_status=$status
# The daily sales table folds its queue every Sales:FoldInterval; compare once it has caught up.
while [ "$(q -d $db -c "SELECT count(*) FROM daily_sales_queue")" != "0" ]; do sleep 0.5; done
log "daily sales drift check"
sync_run sales-drift '{}'
drift_run=$run_id drift_status=$status drift_rows="$(q -d $db -c "SELECT sales_rows_differing FROM sync_runs WHERE id = $run_id")"
run_id=$reconcile_run status=$reconcile_status

set +e
verdict="$(dotnet "$soak_dll" compare --emulator "$emulator/" --connection "$cs" --ignore-from-id 900000000 \
  --service "http://127.0.0.1:$service_port/" --api-key "$admin_key")"
compare_rc=$?
set -e
echo "$verdict" >"$out/compare.json"
stats >"$out/emulator-stats.json"
outage_200="$(grep -c '^200$' "$out/outage-answers.txt" || true)"
outage_total="$(wc -l <"$out/outage-answers.txt")"
v() { jq -r ".$1 // \"n/a\"" <<<"$verdict" 2>/dev/null || echo n/a; }
mismatches="$(v mismatches)"
cat <<EOF
soak: changes=$(v emulator.changes) webhooks emitted=$(v emulator.webhooksEmitted) answered200=$(v emulator.webhooksDelivered) \
dropped=$(v emulator.webhooksDropped) duplicated=$(v emulator.webhooksDuplicated) reordered=$(v emulator.webhooksReordered) \
given_up=$(v emulator.webhooksGivenUp) api503=$(v emulator.api503) api429=$(v emulator.api429) kills=$kills pg_restarts=$pg_restarts
soak: reconcile run $run_id $status; answers while PostgreSQL was down: $outage_total, of which 200: $outage_200
soak: truth orders=$(v truth_orders) (paid $(v truth_paid_orders)) baskets=$(v truth_baskets); mirror orders=$(v mirror_orders) baskets=$(v mirror_baskets)
soak: unpaid orders (only webhooks carry them; reconcile lists payed=1; not in mismatches): unknown to the mirror $(v unpaid_orders_unknown_to_mirror), stale $(v unpaid_orders_stale)
soak: daily sales drift check run $drift_run $drift_status: $drift_rows row(s) of the table differed from the recompute
soak: order mismatches=$(v order_mismatches) basket mismatches=$(v basket_mismatches) daily sales mismatches=$(v daily_sales_mismatches) (recompute vs truth, of $(v daily_sales_rows) rows) table mismatches=$(v daily_sales_table_mismatches) (table vs recompute, of $(v daily_sales_table_rows) rows) \
webhooks answered 200 missing from inbox=$(v webhooks_missing_from_inbox) (answered 200: $(v emulator.webhooksDelivered), inbox rows $(v inbox_rows) + repeats = $(v inbox_receipts)) inbox duplicates=$(v inbox_duplicates)
soak: feed folded from empty vs mirror: $(v feed.changes) changes in $(v feed.pages) pages over $(v feed.orders) orders and $(v feed.tickets) tickets; \
order mismatches=$(v feed.order_mismatches) ticket mismatches=$(v feed.ticket_mismatches)
soak: mismatches = $mismatches
EOF
jq -r '.first_mismatches[]? | "  - " + .' <<<"$verdict" 2>/dev/null || true
jq -r '.first_unpaid_differences[]? | "  ~ " + .' <<<"$verdict" 2>/dev/null || true
jq -r '.feed.first_mismatches[]? | "  - feed: " + .' <<<"$verdict" 2>/dev/null || true
soak_ok=0
[ "$compare_rc" -eq 0 ] && [ "$outage_200" = "0" ] && [ "$status" = succeeded ] && [ "$drift_rows" = "0" ] || soak_ok=1

# Restore drill (docs/operations.md): a whole-database dump of the soaked service, then 2,000 more changes with
# 10 % of webhooks dropped that reach only the old database; the dump is restored into a fresh database and the
# service started on it with nothing else done. Its incremental schedule (every minute here) must bring the
# mirror to the truth: webhooks after the backup are not in its inbox, so their comparison is left out.
pg_tool() { local tool; tool="$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)"; echo "${tool:-$1}"; }
drill_changes=2000
log "restore drill: pg_dump -Fc of $db (runs running: $(q -d $db -c "SELECT count(*) FROM sync_runs WHERE status = 'running'"))"
"$(pg_tool pg_dump)" -Fc -d $db -f "$out/restore-drill.dump" || die "pg_dump of $db failed"
curl -sf -X PUT "$emulator/emulator/faults" -H 'Content-Type: application/json' -d '{"webhookDropPercent":10}' >/dev/null \
  || die "the emulator refused the restore drill's faults"
made=0
while [ $made -lt $drill_changes ]; do
  n=$(( drill_changes - made < chunk ? drill_changes - made : chunk ))
  curl -sf -X POST "$emulator/emulator/activity/step?count=$n" >/dev/null || die "POST /emulator/activity/step failed"
  made=$((made + n))
  sleep 0.25
done
settle
stop_pid "$service_pid"
db=bench_soak_restored
cs="$(fresh_db $db)"
"$(pg_tool pg_restore)" --no-owner --exit-on-error -d $db "$out/restore-drill.dump" || die "pg_restore into $db failed"
restored_at="$(q -d $db -c "SELECT now()")"
service_env+=("Reconcile__IncrementalCron=* * * * *")
start
drill_start=$SECONDS drill_deadline=$((SECONDS + 600))
until [ "$(q -d $db -c "SELECT count(*) FROM sync_runs WHERE kind = 'incremental' AND status = 'succeeded' AND started_at > '$restored_at'")" != "0" ]; do
  [ $SECONDS -lt $drill_deadline ] || die "restore drill: no incremental run succeeded on the restored database within 600 s"
  sleep 1
done
drill_seconds=$((SECONDS - drill_start))
while [ "$(q -d $db -c "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'")" != "0" ]; do sleep 0.5; done
while [ "$(q -d $db -c "SELECT count(*) FROM daily_sales_queue")" != "0" ]; do sleep 0.5; done
set +e
drill_verdict="$(dotnet "$soak_dll" compare --emulator "$emulator/" --connection "$cs" --ignore-from-id 900000000 --skip-webhooks true)"
drill_rc=$?
set -e
echo "$drill_verdict" >"$out/restore-drill.json"
d() { jq -r ".$1 // \"n/a\"" <<<"$drill_verdict" 2>/dev/null || echo n/a; }
cat <<EOF
soak: restore drill: dump, $drill_changes changes (10 % of webhooks dropped), pg_restore, start: first incremental run succeeded after ${drill_seconds} s; runs left running: $(q -d $db -c "SELECT count(*) FROM sync_runs WHERE status = 'running'"), recovered after an interruption: $(q -d $db -c "SELECT count(*) FROM sync_runs WHERE interruptions > 0")
soak: restore drill: order mismatches=$(d order_mismatches) basket mismatches=$(d basket_mismatches) daily sales mismatches=$(d daily_sales_mismatches) table mismatches=$(d daily_sales_table_mismatches)
soak: restore drill: mismatches = $(d mismatches)
EOF
jq -r '.first_mismatches[]? | "  - " + .' <<<"$drill_verdict" 2>/dev/null || true
[ "$soak_ok" -eq 0 ] && [ "$drill_rc" -eq 0 ]
