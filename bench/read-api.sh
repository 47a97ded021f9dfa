#!/usr/bin/env bash
# Read API query benchmark on 1,000,000 orders / 3,000,000 tickets (issue "Read API and operations", target:
# order list p99 < 20 ms at any depth, a year of daily sales for one event < 100 ms, order by id < 5 ms).
#
#   bench/read-api.sh            # uses the local cluster (deploy/local-postgres.sh), database qts_bench_readapi
#
# Creates and fills the scratch database once (migrations via the service's `migrate` command, rows via
# generate_series), prints EXPLAIN ANALYZE of the three queries exactly as the API sends them, then runs each
# with pgbench (random event, random page depth / id) and prints p50/p99 from the per-transaction log.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-55432}" PGUSER="${PGUSER:-postgres}" PGPASSWORD="${PGPASSWORD:-postgres}"
db="${BENCH_DATABASE:-qts_bench_readapi}"
orders="${BENCH_ORDERS:-1000000}"
events="${BENCH_EVENTS:-100}"
seconds="${BENCH_SECONDS:-15}"
clients="${BENCH_CLIENTS:-1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  psql -d postgres -qc "CREATE DATABASE \"$db\""
fi
ConnectionStrings__Postgres="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db" \
Qtickets__BaseUrl="https://qtickets.invalid/api/rest/v1/" Qtickets__Token="bench" Jobs__Role=api \
  Qtickets__WebhookSecrets__0="bench-unused-secret" \
  dotnet run --project "$repo/src/Api" -v q -- migrate >/dev/null

if [ "$(psql -d "$db" -tAc 'SELECT count(*) FROM qtickets_orders')" -lt "$orders" ]; then
  echo "Generating $orders orders with 3 tickets each..." >&2
  psql -d "$db" -q -v ON_ERROR_STOP=1 <<SQL
TRUNCATE qtickets_baskets, qtickets_orders;
-- Two years of orders, spread evenly over $events events; 90 % paid, 2 % cancelled, 5 % with a refunded ticket.
INSERT INTO qtickets_orders (id, uniqid, payed, payed_at, created_at, updated_at, deleted_at, client_email,
    client_phone, client_name, promo_code_id, reserved, reserve_extended, event_id, price, original_price,
    currency_id, raw, source_updated_at, source_progress, synced_at, last_source)
SELECT i, md5(i::text), i % 10 <> 0,
       CASE WHEN i % 10 <> 0 THEN c + interval '3 minutes' END,
       c, c + interval '5 minutes', CASE WHEN i % 50 = 0 THEN c + interval '1 day' END,
       'buyer' || (i % 200000) || '@example.com', '+7910' || lpad((i % 10000000)::text, 7, '0'), 'Иван',
       CASE WHEN i % 20 = 0 THEN i % 37 END, false, false, (i % $events) + 1, 3000, 3000, 'RUB',
       '{}'::jsonb, c + interval '5 minutes', 2, c + interval '6 minutes', 'reconcile'
FROM (SELECT i, timestamptz '2024-01-01 00:00:00+00' + (i * (interval '2 years' / $orders)) AS c
      FROM generate_series(1, $orders) AS i) s;
INSERT INTO qtickets_baskets (id, order_id, barcode, show_id, original_price, price, quantity, related_baskets,
    refunded_at, refunded_amount, raw, source_updated_at, synced_at)
SELECT o.id * 3 + k, o.id, (o.id * 3 + k)::text, o.event_id * 10 + k, 1000, 1000, 1, '{}',
       CASE WHEN o.id % 20 = 1 AND k = 0 THEN o.created_at + interval '7 days' END,
       CASE WHEN o.id % 20 = 1 AND k = 0 THEN 900 END,
       '{}'::jsonb, o.created_at, o.created_at
FROM qtickets_orders o CROSS JOIN generate_series(0, 2) AS k;
VACUUM ANALYZE qtickets_orders;
VACUUM ANALYZE qtickets_baskets;
SQL
fi

order_columns="o.id, o.uniqid, o.event_id, o.payed, o.payed_at, o.deleted_at, o.created_at, o.updated_at, o.client_id,
  o.client_email, o.client_phone, o.client_name, o.client_surname, o.client_middlename, o.price, o.original_price,
  o.currency_id, o.promo_code_id, o.discount_id, o.payment_type_id, o.site_host, o.reserved, o.synced_at,
  o.last_source, o.upstream_missing_at"
basket_columns="b.id, b.barcode, b.show_id, b.seat_id, b.price, b.original_price, b.discount_value, b.quantity,
  b.client_email, b.client_phone, b.client_name, b.client_surname, b.client_middlename, b.checked_at, b.deleted_at,
  b.refunded_at, b.refunded_amount, b.vanished_at, b.order_id"

cat >"$work/list.sql" <<SQL
\set e random(1, $events)
\set depth random(0, 360)
SELECT $order_columns FROM qtickets_orders o
WHERE o.event_id = :e AND o.created_at >= '2025-01-01+00' AND o.created_at < '2026-01-01+00'
  AND (o.created_at, o.id) < ('2026-01-01+00'::timestamptz - :depth * interval '1 day', 9223372036854775807)
ORDER BY o.created_at DESC, o.id DESC LIMIT 51;
SQL
cat >"$work/sales.sql" <<SQL
\set e random(1, $events)
SELECT day, event_id, paid_orders, tickets_sold, revenue, refunded_tickets, refunded_amount
FROM qtickets_daily_sales('Europe/Moscow', :e, '2025-01-01', '2025-12-31') ORDER BY day, event_id;
SQL
cat >"$work/byid.sql" <<SQL
\set id random(1, $orders)
SELECT $order_columns FROM qtickets_orders o WHERE o.id = :id;
SELECT $basket_columns FROM qtickets_baskets b WHERE b.order_id = ANY(ARRAY[:id]::bigint[]) ORDER BY b.order_id, b.id;
SQL

explain() { sed -e 's/^\\set.*//' -e "s/:depth/180/; s/:e/42/; s/:id/123457/g" "$1" | grep -v '^$' |
  awk 'BEGIN{RS=";"} NF{print "EXPLAIN (ANALYZE, BUFFERS) " $0 ";"}' | psql -d "$db" -X -q; }

for q in list sales byid; do
  echo "=== $q: plan ==="
  explain "$work/$q.sql"
  echo "=== $q: latency over ${seconds}s, $clients client(s) ==="
  (cd "$work" && rm -f pgbench_log.* && pgbench -n -M prepared -c "$clients" -j "$clients" -T "$seconds" -l -f "$q.sql" "$db" | grep -E "tps|latency average")
  cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n |
    awk '{a[NR]=$1} END {printf "n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms\n", NR, a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000}'
done
