# Both platforms in the read data set (issue 26), sourced by bench/run.sh: the `read` and `dashboard` scenarios
# load $tc_orders Ticketscloud orders of the account $tc_account beside the QTickets ones (bench/tc-read-data.sql)
# and start the service with that account configured; `read` also measures the unified endpoints across both.
# --tc-orders 0 leaves the data set QTickets only, as before.
tc_account=tc-bench

# The Ticketscloud account as the service is told of it; its API is not reachable and its runs never scheduled:
# the read scenarios measure reads only.
tc_service_settings() {
  [ "${tc_orders:-0}" -gt 0 ] || return 0
  printf '%s\n' Accounts__0__Name=$tc_account Accounts__0__Platform=ticketscloud Accounts__0__BaseUrl=http://127.0.0.1:9/ \
    Accounts__0__Token=bench-tc-token "Ticketscloud__IncrementalCron=$never" "Ticketscloud__FullSweepCron=$never"
}

# load_tc_read_data DB [FIRST_DAY]: the Ticketscloud orders over the same year as the QTickets ones, and a file of
# Ticketscloud ids, events and barcodes for the probe ($out/tc-samples-DB.tsv).
load_tc_read_data() {
  local db="$1" first_day="${2:-2025-01-01 00:00:00+00}" t0=$SECONDS
  [ "${tc_orders:-0}" -gt 0 ] || return 0
  log "$db: bulk-loading $tc_orders Ticketscloud orders (account $tc_account)"
  q -d "$db" -v tc_orders="$tc_orders" -v events=50 -v tc_account="$tc_account" -v first_day="$first_day" \
    -f "$repo/bench/tc-read-data.sql" >/dev/null
  local tickets; tickets="$(q -d "$db" -c 'SELECT count(*) FROM ticketscloud_tickets')"
  note "- $db: plus $tc_orders Ticketscloud orders / $tickets tickets over 50 events of account \`$tc_account\` (85 % paid, 5 % refunded by an approved request, 5 % expired, 5 % unpaid), bulk-loaded with \`bench/tc-read-data.sql\` in $((SECONDS - t0)) s (daily sales of both platforms rebuilt)."
  record "load.$db.tc_seconds" 1 $((SECONDS - t0))
  q -d "$db" -c "(SELECT 'order', id FROM ticketscloud_orders TABLESAMPLE SYSTEM (1) LIMIT 500)
    UNION ALL (SELECT 'event', id FROM ticketscloud_events)
    UNION ALL (SELECT 'barcode', barcode FROM ticketscloud_tickets TABLESAMPLE SYSTEM (1) LIMIT 500)" \
    | tr '|' '\t' >"$out/tc-samples-$db.tsv"
}

# read_both PORT DB: the unified endpoints over both platforms, $runs times (after the QTickets-only probe).
read_both() {
  local port="$1" db="$2"
  [ "${tc_orders:-0}" -gt 0 ] || return 0
  for run in $(seq 1 "$runs"); do
    log "read across both platforms, run $run/$runs"
    local r; r="$(load read-both --base "http://127.0.0.1:$port/" --key "$read_key" --orders "$read_orders" \
      --tc-account $tc_account --tc-samples "$out/tc-samples-$db.tsv" --first-day 2025-01-01 --days 365 \
      --samples $read_samples --depth 20)"
    echo "$r" >>"$out/read-both.jsonl"
    for figure in list_all list_tc_event list_paid; do
      record "read.both.$figure.p50_ms" "$run" "$(jq ".$figure.summary.p50_ms" <<<"$r")"
      record "read.both.$figure.p99_ms" "$run" "$(jq ".$figure.summary.p99_ms" <<<"$r")"
    done
    for figure in byid_qtickets byid_ticketscloud ticket_ticketscloud; do
      record "read.both.$figure.p50_ms" "$run" "$(jq ".$figure.p50_ms" <<<"$r")"
      record "read.both.$figure.p99_ms" "$run" "$(jq ".$figure.p99_ms" <<<"$r")"
    done
    local failures; failures="$(jq '[.list_all.summary.failures, .list_tc_event.summary.failures, .list_paid.summary.failures, .byid_qtickets.failures, .byid_ticketscloud.failures, .ticket_ticketscloud.failures | to_entries[] | .value] | add // 0' <<<"$r")"
    [ "$failures" = "0" ] || note "- Read across both platforms, run $run: $failures non-200 answers ($(jq -c '[.list_all.summary.failures, .list_tc_event.summary.failures, .list_paid.summary.failures, .byid_qtickets.failures, .byid_ticketscloud.failures, .ticket_ticketscloud.failures]' <<<"$r"))."
  done
}
