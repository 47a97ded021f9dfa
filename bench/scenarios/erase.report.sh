# Section of docs/benchmarks.md for bench/scenarios/erase.sh (sourced by bench/report.sh).
if [ -n "$(stat erase.service.ms)$(stat erase.baseline_scan.ms)" ]; then
  cat <<EOF2
## Erasing one person (issue 29)

\`POST /api/v1/personal-data/erasures\` (e-mail and phone) among the read data set (orders of both platforms; notes
below), timed from the request until its \`GET\` shows \`completed_at\`, one new buyer a run (orders on both
platforms, tickets, a client row, webhook deliveries, refund commands, history entries). Baseline, same run, same
person, before the erasure: finding them without the indexes, a scan of every raw \`jsonb\` and text column the
erasure covers for the e-mail (\`ILIKE\`).

| Figure | Service (indexes) | Baseline (scan of every payload) | Ratio | Goal | Verdict |
|---|---|---|---|---|---|
| Milliseconds | $(cell erase.service.ms) | $(cell erase.baseline_scan.ms) | $(ratio erase.service.ms erase.baseline_scan.ms) | < 5,000 ms | $(verdict "$(median erase.service.ms)" "<" 5000) |
| Rows changed (service) / rows found (scan) | $(cell erase.service.rows) | $(cell erase.baseline_scan.rows) | – | – | – |
| Rows still holding the e-mail afterwards (scan) | $(cell erase.service.left) | – | – | 0 | $(verdict "$(median erase.service.left)" "<=" 0) |

EOF2
fi
