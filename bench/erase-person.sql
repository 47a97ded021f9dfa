-- One buyer planted among the read data set for the erase scenario (bench/scenarios/erase.sh, issue 29): person
-- :person (1, 2, … one per run) with e-mail :'email' and phone :'phone' (stored as written, mixed case and
-- punctuation, as buyers type them) owns 5 QTickets orders of account 1 (3 tickets each, a client row, a webhook
-- delivery, a refund command and a history entry each) and 3 Ticketscloud orders of account :'tc_account' (2 tickets
-- each, a refund request on one, a command and a history entry each). Ids above the bulk data's.
SET synchronous_commit = off;
SELECT id AS tc_account_id FROM accounts WHERE name = :'tc_account' \gset
SELECT 900000000 + :person * 10 AS first_id \gset

INSERT INTO qtickets_clients (account_id, id, email, name, surname, phone, raw, synced_at)
VALUES (1, :first_id, :'email', 'Ольга', 'Стирина', :'phone',
        jsonb_build_object('id', :first_id, 'email', :'email', 'phone', :'phone', 'name', 'Ольга'), now());

INSERT INTO qtickets_orders (account_id, id, uniqid, payed, payed_at, created_at, updated_at, client_id, client_email,
    client_name, client_surname, client_phone, site_id, site_host, payment_type_id, reserved, reserve_extended,
    event_id, price, original_price, currency_id, raw, source_updated_at, source_progress, synced_at, last_source)
SELECT 1, :first_id + k, 'erase' || :first_id + k, true, c + interval '5 minutes', c, c + interval '5 minutes', :first_id, :'email',
       'Ольга', 'Стирина', :'phone', 16, 'qtickets.ru', 'bankcard', false, false, 1 + k, 450, 450, 'RUB',
       jsonb_build_object('id', :first_id + k, 'client', jsonb_build_object('email', :'email', 'phone', :'phone', 'name', 'Ольга Стирина'),
                          'pad', repeat('x', 1200)),
       c + interval '5 minutes', 2, now(), 'webhook'
FROM generate_series(0, 4) AS k, LATERAL (SELECT now() - (k * 40 + 1) * interval '1 day' AS c) t;

INSERT INTO qtickets_baskets (account_id, id, order_id, barcode, show_id, seat_id, original_price, price, quantity,
    ticket_amount, service_fee_amount, client_email, client_phone, related_baskets, created_at, updated_at, raw, source_updated_at, synced_at)
SELECT 1, o.id * 3 + k, o.id, 'E' || (o.id * 3 + k), o.event_id * 10, 'P-' || k, 150, 150, 1, 135, 15, o.client_email, o.client_phone,
       '{}', o.created_at, o.updated_at, jsonb_build_object('id', o.id * 3 + k, 'client_email', o.client_email), o.updated_at, now()
FROM qtickets_orders o, generate_series(0, 2) AS k
WHERE o.account_id = 1 AND o.client_id = :first_id;

INSERT INTO webhook_deliveries (received_at, event_type, model_name, order_id, order_updated_at, signature_status, headers, body,
    body_sha256, status, duplicate_count, attempts, processed_at, account_id)
SELECT o.updated_at, 'updated', 'Order', o.id, o.updated_at, 'valid', '{"Content-Type": ["application/json"]}', o.raw::text,
       encode(sha256(convert_to(o.raw::text, 'UTF8')), 'hex'), 'applied', 0, 1, o.updated_at, 1
FROM qtickets_orders o WHERE o.account_id = 1 AND o.client_id = :first_id;

INSERT INTO ticketscloud_orders (account_id, id, number, code, event_id, org_id, origin, status, status_rank, created_at,
    done_at, nominal, extra, "full", discount, price, promo_codes, viral_promo_codes,
    customer_name, customer_email, customer_phone, customer_lang, time_zone, raw, observed_at, synced_at)
SELECT :tc_account_id, 'e' || lpad(to_hex(:first_id + k), 23, '0'), :first_id + k, 'E' || k, e.id, 'org-bench', 'widget', 'done', 3,
       now() - (k * 50 + 2) * interval '1 day', now() - (k * 50 + 2) * interval '1 day' + interval '5 minutes',
       2000, 200, 2200, 0, 2000, '{}', '{}', 'Ольга Стирина', :'email', :'phone', 'ru', 'Europe/Moscow',
       jsonb_build_object('customer', jsonb_build_object('email', :'email', 'phone', :'phone', 'name', 'Ольга Стирина')), now(), now()
FROM generate_series(0, 2) AS k,
     LATERAL (SELECT id FROM ticketscloud_events WHERE account_id = :tc_account_id ORDER BY id OFFSET k LIMIT 1) e;

INSERT INTO ticketscloud_tickets (account_id, id, order_id, event_id, number, barcode, status, nominal, extra, "full", discount, price,
    raw, observed_at, synced_at)
SELECT o.account_id, 'f' || lpad(to_hex(o.number * 4 + k), 23, '0'), o.id, o.event_id, k, 'E' || (o.number * 4 + k), 'done',
       1000, 100, 1100, 0, 1000, jsonb_build_object('number', k, 'owner', :'email'), now(), now()
FROM ticketscloud_orders o, generate_series(1, 2) AS k
WHERE o.account_id = :tc_account_id AND o.customer_email = :'email';

INSERT INTO ticketscloud_refund_requests (account_id, id, order_id, event_id, status, status_rank, ticket_ids, reason,
    created_at, updated_at, raw, observed_at, synced_at)
SELECT o.account_id, 'd' || lpad(to_hex(o.number), 23, '0'), o.id, o.event_id, 'pending', 0,
       ARRAY(SELECT t.id FROM ticketscloud_tickets t WHERE t.account_id = o.account_id AND t.order_id = o.id),
       'Пишите на ' || :'email', now(), now(), jsonb_build_object('contact', :'email'), now(), now()
FROM ticketscloud_orders o WHERE o.account_id = :tc_account_id AND o.customer_email = :'email' AND o.code = 'E0';

INSERT INTO order_commands (account_id, platform, order_id, action, idempotency_key, request_hash, request, requested_by, state,
    attempts, response, created_at, updated_at, finished_at)
SELECT account_id, platform, order_id, 'refund', 'bench-erase-' || platform || '-' || order_id, md5(order_id), 
       jsonb_build_object('order', order_id, 'notify', :'email'), 'bench-admin', 'succeeded', 1,
       jsonb_build_object('client', jsonb_build_object('email', :'email', 'phone', :'phone')), now(), now(), now()
FROM (SELECT 1 AS account_id, 'qtickets' AS platform, id::text AS order_id FROM qtickets_orders WHERE account_id = 1 AND client_id = :first_id
      UNION ALL
      SELECT account_id, 'ticketscloud', id FROM ticketscloud_orders WHERE account_id = :tc_account_id AND customer_email = :'email') x;

INSERT INTO order_changes (account_id, platform, order_id, types, version_at, source, learned_at, changes)
SELECT account_id, platform, order_id, '{customer}', now(), 'webhook', now(),
       jsonb_build_object('client_email', jsonb_build_object('before', NULL, 'after', :'email'))
FROM order_commands WHERE idempotency_key LIKE 'bench-erase-%' AND request ->> 'notify' = :'email';
