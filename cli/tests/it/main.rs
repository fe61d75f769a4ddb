//! errcat-cli's integration tests, as one binary (one link instead of
//! one per file): the `errcat` binary driven as a user drives it. Each
//! module is what was a test file.

mod support;

mod atomicity;
mod config_cli;
mod determinism;
mod docs_explain;
mod docs_site;
mod drift_check;
mod first_hour;
mod init;
mod load_cli;
mod lock_cli;
mod output_formats;
mod outputs_owned;
mod packaging;
