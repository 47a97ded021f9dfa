# Section of docs/benchmarks.md for bench/scenarios/burst.sh (sourced by bench/report.sh).
if [ -n "$(stat burst.baseline.drain_s)" ]; then
  echo "## A 30 s burst, and how soon it is applied (issue 30)"
  echo
  echo "Signed webhooks as fast as the service accepts them for 30 s, then the seconds until every accepted delivery is"
  echo "applied. Baseline: today's settings; service: the candidate settings of the run (the notes say which), same run."
  echo "Goal: the backlog drains within 30 s of the burst's end."
  echo
  echo "| Figure | Service | Baseline | Goal | Verdict (service, or baseline when only it ran) |"
  echo "|---|---|---|---|---|"
  judged=service; [ -n "$(stat burst.service.drain_s)" ] || judged=baseline
  echo "| Accepted/s during the burst | $(cell burst.service.accepted_per_s) | $(cell burst.baseline.accepted_per_s) | – | – |"
  echo "| Deliveries accepted | $(cell burst.service.accepted) | $(cell burst.baseline.accepted) | – | – |"
  echo "| Answers other than 2xx | $(cell burst.service.non2xx) | $(cell burst.baseline.non2xx) | 0 | $(verdict "$(median burst.$judged.non2xx)" "<=" 0) |"
  echo "| p99 answer during the burst (ms) | $(cell burst.service.p99_ms) | $(cell burst.baseline.p99_ms) | – | – |"
  echo "| Pending when the burst ended | $(cell burst.service.pending_at_end) | $(cell burst.baseline.pending_at_end) | – | – |"
  echo "| Seconds from the burst's end until none is pending | $(cell burst.service.drain_s) | $(cell burst.baseline.drain_s) | ≤ 30 | $(verdict "$(median burst.$judged.drain_s)" "<=" 30) |"
  echo
fi
