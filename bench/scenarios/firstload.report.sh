# Section of docs/benchmarks.md for bench/scenarios/firstload.sh (sourced by bench/report.sh).
if [ -n "$(stat firstload.ticketscloud.ratio)$(stat firstload.qtickets_captured.ratio)$(stat firstload.qtickets_ignore-all.ratio)" ]; then
  echo "## First load of a new account (issue 26)"
  echo
  echo "A new account, empty database, no manual trigger: the incremental schedule starts the first sync, which loads the"
  echo "whole history. Requests counted by the emulator from the service's start until \`/api/v1/sync/status\` says"
  echo "\`firstSync.done\`; the baseline is the pages of the history (one request a page). One run each (the counts are"
  echo "deterministic)."
  echo
  echo "| Account | Orders upstream | Pages (baseline) | Requests | Requests ÷ pages | Goal | Verdict | Orders not mirrored | Seconds to done |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for variant in qtickets_captured qtickets_ignore-all ticketscloud; do
    [ -n "$(stat firstload.$variant.ratio)" ] || continue
    echo "| $variant | $(median firstload.$variant.orders) | $(median firstload.$variant.pages) | $(median firstload.$variant.requests) | $(median firstload.$variant.ratio) | ≤ 1.05 | $(verdict "$(median firstload.$variant.ratio)" "<=" 1.05) | $(median firstload.$variant.missing) (goal 0: $(verdict "$(median firstload.$variant.missing)" "<=" 0)) | $(median firstload.$variant.seconds) |"
  done
  echo
fi
