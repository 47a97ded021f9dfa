-- The read API's queries in SQL, as specified (keyset page of 50 by event and created range; a year of
-- daily sales for one event; one order with its tickets). bench/run.sh keeps the plans and summarises the
-- indexes they use. They show what the schema's indexes allow, not the exact SQL the endpoints emit. Ids are
-- unique per account, so a lookup by id names the account (1, `default`, which holds the bench data).
\echo '### order list, page 1'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM qtickets_orders
WHERE event_id = 7 AND created_at >= '2025-03-01T00:00:00Z' AND created_at < '2025-05-30T00:00:00Z'
ORDER BY created_at, id LIMIT 50;
SELECT created_at AS cursor_created_at, id AS cursor_id FROM qtickets_orders
WHERE event_id = 7 AND created_at >= '2025-03-01T00:00:00Z' ORDER BY created_at, id OFFSET 449 LIMIT 1 \gset
\echo '### order list, page 10 (keyset cursor)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM qtickets_orders
WHERE event_id = 7 AND created_at >= '2025-03-01T00:00:00Z' AND created_at < '2025-05-30T00:00:00Z'
  AND (created_at, id) > (:'cursor_created_at'::timestamptz, :cursor_id)
ORDER BY created_at, id LIMIT 50;
\echo '### daily sales, one event, one year (maintained table)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT day, event_id, sum(gross), sum(refunds) FROM daily_sales
WHERE source = 'qtickets' AND event_id = 7 AND day >= '2025-01-01' AND day <= '2025-12-31' GROUP BY 1, 2 ORDER BY 1, 2;
\echo '### daily sales, all events, one month (maintained table)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT day, event_id, sum(gross), sum(refunds) FROM daily_sales
WHERE source = 'qtickets' AND day >= '2025-03-01' AND day <= '2025-03-31' GROUP BY 1, 2 ORDER BY 1, 2;
\echo '### daily sales, one event, one year (recompute, the reference)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT * FROM qtickets_daily_sales('Europe/Moscow', 7, '2025-01-01', '2025-12-31');
\echo '### order by id, with its tickets'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT o.*, b.* FROM qtickets_orders o LEFT JOIN qtickets_baskets b ON b.account_id = o.account_id AND b.order_id = o.id
WHERE o.account_id = 1 AND o.id = 123457;
