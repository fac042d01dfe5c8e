//! Which tables a statement reads or writes across users. On Citus, a statement stays on one
//! shard when every table it touches that is distributed by user is pinned to one value of
//! its distribution column: an equality with a parameter or a constant in a WHERE or ON
//! (directly, or through a join on the column with a pinned table), or, for INSERT and COPY,
//! the column among those written, so each row goes to its user's shard. A condition that
//! can be switched off (`$1 IS NULL OR user_id = $1`) pins nothing: the server cannot route
//! on it.
//!
//! Each query level (a statement, a set operand, a subquery) is read for its references
//! to distributed tables and its AND-ed conditions.

use super::tokens::{Node, Token, group, is_word, tokens, word};

/// The tables distributed by user, each with its distribution column.
pub const DISTRIBUTED: [(&str, &str); 5] = [
    ("users", "id"),
    ("expenses", "user_id"),
    ("budgets", "user_id"),
    ("alerts", "user_id"),
    ("month_totals", "user_id"),
];

/// Words after which a table name comes: its reference in a query level.
const INTRODUCERS: [&str; 7] = [
    "from", "join", "update", "into", "copy", "table", "truncate",
];

/// Words that end a list of tables or a condition.
const CLAUSE_WORDS: [&str; 23] = [
    "where",
    "on",
    "join",
    "left",
    "right",
    "inner",
    "full",
    "cross",
    "natural",
    "group",
    "order",
    "limit",
    "offset",
    "having",
    "window",
    "returning",
    "for",
    "set",
    "values",
    "do",
    "union",
    "intersect",
    "except",
];

/// Words that cannot be a table's alias.
const NOT_ALIASES: [&str; 6] = ["as", "only", "using", "select", "with", "lateral"];

/// A reference to a distributed table that no user pins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossUser {
    /// The table.
    pub table: &'static str,
    /// The name it goes by in the statement: its alias, or the table's own.
    pub name: String,
}

/// The references of `sql` to tables distributed by user that are not pinned to one user.
pub fn cross_user_references(sql: &str) -> Result<Vec<CrossUser>, String> {
    let nodes = group(&tokens(sql)?)?;
    let mut found = Vec::new();
    check_nodes(&nodes, &[], &mut found);
    Ok(found)
}

/// Checks every statement and set operand at this level, then every group inside each.
/// `outer` holds the pinned columns of the enclosing levels (`name.column`).
fn check_nodes(nodes: &[Node], outer: &[(String, String)], found: &mut Vec<CrossUser>) {
    let parts = nodes.split(|node| {
        matches!(node, Node::Token(Token::Punct(';')))
            || ["union", "intersect", "except"]
                .iter()
                .any(|w| is_word(Some(node), w))
    });
    for part in parts {
        let level = Level::read(part);
        let pinned = level.pinned(outer);
        for (index, reference) in level.references.iter().enumerate() {
            if !pinned[index] {
                found.push(CrossUser {
                    table: reference.table,
                    name: reference.name.clone(),
                });
            }
        }
        let mut inner_outer = outer.to_vec();
        for (index, reference) in level.references.iter().enumerate() {
            if pinned[index] {
                inner_outer.push((reference.name.clone(), reference.key.to_string()));
            }
        }
        for node in part {
            if let Node::Group(inner) = node {
                check_nodes(inner, &inner_outer, found);
            }
        }
    }
}

/// A distributed table as one query level refers to it.
#[derive(Debug)]
struct Reference {
    table: &'static str,
    key: &'static str,
    name: String,
    /// INSERT or COPY naming the distribution column among those written.
    writes_key: bool,
}

/// One side of an equality.
#[derive(Debug, PartialEq, Eq)]
enum Operand {
    Column {
        qualifier: Option<String>,
        column: String,
    },
    /// A parameter, a constant, or a value fixed outside this level.
    Fixed,
    Other,
}

/// A query level: its references to distributed tables and its AND-ed conditions.
struct Level {
    references: Vec<Reference>,
    equalities: Vec<(Operand, Operand)>,
}

impl Level {
    fn read(nodes: &[Node]) -> Level {
        Level {
            references: references(nodes),
            equalities: conditions(nodes)
                .into_iter()
                .filter_map(|conjunct| equality(&conjunct))
                .collect(),
        }
    }

