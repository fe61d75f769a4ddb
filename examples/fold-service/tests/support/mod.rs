//! Starts the real `fold-service` binary on a loopback port and talks to it
//! over HTTP/1 with hyper's client, as any client would.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use axum::body::Bytes;
pub use axum::http::{HeaderMap, Method, StatusCode};
use serde_json::Value;

/// A running service; killed when dropped.
pub struct Service {
    child: Child,
    base: String,
    client: Client<HttpConnector, BoxBody<Bytes, Infallible>>,
    /// What it has written to stderr so far: its log.
    log: Arc<Mutex<String>>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Service {
    /// Starts the binary with `args` after `--listen 127.0.0.1:0` and reads
    /// its address from the first line it prints.
    pub fn start(args: &[&str]) -> Service {
        Service::spawn(args, &[])
    }

    /// Starts the binary with extra environment variables (for the child
    /// only).
    pub fn start_with_env(env: &[(&str, &str)]) -> Service {
        Service::spawn(&[], env)
    }

    fn spawn(args: &[&str], env: &[(&str, &str)]) -> Service {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fold-service"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the service binary starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let lines = Arc::clone(&log);
        // Read to the end, whatever the bytes, so the service never blocks
        // on a full pipe; echoed, so a failing test shows the service's log.
        std::thread::spawn(move || {
            let mut stderr = BufReader::new(stderr);
            let mut line = Vec::new();
            while stderr
                .read_until(b'\n', &mut line)
                .is_ok_and(|read| read > 0)
            {
                let text = String::from_utf8_lossy(&line);
                eprint!("{text}");
                lines.lock().unwrap().push_str(&text);
                line.clear();
            }
        });
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("the service prints its address");
        let base = first
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| {
                std::thread::sleep(Duration::from_millis(200));
                panic!(
                    "unexpected first line: {first:?}; the service's log:\n{}",
                    log.lock().unwrap()
                )
            })
            .to_owned();
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(Duration::from_secs(5))
            .build_http();
        Service {
            child,
            base,
            client,
            log,
        }
    }

    /// Where it listens: `http://127.0.0.1:PORT`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The first line of the service's log holding every one of `needles`,
    /// waiting up to five seconds for it (the log is read on a thread of
    /// its own, so a line may come a moment after the response); the whole
    /// log, for the failure message, if none comes.
    pub fn log_line_with(&self, needles: &[&str]) -> Result<String, String> {
        for _ in 0..100 {
            let log = self.log.lock().unwrap().clone();
            if let Some(line) = log.lines().find(|l| needles.iter().all(|n| l.contains(n))) {
                return Ok(line.to_owned());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(self.log.lock().unwrap().clone())
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(Method::GET, path, token, None, &[]).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(Method::POST, path, Some(token), Some(body), &[])
            .await
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut all_headers = headers.to_vec();
        let authorization = token.map(|token| format!("Bearer {token}"));
        if let Some(authorization) = &authorization {
            all_headers.push(("authorization", authorization));
        }
        let bytes = match body {
            Some(body) => {
                all_headers.push(("content-type", "application/json"));
                body.to_string().into_bytes()
            }
            None => Vec::new(),
        };
        self.send_bytes(method, path, &all_headers, bytes).await
    }

    /// A request exactly as given: these headers, these body bytes.
    pub async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> Reply {
        let mut request = axum::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body)).boxed())
            .expect("a valid request");
        self.exchange(request).await
    }

    /// A request whose head claims `length` bytes of body and which sends
    /// only `first` of them, then waits: the server must answer before the
    /// upload ends (a body over its limit).
    pub async fn send_stalled(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        first: &[u8],
        length: usize,
    ) -> Reply {
        let mut request = axum::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header("content-length", length);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = Stalled(Some(Bytes::copy_from_slice(first))).boxed();
        let request = request.body(body).expect("a valid request");
        self.exchange(request).await
    }

    async fn exchange(&self, request: axum::http::Request<BoxBody<Bytes, Infallible>>) -> Reply {
        let response = tokio::time::timeout(Duration::from_secs(10), self.client.request(request))
            .await
            .expect("the service answers within 10 s")
            .expect("the request succeeds");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("the body arrives")
            .to_bytes();
        let text = String::from_utf8(bytes.to_vec()).expect("bodies are UTF-8");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            text,
        }
    }
}

/// A body that sends its first bytes and then never finishes, as a client
/// does that is still uploading when the server answers.
struct Stalled(Option<Bytes>);

impl http_body::Body for Stalled {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        match self.0.take() {
            Some(bytes) => Poll::Ready(Some(Ok(http_body::Frame::data(bytes)))),
            None => Poll::Pending,
        }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Reply {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("no `{name}` header in {:?}", self.headers))
            .to_str()
            .expect("ASCII header")
    }

    /// Asserts the status and the flat shape's `code`, and returns the body.
    pub fn expect(&self, status: u16, code: &str) -> &Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text);
        assert_eq!(self.body["code"], code, "{}", self.text);
        assert_eq!(self.header("content-type"), "application/json");
        &self.body
    }
}
