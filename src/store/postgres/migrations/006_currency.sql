-- Foreign currency. `amount`/`currency` keep meaning the amount in the user's own currency,
-- so every total and report counts a foreign expense at its converted value. A foreign
-- expense also keeps what was spent and the rate used, exactly, so a later rate moves
-- nothing already recorded.
ALTER TABLE expenses
    ADD COLUMN spent_amount NUMERIC CHECK (spent_amount > 0 AND scale(spent_amount) <= 3),
    ADD COLUMN spent_currency VARCHAR(8) CHECK (length(spent_currency) = 3),
    ADD COLUMN rate NUMERIC CHECK (rate > 0 AND scale(rate) <= 10);

-- Rates, per base currency (the user's) so users of different currencies each convert
-- to their own: units of `base` per 1 `currency`, from `date` on until a later one.
CREATE TABLE rates (
    base     VARCHAR(8) NOT NULL CHECK (length(base) = 3),
    currency VARCHAR(8) NOT NULL CHECK (length(currency) = 3),
    date     DATE NOT NULL CHECK (date BETWEEN '0001-01-01' AND '9999-12-31'),
    rate     NUMERIC NOT NULL CHECK (rate > 0 AND scale(rate) <= 10),
    PRIMARY KEY (base, currency, date)
);
