//! Who is asking: every `/api` request carries `Authorization: Bearer TOKEN`. A user's token
//! reaches only that user's data; another user's id is answered as if it did not exist. An
//! admin token acts for every user. Without authentication (`--no-auth`, loopback only),
//! every request acts as an admin.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::domain::{TokenId, UserId};
use crate::store::{Store, StoreError, StoredToken};

use super::AppState;
use super::error::ApiError;
use super::ledger::Ledger;
use super::token;

/// How stale the server's copy of the tokens may get: a token revoked elsewhere stops
/// working within this time.
const TOKENS_FRESH_FOR: Duration = Duration::from_secs(1);

/// How soon an unknown token number may send the server to the ledger again: a token made
/// a moment ago works within this time, and made-up numbers cannot keep the ledger busy.
const UNKNOWN_RELOAD_GAP: Duration = Duration::from_millis(100);

/// Whom a request acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// Any user: an admin token, or a server without authentication.
    Admin {
        /// The token's own user; `None` without authentication.
        user: Option<UserId>,
    },
    /// One user only.
    User(UserId),
}

impl Caller {
    /// The user a request names, or the caller's own when it names none. Another user's id
    /// from a user token is answered exactly as an unknown user is.
    pub fn acting_for(self, named: Option<i64>) -> Result<Option<UserId>, ApiError> {
        match (self, named) {
            (Caller::User(own), Some(id)) if own.0 != id => Err(no_user(id)),
            (Caller::User(own), _) => Ok(Some(own)),
            (Caller::Admin { .. }, Some(id)) => Ok(Some(UserId(id))),
            (Caller::Admin { user }, None) => Ok(user),
        }
    }

    /// Whether this caller may see and change every user.
    pub fn is_admin(self) -> bool {
        matches!(self, Caller::Admin { .. })
    }
}

/// The 404 of a user that is not the caller's: the very answer a user that does not exist
/// gets, so the two cannot be told apart.
fn no_user(id: i64) -> ApiError {
    ApiError::from(StoreError::NoSuchUser(UserId(id)))
}

/// The server's copy of the stored tokens.
pub struct Tokens {
    cache: RwLock<TokenCache>,
}

struct TokenCache {
    by_id: HashMap<TokenId, StoredToken>,
    loaded: Option<Instant>,
}

impl Tokens {
    pub fn new() -> Tokens {
        Tokens {
            cache: RwLock::new(TokenCache {
                by_id: HashMap::new(),
                loaded: None,
            }),
        }
    }

    /// The caller a bearer token stands for.
    async fn caller(&self, ledger: &Arc<Ledger>, bearer: &str) -> Result<Caller, ApiError> {
        let presented = token::parse(bearer).ok_or_else(bad_token)?;
        let stored = match self.lookup(presented.id, false) {
            Lookup::Found(stored) => Some(stored),
            Lookup::Missing => {
                // Just loaded without it: a token made a moment ago may be on its way.
                tokio::time::sleep(UNKNOWN_RELOAD_GAP).await;
                self.reload_if_older_than(ledger, UNKNOWN_RELOAD_GAP)
                    .await?;
                self.lookup(presented.id, true).found()
            }
            Lookup::Stale => {
                self.reload(ledger).await?;
                self.lookup(presented.id, true).found()
            }
        };
        let stored = stored
            .filter(|stored| token::matches(presented.secret, &stored.secret_hash))
            .ok_or_else(bad_token)?;
        Ok(if stored.admin {
            Caller::Admin {
                user: Some(stored.user_id),
            }
        } else {
            Caller::User(stored.user_id)
        })
    }

    fn lookup(&self, id: TokenId, just_loaded: bool) -> Lookup {
        let Ok(cache) = self.cache.read() else {
            return Lookup::Stale;
        };
        let age = cache.loaded.map(|loaded| loaded.elapsed());
        let fresh = just_loaded || age.is_some_and(|age| age < TOKENS_FRESH_FOR);
        match cache.by_id.get(&id) {
            Some(stored) if fresh => Lookup::Found(stored.clone()),
            None if just_loaded || age.is_some_and(|age| age < UNKNOWN_RELOAD_GAP) => {
                Lookup::Missing
            }
            _ => Lookup::Stale,
        }
    }

    async fn reload_if_older_than(
        &self,
        ledger: &Arc<Ledger>,
        age: Duration,
    ) -> Result<(), ApiError> {
        let fresh = self
            .cache
            .read()
            .ok()
            .and_then(|cache| cache.loaded)
            .is_some_and(|loaded| loaded.elapsed() < age);
        if fresh {
            Ok(())
        } else {
            self.reload(ledger).await
        }
    }

    async fn reload(&self, ledger: &Arc<Ledger>) -> Result<(), ApiError> {
        let tokens = ledger.read(Store::tokens).await?;
        if let Ok(mut cache) = self.cache.write() {
            cache.by_id = tokens.into_iter().map(|t| (t.id, t)).collect();
            cache.loaded = Some(Instant::now());
        }
        Ok(())
    }
}

enum Lookup {
    Found(StoredToken),
    /// Not there a moment ago.
    Missing,
    /// Not looked for lately.
    Stale,
}

impl Lookup {
    fn found(self) -> Option<StoredToken> {
        match self {
            Lookup::Found(stored) => Some(stored),
            Lookup::Missing | Lookup::Stale => None,
        }
    }
}

fn bad_token() -> ApiError {
    ApiError::unauthorized("the bearer token is not valid; make one with `spend token create`")
}

/// Finds the caller of every `/api` request and hands it to the handler.
pub async fn authenticate(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let authorization = request.headers().get(header::AUTHORIZATION).cloned();
    match caller_of(&state, authorization.as_ref()).await {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => error.into_response(),
    }
}

/// Who sends a request, from its bearer token (or anyone, under `--no-auth`).
async fn caller_of(
    state: &AppState,
    authorization: Option<&HeaderValue>,
) -> Result<Caller, ApiError> {
    Ok(if state.require_tokens {
        let header = authorization.ok_or_else(|| {
            ApiError::unauthorized(
                "send Authorization: Bearer TOKEN; make a token with `spend token create`",
            )
        })?;
        let bearer = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::unauthorized("the Authorization header must be `Bearer TOKEN`")
            })?;
        state.tokens.caller(&state.ledger, bearer).await?
    } else {
        Caller::Admin { user: None }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_token_sees_another_user_as_missing() {
        let caller = Caller::User(UserId(1));
        assert_eq!(caller.acting_for(None), Ok(Some(UserId(1))));
        assert_eq!(caller.acting_for(Some(1)), Ok(Some(UserId(1))));
        assert_eq!(caller.acting_for(Some(2)), Err(no_user(2)));
        assert_eq!(caller.acting_for(Some(999)), Err(no_user(999)));
        let admin = Caller::Admin {
            user: Some(UserId(1)),
        };
        assert_eq!(admin.acting_for(Some(2)), Ok(Some(UserId(2))));
        assert_eq!(admin.acting_for(None), Ok(Some(UserId(1))));
    }
}
