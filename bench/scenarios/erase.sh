# Scenario `erase` of bench/run.sh (issue 29): erasing one person among the read data set ($read_orders QTickets and
# $tc_orders Ticketscloud orders). Each run plants another buyer (bench/erase-person.sql: orders on both platforms,
# tickets, a client row, webhook deliveries, refund commands, history entries), then times
# POST /api/v1/personal-data/erasures until its GET says completed_at. Baseline in the same run, before the
# erasure: the same person found without the indexes, by scanning every raw jsonb and text column the erasure
# covers for the e-mail (what hand-written SQL over the tables would do).
erase_scan_sql() {
  local like="%$1%"
  cat <<SQL
SELECT (SELECT count(*) FROM qtickets_orders WHERE raw::text ILIKE '$like' OR client_email ILIKE '$like')
     + (SELECT count(*) FROM qtickets_baskets WHERE raw::text ILIKE '$like' OR client_email ILIKE '$like')
     + (SELECT count(*) FROM qtickets_clients WHERE raw::text ILIKE '$like' OR email ILIKE '$like')
     + (SELECT count(*) FROM ticketscloud_orders WHERE raw::text ILIKE '$like' OR customer_email ILIKE '$like')
     + (SELECT count(*) FROM ticketscloud_tickets WHERE raw::text ILIKE '$like')
     + (SELECT count(*) FROM ticketscloud_refund_requests WHERE raw::text ILIKE '$like' OR reason ILIKE '$like')
     + (SELECT count(*) FROM webhook_deliveries WHERE body ILIKE '$like' OR headers::text ILIKE '$like')
     + (SELECT count(*) FROM order_commands WHERE request::text ILIKE '$like' OR response::text ILIKE '$like')
     + (SELECT count(*) FROM order_changes WHERE changes::text ILIKE '$like')
SQL
}

# read_data_loaded DB -> 0 when DB exists and holds exactly the read data set of this run (and no planted buyer)
read_data_loaded() {
  [ "$(q -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$1'")" = 1 ] || return 1
  [ "$(q -d "$1" -c "SELECT (SELECT count(*) FROM qtickets_orders) || ' ' || (SELECT count(*) FROM ticketscloud_orders)")" = "$read_orders ${tc_orders:-0}" ]
}

# now_ms -> milliseconds since the epoch
now_ms() { date +%s%3N; }

# erase_request EMAIL PHONE: POST /api/v1/personal-data/erasures to the running service and wait (at most 300 s)
# until its GET shows completed_at; sets $erasure to that answer, or returns 1 with the reason in $erase_error.
erase_request() {
  local base="http://127.0.0.1:$service_port/api/v1/personal-data/erasures"
  local answer; answer="$(curl -s -w '\n%{http_code}' -X POST "$base" -H "X-Api-Key: $admin_key" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"phone\":\"$2\"}")"
  local code; code="$(tail -n 1 <<<"$answer")"
  local id; id="$(head -n 1 <<<"$answer" | jq -r '.id // empty' 2>/dev/null || true)"
  if [ "$code" != 202 ] || [ -z "$id" ]; then
    erase_error="\`POST /api/v1/personal-data/erasures\` answered HTTP $code ($(head -n 1 <<<"$answer" | head -c 300); log: $out/service-erase.log)"
    return 1
  fi
  local deadline=$((SECONDS + 300))
  while [ $SECONDS -lt $deadline ]; do
    erasure="$(curl -s -H "X-Api-Key: $admin_key" "$base/$id")"
    [ "$(jq -r '.completed_at // empty' <<<"$erasure")" = "" ] || return 0
    sleep 0.05
  done
  erase_error="erasure $id not completed within 300 s"
  return 1
}

