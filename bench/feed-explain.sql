-- The change feed's and order history's reads as ChangeReader runs them (src/Api/ReadModels/ChangeReader.cs): a
-- feed page of 500 after a cursor, with the order's state from mirror.orders, and one order's history. bench/run.sh
-- keeps the plans in its artifacts (feed scenario).
\echo '### feed page of 500 after the middle of the feed'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.feed_position, a.name, c.order_id, c.types, c.changes::text, m.status, m.total, m.tickets
FROM (SELECT * FROM order_changes c WHERE c.feed_position > (SELECT max(feed_position) / 2 FROM order_changes)
      ORDER BY c.feed_position LIMIT 501) c
JOIN accounts a ON a.id = c.account_id
LEFT JOIN LATERAL (
    SELECT * FROM mirror.orders m WHERE m.account = a.name::text AND m.platform = c.platform AND m.order_id = c.order_id LIMIT 1
) m ON true
ORDER BY c.feed_position;
\echo '### one order history'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.feed_position, a.name, c.order_id, c.types, c.changes::text, m.status, m.total, m.tickets
FROM order_changes c
JOIN accounts a ON a.id = c.account_id
LEFT JOIN LATERAL (
    SELECT * FROM mirror.orders m WHERE m.account = a.name::text AND m.platform = c.platform AND m.order_id = c.order_id LIMIT 1
) m ON true
WHERE c.account_id = 1 AND c.platform = (SELECT p.platform FROM accounts p WHERE p.id = 1) AND c.order_id = :'order'
ORDER BY c.position DESC;
