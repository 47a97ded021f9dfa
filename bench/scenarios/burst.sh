# Scenario `burst` of bench/run.sh (issue 30): a 30 s burst of signed QTickets order webhooks at the most the service
# accepts (wrk -t2 -c64, every request a new order version), then the seconds from the burst's end until no delivery
# is pending: how long a sale in the burst may wait to be visible. "baseline" is the service with today's settings,
# "service" the same build with FRESHNESS_SETTINGS (as the freshness scenario), measured only when some are given.
burst_seconds=30

burst() {
  local payloads="$out/burst-payloads.tsv"
  for run in $(seq 1 "$runs"); do
    # More distinct versions than the burst can send (about 5,000/s at most here), so none repeats.
    load payloads --out "$payloads" --count $((burst_seconds * 7000)) --first-id $((run * 100000000 + 70000000)) \
      --secret "$bench_secret" >/dev/null
    for variant in $(candidate_variants); do
      local db=bench_burst
      start_variant "$variant" $db "service-burst-$variant"
      local spid=$service_pid; pids_to_stop+=("$spid")
      log "burst run $run/$runs: $variant, ${burst_seconds} s"
      local w
      w="$(BENCH_PAYLOADS="$payloads" BENCH_THREADS=2 wrk -t2 -c64 -d"${burst_seconds}s" --latency -s "$repo/bench/webhook.lua" \
        "http://127.0.0.1:$service_port" 2>&1 | tee -a "$out/wrk-burst.log" | sed -n 's/^BENCHJSON //p')"
      echo "$w" >>"$out/burst-$variant.jsonl"
      local t0=$SECONDS pending; pending="$(pending_count $db)"
      wait_drained $db 600
      record "burst.$variant.drain_s" "$run" $((SECONDS - t0))
      record "burst.$variant.pending_at_end" "$run" "$pending"
      record "burst.$variant.accepted_per_s" "$run" "$(jq .accepted_per_s <<<"$w")"
      record "burst.$variant.accepted" "$run" "$(q -d $db -c "SELECT count(*) FROM webhook_deliveries")"
      record "burst.$variant.non2xx" "$run" "$(jq .non2xx <<<"$w")"
      record "burst.$variant.p99_ms" "$run" "$(jq .p99_ms <<<"$w")"
      stop_pid "$spid"
    done
  done
  rm -f "$payloads"
  note "- Burst: ${burst_seconds} s of wrk -t2 -c64 with signed QTickets order webhooks (3 baskets, a new order version each), a fresh database per run; drain = seconds from the end of the burst until no delivery is pending (polled every 0.2 s). $([ -n "${FRESHNESS_SETTINGS:-}" ] && echo "Service settings: \`$FRESHNESS_SETTINGS\`." || echo "Only today's settings were measured.")"
}
