//! A new user's first hour, as a test, outside this workspace and built from
//! the `.crate` files a registry would receive (`cargo package`, which
//! `cargo xtask test` runs first): install the CLI, `errcat init` in a
//! Cargo workspace, add three codes, `errcat gen`, build an axum service
//! that returns them with the derive and `?`, and check status, headers and
//! body over real HTTP; type-check a TypeScript client that switches on
//! them; then edit the catalog, see the drift check fail with its fix, run
//! the fix and see it pass. Only `[patch.crates-io]` (the crates are not on
//! crates.io yet) says where the packages are.

use crate::support;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Instant;

const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The published crates and their folders here.
const PUBLISHED: [(&str, &str); 4] = [
    ("errcat-macros", "macros"),
    ("errcat", "runtime"),
    ("errcat-codegen", "codegen"),
    ("errcat-cli", "cli"),
];

/// `<target>/package`, where `cargo package` leaves the `.crate` files.
fn package_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the tmp folder is inside the target folder")
        .join("package")
}

/// Unpacks every published crate into `into`, returning each one's folder;
/// `None` to skip when they were not packaged (`cargo xtask test` does).
/// Packages older than the sources would test the wrong code, so they fail.
fn unpack(into: &Path) -> Option<Vec<(&'static str, PathBuf)>> {
    let mut unpacked = Vec::new();
    for (name, folder) in PUBLISHED {
        let file = package_dir().join(format!("{name}-{VERSION}.crate"));
        if !file.is_file() {
            support::tool(&file.to_string_lossy())?;
        }
        let status = Command::new("tar")
            .arg("-xzf")
            .arg(&file)
            .arg("-C")
            .arg(into)
            .status()
            .expect("tar runs");
        assert!(status.success(), "could not unpack {}", file.display());
        let dir = into.join(format!("{name}-{VERSION}"));
        let sources = support::tree(&support::repo_root().join(folder).join("src"));
        assert!(
            support::tree(&dir.join("src")) == sources,
            "`{}` is older than `{folder}/src`: run `cargo xtask test`, or `cargo package --allow-dirty` for the four crates, first",
            file.display()
        );
        unpacked.push((name, dir));
    }
    Some(unpacked)
}

/// `[patch.crates-io]` entries for the unpacked crates.
fn patches(crates: &[(&str, PathBuf)]) -> String {
    crates
        .iter()
        .map(|(name, dir)| format!("{name} = {{ path = {:?} }}\n", dir.display().to_string()))
        .collect()
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("the command runs");
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

// The book's first chapter includes these texts between their ANCHOR
// lines, so what it shows is what this test builds and runs.
const THREE_CODES: &str = r#"
# ANCHOR: codes
[ORDER_NOT_FOUND]
status = 404
message = "order {order_id} does not exist"
params = { order_id = "string" }
hint = "List your orders to find its id."

[OUT_OF_STOCK]
status = 409
message = "only {available} of {sku} left"
params = { available = "unsigned", sku = "string" }

[PAYMENT_FAILED]
status = 502
message = "the payment provider did not answer"
retryable = true
# ANCHOR_END: codes
"#;

const SERVICE_MANIFEST: &str = r#"# ANCHOR: manifest
[package]
name = "shop-service"
version = "0.1.0"
edition = "2024"

[dependencies]
errcat = { version = "0.1", features = ["axum", "macros"] }
shop-errors = { path = "../generated/rust", features = ["axum"] }
axum = { version = "0.8", default-features = false, features = ["http1", "tokio"] }
tokio = { version = "1", features = ["rt-multi-thread", "macros", "net"] }
# ANCHOR_END: manifest
"#;

const SERVICE: &str = r#"//! The shop: every failure is a code of the catalog.
// ANCHOR: service

use std::io::Write;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;

#[derive(Debug, errcat::ApiError)]
#[api_error(catalog = shop_errors)]
enum ShopError {
    #[api_error(code = "ORDER_NOT_FOUND")]
    Missing { order_id: String },
    #[api_error(code = "OUT_OF_STOCK")]
    SoldOut { available: u64, sku: String },
    #[api_error(code = "RATE_LIMITED", retry_after = 30)]
    Busy { limit: u64 },
    #[api_error(code = "PAYMENT_FAILED")]
    Payment(#[from] std::io::Error),
}

fn find(order_id: &str) -> Result<String, ShopError> {
    Err(ShopError::Missing { order_id: order_id.to_owned() })
}

async fn order(Path(order_id): Path<String>) -> Result<String, ShopError> {
    let order = find(&order_id)?;
    Ok(order)
}

async fn stock() -> Result<String, ShopError> {
    Err(ShopError::SoldOut { available: 2, sku: "green tea".to_owned() })
}

async fn busy() -> Result<String, ShopError> {
    Err(ShopError::Busy { limit: 100 })
}

async fn pay() -> Result<String, ShopError> {
    let receipt = std::fs::read_to_string("/nonexistent/payment-provider-socket")?;
    Ok(receipt)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = Router::new()
        .route("/orders/{id}", get(order))
        .route("/stock", get(stock))
        .route("/busy", get(busy))
        .route("/pay", get(pay));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on {}", listener.local_addr()?)?;
    stdout.flush()?;
    axum::serve(listener, app).await
}
// ANCHOR_END: service
"#;

const CLIENT: &str = r#"// ANCHOR: client
import { ErrorCode, parseError, type ApiError } from "../generated/typescript/errors.js";

export function advice(error: ApiError): string {
  if (!error.known) {
    return `unknown error ${error.code ?? "without a code"}`;
  }
  switch (error.code) {
    case ErrorCode.NOT_FOUND:
    case ErrorCode.ORDER_NOT_FOUND:
      return "check the id";
    case ErrorCode.OUT_OF_STOCK:
      return "order fewer";
    case ErrorCode.RATE_LIMITED:
    case ErrorCode.PAYMENT_FAILED:
      return "retry later";
    default: {
      // Every code is handled: a code added to the catalog fails to compile here.
      const unhandled: never = error;
      return unhandled;
    }
  }
}

export const later: string = advice(parseError({ code: "ADDED_NEXT_YEAR", error: "new" }, 418));
// ANCHOR_END: client
"#;

/// The service, started; killed when dropped.
struct Service(Child, String);

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(binary: &Path) -> Service {
    let mut child = Command::new(binary)
        .stdout(Stdio::piped())
        .spawn()
        .expect("the service starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Service(child, address)
}

/// One HTTP/1.1 request on a fresh connection: the status, the headers
/// (names in lowercase) and the body.
fn get(address: &str, path: &str) -> (u16, Vec<(String, String)>, serde_json::Value) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let mut lines = head.lines();
    let status = lines.next().unwrap()[9..12].parse().unwrap();
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(": ").unwrap();
            (name.to_ascii_lowercase(), value.to_owned())
        })
        .collect();
    (status, headers, serde_json::from_str(body).unwrap())
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
}

