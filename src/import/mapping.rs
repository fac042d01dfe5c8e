//! Which column holds what: named by `--map` (a 1-based number or a header name), or found
//! from the header names banks use in English and the major European languages.

use crate::domain::quoted;

use super::StatementError;
use super::headers::{header_key, synonyms};

/// What a column means to an import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Date,
    /// One signed amount.
    Amount,
    /// Money out, in a column of its own.
    Debit,
    /// Money in, in a column of its own.
    Credit,
    /// A sign or type beside an unsigned amount: `DR`/`CR`, `Debit`/`Credit`, `Af`/`Bij`.
    Kind,
    Note,
    Payee,
    Currency,
    /// The bank's own transaction id.
    Id,
    Category,
}

impl Role {
    const ALL: [Role; 10] = [
        Role::Date,
        Role::Amount,
        Role::Debit,
        Role::Credit,
        Role::Kind,
        Role::Note,
        Role::Payee,
        Role::Currency,
        Role::Id,
        Role::Category,
    ];

    /// The role's name in `--map`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Date => "date",
            Role::Amount => "amount",
            Role::Debit => "debit",
            Role::Credit => "credit",
            Role::Kind => "type",
            Role::Note => "note",
            Role::Payee => "payee",
            Role::Currency => "currency",
            Role::Id => "id",
            Role::Category => "category",
        }
    }
}

/// A column as `--map` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    /// 1 for the first column.
    Number(usize),
    Name(String),
}

/// What `--map` says: roles and the columns that hold them, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapSpec {
    pub entries: Vec<(Role, ColumnRef)>,
}

impl MapSpec {
    /// Reads `date=1,amount=Betrag,note=Verwendungszweck`.
    pub fn parse(text: &str) -> Result<MapSpec, StatementError> {
        let bad = |reason: String| StatementError::File { reason };
        let mut entries = Vec::new();
        for entry in text.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (role, column) = entry.split_once('=').ok_or_else(|| {
                bad(format!(
                    "--map entry {} has no '='; write ROLE=COL, such as date=1 or amount=Betrag",
                    quoted(entry)
                ))
            })?;
            let role = Role::ALL
                .into_iter()
                .find(|r| {
                    r.name().eq_ignore_ascii_case(role.trim())
                        || (role.trim().eq_ignore_ascii_case("sign") && *r == Role::Kind)
                })
                .ok_or_else(|| {
                    let names: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
                    bad(format!(
                        "--map role {} is not one of {}",
                        quoted(role.trim()),
                        names.join(", ")
                    ))
                })?;
            let column = column.trim();
            let column = match column.parse::<usize>() {
                Ok(0) => {
                    return Err(bad(format!(
                        "--map {}=0: columns are numbered from 1",
                        role.name()
                    )));
                }
                Ok(n) => ColumnRef::Number(n),
                Err(_) if column.is_empty() => {
                    return Err(bad(format!("--map {}= names no column", role.name())));
                }
                Err(_) => ColumnRef::Name(column.to_string()),
            };
            if entries.iter().any(|(r, _)| *r == role) {
                return Err(bad(format!("--map names the {} column twice", role.name())));
            }
            entries.push((role, column));
        }
        Ok(MapSpec { entries })
    }

    /// Whether every column is named by number, so the file may have no header.
    pub fn by_number_only(&self) -> bool {
        !self.entries.is_empty()
            && self
                .entries
                .iter()
                .all(|(_, c)| matches!(c, ColumnRef::Number(_)))
    }

    /// The spec as `--map` takes it, to keep in a profile.
    pub fn to_flag(&self) -> String {
        let entries: Vec<String> = self
            .entries
            .iter()
            .map(|(role, column)| match column {
                ColumnRef::Number(n) => format!("{}={n}", role.name()),
                ColumnRef::Name(name) => format!("{}={name}", role.name()),
            })
            .collect();
        entries.join(",")
    }
}

/// Where each role is, by index from 0.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    pub date: usize,
    pub amount: Option<usize>,
    pub debit: Option<usize>,
    pub credit: Option<usize>,
    pub kind: Option<usize>,
    pub note: Option<usize>,
    pub payee: Option<usize>,
    pub currency: Option<usize>,
    pub id: Option<usize>,
    pub category: Option<usize>,
}

