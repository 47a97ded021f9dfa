# Section of docs/benchmarks.md for bench/scenarios/both-platforms.sh (sourced by bench/report.sh; bench/run.sh skips
# *.report.sh files).
if [ -n "$(stat read.both.byid_ticketscloud.p99_ms)" ]; then
  cat <<EOF2
## Read API across both platforms (issue 26)

The read data set of the Read API section plus the Ticketscloud orders of one account (\`--tc-orders\`, notes
below), the service configured with both accounts, one connection, one request at a time, after a 10 % warm-up.
Lists: 50 a page over 90 days of creation dates, each listing walked up to 20 pages deep by cursor. The
QTickets-only order list and order by id of the Read API section, measured in the same run on the same data, are
the baseline.

| Request | p50 (ms) | p99 (ms) | Goal | Verdict (on p99) |
|---|---|---|---|---|
| \`GET /api/v1/orders\`, both platforms, created range | $(cell read.both.list_all.p50_ms) | $(cell read.both.list_all.p99_ms) | < 20 ms | $(verdict "$(median read.both.list_all.p99_ms)" "<" 20) |
| \`GET /api/v1/orders?status=paid\`, both platforms, created range | $(cell read.both.list_paid.p50_ms) | $(cell read.both.list_paid.p99_ms) | < 20 ms | $(verdict "$(median read.both.list_paid.p99_ms)" "<" 20) |
| \`GET /api/v1/orders?platform=ticketscloud&event_id=…\`, created range | $(cell read.both.list_tc_event.p50_ms) | $(cell read.both.list_tc_event.p99_ms) | < 20 ms | $(verdict "$(median read.both.list_tc_event.p99_ms)" "<" 20) |
| \`GET /api/v1/orders/default/{id}\` (QTickets) | $(cell read.both.byid_qtickets.p50_ms) | $(cell read.both.byid_qtickets.p99_ms) | < 20 ms | $(verdict "$(median read.both.byid_qtickets.p99_ms)" "<" 20) |
| \`GET /api/v1/orders/tc-bench/{id}\` (Ticketscloud) | $(cell read.both.byid_ticketscloud.p50_ms) | $(cell read.both.byid_ticketscloud.p99_ms) | < 20 ms | $(verdict "$(median read.both.byid_ticketscloud.p99_ms)" "<" 20) |
| \`GET /api/v1/tickets/{barcode}\` (Ticketscloud) | $(cell read.both.ticket_ticketscloud.p50_ms) | $(cell read.both.ticket_ticketscloud.p99_ms) | < 20 ms | $(verdict "$(median read.both.ticket_ticketscloud.p99_ms)" "<" 20) |
| Baseline: QTickets-only list by event (Read API section) | $(cell read.list.p50_ms) | $(cell read.list.p99_ms) | – | – |
| Baseline: \`GET /api/v1/orders/{id}\` (Read API section) | $(cell read.byid.p50_ms) | $(cell read.byid.p99_ms) | – | – |

Ratio of the medians of p99, both platforms ÷ QTickets-only list: ×$(ratio read.both.list_all.p99_ms read.list.p99_ms).

EOF2
fi
