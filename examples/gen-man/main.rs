//! Writes the man page to `assets/spend.1`: `cargo run --example gen-man`. A test fails when
//! the checked-in page differs from what the code makes.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/spend.1");
    std::fs::write(&path, smart_spending_tracker::cli::man_page())?;
    println!("wrote {}", path.display());
    Ok(())
}
