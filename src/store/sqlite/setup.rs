//! What a new database starts with, and the reference design's sample data, by the shared
//! rules.

use crate::store::rules;

use super::{NewUserDefaults, SampleSummary, SqliteStore, StoreResult};

impl SqliteStore {
    /// Gives a database its five starting categories and one user, once.
    pub(super) fn ensure_defaults(&mut self, defaults: &NewUserDefaults) -> StoreResult<()> {
        // A read first, so opening a ledger set up long ago takes no write lock.
        let tx = self.conn.unchecked_transaction()?;
        let done = rules::initialized(&tx)?;
        drop(tx);
        if done {
            return Ok(());
        }
        self.write(|tx| rules::ensure_defaults(tx, defaults))
    }

    /// Loads the reference design's sample (two users, May 2025 budgets, five expenses)
    /// through the normal insert path. Refused on a database that already has expenses.
    pub fn load_sample(&mut self) -> StoreResult<SampleSummary> {
        self.write(|tx| rules::load_sample(tx))
    }
}
#[cfg(test)]
mod tests {
    use super::NewUserDefaults;
    use crate::domain::Currency;

    #[test]
    fn a_login_names_the_starting_user() {
        let inr = Currency::INR;
        let aman = NewUserDefaults::for_login("aman", Some("Aman Kumar"), inr).expect("a login");
        assert_eq!(
            (aman.name.as_str(), aman.email.as_str()),
            ("Aman Kumar", "aman@localhost")
        );
        let plain = NewUserDefaults::for_login(" aman ", Some("  "), inr).expect("a login");
        assert_eq!(plain.name, "aman", "an empty real name is no name");
        assert_eq!(
            NewUserDefaults::for_login("aman", None, inr).map(|d| d.name),
            Some("aman".into())
        );
        assert_eq!(NewUserDefaults::for_login("", Some("Nobody"), inr), None);
        assert_eq!(NewUserDefaults::for_login("two words", None, inr), None);
    }
}
