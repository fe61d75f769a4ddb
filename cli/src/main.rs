//! The `errcat` command; everything it does is in the library, which
//! `cargo xtask` in errcat's repository runs too.

use std::process::ExitCode;

fn main() -> ExitCode {
    errcat_cli::run(
        &errcat_cli::Shell { program: "errcat" },
        std::env::args_os(),
    )
}
