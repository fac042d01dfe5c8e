-- Search across all of a user's history: a trigram index over every expense's note, with its
-- owner and category as tokens, kept in step by triggers.
--
-- The index holds no text (content=''), only which rows hold which trigrams (detail=none):
-- a search checks every row the index offers with the same LIKE the month's filter uses, so
-- the index only has to offer each matching row, never decide alone. That keeps it small.
--
-- Each row's rowid is its search key, (julian day of the date) << 40 | expense id, so the
-- index's rowid order is the list's order (date, then id): a search reads its newest
-- matches first and stops after a window. Ids must stay below 2^40; dates run from year 1
-- to 9999, whose julian days fit in 23 bits.
--
-- owner is '{user_id}' and category is '[category_id]' (empty without a category): distinct
-- brackets keep the two apart, and a note holding the same text only offers an extra row
-- to the check.
CREATE VIRTUAL TABLE expense_search USING fts5(
    owner,
    category,
    note,
    content = '',
    contentless_delete = 1,
    detail = none,
    tokenize = 'trigram case_sensitive 0'
);

INSERT INTO expense_search (rowid, owner, category, note)
SELECT key, '{' || user_id || '}', '[' || category_id || ']', note
FROM (SELECT (CAST(julianday(date) AS INTEGER) << 40) | id AS key, * FROM expenses)
WHERE key IS NOT NULL AND id BETWEEN 0 AND 1099511627775;

-- A bulk load (`Store::add_expenses`, `import_expenses`) sets 'search_index_deferred' in
-- its transaction and indexes its new rows in one statement at the end, as above; the
-- setting is gone again when the transaction commits.
CREATE TRIGGER expense_search_insert AFTER INSERT ON expenses
WHEN NOT EXISTS (SELECT 1 FROM settings WHERE key = 'search_index_deferred')
BEGIN
    SELECT RAISE(ABORT, 'expense ids from 2^40 on cannot be searched')
    WHERE NEW.id NOT BETWEEN 0 AND 1099511627775;
    INSERT INTO expense_search (rowid, owner, category, note)
    SELECT key, '{' || NEW.user_id || '}', '[' || NEW.category_id || ']', NEW.note
    FROM (SELECT (CAST(julianday(NEW.date) AS INTEGER) << 40) | NEW.id AS key)
    WHERE key IS NOT NULL;
END;

CREATE TRIGGER expense_search_delete AFTER DELETE ON expenses
BEGIN
    DELETE FROM expense_search
    WHERE rowid = (CAST(julianday(OLD.date) AS INTEGER) << 40) | OLD.id;
END;

-- An edit of the amount alone leaves the index as it is.
CREATE TRIGGER expense_search_update AFTER UPDATE ON expenses
WHEN OLD.id IS NOT NEW.id OR OLD.user_id IS NOT NEW.user_id
  OR OLD.category_id IS NOT NEW.category_id OR OLD.date IS NOT NEW.date
  OR OLD.note IS NOT NEW.note
BEGIN
    SELECT RAISE(ABORT, 'expense ids from 2^40 on cannot be searched')
    WHERE NEW.id NOT BETWEEN 0 AND 1099511627775;
    DELETE FROM expense_search
    WHERE rowid = (CAST(julianday(OLD.date) AS INTEGER) << 40) | OLD.id;
    INSERT INTO expense_search (rowid, owner, category, note)
    SELECT key, '{' || NEW.user_id || '}', '[' || NEW.category_id || ']', NEW.note
    FROM (SELECT (CAST(julianday(NEW.date) AS INTEGER) << 40) | NEW.id AS key)
    WHERE key IS NOT NULL;
END;