impl Columns {
    /// The roles found, as `--map` would name them (by header name where there is one), for
    /// `--dry-run` to show and a profile to keep.
    pub fn describe(&self, header: &[String]) -> String {
        let name = |i: usize| {
            header
                .get(i)
                .map(|h| h.trim())
                .filter(|h| !h.is_empty() && !h.contains([',', '=']))
                .map_or_else(|| (i + 1).to_string(), str::to_string)
        };
        let mut parts = vec![format!("date={}", name(self.date))];
        for (role, column) in [
            (Role::Amount, self.amount),
            (Role::Debit, self.debit),
            (Role::Credit, self.credit),
            (Role::Kind, self.kind),
            (Role::Note, self.note),
            (Role::Payee, self.payee),
            (Role::Currency, self.currency),
            (Role::Id, self.id),
            (Role::Category, self.category),
        ] {
            if let Some(column) = column {
                parts.push(format!("{}={}", role.name(), name(column)));
            }
        }
        parts.join(",")
    }
}

/// The columns of `header` for each role: those `spec` names, the rest found by header
/// name. Refuses a header without a date or an amount, saying which and showing it.
pub fn find_columns(header: &[String], spec: &MapSpec) -> Result<Columns, StatementError> {
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let mut found: Vec<(Role, usize)> = Vec::new();
    for (role, column) in &spec.entries {
        found.push((*role, resolve(header, &keys, column, *role)?));
    }
    let spec_roles: Vec<Role> = found.iter().map(|(r, _)| *r).collect();
    let named = |role: Role| spec_roles.contains(&role);
    let amounts_named = named(Role::Amount) || named(Role::Debit) || named(Role::Credit);
    for role in Role::ALL {
        if named(role)
            || (amounts_named && matches!(role, Role::Amount | Role::Debit | Role::Credit))
        {
            continue;
        }
        let taken: Vec<usize> = found.iter().map(|(_, i)| *i).collect();
        let hit = synonyms(role).iter().find_map(|synonym| {
            keys.iter()
                .enumerate()
                .find(|(i, key)| key.as_str() == *synonym && !taken.contains(i))
                .map(|(i, _)| i)
        });
        if let Some(index) = hit {
            found.push((role, index));
        }
    }
    let get = |role: Role| found.iter().find(|(r, _)| *r == role).map(|(_, i)| *i);
    let missing = |role: &str| StatementError::File {
        reason: format!(
            "cannot find the {role} column in the header ({}); name it with --map, such as \
             --map date=1,amount=2,note=3",
            header.join(", ")
        ),
    };
    let date = get(Role::Date).ok_or_else(|| missing("date"))?;
    let mut columns = Columns {
        date,
        amount: get(Role::Amount),
        debit: get(Role::Debit),
        credit: get(Role::Credit),
        kind: get(Role::Kind),
        note: get(Role::Note),
        payee: get(Role::Payee),
        currency: get(Role::Currency),
        id: get(Role::Id),
        category: get(Role::Category),
    };
    // A pair of out and in columns says more than a lone "amount" beside them.
    if columns.debit.is_some() && columns.credit.is_some() && !named(Role::Amount) {
        columns.amount = None;
    } else if columns.amount.is_some() && !named(Role::Debit) && !named(Role::Credit) {
        columns.debit = None;
        columns.credit = None;
    }
    if columns.amount.is_none() && columns.debit.is_none() && columns.credit.is_none() {
        return Err(missing("amount (or debit and credit)"));
    }
    Ok(columns)
}

