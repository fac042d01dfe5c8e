//! When a recurring expense falls due: pure date arithmetic over a schedule, so the store
//! only remembers the next date and the budget pace can count what is still to come.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate};
use thiserror::Error;

use super::Month;

/// How often a recurring expense repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    Day,
    Week,
    Month,
    Year,
}

impl Frequency {
    /// The word the command line and the database use: `day`, `week`, `month`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Day => "day",
            Frequency::Week => "week",
            Frequency::Month => "month",
            Frequency::Year => "year",
        }
    }

    /// Reads the word `as_str` writes, in any case.
    pub fn parse(text: &str) -> Result<Frequency, ScheduleError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "day" => Ok(Frequency::Day),
            "week" => Ok(Frequency::Week),
            "month" => Ok(Frequency::Month),
            "year" => Ok(Frequency::Year),
            _ => Err(ScheduleError::Frequency(text.to_string())),
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a schedule cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleError {
    #[error("repeat {0:?} is not one of day, week, month, year")]
    Frequency(String),
    #[error("a daily expense takes no day; leave the day out")]
    DayOfDaily,
    #[error("day {0} is not a weekday; for a weekly expense give 1 (Monday) to 7 (Sunday)")]
    Weekday(u32),
    #[error(
        "day {0} is not a day of the month; give 1 to 31 (a day a month lacks falls on its last day)"
    )]
    DayOfMonth(u32),
    #[error("until {until} is before from {from}; nothing would ever be due")]
    UntilBeforeFrom { from: NaiveDate, until: NaiveDate },
}

/// When a recurring expense falls due: every day, week, month or year from `from`, up to
/// and including `until`.
///
/// `day` is, for a weekly schedule, the weekday (1 Monday to 7 Sunday; without it, the
/// weekday of `from`); for a monthly or yearly one, the day of the month (without it, the
/// day of `from`), falling on the month's last day in a month without that day: the 31st is
/// the 28th or 29th in February and the 30th in April. A yearly schedule repeats in the
/// month of `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    every: Frequency,
    day: Option<u32>,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl Schedule {
    /// A schedule, if `day` means something for `every` and `until` is not before `from`.
    pub fn new(
        every: Frequency,
        day: Option<u32>,
        from: NaiveDate,
        until: Option<NaiveDate>,
    ) -> Result<Schedule, ScheduleError> {
        match (every, day) {
            (Frequency::Day, Some(_)) => return Err(ScheduleError::DayOfDaily),
            (Frequency::Week, Some(d)) if !(1..=7).contains(&d) => {
                return Err(ScheduleError::Weekday(d));
            }
            (Frequency::Month | Frequency::Year, Some(d)) if !(1..=31).contains(&d) => {
                return Err(ScheduleError::DayOfMonth(d));
            }
            _ => {}
        }
        if let Some(until) = until
            && until < from
        {
            return Err(ScheduleError::UntilBeforeFrom { from, until });
        }
        Ok(Schedule {
            every,
            day,
            from,
            until,
        })
    }

    pub fn every(&self) -> Frequency {
        self.every
    }

    /// The `--day` given, if any.
    pub fn day(&self) -> Option<u32> {
        self.day
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// The first date the expense falls due on or after `date`, if any is left.
    pub fn first_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let date = date.max(self.from);
        let due = match self.every {
            Frequency::Day => Some(date),
            Frequency::Week => self.weekly_on_or_after(date),
            Frequency::Month => self.monthly_on_or_after(date, 1),
            Frequency::Year => self.monthly_on_or_after(date, 12),
        }?;
        match self.until {
            // A ledger keeps years 1 to 9999 only.
            _ if due.year() > 9999 => None,
            Some(until) if due > until => None,
            _ => Some(due),
        }
    }

    /// The first date the expense falls due after `date`, if any is left.
    pub fn first_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.first_on_or_after(date.checked_add_days(Days::new(1))?)
    }

    /// Every due date from `first` to `last`, both included, in order.
    pub fn between(&self, first: NaiveDate, last: NaiveDate) -> Occurrences<'_> {
        Occurrences {
            schedule: self,
            next: self.first_on_or_after(first),
            last,
        }
    }

    /// How it repeats, in words: `every month on day 31`, `every week on Monday`, `every
    /// year on Feb 29`, `every day`, and `until DATE` after it when it ends.
    pub fn describe(&self) -> String {
        let every = match self.every {
            Frequency::Day => "every day".to_string(),
            Frequency::Week => {
                let weekday = match self.day {
                    Some(n) => (1..n).fold(chrono::Weekday::Mon, |day, _| day.succ()),
                    None => self.from.weekday(),
                };
                format!("every week on {}", weekday_name(weekday))
            }
            Frequency::Month => format!(
                "every month on day {}",
                self.day.unwrap_or_else(|| self.from.day())
            ),
            Frequency::Year => format!(
                "every year on {} {}",
                self.from.format("%b"),
                self.day.unwrap_or_else(|| self.from.day())
            ),
        };
        match self.until {
            Some(until) => format!("{every} until {until}"),
            None => every,
        }
    }

    fn weekly_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let anchor = match self.day {
            Some(weekday) => {
                let from = self.from.weekday().number_from_monday();
                let ahead = (weekday + 7 - from) % 7;
                self.from.checked_add_days(Days::new(u64::from(ahead)))?
            }
            None => self.from,
        };
        let behind = (date - anchor).num_days();
        if behind <= 0 {
            return Some(anchor);
        }
        let weeks = u64::try_from((behind + 6) / 7).ok()?;
        anchor.checked_add_days(Days::new(weeks * 7))
    }

    /// The monthly (`step` 1) or yearly (`step` 12) due date on or after `date`.
    fn monthly_on_or_after(&self, date: NaiveDate, step: i64) -> Option<NaiveDate> {
        let start = Month::of(self.from).index();
        let periods = (Month::of(date).index() - start).div_euclid(step);
        let due = self.due_in_period(start, step, periods)?;
        if due >= date {
            Some(due)
        } else {
            self.due_in_period(start, step, periods + 1)
        }
    }

    /// The due date in the `period`th month (or year) counted from the month of `from`.
    fn due_in_period(&self, start: i64, step: i64, period: i64) -> Option<NaiveDate> {
        let index = start + step * period;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let number = u32::try_from(index.rem_euclid(12) + 1).ok()?;
        let month = Month::new(year, number)?;
        let day = self
            .day
            .unwrap_or_else(|| self.from.day())
            .min(month.days());
        NaiveDate::from_ymd_opt(year, number, day)
    }
}

