-- Alerts carry what they are about beside their message, for scripts and for a screen
-- that lays them out: the category's name when the alert fired, the month (YYYY-MM), the
-- spent and budget amounts in minor units, and the currency those are in.
ALTER TABLE alerts ADD COLUMN category TEXT;
ALTER TABLE alerts ADD COLUMN month TEXT;
ALTER TABLE alerts ADD COLUMN spent INTEGER;
ALTER TABLE alerts ADD COLUMN budget INTEGER;
ALTER TABLE alerts ADD COLUMN currency TEXT;

-- Alerts fired before: the category and month from the budget row, while it exists; the
-- currency is the user's, the only one an alert fires in.
UPDATE alerts SET
    category = (SELECT c.name FROM budgets b JOIN categories c ON c.id = b.category_id
                WHERE b.id = alerts.budget_id),
    month = (SELECT printf('%04d-%02d', b.year, b.month) FROM budgets b
             WHERE b.id = alerts.budget_id),
    currency = (SELECT u.currency FROM users u WHERE u.id = alerts.user_id);

-- The amounts as they stood when the alert fired are only in its message, which ends in
-- 'Spent: 5200.00 / 5000.00' with the currency's decimals: read them from there when the
-- text is exactly that; the budget row holds today's amount, not that one.
UPDATE alerts SET
    spent = CAST(replace(substr(tail, 1, instr(tail, ' / ') - 1), '.', '') AS INTEGER),
    budget = CAST(replace(substr(tail, instr(tail, ' / ') + 3), '.', '') AS INTEGER)
FROM (SELECT id AS alert_id,
             substr(message, instr(message, 'Spent: ') + 7) AS tail
      FROM alerts WHERE instr(message, 'Spent: ') > 0)
WHERE alerts.id = alert_id
  AND tail GLOB '[0-9]*[0-9] / [0-9]*[0-9]'
  AND NOT substr(tail, 1, instr(tail, ' / ') - 1) GLOB '*[^0-9.]*'
  AND NOT substr(tail, instr(tail, ' / ') + 3) GLOB '*[^0-9.]*';
