//! `spend export --format journal`: an hledger journal, one transaction per expense, so
//! plain-text accounting users can take their data along.
//!
//! Names are made safe for hledger's syntax: in a category name (one account name part)
//! and in a description, a run of spaces, tabs or line breaks becomes one space (two
//! spaces would end the name), `;` (which starts a comment) becomes `,`, and in a category
//! name `:` (which starts a sub-account) becomes `-`. Two categories that come out the same
//! keep apart by the later one's id: `expenses:Food,Drink (7)`.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use crate::domain::{CategoryId, Currency, Grouping, NO_CATEGORY, quoted};
use crate::store::{ExpenseFilter, ExpenseRow, Store, StoreError};

use super::{format_date, format_minor};

/// The account expenses are paid from unless `--account` names another.
pub const DEFAULT_ACCOUNT: &str = "assets:cash";

/// The parent account of every category.
pub const EXPENSES_ACCOUNT: &str = "expenses";

/// A category name as one part of an hledger account name.
pub fn account_part(name: &str) -> String {
    safe_text(name)
        .chars()
        .map(|c| if c == ':' { '-' } else { c })
        .collect()
}

/// Text on one line that hledger reads back as written: whitespace runs (line breaks
/// included) become one space, `;` becomes `,`, and the ends are trimmed.
pub fn safe_text(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !safe.is_empty() {
            safe.push(' ');
        }
        safe.extend(word.chars().map(|c| if c == ';' { ',' } else { c }));
    }
    safe
}

/// Checks an `--account` name: parts joined by `:`, none empty, and nothing hledger would
/// read as something else (two spaces, a tab, `;`, or a leading `*`, `!`, `(` or `[`).
pub fn check_account(name: &str) -> Result<&str, StoreError> {
    let refuse = |why: &str| {
        Err(StoreError::InvalidInput(format!(
            "--account {} {why}; write parts joined by colons, such as assets:bank:savings",
            quoted(name)
        )))
    };
    if name.trim().is_empty() {
        return refuse("is empty");
    }
    if name.split(':').any(|part| part.trim().is_empty()) {
        return refuse("has an empty part");
    }
    if name.contains("  ") || name.contains(|c: char| c.is_control() || c == ';') {
        return refuse("has two spaces, a tab, a line break or a ; that hledger reads apart");
    }
    if name.starts_with(['*', '!', '(', '[', ' ']) || name.ends_with(' ') {
        return refuse("starts or ends with a character hledger reads as a posting mark");
    }
    Ok(name)
}

/// The account of each category, made safe and kept apart from each other.
struct Accounts {
    by_category: HashMap<CategoryId, String>,
    none: String,
}

impl Accounts {
    fn new(store: &Store) -> Result<Accounts, StoreError> {
        let mut taken = HashSet::new();
        let mut claim = |name: &str, id: Option<CategoryId>| {
            let mut account = format!("{EXPENSES_ACCOUNT}:{}", account_part(name));
            if !taken.insert(account.clone())
                && let Some(id) = id
            {
                account = format!("{account} ({id})");
                taken.insert(account.clone());
            }
            account
        };
        let mut categories = store.categories()?;
        categories.sort_by_key(|c| c.id);
        let by_category = categories
            .iter()
            .map(|c| (c.id, claim(&c.name, Some(c.id))))
            .collect();
        // Expenses whose category was deleted; a category of that name gets its id.
        let mut none = claim(NO_CATEGORY, None);
        if by_category_has(&by_category, &none) {
            none = format!("{EXPENSES_ACCOUNT}:{} (0)", account_part(NO_CATEGORY));
        }
        Ok(Accounts { by_category, none })
    }

    fn of(&self, row: &ExpenseRow<'_>) -> &str {
        row.category_id
            .and_then(|id| self.by_category.get(&id))
            .map_or(self.none.as_str(), String::as_str)
    }
}

fn by_category_has(accounts: &HashMap<CategoryId, String>, name: &str) -> bool {
    accounts.values().any(|account| account == name)
}

/// `commodity 1,000.00 INR`: how hledger shows a currency, with a thousands separator that
/// `decimal-mark .` keeps from being read as a decimal mark.
fn commodity_directive(currency: Currency) -> String {
    let thousand = currency.from_minor(1000 * 10_i64.pow(currency.decimals()));
    let sample = currency.format_grouped_as(thousand, Grouping::International);
    format!("commodity {sample} {}", currency.code())
}

