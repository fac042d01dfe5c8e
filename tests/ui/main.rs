//! The terminal app as a user meets it: actions on the state, rendered screens, and the real
//! binary in a pseudo-terminal.

mod app_flow;
mod defects;
mod e2e_pty;
mod fx_form;
mod money_input;
mod preferences;
#[path = "../common/pty_app.rs"]
mod pty_app;
mod recurring;
mod snapshots;
mod support;
