# Scenario `firstload` of bench/run.sh (issue 26): a new account's first sync, started by the schedule alone.
# A QTickets account against the emulator in `captured` and `ignore-all` modes (3 years of history; 50 rows a
# page whatever is asked, oldest first), and a Ticketscloud account with 400 days of history: the service starts
# with an empty database and its incremental cron every minute, nobody triggers anything, and the bench waits
# for /api/v1/sync/status to say firstSync.done. Figures: requests the emulator counted ÷ pages of the history
# (the baseline: one request a page, the least a client can do), orders mirrored against the emulator's, seconds.
# The rate limit is off (RequestsPerSecond=0): it changes the time, not the number of requests.
firstload_qt_orders() { [ "$mode" = full ] && echo 100000 || echo 10000; }
firstload_tc_orders() { [ "$mode" = full ] && echo 100000 || echo 10000; }
every_minute="* * * * *"

# first_sync_done PORT ACCOUNT SECONDS -> 0 once the account's firstSync.done is true, 1 on timeout
first_sync_done() {
  local deadline=$((SECONDS + $3)) status
  while [ $SECONDS -lt $deadline ]; do
    status="$(curl -s -H "X-Api-Key: $read_key" "http://127.0.0.1:$1/api/v1/sync/status" || true)"
    if [ "$(jq -r --arg a "$2" '.accounts[]? | select(.account == $a) | .firstSync.done // false' <<<"$status" 2>/dev/null)" = true ]; then
      return 0
    fi
    sleep 0.5
  done
  echo "$status" >"$out/firstload-last-status-$2.json"
  return 1
}

firstload_qtickets() {
  local behaviour="$1" orders; orders="$(firstload_qt_orders)"
  missing=
  if ! start_emulator $emulator_port "$orders" "" --Emulator:ServerBehaviour="$behaviour" --Emulator:HorizonDays=1095; then
    note "- First load ($behaviour) **not measured**: $missing."
    return
  fi
  local epid=$emulator_pid; pids_to_stop+=("$epid")
  local stats="http://127.0.0.1:$emulator_port/emulator/stats"
  local before; before="$(curl -s "$stats" | jq .apiRequests)"
  local db=bench_firstload cs; cs="$(fresh_db $db $schema)"
  local t0=$SECONDS
  QT_BASE_URL="http://127.0.0.1:$emulator_port/api/rest/v1/" start_service $service_port "$cs" "service-firstload-$behaviour" \
    Qtickets__RequestsPerSecond=0 Reconcile__IncrementalCron="$every_minute" Reconcile__FullSweepCron="$never" \
    Reconcile__CatalogCron="$never" Audit__Cron="$never"
  local spid=$service_pid; pids_to_stop+=("$spid")
  if first_sync_done $service_port default 3600; then
    local seconds=$((SECONDS - t0)) after served mirrored
    after="$(curl -s "$stats" | jq .apiRequests)"
    served="$(curl -s "$stats" | jq .orders)"
    mirrored="$(q -d $db -c 'SELECT count(*) FROM qtickets_orders')"
    local pages=$(((served + 49) / 50)) requests=$((after - before))
    record "firstload.qtickets_$behaviour.requests" 1 "$requests"
    record "firstload.qtickets_$behaviour.pages" 1 "$pages"
    record "firstload.qtickets_$behaviour.ratio" 1 "$(awk -v r="$requests" -v p="$pages" 'BEGIN { printf "%.4f", r / p }')"
    record "firstload.qtickets_$behaviour.orders" 1 "$served"
    record "firstload.qtickets_$behaviour.missing" 1 $((served - mirrored))
    record "firstload.qtickets_$behaviour.seconds" 1 "$seconds"
  else
    note "- First load ($behaviour) **not finished** within an hour (last status: $out/firstload-last-status-default.json, log: $out/service-firstload-$behaviour.log)."
  fi
  stop_pid "$spid"; stop_pid "$epid"
}

