//! SQL text as a tree: tokens, and the groups parentheses make. Enough of PostgreSQL's
//! syntax for the statements spend runs, as `pg_stat_statements` records them (most
//! constants written as `$n`), and for the server's own foreign-key statements.

/// One piece of SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A keyword or a name, lowered (a quoted name keeps its case).
    Word(String),
    /// A `$n` parameter.
    Param,
    /// A string, number or dollar-quoted text.
    Literal,
    /// `,` `.` `;` `[` `]`
    Punct(char),
    /// An operator: `=`, `<>`, `::`, ...
    Op(String),
}

/// A token, or a parenthesised group of nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Token(Token),
    Group(Vec<Node>),
}

/// The statement with its spacing, case, constants and parameters made uniform (`?`), so
/// SQL as written in the source compares equal to SQL as the server recorded it (which
/// writes most constants as `$n`).
pub fn shape(sql: &str) -> String {
    let Ok(tokens) = tokens(sql) else {
        return sql.split_whitespace().collect::<Vec<_>>().join(" ");
    };
    let words: Vec<String> = tokens
        .iter()
        .map(|token| match token {
            // The server records these constants as parameters too.
            Token::Word(word) if ["true", "false", "null"].contains(&word.as_str()) => {
                "?".to_string()
            }
            Token::Word(word) => word.clone(),
            Token::Param | Token::Literal => "?".to_string(),
            Token::Punct(c) => c.to_string(),
            Token::Op(op) => op.clone(),
        })
        .collect();
    words.join(" ")
}

/// The tokens of `sql`; an error names what could not be read.
pub fn tokens(sql: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        i = match c {
            _ if c.is_whitespace() => i + 1,
            '-' if next == Some('-') => skip_until(&chars, i, "\n"),
            '/' if next == Some('*') => skip_until(&chars, i + 2, "*/"),
            '\'' => quoted(&chars, i, '\'', &mut out, |_| Token::Literal)?,
            '"' => quoted(&chars, i, '"', &mut out, Token::Word)?,
            '$' if next.is_some_and(|d| d.is_ascii_digit()) => {
                out.push(Token::Param);
                take_while(&chars, i + 1, |d| d.is_ascii_digit())
            }
            '$' => dollar_quoted(&chars, i, &mut out)?,
            _ if c.is_ascii_digit() => {
                out.push(Token::Literal);
                take_while(&chars, i, |d| d.is_ascii_alphanumeric() || d == '.')
            }
            _ if c.is_alphabetic() || c == '_' => {
                let end = take_while(&chars, i, |d| d.is_alphanumeric() || d == '_' || d == '$');
                let word: String = chars[i..end].iter().collect();
                out.push(Token::Word(word.to_lowercase()));
                end
            }
            '(' | ')' | ',' | '.' | ';' | '[' | ']' => {
                out.push(Token::Punct(c));
                i + 1
            }
            _ => {
                let end = take_while(&chars, i, |d| "+-*/<>=~!@#%^&|`?:".contains(d));
                let end = end.max(i + 1);
                out.push(Token::Op(chars[i..end].iter().collect()));
                end
            }
        };
    }
    Ok(out)
}

fn take_while(chars: &[char], from: usize, keep: impl Fn(char) -> bool) -> usize {
    let mut i = from;
    while chars.get(i).is_some_and(|&c| keep(c)) {
        i += 1;
    }
    i
}

/// The index just past `end` (or the end of the text).
fn skip_until(chars: &[char], from: usize, end: &str) -> usize {
    let end: Vec<char> = end.chars().collect();
    let mut i = from;
    while i < chars.len() {
        if chars[i..].starts_with(&end) {
            return i + end.len();
        }
        i += 1;
    }
    chars.len()
}

/// A quoted string or name; a doubled quote stands for itself.
fn quoted(
    chars: &[char],
    start: usize,
    quote: char,
    out: &mut Vec<Token>,
    token: impl Fn(String) -> Token,
) -> Result<usize, String> {
    let mut text = String::new();
    let mut i = start + 1;
    loop {
        match (chars.get(i), chars.get(i + 1)) {
            (Some(&c), Some(&d)) if c == quote && d == quote => {
                text.push(quote);
                i += 2;
            }
            (Some(&c), _) if c == quote => {
                out.push(token(text));
                return Ok(i + 1);
            }
            (Some(&c), _) => {
                text.push(c);
                i += 1;
            }
            (None, _) => return Err(format!("unterminated {quote} at {start}")),
        }
    }
}

/// `$tag$ ... $tag$`, as in a function's body.
fn dollar_quoted(chars: &[char], start: usize, out: &mut Vec<Token>) -> Result<usize, String> {
    let tag_end = take_while(chars, start + 1, |c| c.is_alphanumeric() || c == '_');
    if chars.get(tag_end) != Some(&'$') {
        return Err(format!("a lone $ at {start}"));
    }
    let tag: String = chars[start..=tag_end].iter().collect();
    let end = skip_until(chars, tag_end + 1, &tag);
    out.push(Token::Literal);
    Ok(end)
}

/// The tokens with each parenthesised run made one group.
pub fn group(tokens: &[Token]) -> Result<Vec<Node>, String> {
    let mut stack: Vec<Vec<Node>> = vec![Vec::new()];
    for token in tokens {
        match token {
            Token::Punct('(') => stack.push(Vec::new()),
            Token::Punct(')') => {
                let inner = stack.pop().ok_or("unbalanced )")?;
                stack
                    .last_mut()
                    .ok_or("unbalanced )")?
                    .push(Node::Group(inner));
            }
            other => stack
                .last_mut()
                .ok_or("unbalanced )")?
                .push(Node::Token(other.clone())),
        }
    }
    match stack.pop() {
        Some(top) if stack.is_empty() => Ok(top),
        _ => Err("unbalanced (".into()),
    }
}

/// The word a node is, if it is one.
pub fn word(node: Option<&Node>) -> Option<&str> {
    match node {
        Some(Node::Token(Token::Word(w))) => Some(w.as_str()),
        _ => None,
    }
}

/// Whether a node is the word `wanted`.
pub fn is_word(node: Option<&Node>, wanted: &str) -> bool {
    word(node) == Some(wanted)
}

#[cfg(test)]
mod tests {
    use super::shape;

    #[test]
    fn shapes_compare_source_sql_with_recorded_sql() {
        assert_eq!(
            shape("SELECT 1 FROM expenses\n   WHERE id = $1"),
            shape("select $2 from expenses where id = $1")
        );
        assert_eq!(shape("SELECT f(false, NULL)"), shape("select f($1, $2)"));
        assert_ne!(
            shape("SELECT 1 FROM expenses WHERE id = $1"),
            shape("SELECT 1 FROM expenses WHERE user_id = $1")
        );
    }

    #[test]
    fn quotes_comments_and_dollar_quoting_are_read_whole() {
        assert_eq!(
            shape("SELECT 'it''s', \"Odd \"\"Name\"\"\" -- (\n FROM /* ( */ t"),
            "select ? , Odd \"Name\" from t"
        );
        assert_eq!(shape("SELECT $$ ( $$, $f$ ) $f$"), "select ? , ?");
    }
}