# erase_plans DB CS: one more person (number $runs + 1) erased with auto_explain (ANALYZE) on for DB; the plans of
# what ran in the database from the request until completion, read back from the cluster's log, go to
# $out/erase-plans.log, and the notes name any sequential scan of a table the erasure reaches (or say there is none).
erase_plans() {
  local db="$1" cs="$2" person=$((runs + 1)) serverlog
  serverlog="$(q -d postgres -c 'SHOW data_directory')/server.log"
  [ -r "$serverlog" ] || { note "- Erase plans not captured: cannot read $serverlog."; return; }
  log "erase: plans of one more erasure (auto_explain)"
  q -d "$db" -v person="$person" -v email="Erase.Me.$person@Example.org" -v phone="+7 (999) 000-00-0$person" \
    -v tc_account="${tc_account:-tc-bench}" -f "$repo/bench/erase-person.sql" >/dev/null
  q -d postgres -c "ALTER DATABASE $db SET session_preload_libraries = 'auto_explain'" \
    -c "ALTER DATABASE $db SET auto_explain.log_min_duration = 0" -c "ALTER DATABASE $db SET auto_explain.log_analyze = on" \
    -c "ALTER DATABASE $db SET auto_explain.log_nested_statements = on" >/dev/null
  local tc_settings; mapfile -t tc_settings < <(tc_service_settings)
  start_service $service_port "$cs" service-erase-plans "${tc_settings[@]}"
  local spid=$service_pid; pids_to_stop+=("$spid")
  local offset; offset="$(stat -c %s "$serverlog")"
  if erase_request "Erase.Me.$person@Example.org" "+7 (999) 000-00-0$person"; then
    tail -c +$((offset + 1)) "$serverlog" >"$out/erase-plans.log"
    local scans tables='qtickets_orders|qtickets_baskets|qtickets_clients|ticketscloud_orders|ticketscloud_tickets|ticketscloud_refund_requests|webhook_deliveries|order_commands|order_changes'
    scans="$(grep -oE "Seq Scan on ($tables)( |$)" "$out/erase-plans.log" | sort | uniq -c | awk '{ printf "%s%s × %s", sep, $5, $1; sep = ", " }' || true)"
    note "- Erase plans: one more erasure with auto_explain (ANALYZE) on, \`$out/erase-plans.log\` (everything the database ran from the request until completion, background jobs included): $(grep -c 'Index Scan\|Index Only Scan\|Bitmap Index Scan' "$out/erase-plans.log" || true) index scan nodes; sequential scans of the tables the erasure reaches: ${scans:-none}."
  else
    note "- Erase plans not captured: $erase_error."
  fi
  stop_pid "$spid"
  q -d postgres -c "ALTER DATABASE $db RESET ALL" >/dev/null
}

erase() {
  local db=bench_erase cs events=50 t0=$SECONDS
  [ "${tc_orders:-0}" -gt 0 ] || note "- Erase: run without Ticketscloud orders (--tc-orders 0)."
  if read_data_loaded bench_read; then
    # The read scenario of this run left the same data set: a file copy instead of a second bulk load.
    log "erase: copying bench_read"
    cs="$(fresh_db $db bench_read)"
    note "- Erase data: a copy of the read scenario's database ($read_orders QTickets and ${tc_orders:-0} Ticketscloud orders), made in $((SECONDS - t0)) s; each run plants one more buyer with \`bench/erase-person.sql\`."
  else
    log "erase: bulk-loading $read_orders QTickets and ${tc_orders:-0} Ticketscloud orders"
    cs="$(fresh_db $db $schema)"
    q -d $db -v orders="$read_orders" -v events=$events -f "$repo/bench/read-data.sql" >/dev/null
    load_tc_read_data $db
    note "- Erase data: $read_orders QTickets orders (\`bench/read-data.sql\`) and ${tc_orders:-0} Ticketscloud orders, loaded in $((SECONDS - t0)) s; each run plants one more buyer with \`bench/erase-person.sql\`."
  fi
  local tc_settings; mapfile -t tc_settings < <(tc_service_settings)
  start_service $service_port "$cs" service-erase "${tc_settings[@]}"
  local spid=$service_pid; pids_to_stop+=("$spid")
  for run in $(seq 1 "$runs"); do
    log "erase run $run/$runs"
    local email="Erase.Me.$run@Example.org" phone="+7 (999) 000-00-0$run"
    q -d $db -v person="$run" -v email="$email" -v phone="$phone" -v tc_account="${tc_account:-tc-bench}" \
      -f "$repo/bench/erase-person.sql" >/dev/null
    local b0; b0="$(now_ms)"
    local found; found="$(q -d $db -c "$(erase_scan_sql "$email")")"
    local b1; b1="$(now_ms)"
    record erase.baseline_scan.ms "$run" $((b1 - b0))
    record erase.baseline_scan.rows "$run" "$found"
    local s0; s0="$(now_ms)"
    if ! erase_request "$email" "$phone"; then
      note "- Erase run $run **not measured**: $erase_error."
      continue
    fi
    local s1; s1="$(now_ms)"
    echo "$erasure" >>"$out/erase.jsonl"
    record erase.service.ms "$run" $((s1 - s0))
    record erase.service.rows "$run" "$(jq '[.counts[]] | add // 0' <<<"$erasure")"
    # Nothing of the person may be left where the scan looks.
    local left; left="$(q -d $db -c "$(erase_scan_sql "$email")")"
    record erase.service.left "$run" "$left"
    [ "$left" = 0 ] || note "- Erase run $run: $left rows still hold the e-mail after the erasure (counts: $(jq -c .counts <<<"$erasure"))."
  done
  stop_pid "$spid"
  erase_plans $db "$cs"
}