/// Writes the expenses `filter` selects as an hledger journal, each paid from `account`
/// (see [`check_account`]); returns how many transactions were written.
pub fn write_journal<W: Write>(
    store: &Store,
    filter: &ExpenseFilter,
    account: &str,
    mut out: W,
) -> Result<usize, StoreError> {
    let account = check_account(account)?;
    let accounts = Accounts::new(store)?;
    writeln!(
        out,
        "; Smart Spending Tracker expenses, as an hledger journal.\n\
         ; Category names are made safe for hledger: runs of spaces become one, ; becomes ,\n\
         ; and : becomes -; amounts use . as the decimal mark.\n\n\
         decimal-mark .\n"
    )?;
    let mut declared = HashSet::new();
    for user in store.users()? {
        if declared.insert(user.currency) {
            writeln!(out, "{}", commodity_directive(user.currency))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "account {account}")?;
    let mut names: Vec<&String> = accounts.by_category.values().collect();
    names.sort();
    for name in names.into_iter().chain([&accounts.none]) {
        writeln!(out, "account {name}")?;
    }
    let mut scratch = Scratch::default();
    let count = store.each_expense_row(filter, |row| {
        if declared.insert(row.currency) {
            writeln!(out, "\n{}", commodity_directive(row.currency))?;
        }
        transaction(&mut out, row, accounts.of(row), account, &mut scratch)?;
        Ok::<_, StoreError>(())
    })?;
    out.flush()?;
    Ok(count)
}

/// Buffers reused for every transaction.
#[derive(Default)]
struct Scratch {
    amount: Vec<u8>,
    date: Vec<u8>,
}

/// ```text
/// 2025-05-02 Lunch at cafe  ; user_id:1, expense_id:1, currency:INR
///     expenses:Food                          250.00 INR
///     assets:cash
/// ```
fn transaction<W: Write>(
    out: &mut W,
    row: &ExpenseRow<'_>,
    account: &str,
    paid_from: &str,
    scratch: &mut Scratch,
) -> std::io::Result<()> {
    format_date(row.date, &mut scratch.date);
    format_minor(row.minor, row.currency.decimals(), &mut scratch.amount);
    // A note is the description; without one, the category names the transaction.
    let description = safe_text(row.note.or(row.category).unwrap_or(NO_CATEGORY));
    out.write_all(b"\n")?;
    out.write_all(&scratch.date)?;
    if !description.is_empty() {
        write!(out, " {description}")?;
    }
    writeln!(
        out,
        "  ; user_id:{}, expense_id:{}, currency:{}",
        row.user_id,
        row.id,
        row.currency.code()
    )?;
    let amount = std::str::from_utf8(&scratch.amount).unwrap_or("0");
    writeln!(out, "    {account:<38}  {amount} {}", row.currency.code())?;
    writeln!(out, "    {paid_from}")
}

#[cfg(test)]
mod tests {
    use super::{account_part, check_account, safe_text};

    #[test]
    fn names_are_made_safe_for_hledger() {
        assert_eq!(account_part("Food"), "Food");
        assert_eq!(account_part("Eating  out"), "Eating out");
        assert_eq!(account_part(" Tab\there\nline "), "Tab here line");
        assert_eq!(account_part("Food;Drink"), "Food,Drink");
        assert_eq!(account_part("Bills:Power"), "Bills-Power");
        assert_eq!(account_part("खाना 🍜"), "खाना 🍜");
        assert_eq!(safe_text("a;b:c"), "a,b:c", "a description keeps colons");
    }

    #[test]
    fn only_plain_accounts_are_accepted() {
        for good in [
            "assets:cash",
            "assets:bank:savings",
            "liabilities:credit card",
        ] {
            assert_eq!(check_account(good).ok(), Some(good));
        }
        for bad in [
            "",
            "assets:",
            ":cash",
            "assets::cash",
            "assets:my  card",
            "a;b",
            "*assets",
            "(assets)",
            "assets\tcash",
        ] {
            assert!(check_account(bad).is_err(), "{bad:?}");
        }
    }
}