#[test]
fn a_new_user_installs_inits_generates_serves_and_checks() {
    let started = Instant::now();
    let temp = tempfile::tempdir().unwrap();
    let crates_dir = temp.path().join("crates");
    fs::create_dir(&crates_dir).unwrap();
    let Some(crates) = unpack(&crates_dir) else {
        return;
    };
    let Some(tsc) = support::tool("tools/node_modules/.bin/tsc") else {
        return;
    };
    let target = support::repo_root().join("target/first-hour");
    let patch_config = |name: &str, dir: &Path| {
        format!(
            "patch.crates-io.{name}.path={:?}",
            dir.display().to_string()
        )
    };

    // 1. Install the CLI from its package, as `cargo install errcat-cli`
    // will from crates.io.
    let cli = &crates
        .iter()
        .find(|(name, _)| *name == "errcat-cli")
        .unwrap()
        .1;
    let root = temp.path().join("cargo-home");
    let mut install = Command::new(env!("CARGO"));
    install
        .args(["install", "--quiet", "--path"])
        .arg(cli)
        .arg("--root")
        .arg(&root)
        .env("CARGO_TARGET_DIR", target.join("install"));
    for (name, dir) in &crates {
        install.arg("--config").arg(patch_config(name, dir));
    }
    run(&mut install);
    let errcat = root.join("bin/errcat");
    let installed = run(Command::new(&errcat).arg("--version"));
    assert_eq!(
        String::from_utf8(installed.stdout).unwrap(),
        format!("errcat {VERSION}\n")
    );

    // 2. A Cargo workspace with one service, and `errcat init` in it.
    let project = temp.path().join("shop");
    fs::create_dir_all(project.join("service/src")).unwrap();
    fs::write(
        project.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [\"service\"]\n\n[patch.crates-io]\n{}",
            patches(&crates)
        ),
    )
    .unwrap();
    fs::copy(
        support::repo_root().join("Cargo.lock"),
        project.join("Cargo.lock"),
    )
    .unwrap();
    let errcat_in = |dir: &Path, args: &[&str]| {
        Command::new(&errcat)
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap()
    };
    let init = errcat_in(&project, &["init", "--ci", "github"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(
        stderr(&init).contains("added `generated/rust` to the workspace members"),
        "{}",
        stderr(&init)
    );

    // 3. Three codes of the shop's own, and `errcat gen` from a subfolder.
    let codes = project.join("catalog/requests.toml");
    let mut text = fs::read_to_string(&codes).unwrap();
    text.push_str(THREE_CODES);
    fs::write(&codes, text).unwrap();
    let generated = errcat_in(&project.join("catalog"), &["gen"]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    let manifest = fs::read_to_string(project.join("generated/rust/Cargo.toml")).unwrap();
    assert!(
        manifest.contains(&format!("\nerrcat = \"{VERSION}\"\n")),
        "{manifest}"
    );

    // 4. The service, built against the packaged runtime and derive.
    fs::write(project.join("service/Cargo.toml"), SERVICE_MANIFEST).unwrap();
    fs::write(project.join("service/src/main.rs"), SERVICE).unwrap();
    run(Command::new(env!("CARGO"))
        .args(["build", "--quiet", "-p", "shop-service"])
        .current_dir(&project)
        .env("CARGO_TARGET_DIR", target.join("project"))
        .env("RUSTFLAGS", "-D warnings"));
    let service = start(&target.join("project/debug/shop-service"));
    let address = service.1.as_str();

    let (status, headers, body) = get(address, "/orders/42");
    assert_eq!(status, 404);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert_eq!(
        body,
        serde_json::json!({
            "error": "order 42 does not exist",
            "code": "ORDER_NOT_FOUND",
            "details": null,
            "hint": "List your orders to find its id.",
        })
    );
    let (status, _, body) = get(address, "/stock");
    assert_eq!(status, 409);
    assert_eq!(body["error"], "only 2 of green tea left");
    assert_eq!(body["code"], "OUT_OF_STOCK");
    let (status, headers, body) = get(address, "/busy");
    assert_eq!(status, 429);
    assert_eq!(header(&headers, "retry-after"), Some("30"));
    assert_eq!(body["error"], "Too many requests: at most 100 per minute");
    let (status, _, body) = get(address, "/pay");
    assert_eq!(status, 502);
    assert_eq!(body["code"], "PAYMENT_FAILED");
    assert!(
        !body.to_string().contains("nonexistent"),
        "a 5xx body leaked its source: {body}"
    );
    drop(service);

    // 5. A TypeScript client that switches on every code, exhaustively.
    fs::create_dir(project.join("client")).unwrap();
    fs::write(project.join("client/app.ts"), CLIENT).unwrap();
    fs::write(project.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    run(Command::new(&tsc)
        .current_dir(&project)
        .args([
            "--strict", "--noEmit", "--target", "es2022", "--lib", "es2022",
        ])
        .args(["--module", "nodenext", "client/app.ts"]));

    // ...and the `never` check is real: a client that forgets a code fails.
    let partial = CLIENT.replace(
        "    case ErrorCode.OUT_OF_STOCK:\n      return \"order fewer\";\n",
        "",
    );
    assert_ne!(partial, CLIENT);
    fs::write(project.join("client/app.ts"), partial).unwrap();
    let forgot = Command::new(&tsc)
        .current_dir(&project)
        .args([
            "--strict", "--noEmit", "--target", "es2022", "--lib", "es2022",
        ])
        .args(["--module", "nodenext", "client/app.ts"])
        .output()
        .unwrap();
    assert!(!forgot.status.success());
    let said = String::from_utf8_lossy(&forgot.stdout);
    assert!(
        said.contains(
            "error TS2322: Type 'KnownApiError<ErrorCode>' is not assignable to type 'never'."
        ),
        "{said}"
    );

    // 6. An edit, the drift check that catches it, and the fix it names.
    let text = fs::read_to_string(&codes).unwrap();
    fs::write(&codes, text.replace("left\"", "left in stock\"")).unwrap();
    let check = errcat_in(&project, &["gen", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let said = stderr(&check);
    let fix = said
        .lines()
        .find_map(|line| {
            line.strip_prefix("  = help: run `")?
                .strip_suffix("` and commit the result")
        })
        .unwrap_or_else(|| panic!("no fix in:\n{said}"));
    assert_eq!(fix, "errcat gen");
    let words: Vec<&str> = fix.split(' ').skip(1).collect();
    assert!(errcat_in(&project.join("service"), &words).status.success());
    let again = errcat_in(&project, &["gen", "--check"]);
    assert!(again.status.success(), "{}", stderr(&again));

    eprintln!(
        "the first hour took {:.0} s of machine time",
        started.elapsed().as_secs_f64()
    );
}
