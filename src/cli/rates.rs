//! `spend rate set`, `list` and `import`: the rates foreign expenses are converted at.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::domain::{Currency, ExchangeRate, Rate, counted, parse_date, quoted};
use crate::store::StoreError;

use super::commands::{CliError, Context};

#[derive(Debug, Subcommand)]
pub enum RateCommand {
    /// Set how many units of your currency 1 CURRENCY is worth, from --date on (default
    /// today); expenses already recorded keep the rate they were converted at
    Set {
        currency: String,
        /// Exact, with at most 10 decimals: 83.25
        rate: String,
        #[arg(long, default_value = "today")]
        date: String,
    },
    /// The rates kept for your currency, of one currency or all
    List { currency: Option<String> },
    /// Read rates from a CSV file with the header `date,currency,rate`; all of them or none
    Import { file: PathBuf },
}

pub(super) fn run(
    ctx: &mut Context<'_>,
    command: RateCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let base = ctx.user()?.currency;
    match command {
        RateCommand::Set {
            currency,
            rate,
            date,
        } => {
            let rate = ExchangeRate {
                base,
                currency: currency_of(&currency)?,
                date: parse_date(&date, ctx.today)?,
                rate: Rate::parse(&rate).map_err(|e| CliError::Input(e.to_string()))?,
            };
            ctx.store.set_rates(&[rate])?;
            writeln!(
                out,
                "rate of {} from {}: {} {base}",
                rate.currency, rate.date, rate.rate
            )?;
        }
        RateCommand::List { currency } => {
            let currency = currency.as_deref().map(currency_of).transpose()?;
            let rates = ctx.store.rates(base, currency)?;
            if rates.is_empty() {
                writeln!(out, "no rates for {base}; set one with `spend rate set`")?;
            }
            for rate in rates {
                writeln!(
                    out,
                    "{}  {}  {} {base}",
                    rate.date, rate.currency, rate.rate
                )?;
            }
        }
        RateCommand::Import { file } => {
            let rates = read_rates(&file, base)?;
            let stored = ctx.store.set_rates(&rates).map_err(|error| match error {
                // The store counts rows from 0; the file's first row is on line 2.
                StoreError::ImportRow { index, source } => {
                    CliError::Input(format!("{}: line {}: {source}", file.display(), index + 2))
                }
                other => other.into(),
            })?;
            writeln!(out, "imported {}", counted(stored, "rate", "rates"))?;
        }
    }
    Ok(())
}

fn currency_of(code: &str) -> Result<Currency, CliError> {
    Currency::parse(code).map_err(|e| CliError::Input(e.to_string()))
}

/// Every rate of the file, or the first line that is wrong, by its number.
fn read_rates(path: &Path, base: Currency) -> Result<Vec<ExchangeRate>, CliError> {
    let cannot_read =
        |e: &dyn std::fmt::Display| CliError::Input(format!("cannot read {}: {e}", path.display()));
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| cannot_read(&e))?;
    let headers = reader.headers().map_err(|e| cannot_read(&e))?.clone();
    let expected = ["date", "currency", "rate"];
    if headers.iter().map(str::to_ascii_lowercase).ne(expected) {
        return Err(CliError::Input(format!(
            "{}: line 1: the header is {}; a rates file starts with `date,currency,rate`",
            path.display(),
            quoted(&headers.iter().collect::<Vec<_>>().join(","))
        )));
    }
    let mut rates = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| cannot_read(&e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let at_line = |message: String| {
            CliError::Input(format!("{}: line {line}: {message}", path.display()))
        };
        let cell = |index: usize| record.get(index).unwrap_or("");
        let date = chrono::NaiveDate::parse_from_str(cell(0), "%Y-%m-%d")
            .map_err(|_| at_line(format!("date {} is not YYYY-MM-DD", quoted(cell(0)))))?;
        let currency = Currency::parse(cell(1)).map_err(|e| at_line(e.to_string()))?;
        let rate = Rate::parse(cell(2)).map_err(|e| at_line(e.to_string()))?;
        rates.push(ExchangeRate {
            base,
            currency,
            date,
            rate,
        });
    }
    Ok(rates)
}