    /// Which references are pinned to one user, by fixed values and by joins on the key.
    fn pinned(&self, outer: &[(String, String)]) -> Vec<bool> {
        let mut pinned: Vec<bool> = self.references.iter().map(|r| r.writes_key).collect();
        loop {
            let mut changed = false;
            for (left, right) in &self.equalities {
                for (this, other) in [(left, right), (right, left)] {
                    let Some(index) = self.key_reference(this) else {
                        continue;
                    };
                    let fixed = match other {
                        Operand::Fixed => true,
                        Operand::Column { .. } => self
                            .key_reference(other)
                            .map_or_else(|| fixed_outside(other, outer), |o| pinned[o]),
                        Operand::Other => false,
                    };
                    if fixed && !pinned[index] {
                        pinned[index] = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                return pinned;
            }
        }
    }

    /// The reference whose distribution column `operand` is, if any.
    fn key_reference(&self, operand: &Operand) -> Option<usize> {
        let Operand::Column { qualifier, column } = operand else {
            return None;
        };
        let mut matches =
            self.references.iter().enumerate().filter(|(_, r)| {
                r.key == column && qualifier.as_ref().is_none_or(|q| *q == r.name)
            });
        let first = matches.next().map(|(index, _)| index);
        // An unqualified column that two tables have is no one's.
        if matches.next().is_some() {
            None
        } else {
            first
        }
    }
}

/// A column of an enclosing level that is pinned there, a trigger's `NEW.user_id` /
/// `OLD.user_id`, or the month totals trigger's loop variable `each_user`: one value for
/// the whole statement.
fn fixed_outside(operand: &Operand, outer: &[(String, String)]) -> bool {
    match operand {
        Operand::Column {
            qualifier: Some(qualifier),
            column,
        } => {
            let trigger_row = (qualifier == "new" || qualifier == "old") && column == "user_id";
            trigger_row || outer.iter().any(|(q, c)| q == qualifier && c == column)
        }
        Operand::Column {
            qualifier: None,
            column,
        } => column == TRIGGER_USER_VARIABLE,
        _ => false,
    }
}

/// The month totals trigger's variable holding the one user each of its statements is for.
const TRIGGER_USER_VARIABLE: &str = "each_user";

/// The level's references to distributed tables, with their aliases.
fn references(nodes: &[Node]) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut in_from_list = false;
    for (index, node) in nodes.iter().enumerate() {
        let introducer = word(Some(node)).filter(|w| INTRODUCERS.contains(w));
        let listed = in_from_list && matches!(node, Node::Token(Token::Punct(',')));
        if let Some(w) = word(Some(node)) {
            if w == "from" {
                in_from_list = true;
            } else if CLAUSE_WORDS.contains(&w) {
                in_from_list = false;
            }
        }
        if introducer.is_some() || listed {
            // COPY, TABLE and TRUNCATE name a table with no alias after it.
            let may_alias =
                listed || introducer.is_some_and(|w| !["copy", "table", "truncate"].contains(&w));
            if let Some(reference) = reference_at(nodes, index + 1, may_alias) {
                found.push(reference);
            }
        }
    }
    found
}

/// The distributed table named at `at` (after `ONLY` or a schema), if it is one.
fn reference_at(nodes: &[Node], mut at: usize, may_alias: bool) -> Option<Reference> {
    if is_word(nodes.get(at), "only") {
        at += 1;
    }
    if matches!(nodes.get(at + 1), Some(Node::Token(Token::Punct('.')))) {
        at += 2;
    }
    let name = word(nodes.get(at))?;
    let &(table, key) = DISTRIBUTED.iter().find(|(t, _)| *t == name)?;
    let mut after = at + 1;
    if is_word(nodes.get(after), "as") {
        after += 1;
    }
    let alias = word(nodes.get(after))
        .filter(|_| may_alias)
        .filter(|w| !CLAUSE_WORDS.contains(w) && !NOT_ALIASES.contains(w))
        .map(str::to_string);
    let columns_at = if alias.is_some() { after + 1 } else { after };
    let writes_key = match nodes.get(columns_at) {
        Some(Node::Group(columns)) => {
            let writer = nodes[..at].iter().rev().find_map(|n| word(Some(n)));
            matches!(writer, Some("into" | "copy")) && columns.iter().any(|c| is_word(Some(c), key))
        }
        _ => false,
    };
    Some(Reference {
        table,
        key,
        name: alias.unwrap_or_else(|| table.to_string()),
        writes_key,
    })
}

/// The AND-ed conditions of every WHERE and join ON at this level.
fn conditions(nodes: &[Node]) -> Vec<Vec<Node>> {
    let mut conjuncts = Vec::new();
    let mut current: Option<Vec<Node>> = None;
    for (index, node) in nodes.iter().enumerate() {
        let w = word(Some(node));
        let starts =
            w == Some("where") || (w == Some("on") && !is_word(nodes.get(index + 1), "conflict"));
        if starts || w.is_some_and(|w| CLAUSE_WORDS.contains(&w)) {
            conjuncts.extend(current.take().filter(|c| !c.is_empty()));
            if starts {
                current = Some(Vec::new());
            }
            continue;
        }
        if let Some(conjunct) = current.as_mut() {
            if w == Some("and") {
                conjuncts.push(std::mem::take(conjunct));
            } else {
                conjunct.push(node.clone());
            }
        }
    }
    conjuncts.extend(current.filter(|c| !c.is_empty()));
    conjuncts
}

/// `a = b` with each side read as an operand; anything else is no equality. The server's
/// own foreign-key statements spell the sign `OPERATOR(pg_catalog.=)`.
fn equality(conjunct: &[Node]) -> Option<(Operand, Operand)> {
    let signs: Vec<(usize, usize)> = (0..conjunct.len())
        .filter_map(|at| equals_sign(&conjunct[at..]).map(|len| (at, len)))
        .collect();
    let [(at, len)] = signs.as_slice() else {
        return None;
    };
    Some((operand(&conjunct[..*at]), operand(&conjunct[at + len..])))
}

/// How many nodes the equals sign at the start of `nodes` takes, if one is there.
fn equals_sign(nodes: &[Node]) -> Option<usize> {
    let is_eq = |n: Option<&Node>| matches!(n, Some(Node::Token(Token::Op(op))) if op == "=");
    match nodes {
        [first, ..] if is_eq(Some(first)) => Some(1),
        [Node::Token(Token::Word(w)), Node::Group(inner), ..] if w == "operator" => {
            is_eq(inner.last()).then_some(2)
        }
        _ => None,
    }
}

fn operand(nodes: &[Node]) -> Operand {
    let nodes = without_casts(nodes);
    match nodes {
        [Node::Token(Token::Param | Token::Literal)] => Operand::Fixed,
        [Node::Token(Token::Word(column))] => Operand::Column {
            qualifier: None,
            column: column.clone(),
        },
        [
            Node::Token(Token::Word(qualifier)),
            Node::Token(Token::Punct('.')),
            Node::Token(Token::Word(column)),
        ] => Operand::Column {
            qualifier: Some(qualifier.clone()),
            column: column.clone(),
        },
        _ => Operand::Other,
    }
}

/// The operand without trailing `::type` casts.
fn without_casts(nodes: &[Node]) -> &[Node] {
    let mut end = nodes.len();
    while end >= 2
        && matches!(&nodes[end - 2], Node::Token(Token::Op(op)) if op == "::")
        && word(nodes.get(end - 1)).is_some()
    {
        end -= 2;
    }
    &nodes[..end]
}

#[cfg(test)]
mod tests {
    use super::{CrossUser, cross_user_references};