firstload_ticketscloud() {
  local orders; orders="$(firstload_tc_orders)"
  local tc_dll="$repo/tests/Ticketscloud.Emulator/bin/Release/net10.0/Ticketscloud.Emulator.dll" tc_url="http://127.0.0.1:$emulator_port"
  local token=bench-tc-token
  ensure_port_free $emulator_port
  dotnet "$tc_dll" --urls "$tc_url" --Ticketscloud:HorizonDays=400 --Ticketscloud:Organizers:0:Token="$token" \
    --Ticketscloud:Organizers:0:Orders="$orders" >>"$out/tc-emulator.log" 2>&1 &
  local epid=$!; pids_to_stop+=("$epid")
  if ! wait_http "$tc_url/" 300 "$epid"; then
    note "- First load (Ticketscloud) **not measured**: the emulator did not start (log: $out/tc-emulator.log)."
    return
  fi
  local db=bench_firstload cs; cs="$(fresh_db $db $schema)"
  local t0=$SECONDS
  start_service $service_port "$cs" service-firstload-ticketscloud \
    Reconcile__IncrementalCron="$never" Reconcile__FullSweepCron="$never" Reconcile__CatalogCron="$never" Audit__Cron="$never" \
    Ticketscloud__IncrementalCron="$every_minute" Ticketscloud__FullSweepCron="$never" Ticketscloud__RequestsPerSecond=0 \
    Accounts__0__Name=tc-first Accounts__0__Platform=ticketscloud Accounts__0__BaseUrl="$tc_url/" Accounts__0__Token="$token"
  local spid=$service_pid; pids_to_stop+=("$spid")
  if first_sync_done $service_port tc-first 3600; then
    local seconds=$((SECONDS - t0))
    # The calls first: the totals asked for below are calls too.
    local requests; requests="$(curl -s "$tc_url/emulator/calls" | jq '[.[] | select(.path | startswith("/v2/"))] | length')"
    local total refunds mirrored
    total="$(curl -s -H "Authorization: key $token" "$tc_url/v2/resources/orders?page=1&page_size=1" | jq .pagination.total)"
    refunds="$(curl -s -H "Authorization: key $token" "$tc_url/v2/resources/refund_requests?page=1&page_size=1" | jq .pagination.total)"
    mirrored="$(q -d $db -c 'SELECT count(*) FROM ticketscloud_orders')"
    # The service asks for 200 rows a page (Ticketscloud:PageSize): orders, then refund requests (one page at least).
    local pages=$(((total + 199) / 200 + ((refunds + 199) / 200 > 0 ? (refunds + 199) / 200 : 1)))
    record firstload.ticketscloud.requests 1 "$requests"
    record firstload.ticketscloud.pages 1 "$pages"
    record firstload.ticketscloud.ratio 1 "$(awk -v r="$requests" -v p="$pages" 'BEGIN { printf "%.4f", r / p }')"
    record firstload.ticketscloud.orders 1 "$total"
    record firstload.ticketscloud.missing 1 $((total - mirrored))
    record firstload.ticketscloud.seconds 1 "$seconds"
  else
    note "- First load (Ticketscloud) **not finished** within an hour (last status: $out/firstload-last-status-tc-first.json, log: $out/service-firstload-ticketscloud.log)."
  fi
  stop_pid "$spid"; stop_pid "$epid"
}

firstload() {
  log "firstload: QTickets captured, QTickets ignore-all, Ticketscloud"
  firstload_qtickets captured
  firstload_qtickets ignore-all
  firstload_ticketscloud
  note "- First load: QTickets emulator with $(firstload_qt_orders) orders over 1,095 days, Ticketscloud emulator with $(firstload_tc_orders) orders over 400 days; the service starts on an empty database with its incremental cron every minute (\`$every_minute\`), other schedules off, rate limit off; seconds from the service's start (so up to a minute of waiting for the cron) until firstSync.done."
}
