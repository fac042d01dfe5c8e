//! `spend status` at a million expenses: what a prompt pays on every redraw, against
//! `spend report` and a bare `SELECT count(*) FROM expenses` on the same database in the
//! same run. Each iteration opens the database as a new process would, then reads.

#[allow(dead_code)] // not every helper is used by every benchmark
mod common {
    pub mod data;
}

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use smart_spending_tracker::cli::{Command, Context, ReportArgs, StatusArgs, run_command};
use smart_spending_tracker::domain::{Currency, DateStyle, Grouping};

use common::data::{dataset, generate, label};

/// The sizes measured: `SPEND_BENCH_SIZES`, else one million.
fn sizes() -> Vec<usize> {
    std::env::var("SPEND_BENCH_SIZES")
        .ok()
        .map(|text| {
            text.split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect()
        })
        .filter(|sizes: &Vec<usize>| !sizes.is_empty())
        .unwrap_or_else(|| vec![1_000_000])
}

/// Runs one command on a freshly opened store, as `spend` does, into a buffer.
fn run(data: &common::data::Generated, command: Command) -> Vec<u8> {
    let mut store = data.open();
    let mut ctx = Context {
        store: &mut store,
        user: Some(dataset::USERS[0].1),
        today: NaiveDate::from_ymd_opt(2025, 12, 20).expect("date"),
        grouping: Grouping::International,
        decimal: None,
        date_style: DateStyle::Iso,
        new_user_currency: Currency::INR,
        new_user_warn_percent: 80,
    };
    let mut out = Vec::new();
    run_command(&mut ctx, command, &mut out).expect("the command runs");
    out
}

fn status(c: &mut Criterion) {
    for count in sizes() {
        let data = generate(count);
        let mut group = c.benchmark_group(format!("status_{}", label(count)));
        group
            .sample_size(100)
            .measurement_time(Duration::from_secs(5));
        group.bench_function("open_and_status", |b| {
            b.iter(|| {
                black_box(run(
                    &data,
                    Command::Status(StatusArgs {
                        month: None,
                        json: false,
                        format: None,
                    }),
                ))
            });
        });
        group.bench_function("open_and_report", |b| {
            b.iter(|| {
                black_box(run(
                    &data,
                    Command::Report(ReportArgs {
                        month: None,
                        from: None,
                        to: None,
                        json: false,
                    }),
                ))
            });
        });
        group.bench_function("open_and_count_all", |b| {
            b.iter(|| {
                let store = data.open();
                let count: i64 = store
                    .connection()
                    .query_row("SELECT count(*) FROM expenses", [], |row| row.get(0))
                    .expect("count");
                black_box(count)
            });
        });
        group.finish();
    }
}

criterion_group!(benches, status);
criterion_main!(benches);