    fn crossing(sql: &str) -> Vec<(&'static str, String)> {
        cross_user_references(sql)
            .unwrap_or_else(|e| panic!("cannot read {sql}: {e}"))
            .into_iter()
            .map(|CrossUser { table, name }| (table, name))
            .collect()
    }

    fn one(table: &'static str, name: &str) -> Vec<(&'static str, String)> {
        vec![(table, name.to_string())]
    }

    #[test]
    fn a_row_by_its_id_alone_crosses_users() {
        assert_eq!(
            crossing("DELETE FROM expenses WHERE id = $1"),
            one("expenses", "expenses")
        );
        assert!(crossing("DELETE FROM expenses WHERE id = $1 AND user_id = $2").is_empty());
        assert_eq!(
            crossing("SELECT $2 FROM expenses WHERE id = $1"),
            one("expenses", "expenses")
        );
    }

    #[test]
    fn a_condition_that_can_be_switched_off_pins_nothing() {
        let optional = "SELECT b.id FROM budgets b WHERE ($1::integer IS NULL OR b.user_id = $1)
                        ORDER BY b.id";
        assert_eq!(crossing(optional), one("budgets", "b"));
        let either = "SELECT id FROM alerts WHERE user_id = $1 OR user_id = $2";
        assert_eq!(crossing(either), one("alerts", "alerts"));
        let range = "SELECT id FROM alerts WHERE user_id >= $1";
        assert_eq!(crossing(range), one("alerts", "alerts"));
    }

    #[test]
    fn a_join_on_the_key_carries_the_pin_and_any_other_join_does_not() {
        let keyed = "SELECT b.id FROM budgets b JOIN categories c ON c.id = b.category_id
                     LEFT JOIN month_totals t ON t.user_id = b.user_id AND t.month = $4
                     WHERE b.user_id = $1 AND b.year = $2";
        assert!(crossing(keyed).is_empty());
        let by_month = "SELECT b.id FROM budgets b
                        LEFT JOIN month_totals t ON t.month = $4 AND t.category_key = b.category_id
                        WHERE b.user_id = $1";
        assert_eq!(crossing(by_month), one("month_totals", "t"));
        let users = "SELECT b.id FROM budgets b JOIN users u ON u.id = b.user_id
                     WHERE b.user_id = $1";
        assert!(crossing(users).is_empty());
        let unpinned = "SELECT f.id FROM budgets f JOIN users u ON u.id = f.user_id
                        LEFT JOIN budgets i ON i.user_id = f.user_id WHERE f.category_id = $1";
        assert_eq!(crossing(unpinned).len(), 3);
    }

