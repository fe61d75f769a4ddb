//! The generated client compiled by the pinned `tsc` and run by `node --test`
//! (`codegen/tests/ts/*.test.mjs`): on recorded bodies of every wire shape,
//! on every catalog's conformance kit, and over HTTP against a server
//! answering `GET /demo/{catalog}/{code}`.
//!
//! The server is the fixture in `codegen/tests/ts/fixture_server.mjs` for the
//! mini catalog; for the repository's catalogs it is the example service
//! (`examples/fold-service`), taken from `ERRCAT_SERVICE_URL` (already
//! running) or started here with `--listen 127.0.0.1:0` (see [`service_bin`]).

use crate::harness;
use crate::support;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use errcat_codegen::Catalog;
use harness::{package, run_tsc, transcript};

fn ts_dir() -> PathBuf {
    support::repo_root().join("codegen/tests/ts")
}

/// Compiles `catalog`'s module to JavaScript; returns the folder (kept alive
/// by the caller) and the path of `errors.js`.
fn compile(tsc: &Path, catalog: &Catalog) -> (tempfile::TempDir, PathBuf) {
    let dir = package(catalog);
    let output = run_tsc(tsc, dir.path(), &["--outDir", "dist"], &["errors.ts"]);
    assert!(output.status.success(), "{}", transcript(&output));
    std::fs::write(
        dir.path().join("dist/package.json"),
        "{ \"type\": \"module\" }\n",
    )
    .unwrap();
    let js = dir.path().join("dist/errors.js");
    (dir, js)
}

/// `node --test script` in the tests' folder, with `env` set.
fn node_test(node: &Path, script: &str, env: &[(&str, &OsStr)]) -> std::process::Output {
    let mut command = Command::new(node);
    command.current_dir(ts_dir()).args(["--test", script]);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("node runs")
}