/// The index `column` names in `header`.
fn resolve(
    header: &[String],
    keys: &[String],
    column: &ColumnRef,
    role: Role,
) -> Result<usize, StatementError> {
    match column {
        ColumnRef::Number(n) if *n <= header.len().max(1) => Ok(n - 1),
        ColumnRef::Number(n) => Err(StatementError::File {
            reason: format!(
                "--map {}={n}: the header has {} columns ({})",
                role.name(),
                header.len(),
                header.join(", ")
            ),
        }),
        ColumnRef::Name(name) => {
            let wanted = header_key(name);
            let hits: Vec<usize> = keys
                .iter()
                .enumerate()
                .filter(|(_, key)| **key == wanted)
                .map(|(i, _)| i)
                .collect();
            match hits.as_slice() {
                [one] => Ok(*one),
                [] => Err(StatementError::File {
                    reason: format!(
                        "--map {}={name}: the header has no such column ({})",
                        role.name(),
                        header.join(", ")
                    ),
                }),
                [first, second, ..] => Err(StatementError::File {
                    reason: format!(
                        "--map {}={name}: columns {} and {} are both called that; name it by number",
                        role.name(),
                        first + 1,
                        second + 1
                    ),
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_string()).collect()
    }

    #[test]
    fn headers_in_the_major_languages_are_found() {
        let none = MapSpec::default();
        let german = header(&[
            "Buchungstag",
            "Valuta",
            "Auftraggeber/Empfänger",
            "Verwendungszweck",
            "Betrag (EUR)",
        ]);
        let columns = find_columns(&german, &none).expect("german");
        assert_eq!(
            (columns.date, columns.amount, columns.note, columns.payee),
            (0, Some(4), Some(3), Some(2))
        );
        let dutch = header(&[
            "Datum",
            "Naam / Omschrijving",
            "Rekening",
            "Af Bij",
            "Bedrag (EUR)",
            "Mededelingen",
        ]);
        let columns = find_columns(&dutch, &none).expect("dutch");
        assert_eq!(
            (
                columns.date,
                columns.amount,
                columns.kind,
                columns.note,
                columns.payee
            ),
            (0, Some(4), Some(3), Some(5), Some(1))
        );
        let split = header(&[
            "Txn Date",
            "Value Date",
            "Description",
            "Ref No.",
            "Debit",
            "Credit",
            "Balance",
        ]);
        let columns = find_columns(&split, &none).expect("debit and credit");
        assert_eq!(
            (columns.date, columns.amount, columns.debit, columns.credit),
            (0, None, Some(4), Some(5))
        );
        let french = header(&["Date de l'opération", "Libellé", "Montant", "Devise"]);
        let columns = find_columns(&french, &none).expect("french");
        assert_eq!(
            (columns.date, columns.note, columns.amount, columns.currency),
            (0, Some(1), Some(2), Some(3))
        );
    }

    #[test]
    fn map_names_columns_by_number_or_name_and_the_rest_are_found() {
        let head = header(&["When", "What", "How much", "Currency"]);
        let spec = MapSpec::parse("date=1, amount=How much,note=what").expect("spec");
        let columns = find_columns(&head, &spec).expect("columns");
        assert_eq!(
            (columns.date, columns.amount, columns.note, columns.currency),
            (0, Some(2), Some(1), Some(3))
        );
        assert_eq!(
            columns.describe(&head),
            "date=When,amount=How much,note=What,currency=Currency"
        );
        assert!(spec.to_flag() == "date=1,amount=How much,note=what");
    }

    #[test]
    fn what_is_missing_or_wrong_is_named() {
        let head = header(&["When", "Betrag"]);
        assert_eq!(
            find_columns(&head, &MapSpec::default())
                .expect_err("no date")
                .to_string(),
            "cannot find the date column in the header (When, Betrag); name it with --map, such \
             as --map date=1,amount=2,note=3"
        );
        for (map, reason) in [
            (
                "date",
                "--map entry \"date\" has no '='; write ROLE=COL, such as date=1 or amount=Betrag",
            ),
            (
                "when=1",
                "--map role \"when\" is not one of date, amount, debit, credit, type, note, payee, currency, id, category",
            ),
            ("date=0", "--map date=0: columns are numbered from 1"),
            ("date=1,date=2", "--map names the date column twice"),
        ] {
            assert_eq!(MapSpec::parse(map).expect_err(map).to_string(), reason);
        }
        let spec = MapSpec::parse("date=9").expect("spec");
        assert_eq!(
            find_columns(&head, &spec).expect_err("too far").to_string(),
            "--map date=9: the header has 2 columns (When, Betrag)"
        );
        let twice = header(&["Date", "Amount", "Amount"]);
        let spec = MapSpec::parse("amount=Amount").expect("spec");
        assert_eq!(
            find_columns(&twice, &spec).expect_err("twice").to_string(),
            "--map amount=Amount: columns 2 and 3 are both called that; name it by number"
        );
    }
}
