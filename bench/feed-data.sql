-- Order history / change feed data set for bench/run.sh's feed scenario: :per_order changes for each of the orders
-- bench/read-data.sql loaded (account 1, ids 1..:orders), :orders × :per_order changes in all. The changes of one
-- order are spread over the whole feed (round k of every order, then round k + 1), as a live feed interleaves them,
-- and every change is already numbered for the feed (feed_position), as in steady state. Each change carries a
-- field diff and ticket ids of realistic size, and the order it left (order_change_states, written by the service's
-- trigger as the insert happens; here every change of an order shows the order as read-data.sql loaded it).
SET synchronous_commit = off;

INSERT INTO order_changes (account_id, platform, order_id, types, version_at, source, source_id, learned_at, changes, feed_position)
SELECT 1, 'qtickets', i::text,
       CASE WHEN k = 1 THEN ARRAY['order.created'] WHEN k % 3 = 0 THEN ARRAY['ticket.scanned'] ELSE ARRAY['order.changed'] END,
       t.at, CASE WHEN k % 4 = 0 THEN 'incremental' ELSE 'webhook' END, (i * 100 + k)::text, t.at + interval '2 seconds',
       jsonb_build_object(
           'fields', jsonb_build_object(
               'price', jsonb_build_object('before', 450 - k, 'after', 450),
               'client_email', jsonb_build_object('before', 'old' || i || '@example.org', 'after', 'buyer' || (i % 50000) || '@example.org'),
               'payed_at', jsonb_build_object('before', NULL, 'after', t.at)),
           'tickets', jsonb_build_object('added', CASE WHEN k = 1 THEN jsonb_build_array((i * 3)::text, (i * 3 + 1)::text, (i * 3 + 2)::text) ELSE '[]' END,
                                         'refunded', '[]'::jsonb,
                                         'scanned', CASE WHEN k % 3 = 0 THEN jsonb_build_array((i * 3)::text) ELSE '[]' END,
                                         'deleted', '[]'::jsonb)),
       (k - 1)::bigint * :orders + i
FROM generate_series(1, :per_order) AS k, generate_series(1, :orders) AS i,
     LATERAL (SELECT '2025-01-01 00:00:00+00'::timestamptz + ((k - 1) * :orders + i) * interval '1 second' AS at) t
ORDER BY k, i;

-- The service appends changes as they happen and numbers them in that order, so consecutive feed positions share
-- heap pages; the bulk insert above does not keep its ORDER BY on disk (a page of 500 changes came from ~450 pages),
-- so the table is put in feed order as a live one is.
CLUSTER order_changes USING ix_order_changes_feed_position;
VACUUM (ANALYZE) order_changes;
CLUSTER order_change_states USING pk_order_change_states;
VACUUM (ANALYZE) order_change_states;
