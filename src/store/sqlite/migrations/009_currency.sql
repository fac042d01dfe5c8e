-- Foreign currency. `amount`/`currency` keep meaning the amount in the user's own currency,
-- so every total, trigger and report counts a foreign expense at its converted value. A
-- foreign expense also keeps what was spent (minor units of its own currency) and the rate
-- used, exact as text, so a later rate moves nothing already recorded.
ALTER TABLE expenses ADD COLUMN spent_amount INTEGER CHECK (spent_amount > 0);
ALTER TABLE expenses ADD COLUMN spent_currency TEXT CHECK (length(spent_currency) = 3);
ALTER TABLE expenses ADD COLUMN rate TEXT CHECK (length(rate) BETWEEN 1 AND 32);

-- Rates, per base currency (the user's) so users of different currencies each convert
-- to their own: units of `base` per 1 `currency`, from `date` on until a later one.
CREATE TABLE rates (
    base     TEXT NOT NULL CHECK (length(base) = 3),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    date     TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    rate     TEXT NOT NULL CHECK (length(rate) BETWEEN 1 AND 32),
    PRIMARY KEY (base, currency, date)
) WITHOUT ROWID;
