-- Read API data set for bench/run.sh: :orders orders over :events events, created evenly across 2025
-- (Europe/Moscow business hours do not matter here), 90% paid, three tickets each, every 20th ticket refunded.
-- Rows carry a raw document of realistic size, so pages and TOAST look like the mirror's. They belong to account 1
-- (`default`, which the migrations create), the account of the single-account setup the bench service runs.
SET synchronous_commit = off;
-- :first_day moves the year (the dashboard scenario loads the year up to today, as its page shows the last 30 days).
\if :{?first_day}
\else
\set first_day '2025-01-01 00:00:00+00'
\endif

INSERT INTO qtickets_orders (account_id, id, uniqid, payed, payed_at, created_at, updated_at, client_id, client_email,
    client_name, client_surname, client_phone, site_id, site_host, payment_type_id, reserved, reserve_extended,
    event_id, price, original_price, currency_id, raw, source_updated_at, source_progress, synced_at, last_source)
SELECT 1, i, 'u' || i, i % 10 <> 0,
       CASE WHEN i % 10 <> 0 THEN c + interval '5 minutes' END,
       c, c + interval '5 minutes', 1000 + i % 50000, 'buyer' || (i % 50000) || '@example.org',
       'Иван', 'Петров', '+7910' || lpad((i % 10000000)::text, 7, '0'), 16, 'qtickets.ru', 'bankcard', false, false,
       1 + i % :events, 450, 450, 'RUB',
       jsonb_build_object('id', i, 'event_id', 1 + i % :events, 'pad', repeat('x', 1200)),
       c + interval '5 minutes', CASE WHEN i % 10 <> 0 THEN 2 ELSE 0 END, now(), 'reconcile'
FROM generate_series(1, :orders) AS i,
     LATERAL (SELECT :'first_day'::timestamptz + (i::float8 / :orders) * interval '365 days' AS c) t;

INSERT INTO qtickets_baskets (account_id, id, order_id, barcode, show_id, seat_id, original_price, price, quantity,
    ticket_amount, service_fee_amount,
    client_email, related_baskets, created_at, updated_at, refunded_at, refunded_amount, raw, source_updated_at, synced_at)
SELECT o.account_id, o.id * 3 + k, o.id, lpad((o.id * 3 + k)::text, 12, '0'), o.event_id * 10, 'P-' || k || ';' || (o.id % 40),
       150, 150, 1, CASE WHEN k = 0 THEN 150 ELSE 135 END, CASE WHEN k = 0 THEN 0 ELSE 15 END,
       o.client_email, '{}', o.created_at, o.updated_at,
       CASE WHEN (o.id * 3 + k) % 20 = 0 AND o.payed THEN o.payed_at + interval '3 days' END,
       CASE WHEN (o.id * 3 + k) % 20 = 0 AND o.payed THEN 150 END,
       jsonb_build_object('id', o.id * 3 + k, 'pad', repeat('y', 350)), o.updated_at, now()
FROM qtickets_orders o, generate_series(0, 2) AS k;

-- A mirror in steady state has been vacuumed: hint bits set, visibility map current (and statistics for the plans below).
VACUUM (ANALYZE) qtickets_orders;
VACUUM (ANALYZE) qtickets_baskets;

-- The triggers queued every (event, day) the load touched; a bulk load rebuilds the maintained daily sales table
-- instead and leaves the queue empty: one statement per local day, each with its zone and day as literals, so the
-- recompute function is inlined and planned for that day (index ranges). One statement over the whole table with
-- the zone from a sub-select ran for more than 35 minutes at 1M orders (a bare Function Scan; ADR 0019).
TRUNCATE daily_sales_queue;
DELETE FROM daily_sales;
SELECT format($sql$
    INSERT INTO daily_sales (source, account_id, day, event_id, show_id, paid_orders, tickets_sold, gross, ticket_revenue,
        service_fees, refunded_tickets, refunds)
    SELECT 'qtickets', f.account_id, f.day, f.event_id, f.show_id, f.paid_orders, f.tickets_sold, f.gross, f.ticket_revenue,
           f.service_fees, f.refunded_tickets, f.refunds
    FROM qtickets_daily_sales(%L, NULL, %L, %L) f$sql$, s.time_zone, d::date, d::date)
FROM daily_sales_state s,
     LATERAL (SELECT least((SELECT min(payed_at) FROM qtickets_orders), (SELECT min(refunded_at) FROM qtickets_baskets)) AS lo,
                     greatest((SELECT max(payed_at) FROM qtickets_orders), (SELECT max(refunded_at) FROM qtickets_baskets)) AS hi) r,
     generate_series((r.lo AT TIME ZONE s.time_zone)::date, (r.hi AT TIME ZONE s.time_zone)::date, interval '1 day') AS d
\gexec
VACUUM (ANALYZE) daily_sales;
