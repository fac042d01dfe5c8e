-- The reference design's schema, sample data and budget trigger, as it gives them.
CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    name VARCHAR(150) NOT NULL,
    email VARCHAR(255) UNIQUE NOT NULL,
    currency VARCHAR(8) DEFAULT 'INR',
    created_at TIMESTAMP DEFAULT now()
);
CREATE TABLE categories (
    id SERIAL PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    description TEXT
);
CREATE TABLE budgets (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    year INTEGER NOT NULL,
    amount NUMERIC(12,2) NOT NULL,
    created_at TIMESTAMP DEFAULT now(),
    UNIQUE(user_id, category_id, month, year)
);
CREATE TABLE expenses (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE SET NULL,
    amount NUMERIC(12,2) NOT NULL CHECK (amount >= 0),
    currency VARCHAR(8) DEFAULT 'INR',
    date DATE NOT NULL,
    note TEXT,
    created_at TIMESTAMP DEFAULT now()
);
CREATE TABLE alerts (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    budget_id INTEGER REFERENCES budgets(id) ON DELETE SET NULL,
    alert_type VARCHAR(50) NOT NULL,
    message TEXT NOT NULL,
    fired_at TIMESTAMP DEFAULT now()
);
INSERT INTO users (name, email, currency) VALUES
('Aman Kumar', 'aman@example.com', 'INR'),
('Priya Sharma', 'priya@example.com', 'INR');
INSERT INTO categories (name, description) VALUES
('Food', 'Restaurants, groceries, beverages'),
('Transport', 'Taxi, bus, metro, fuel'),
('Rent', 'Monthly rent'),
('Shopping', 'Clothes, gadgets'),
('Entertainment', 'Movies, subscriptions');
INSERT INTO budgets (user_id, category_id, month, year, amount) VALUES
(1, 1, 5, 2025, 8000.00),
(1, 2, 5, 2025, 2000.00),
(1, 4, 5, 2025, 5000.00),
(2, 1, 5, 2025, 5000.00);
INSERT INTO expenses (user_id, category_id, amount, currency, date, note) VALUES
(1, 1, 250.00, 'INR', '2025-05-02', 'Lunch at cafe'),
(1, 1, 1200.00, 'INR', '2025-05-09', 'Weekly groceries'),
(1, 2, 150.00, 'INR', '2025-05-10', 'Taxi to office'),
(1, 4, 3200.00, 'INR', '2025-05-11', 'New headphones'),
(2, 1, 300.00, 'INR', '2025-05-05', 'Dinner');
CREATE OR REPLACE FUNCTION fn_check_budget_exceed() RETURNS TRIGGER AS $$
DECLARE
    total_spent NUMERIC(12,2);
    bud RECORD;
BEGIN
    SELECT * INTO bud FROM budgets
        WHERE user_id = NEW.user_id AND category_id = NEW.category_id
        AND month = EXTRACT(MONTH FROM NEW.date)::int
        AND year = EXTRACT(YEAR FROM NEW.date)::int;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    SELECT SUM(amount) INTO total_spent FROM expenses
        WHERE user_id = NEW.user_id AND category_id = NEW.category_id
        AND date >= date_trunc('month', NEW.date)::date
        AND date < (date_trunc('month', NEW.date) + interval '1 month')::date;
    IF total_spent IS NULL THEN
        total_spent := 0;
    END IF;
    IF (total_spent + NEW.amount) > bud.amount THEN
        INSERT INTO alerts(user_id, budget_id, alert_type, message, fired_at)
        VALUES(NEW.user_id, bud.id, 'BUDGET_EXCEEDED',
               concat('Budget exceeded for ', (SELECT name FROM categories WHERE id = NEW.category_id),
                      ' for ', to_char(NEW.date, 'Mon YYYY'), '. Spent: ',
                      (total_spent + NEW.amount)::text, ' / ', bud.amount::text), now());
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER trg_check_budget_exceed
AFTER INSERT ON expenses
FOR EACH ROW EXECUTE FUNCTION fn_check_budget_exceed();
