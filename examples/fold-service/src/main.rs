//! `fold-service --listen 127.0.0.1:0 --rate-limit 100`: serves the example
//! API and prints `listening on http://ADDR` as its first line of output;
//! logs server errors, with their causes, on stderr.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use clap::Parser;
use fold_service::{App, DEFAULT_RATE_LIMIT, router};

#[derive(Parser)]
#[command(about = "Example service of the Fold platform, with errors from the fold catalog")]
struct Args {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, env = "FOLD_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Requests per minute each organization may send.
    #[arg(long, env = "FOLD_RATE_LIMIT", default_value_t = DEFAULT_RATE_LIMIT)]
    rate_limit: u64,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    // ANCHOR: logging
    // Server errors are logged with their causes (errcat's `tracing`
    // feature); client errors are `DEBUG`, below this level.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(tracing_subscriber::filter::LevelFilter::INFO)
        .init();
    // ANCHOR_END: logging
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{}", listener.local_addr()?)?;
    // Tests and scripts read the port from this line: do not let it sit in
    // a buffer.
    stdout.flush()?;
    axum::serve(listener, router(Arc::new(App::new(args.rate_limit)))).await
}
