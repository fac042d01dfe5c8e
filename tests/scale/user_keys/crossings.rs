//! The statements allowed to read or write more than one user's rows, each with the path
//! it may run on and why. SCALING.md says what each would cost on Citus.

use super::steps::Role;

/// A statement allowed to read or write more than one user's rows.
pub struct Crossing {
    /// The statement as the source (or the server, for its own foreign-key actions) writes
    /// it; one ending in `...` stands for every statement that begins so.
    pub statement: &'static str,
    /// [`Role::Admin`]: only on the admin's path; [`Role::User`]: on any path.
    pub role: Role,
    pub reason: &'static str,
}

/// Every statement allowed to cross users. An entry no step needs any more is an error:
/// the list stays exactly as long as the crossings are. What each costs is in SCALING.md.
pub const CROSSINGS: &[Crossing] = &[
    // On any path.
    Crossing {
        statement: "SELECT id, name, email, currency, warn_percent FROM users
                    WHERE lower(email) = lower($1)",
        role: Role::User,
        reason: "naming a user by email (--user, the app's start), once per process: \
                 emails are not the distribution column, so every shard is asked",
    },
    Crossing {
        statement: "SELECT id, name, email, currency, warn_percent FROM users ORDER BY id",
        role: Role::User,
        reason: "the household's list of users: the default user, the app's user picker, \
                 the user table of the Power BI and journal exports; a few rows",
    },
    Crossing {
        statement: "SELECT 1 FROM expenses WHERE id = $1",
        role: Role::User,
        reason: "undo or redo putting back a row the user no longer has: its id must not \
                 be another user's; only on those steps",
    },
    Crossing {
        statement: r#"SELECT 1 FROM ONLY "public"."budgets" x
                      WHERE "id" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x"#,
        role: Role::User,
        reason: "the server checking the foreign key alerts.budget_id -> budgets(id) as an \
                 alert is stored; on Citus the key becomes (user_id, budget_id)",
    },
    Crossing {
        statement: r#"SELECT 1 FROM ONLY "public"."expenses" x
                      WHERE "id" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x"#,
        role: Role::User,
        reason: "the server checking the foreign key alerts.expense_id -> expenses(id) as an \
                 alert is stored; on Citus the key becomes (user_id, expense_id)",
    },
    Crossing {
        statement: r#"UPDATE ONLY "public"."alerts" SET "expense_id" ..."#,
        role: Role::User,
        reason: "the server's ON DELETE SET NULL of alerts.expense_id as an expense goes; \
                 Citus refuses that key, and the delete would clear the link by user itself",
    },
    // Everyone's exports and copies.
    Crossing {
        statement: "SELECT e.id, e.user_id, e.category_id, c.name, e.amount, e.currency, e.date,
                           e.note, e.spent_amount, e.spent_currency, e.rate
                    FROM expenses e LEFT JOIN categories c ON c.id = e.category_id ...",
        role: Role::Admin,
        reason: "everyone's expenses: spend export --all-users, the app's X, copy-to",
    },
    Crossing {
        statement: "SELECT b.id, b.user_id, b.category_id, c.name, b.year, b.month, b.amount,
                           u.currency, b.standing, b.rollover
                    FROM budgets b
                    JOIN categories c ON c.id = b.category_id
                    JOIN users u ON u.id = b.user_id
                    WHERE ($1::bigint IS NULL ...",
        role: Role::Admin,
        reason: "everyone's budgets: the Power BI bundle with --all-users, copy-to",
    },
    Crossing {
        statement: "SELECT id, user_id, alert_type, message, seen,
                           to_char(fired_at, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), expense_id,
                           category, month, spent, budget, currency, budget_id
                    FROM alerts WHERE ($1::text IS NULL ...",
        role: Role::Admin,
        reason: "everyone's alerts: the Power BI bundle with --all-users, copy-to",
    },
    Crossing {
        statement: "SELECT count(*) FROM expenses",
        role: Role::Admin,
        reason: "copy-to refuses a destination that holds expenses",
    },
    Crossing {
        statement: "DELETE FROM alerts",
        role: Role::Admin,
        reason: "copy-to replacing the destination's starting rows",
    },
    Crossing {
        statement: "DELETE FROM budgets",
        role: Role::Admin,
        reason: "copy-to replacing the destination's starting rows",
    },
    Crossing {
        statement: "DELETE FROM month_totals",
        role: Role::Admin,
        reason: "copy-to replacing the destination's starting rows",
    },
    Crossing {
        statement: "DELETE FROM users",
        role: Role::Admin,
        reason: "copy-to replacing the destination's starting rows",
    },
    Crossing {
        statement: "ALTER TABLE expenses ...",
        role: Role::Admin,
        reason: "copy-to loading as a restore does: the foreign keys (and indexes) taken off \
                 for the COPY and put back after, each checked or built in one pass",
    },
    Crossing {
        statement: r#"SELECT fk."category_id" FROM ONLY "public"."expenses" fk ..."#,
        role: Role::Admin,
        reason: "copy-to checking the foreign key expenses.category_id once, over every \
                 copied row, as it is put back after the COPY",
    },
    Crossing {
        statement: r#"SELECT fk."user_id" FROM ONLY "public"."expenses" fk ..."#,
        role: Role::Admin,
        reason: "copy-to checking the foreign key expenses.user_id once, over every copied \
                 row, as it is put back after the COPY",
    },
    Crossing {
        statement: "SELECT setval(pg_get_serial_sequence('users', 'id'),
                                  coalesce(max(id), 0) + 1, false) FROM ...",
        role: Role::Admin,
        reason: "copy-to moving each id sequence past the highest id copied",
    },
    // Categories, which every user shares.
    Crossing {
        statement: "SELECT (SELECT count(*) FROM expenses WHERE category_id = $1),
                           (SELECT count(*) FROM budgets WHERE category_id = $1)",
        role: Role::Admin,
        reason: "category delete: is the category used by anyone",
    },
    Crossing {
        statement: "SELECT user_id FROM month_totals WHERE category_key = $1 AND count > $2
                    UNION SELECT user_id FROM budgets ...",
        role: Role::Admin,
        reason: "category merge: every user with spending or budgets in the category, whose \
                 budgets are then merged one user at a time",
    },
    Crossing {
        statement: "UPDATE alerts a SET budget_id = kept.id FROM budgets gone ...",
        role: Role::Admin,
        reason: "category merge: alerts follow their budget row into the kept category's",
    },
    Crossing {
        statement: "UPDATE expenses SET category_id = $2 WHERE category_id = $1",
        role: Role::Admin,
        reason: "category merge: every user's expenses move",
    },
    Crossing {
        statement: "DELETE FROM month_totals WHERE category_key = $1 AND count = 0",
        role: Role::Admin,
        reason: "category merge: empty buckets of the merged category go",
    },
    Crossing {
        statement: "SELECT b.id, b.user_id, b.year, b.month, b.amount, u.currency, b.standing,
                           b.rollover, b.carry_overspending
                    FROM budgets b JOIN users u ON u.id = b.user_id
                    WHERE b.category_id = $1 ORDER BY b.id",
        role: Role::Admin,
        reason: "category delete: every user's budgets of it, kept for undo",
    },
    Crossing {
        statement: "SELECT r.id, r.user_id, r.category_id, c.name, r.amount, u.currency, r.every,
                           r.day, r.start_date, r.until, r.note, r.next_due
                    FROM recurring r JOIN categories c ON c.id = r.category_id
                                     JOIN users u ON u.id = r.user_id
                    WHERE r.category_id = $1 ORDER BY r.id",
        role: Role::Admin,
        reason: "category delete: every user's recurring expenses of it, kept for undo",
    },
    Crossing {
        statement: "SELECT id FROM expenses WHERE category_id = $1 ORDER BY id",
        role: Role::Admin,
        reason: "category delete: every user's expenses of it, kept for undo",
    },
    Crossing {
        statement: "UPDATE expenses SET category_id = $1 WHERE id = $2 AND category_id IS NULL",
        role: Role::Admin,
        reason: "undoing a category delete: each expense gets its category back, by id",
    },
    Crossing {
        statement: r#"DELETE FROM ONLY "public"."budgets" ..."#,
        role: Role::Admin,
        reason: "the server's ON DELETE CASCADE of budgets.category_id as a category goes",
    },
    Crossing {
        statement: r#"UPDATE ONLY "public"."expenses" SET "category_id" ..."#,
        role: Role::Admin,
        reason: "the server's ON DELETE SET NULL of expenses.category_id as a category goes",
    },
    Crossing {
        statement: r#"UPDATE ONLY "public"."alerts" SET "budget_id" ..."#,
        role: Role::Admin,
        reason: "the server's ON DELETE SET NULL of alerts.budget_id as budgets go with \
                 their category or their user",
    },
    // Users.
    Crossing {
        statement: "INSERT INTO users (name, email, currency) VALUES ($1, $2, $3) ...",
        role: Role::Admin,
        reason: "user add: the id comes from the sequence, and the email must be unique \
                 across every shard",
    },
    Crossing {
        statement: "SELECT count(*) FROM users WHERE id <> $1",
        role: Role::Admin,
        reason: "user delete: never the last user",
    },
];