    #[test]
    fn each_query_level_is_read_on_its_own() {
        let exists = "DELETE FROM users WHERE id = $1
                      AND NOT EXISTS (SELECT 1 FROM expenses WHERE user_id = $1)
                      AND NOT EXISTS (SELECT 1 FROM budgets WHERE category_id = $1)";
        assert_eq!(crossing(exists), one("budgets", "budgets"));
        let counts = "SELECT (SELECT count(*) FROM expenses WHERE category_id = $1),
                             (SELECT count(*) FROM budgets WHERE category_id = $1)";
        assert_eq!(crossing(counts).len(), 2);
        let union = "SELECT user_id FROM month_totals WHERE user_id = $2 AND category_key = $1
                     UNION SELECT user_id FROM budgets WHERE category_id = $1";
        assert_eq!(crossing(union), one("budgets", "budgets"));
        let window = "SELECT n FROM (SELECT e.id, row_number() OVER (ORDER BY e.date DESC) AS n
                      FROM expenses e WHERE e.user_id = $1 AND e.date >= $2) t WHERE id = $3";
        assert!(crossing(window).is_empty());
    }

    #[test]
    fn inserts_and_copies_are_pinned_by_the_key_among_their_columns() {
        let keyed = "INSERT INTO month_totals (user_id, category_key, month, total, count)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, month, category_key)
                     DO UPDATE SET total = month_totals.total RETURNING total";
        assert!(crossing(keyed).is_empty());
        assert_eq!(
            crossing("INSERT INTO users (name, email) VALUES ($1, $2) RETURNING id"),
            one("users", "users")
        );
        assert!(
            crossing("COPY expenses (id, user_id, amount) FROM STDIN (FORMAT binary)").is_empty()
        );
        let summed = "INSERT INTO month_totals (user_id, month, total)
                      SELECT e.user_id, to_char(e.date, $1), sum(e.amount)
                      FROM expenses e JOIN users u ON u.id = e.user_id GROUP BY 1, 2";
        assert_eq!(
            crossing(summed).len(),
            2,
            "the rows summed come from every user"
        );
        assert_eq!(
            crossing("ALTER TABLE expenses DISABLE TRIGGER expenses_month_totals"),
            one("expenses", "expenses")
        );
    }

    #[test]
    fn a_triggers_own_row_and_an_outer_pinned_column_count_as_one_user() {
        let trigger = "UPDATE month_totals SET total = total - OLD.amount, count = count - $1
                       WHERE user_id = OLD.user_id AND month = to_char(OLD.date, $2)
                         AND OLD.currency = (SELECT currency FROM users WHERE id = OLD.user_id)";
        assert!(crossing(trigger).is_empty());
        let wrong_column = "UPDATE month_totals SET count = $1 WHERE user_id = OLD.category_id";
        assert_eq!(crossing(wrong_column), one("month_totals", "month_totals"));
        let correlated = "SELECT a.id FROM alerts a WHERE a.user_id = $1 AND EXISTS
                          (SELECT 1 FROM expenses e WHERE e.user_id = a.user_id AND e.id = a.expense_id)";
        assert!(crossing(correlated).is_empty());
    }

    #[test]
    fn the_servers_own_foreign_key_statements_are_read_too() {
        let check = "SELECT $2 FROM ONLY \"public\".\"users\" x
                     WHERE \"id\" OPERATOR(pg_catalog.=) $1 FOR KEY SHARE OF x";
        assert!(crossing(check).is_empty());
        let set_null = "UPDATE ONLY \"public\".\"alerts\" SET \"expense_id\" = $2
                        WHERE $1 OPERATOR(pg_catalog.=) \"expense_id\"";
        assert_eq!(crossing(set_null), one("alerts", "alerts"));
        let cascade = "DELETE FROM ONLY \"public\".\"expenses\"
                       WHERE $1 OPERATOR(pg_catalog.=) \"user_id\"";
        assert!(crossing(cascade).is_empty());
    }

    #[test]
    fn tables_not_distributed_by_user_are_not_watched() {
        assert!(
            crossing("SELECT id, name FROM categories ORDER BY lower(name COLLATE \"C\")")
                .is_empty()
        );
        assert!(crossing("SELECT value FROM settings WHERE key = $1").is_empty());
        assert!(crossing("LISTEN spend_ledger").is_empty());
        assert!(crossing("SELECT 'from expenses' FROM spend_schema").is_empty());
    }
}
