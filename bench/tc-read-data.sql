-- Ticketscloud half of the read data set (bench/run.sh --tc-orders N, issue 26): :tc_orders orders of the account
-- :'tc_account' (created here, as the service registers a configured account: by name) over :events events,
-- created evenly over the 365 days from :first_day, like bench/read-data.sql's QTickets orders. One to three
-- tickets each; 85 % paid (done), 5 % paid then cancelled with an approved refund request for all their tickets,
-- 5 % expired, 5 % still unpaid; buyers repeat every 50,000 orders. Run after bench/read-data.sql, which
-- rebuilds the QTickets rows of daily_sales: this file rebuilds the Ticketscloud rows the same way.
SET synchronous_commit = off;
\if :{?first_day}
\else
\set first_day '2025-01-01 00:00:00+00'
\endif
\if :{?tc_account}
\else
\set tc_account 'tc-bench'
\endif

INSERT INTO accounts (name, platform, organization, enabled, created_at, updated_at)
VALUES (:'tc_account', 'ticketscloud', NULL, true, now(), now())
RETURNING id AS tc_account_id \gset

-- No triggers during the load (replica role): the daily sales triggers would queue every (event, day) only for the
-- rebuild below to replace it, and the foreign keys would look up each ticket's order, 2M lookups at 1M orders, for
-- rows consistent by construction. Both cost minutes at 1M orders.
SET session_replication_role = replica;

-- Ids are ObjectIds as Ticketscloud's: 24 hex digits, the first 8 the creation time.
INSERT INTO ticketscloud_events (account_id, id, org_id, title, time_zone, status, starts_at, finishes_at, raw, observed_at, synced_at)
SELECT :tc_account_id, lpad(to_hex(1700000000 + e), 8, '0') || lpad(to_hex(e), 16, '0'), 'org-bench',
       'Концерт ' || e, 'Europe/Moscow', 'public',
       :'first_day'::timestamptz + (e * 7) * interval '1 day', :'first_day'::timestamptz + (e * 7) * interval '1 day' + interval '3 hours',
       jsonb_build_object('id', e, 'title', 'Концерт ' || e), now(), now()
FROM generate_series(1, :events) AS e;

INSERT INTO ticketscloud_orders (account_id, id, number, code, event_id, org_id, origin, status, status_rank, created_at,
    done_at, expired_after, nominal, extra, "full", discount, price, promo_codes, viral_promo_codes,
    customer_name, customer_email, customer_phone, customer_lang, time_zone, raw, observed_at, synced_at)
SELECT :tc_account_id, lpad(to_hex(extract(epoch FROM t.c)::bigint), 8, '0') || lpad(to_hex(i), 16, '0'), i, 'C' || i,
       lpad(to_hex(1700000000 + 1 + i % :events), 8, '0') || lpad(to_hex(1 + i % :events), 16, '0'), 'org-bench', 'widget',
       s.status, s.rank, t.c,
       CASE WHEN s.status IN ('done', 'cancelled') THEN t.c + interval '5 minutes' END, t.c + interval '20 minutes',
       n * 1000, n * 100, n * 1100, 0, n * 1000, '{}', '{}',
       'Анна Смирнова', 'tcbuyer' || (i % 50000) || '@example.org', '+7916' || lpad((i % 10000000)::text, 7, '0'), 'ru',
       'Europe/Moscow',
       jsonb_build_object('id', i, 'event', 1 + i % :events, 'status', s.status, 'pad', repeat('x', 1200)),
       t.c + interval '5 minutes', now()
FROM generate_series(1, :tc_orders) AS i,
     LATERAL (SELECT :'first_day'::timestamptz + (i::float8 / :tc_orders) * interval '365 days' AS c, 1 + i % 3 AS n) t,
     LATERAL (SELECT CASE WHEN i % 20 = 1 THEN 'cancelled' WHEN i % 20 = 2 THEN 'expired' WHEN i % 20 = 3 THEN 'in_progress'
                          ELSE 'done' END AS status) s0,
     LATERAL (SELECT s0.status, CASE s0.status WHEN 'in_progress' THEN 1 WHEN 'expired' THEN 2 WHEN 'done' THEN 3 ELSE 4 END AS rank) s;

INSERT INTO ticketscloud_tickets (account_id, id, order_id, event_id, number, barcode, serial, set_id, status,
    nominal, extra, "full", discount, price, raw, observed_at, synced_at)
SELECT o.account_id, lpad(to_hex(extract(epoch FROM o.created_at)::bigint), 8, '0') || '1' || lpad(to_hex(o.number * 4 + k), 15, '0'),
       o.id, o.event_id, k, (o.number * 1000003 + k)::text, 'S' || o.number || '-' || k, 'set-1',
       CASE WHEN o.status IN ('done', 'cancelled') THEN 'done' ELSE 'reserved' END,
       1000, 100, 1100, 0, 1000,
       jsonb_build_object('number', k, 'pad', repeat('y', 350)), o.observed_at, now()
FROM ticketscloud_orders o, generate_series(1, 3) AS k
WHERE o.account_id = :tc_account_id AND k <= o.nominal / 1000;

INSERT INTO ticketscloud_refund_requests (account_id, id, order_id, event_id, status, status_rank, ticket_ids, amount, reason,
    created_at, updated_at, approved_at, raw, observed_at, synced_at)
SELECT o.account_id, lpad(to_hex(extract(epoch FROM o.done_at)::bigint), 8, '0') || '2' || lpad(to_hex(o.number), 15, '0'),
       o.id, o.event_id, 'approved', 2, array_agg(t.id ORDER BY t.id), NULL, 'Не смогу прийти',
       o.done_at + interval '2 days', o.done_at + interval '3 days', o.done_at + interval '3 days',
       jsonb_build_object('order', o.number, 'status', 'approved'), o.done_at + interval '3 days', now()
FROM ticketscloud_orders o JOIN ticketscloud_tickets t ON t.account_id = o.account_id AND t.order_id = o.id
WHERE o.account_id = :tc_account_id AND o.status = 'cancelled'
GROUP BY o.account_id, o.id, o.event_id, o.number, o.done_at;

RESET session_replication_role;

VACUUM (ANALYZE) ticketscloud_events;
VACUUM (ANALYZE) ticketscloud_orders;
VACUUM (ANALYZE) ticketscloud_tickets;
VACUUM (ANALYZE) ticketscloud_refund_requests;

-- Daily sales in one statement with the zone as a literal, so the recompute is inlined (ADR 0019). Not one local
-- day per statement as bench/read-data.sql does for QTickets: without an event filter the Ticketscloud recompute
-- has no index to narrow a day with (ticketscloud_orders has done_at only behind account_id) and reads every
-- order and ticket per statement, 365 times; one hash-join pass over the whole history reads them once.
DELETE FROM daily_sales WHERE source = 'ticketscloud';
DELETE FROM daily_sales_queue WHERE source = 'ticketscloud';
SELECT format($sql$
    INSERT INTO daily_sales (source, account_id, day, event_id, show_id, paid_orders, tickets_sold, gross, ticket_revenue,
        service_fees, refunded_tickets, refunds)
    SELECT 'ticketscloud', f.account_id, f.day, f.event_id, f.show_id, f.paid_orders, f.tickets_sold, f.gross, f.ticket_revenue,
           f.service_fees, f.refunded_tickets, f.refunds
    FROM ticketscloud_daily_sales(%L) f$sql$, time_zone)
FROM daily_sales_state
\gexec
VACUUM (ANALYZE) daily_sales;
