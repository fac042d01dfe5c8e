//! The event loop: terminal set-up and restore, events in, actions to the app, frames out.

use std::io::stdout;
use std::time::{Duration, Instant};

use crate::app::{Action, App};
use crate::keys::KeyMap;
use crate::ui::{self, ScreenLayout, Theme};
use color_eyre::eyre::Result;
use ratatui::DefaultTerminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

/// How often the app looks for changes made by other processes.
const TICK: Duration = Duration::from_millis(250);

/// Fault injection, read in debug builds only: a function key such as `F12` that makes the
/// app panic, so tests can prove a panic restores the terminal and loses no data.
pub const PANIC_KEY_VAR: &str = "SPEND_PANIC_ON_KEY";

/// Runs the app until it quits, restoring the terminal on every way out, panics included;
/// drawn in `theme`, with `keys` read through the key table and its extra bindings.
pub fn run(app: &mut App, theme: Theme, keys: &KeyMap) -> Result<()> {
    let mut terminal = ratatui::init();
    install_mouse_restore_hook();
    // Mouse and paste are niceties: a terminal that refuses them still gets the app.
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = event_loop(&mut terminal, app, theme, keys);
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Wraps the panic hook ratatui installed so a panic also turns the mouse reporting off and
/// shows the cursor again.
fn install_mouse_restore_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste, Show);
        previous(info);
    }));
}

/// Panics on the key named by [`PANIC_KEY_VAR`], in debug builds only.
fn inject_panic(event: &Event) {
    if cfg!(debug_assertions)
        && let Event::Key(key) = event
        && let KeyCode::F(number) = key.code
        && std::env::var(PANIC_KEY_VAR).is_ok_and(|name| name == format!("F{number}"))
    {
        panic!("fault injection: {PANIC_KEY_VAR} asked for a panic on F{number}");
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    theme: Theme,
    keys: &KeyMap,
) -> Result<()> {
    let mut dirty = true;
    let mut layout = ScreenLayout::default();
    let mut next_tick = Instant::now() + TICK;
    while !app.view().should_quit {
        if dirty {
            terminal.draw(|frame| layout = ui::draw(frame, app.view(), theme))?;
            let before = app.revision();
            // Page keys and scrolling follow what the frame could show.
            app.update(Action::Layout {
                list_rows: layout.list_rows(),
            });
            dirty = app.revision() != before;
            continue;
        }
        let timeout = next_tick.saturating_duration_since(Instant::now());
        if event::poll(timeout)? {
            let event = event::read()?;
            inject_panic(&event);
            if let Some(action) = action_for(app, &event, &layout, keys) {
                if action == Action::Redraw {
                    redraw_all(terminal)?;
                }
                app.update(action);
                dirty = true;
            }
            if matches!(event, Event::Resize(..)) {
                dirty = true;
            }
        } else {
            next_tick = Instant::now() + TICK;
            let before = app.revision();
            app.update(Action::Tick);
            dirty = app.revision() != before;
        }
    }
    Ok(())
}

/// Clears the terminal and forgets what the last frame drew, so the next frame writes every
/// cell. `Terminal::clear` would first ask the terminal where its cursor is, which a
/// fullscreen app has no use for and a slow or silent terminal can stall on.
fn redraw_all(terminal: &mut DefaultTerminal) -> Result<()> {
    terminal.backend_mut().clear_region(ClearType::All)?;
    terminal.swap_buffers();
    Ok(())
}

/// The action an event asks for; a click is looked up in the layout of the last frame.
fn action_for(app: &App, event: &Event, layout: &ScreenLayout, keys: &KeyMap) -> Option<Action> {
    if let Event::Mouse(mouse) = event
        && mouse.kind == MouseEventKind::Down(MouseButton::Left)
    {
        let (column, row) = (mouse.column, mouse.row);
        let in_list = layout.list.as_ref().and_then(|hits| hits.at(column, row));
        let in_alerts = layout.alerts.as_ref().and_then(|hits| hits.at(column, row));
        return in_list
            .map(Action::SelectRow)
            .or_else(|| in_alerts.map(Action::SelectAlert));
    }
    keys.action_for_event(app.view().mode(), event)
}