/// A server child process, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    /// Starts `command` with `--listen 127.0.0.1:0` and reads the URL from
    /// its first line, `listening on http://127.0.0.1:PORT`.
    fn start(mut command: Command) -> Server {
        let mut child = command
            .args(["--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        // The server's log (the example service logs every 5xx it sends)
        // goes to the test's own output, which shows it only on failure.
        let stderr = child.stderr.take().expect("piped stderr");
        std::thread::spawn(move || {
            let mut stderr = BufReader::new(stderr);
            let mut line = Vec::new();
            while stderr
                .read_until(b'\n', &mut line)
                .is_ok_and(|read| read > 0)
            {
                eprint!("{}", String::from_utf8_lossy(&line));
                line.clear();
            }
        });
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver.recv_timeout(Duration::from_secs(60));
        let url = line
            .ok()
            .and_then(|line| line.trim().strip_prefix("listening on ").map(str::to_owned));
        match url {
            Some(url) => Server { child, url },
            None => {
                let _ = child.kill();
                panic!("the server did not print `listening on http://...` first");
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `service.test.mjs` for `catalog` against `url`: every code that is
/// still sent, in its own shape and as problem+json, and the last of them
/// through a client built without it.
fn service_tests(tsc: &Path, node: &Path, catalog: &Catalog, url: &str) {
    let sent: Vec<_> = catalog
        .codes
        .iter()
        .filter(|c| c.retired.is_none())
        .collect();
    let removed = sent.last().expect("a catalog sends some code").code.clone();
    let mut old = catalog.clone();
    old.codes.retain(|c| c.code != removed);

    let cases = serde_json::json!({
        "catalog": catalog.name,
        "removed": removed,
        "codes": sent.iter().map(|c| serde_json::json!({
            "code": c.code,
            "status": c.http_status(),
            "shape": c.wire_shape.as_str(),
            "docsUrl": catalog.docs_url(c),
            "retryAfter": c.retry.after_seconds,
            "severity": c.severity.as_str(),
        })).collect::<Vec<_>>(),
    });
    let (_current_dir, current) = compile(tsc, catalog);
    let (old_dir, old_js) = compile(tsc, &old);
    let cases_path = old_dir.path().join("cases.json");
    std::fs::write(&cases_path, cases.to_string()).unwrap();

    let output = node_test(
        node,
        "service.test.mjs",
        &[
            ("ERRCAT_SERVICE_URL", url.as_ref()),
            ("ERRCAT_TS_CLIENT", current.as_os_str()),
            ("ERRCAT_TS_OLD_CLIENT", old_js.as_os_str()),
            ("ERRCAT_TS_CASES", cases_path.as_os_str()),
        ],
    );
    assert!(
        output.status.success(),
        "{} against {url}:\n{}",
        catalog.name,
        transcript(&output)
    );
}

#[test]
fn the_client_parses_recorded_bodies_of_every_shape() {
    let (Some(tsc), Some(node)) = (harness::tsc(), harness::node()) else {
        return;
    };
    let (_dir, client) = compile(&tsc, &harness::mini());
    let output = node_test(
        &node,
        "parse.test.mjs",
        &[("ERRCAT_TS_CLIENT", client.as_os_str())],
    );
    assert!(output.status.success(), "{}", transcript(&output));
}

/// Every catalog's kit, as `gen` writes it, and the mini fixture's, whose
/// aliases no repository catalog has.
#[test]
fn the_client_reads_every_catalogs_conformance_kit() {
    let (Some(tsc), Some(node)) = (harness::tsc(), harness::node()) else {
        return;
    };
    let catalogs = harness::catalogs().into_iter().map(|(_, c)| c);
    for catalog in catalogs.chain([harness::mini()]) {
        let (dir, client) = compile(&tsc, &catalog);
        let [kit] = &errcat_codegen::emit::conformance::emit(&catalog)[..] else {
            panic!("the kit is one file");
        };
        let kit_path = dir.path().join("cases.json");
        std::fs::write(&kit_path, &kit.contents).unwrap();
        let output = node_test(
            &node,
            "conformance.test.mjs",
            &[
                ("ERRCAT_TS_CLIENT", client.as_os_str()),
                ("ERRCAT_TS_KIT", kit_path.as_os_str()),
            ],
        );
        assert!(
            output.status.success(),
            "{}:\n{}",
            catalog.name,
            transcript(&output)
        );
    }
}

#[test]
fn the_client_reads_every_mini_code_from_the_fixture_server() {
    let (Some(tsc), Some(node)) = (harness::tsc(), harness::node()) else {
        return;
    };
    let mut command = Command::new(&node);
    command.arg(ts_dir().join("fixture_server.mjs"));
    let server = Server::start(command);
    service_tests(&tsc, &node, &harness::mini(), &server.url);
}

/// The example service's binary: `ERRCAT_SERVICE_BIN`, or, when the tools are
/// required (`cargo xtask test`, whose `cargo test --workspace` builds every
/// binary before any test runs, so it is never stale), `fold-service` in
/// this test's target folder.
fn service_bin() -> Option<PathBuf> {
    if let Some(bin) = std::env::var_os("ERRCAT_SERVICE_BIN") {
        return Some(PathBuf::from(bin));
    }
    std::env::var_os("ERRCAT_REQUIRE_TOOLS")?;
    let exe = std::env::current_exe().ok()?;
    // target/<profile>/deps/typescript_node-<hash> -> target/<profile>/fold-service
    let bin = exe.parent()?.parent()?.join("fold-service");
    assert!(
        bin.is_file(),
        "{} is missing; `cargo test --workspace` builds it",
        bin.display()
    );
    Some(bin)
}

/// Every catalog the example service serves, against the service:
/// `ERRCAT_SERVICE_URL` if it is already running, else started here.
#[test]
fn the_client_reads_every_code_from_the_example_service() {
    let (Some(tsc), Some(node)) = (harness::tsc(), harness::node()) else {
        return;
    };
    let started;
    let url = match (std::env::var("ERRCAT_SERVICE_URL"), service_bin()) {
        (Ok(url), _) => url,
        (Err(_), Some(bin)) => {
            started = Server::start(Command::new(bin));
            started.url.clone()
        }
        (Err(_), None) => {
            eprintln!(
                "skipped: set ERRCAT_SERVICE_URL or ERRCAT_SERVICE_BIN to run the service tests"
            );
            return;
        }
    };
    // Every catalog in the repository but the test fixture, which the
    // service does not know.
    let mini = harness::mini();
    for (_, catalog) in harness::catalogs() {
        if catalog.name != mini.name {
            service_tests(&tsc, &node, &catalog, &url);
        }
    }
}
