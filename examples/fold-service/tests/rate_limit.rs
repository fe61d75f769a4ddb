//! The per-organization limit with a small configured value: a bounded
//! burst, every answer with its `RateLimit-*` headers, then `RATE_LIMITED`.

mod support;

use support::Service;

#[tokio::test]
async fn the_limit_is_per_organization_and_answers_with_retry_after() {
    let service = Service::start(&["--rate-limit", "3"]);
    for remaining in ["2", "1", "0"] {
        let reply = service.get("/v1/functions", Some("fold_viewer_acme")).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.text);
        assert_eq!(reply.header("ratelimit-limit"), "3");
        assert_eq!(reply.header("ratelimit-remaining"), remaining);
        let reset: u64 = reply.header("ratelimit-reset").parse().unwrap();
        assert!((1..=60).contains(&reset), "{reset}");
    }

    // Another token of the same organization shares its budget.
    let reply = service.get("/v1/functions", Some("fold_admin_acme")).await;
    let body = reply.expect(429, "RATE_LIMITED");
    assert_eq!(
        body["error"],
        "Too many requests: the limit is 3 requests per minute"
    );
    let retry_after: u64 = reply.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(reply.header("ratelimit-limit"), "3");
    assert_eq!(reply.header("ratelimit-remaining"), "0");
    assert_eq!(reply.header("ratelimit-reset"), retry_after.to_string());

    // Another organization is not affected.
    let reply = service
        .get("/v1/functions", Some("fold_admin_globex"))
        .await;
    assert_eq!(reply.status.as_u16(), 200, "{}", reply.text);
    assert_eq!(reply.header("ratelimit-remaining"), "2");

    // Unauthenticated requests are refused before they count.
    let reply = service.get("/v1/functions", None).await;
    reply.expect(401, "AUTH_REQUIRED");
}

#[tokio::test]
async fn the_limit_comes_from_the_environment_too() {
    let service = Service::start_with_env(&[("FOLD_RATE_LIMIT", "1")]);
    let reply = service.get("/v1/functions", Some("fold_admin_acme")).await;
    assert_eq!(reply.header("ratelimit-limit"), "1");
    let reply = service.get("/v1/functions", Some("fold_admin_acme")).await;
    reply.expect(429, "RATE_LIMITED");
}