fn weekday_name(weekday: chrono::Weekday) -> &'static str {
    match weekday {
        chrono::Weekday::Mon => "Monday",
        chrono::Weekday::Tue => "Tuesday",
        chrono::Weekday::Wed => "Wednesday",
        chrono::Weekday::Thu => "Thursday",
        chrono::Weekday::Fri => "Friday",
        chrono::Weekday::Sat => "Saturday",
        chrono::Weekday::Sun => "Sunday",
    }
}

/// The due dates of a schedule within a span, from [`Schedule::between`].
#[derive(Debug, Clone)]
pub struct Occurrences<'a> {
    schedule: &'a Schedule,
    next: Option<NaiveDate>,
    last: NaiveDate,
}

impl Iterator for Occurrences<'_> {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        let due = self.next.filter(|due| *due <= self.last)?;
        self.next = self.schedule.first_after(due);
        Some(due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    fn dates(schedule: &Schedule, first: &str, last: &str) -> Vec<String> {
        schedule
            .between(date(first), date(last))
            .map(|d| d.to_string())
            .collect()
    }

    fn schedule(every: Frequency, day: Option<u32>, from: &str, until: Option<&str>) -> Schedule {
        Schedule::new(every, day, date(from), until.map(date)).expect("schedule")
    }

    #[test]
    fn the_31st_falls_on_the_last_day_of_shorter_months() {
        let rent = schedule(Frequency::Month, Some(31), "2025-01-01", None);
        assert_eq!(
            dates(&rent, "2025-01-01", "2025-05-31"),
            [
                "2025-01-31",
                "2025-02-28",
                "2025-03-31",
                "2025-04-30",
                "2025-05-31"
            ]
        );
        // A leap February has its 29th; the day comes back to the 31st after it.
        let leap_rent = schedule(Frequency::Month, Some(31), "2024-01-01", None);
        assert_eq!(
            dates(&leap_rent, "2024-01-01", "2024-03-31"),
            ["2024-01-31", "2024-02-29", "2024-03-31"]
        );
    }

    #[test]
    fn without_day_a_month_repeats_on_the_day_of_from_and_never_drifts() {
        let gym = schedule(Frequency::Month, None, "2025-01-30", None);
        assert_eq!(
            dates(&gym, "2025-01-01", "2025-04-30"),
            ["2025-01-30", "2025-02-28", "2025-03-30", "2025-04-30"]
        );
    }

    #[test]
    fn a_day_before_from_in_its_month_starts_the_next_month() {
        let bill = schedule(Frequency::Month, Some(5), "2025-03-20", None);
        assert_eq!(
            dates(&bill, "2025-01-01", "2025-05-31"),
            ["2025-04-05", "2025-05-05"]
        );
    }

    #[test]
    fn until_is_the_last_day_that_can_be_due() {
        let bill = schedule(Frequency::Month, Some(10), "2025-01-01", Some("2025-03-10"));
        assert_eq!(
            dates(&bill, "2025-01-01", "2026-01-01"),
            ["2025-01-10", "2025-02-10", "2025-03-10"]
        );
        assert_eq!(bill.first_after(date("2025-03-10")), None);
        let daily = schedule(Frequency::Day, None, "2025-01-01", Some("2025-01-03"));
        assert_eq!(
            dates(&daily, "2024-12-01", "2025-02-01"),
            ["2025-01-01", "2025-01-02", "2025-01-03"]
        );
    }

    #[test]
    fn weekly_falls_on_the_weekday_given_or_that_of_from() {
        // 2025-06-04 is a Wednesday; 1 is Monday.
        let monday = schedule(Frequency::Week, Some(1), "2025-06-04", None);
        assert_eq!(
            dates(&monday, "2025-06-01", "2025-06-23"),
            ["2025-06-09", "2025-06-16", "2025-06-23"]
        );
        let same_day = schedule(Frequency::Week, None, "2025-06-04", None);
        assert_eq!(
            dates(&same_day, "2025-06-05", "2025-06-25"),
            ["2025-06-11", "2025-06-18", "2025-06-25"]
        );
        let wednesday = schedule(Frequency::Week, Some(3), "2025-06-04", None);
        assert_eq!(
            dates(&wednesday, "2025-06-04", "2025-06-11"),
            ["2025-06-04", "2025-06-11"]
        );
    }

    #[test]
    fn yearly_from_february_29th_falls_on_the_28th_in_common_years() {
        let leap = schedule(Frequency::Year, None, "2024-02-29", None);
        assert_eq!(
            dates(&leap, "2024-01-01", "2028-12-31"),
            [
                "2024-02-29",
                "2025-02-28",
                "2026-02-28",
                "2027-02-28",
                "2028-02-29"
            ]
        );
        let insurance = schedule(Frequency::Year, Some(15), "2025-07-20", None);
        assert_eq!(
            dates(&insurance, "2025-01-01", "2027-12-31"),
            ["2026-07-15", "2027-07-15"]
        );
    }

    #[test]
    fn a_schedule_says_how_it_repeats() {
        let said = |every, day, from, until| schedule(every, day, from, until).describe();
        assert_eq!(said(Frequency::Day, None, "2025-06-04", None), "every day");
        assert_eq!(
            said(Frequency::Week, None, "2025-06-04", None),
            "every week on Wednesday"
        );
        assert_eq!(
            said(Frequency::Week, Some(7), "2025-06-04", None),
            "every week on Sunday"
        );
        assert_eq!(
            said(Frequency::Month, Some(31), "2025-06-04", Some("2025-12-31")),
            "every month on day 31 until 2025-12-31"
        );
        assert_eq!(
            said(Frequency::Year, None, "2024-02-29", None),
            "every year on Feb 29"
        );
    }

    #[test]
    fn nonsense_is_refused_with_what_to_give_instead() {
        let from = date("2025-01-01");
        assert_eq!(
            Schedule::new(Frequency::Day, Some(3), from, None),
            Err(ScheduleError::DayOfDaily)
        );
        assert_eq!(
            Schedule::new(Frequency::Week, Some(8), from, None),
            Err(ScheduleError::Weekday(8))
        );
        assert_eq!(
            Schedule::new(Frequency::Month, Some(0), from, None),
            Err(ScheduleError::DayOfMonth(0))
        );
        assert_eq!(
            Schedule::new(Frequency::Year, Some(32), from, None),
            Err(ScheduleError::DayOfMonth(32))
        );
        assert!(Schedule::new(Frequency::Month, None, from, Some(date("2024-12-31"))).is_err());
        assert_eq!(
            Frequency::parse("fortnight"),
            Err(ScheduleError::Frequency("fortnight".into()))
        );
        assert_eq!(Frequency::parse("Month"), Ok(Frequency::Month));
    }

    #[test]
    fn dates_near_the_end_of_the_calendar_end_the_schedule_instead_of_failing() {
        let late = schedule(Frequency::Year, None, "9999-06-01", None);
        assert_eq!(late.first_after(date("9999-06-01")), None);
        let daily = schedule(Frequency::Day, None, "9999-12-31", None);
        assert_eq!(daily.first_after(date("9999-12-31")), None);
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn any_schedule() -> impl Strategy<Value = Schedule> {
            let every = prop_oneof![
                Just(Frequency::Day),
                Just(Frequency::Week),
                Just(Frequency::Month),
                Just(Frequency::Year),
            ];
            (
                every,
                0u32..=31,
                0i64..3000,
                proptest::option::of(0i64..3000),
            )
                .prop_filter_map("a valid schedule", |(every, day, from, until)| {
                    let base = NaiveDate::from_ymd_opt(2020, 1, 1)?;
                    let from = base.checked_add_days(Days::new(u64::try_from(from).ok()?))?;
                    let until = until
                        .and_then(|u| base.checked_add_days(Days::new(u64::try_from(u).ok()?)));
                    let day = match every {
                        Frequency::Day => None,
                        Frequency::Week => (day > 0).then_some(day % 7 + 1),
                        _ => (day > 0).then_some(day),
                    };
                    Schedule::new(every, day, from, until).ok()
                })
        }

        proptest! {
            #[test]
            fn due_dates_are_increasing_within_bounds_and_spaced_by_the_frequency(
                schedule in any_schedule(),
                span in 0u64..1500,
            ) {
                let first = schedule.from();
                let last = first + Days::new(span);
                let due: Vec<NaiveDate> = schedule.between(first, last).collect();
                for pair in due.windows(2) {
                    prop_assert!(pair[0] < pair[1]);
                    let gap = (pair[1] - pair[0]).num_days();
                    let allowed = match schedule.every() {
                        Frequency::Day => 1..=1,
                        Frequency::Week => 7..=7,
                        Frequency::Month => 28..=31,
                        Frequency::Year => 365..=366,
                    };
                    prop_assert!(allowed.contains(&gap), "gap {gap} in {schedule:?}");
                    prop_assert_eq!(Month::of(pair[1]).index() - Month::of(pair[0]).index(),
                        match schedule.every() {
                            Frequency::Month => 1,
                            Frequency::Year => 12,
                            _ => Month::of(pair[1]).index() - Month::of(pair[0]).index(),
                        });
                }
                for d in &due {
                    prop_assert!(*d >= schedule.from() && *d <= last);
                    prop_assert!(schedule.until().is_none_or(|u| *d <= u));
                    match (schedule.every(), schedule.day()) {
                        (Frequency::Week, Some(w)) => {
                            prop_assert_eq!(d.weekday().number_from_monday(), w);
                        }
                        (Frequency::Month | Frequency::Year, Some(n)) => {
                            let days = Month::of(*d).days();
                            prop_assert_eq!(d.day(), n.min(days));
                        }
                        _ => {}
                    }
                }
            }

            #[test]
            fn catching_up_in_pieces_posts_what_catching_up_at_once_does(
                schedule in any_schedule(),
                cuts in proptest::collection::vec(0u64..1500, 0..6),
            ) {
                // What a ledger opened on scattered days posts, each time from the date it
                // remembered, is every due date exactly once.
                let end = schedule.from() + Days::new(1500);
                let at_once: Vec<NaiveDate> = schedule.between(schedule.from(), end).collect();
                let mut days: Vec<NaiveDate> =
                    cuts.iter().map(|c| schedule.from() + Days::new(*c)).collect();
                days.sort();
                days.push(end);
                let mut next = schedule.first_on_or_after(schedule.from());
                let mut pieces = Vec::new();
                for today in days {
                    while let Some(due) = next.filter(|due| *due <= today) {
                        pieces.push(due);
                        next = schedule.first_after(due);
                    }
                }
                prop_assert_eq!(pieces, at_once);
            }
        }
    }
}
