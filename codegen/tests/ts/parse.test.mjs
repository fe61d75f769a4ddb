// The compiled mini client on recorded bodies of every wire shape, without a
// server. `ERRCAT_TS_CLIENT` is the compiled `errors.js` of the mini fixture.

import assert from "node:assert/strict";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const client = await import(pathToFileURL(process.env.ERRCAT_TS_CLIENT).href);
const { parseError, parseErrorResponse, retryAfterMs, isRetryable, isErrorCode, toErrorCode, formatMessage, codeOfNumber, errorNumber } = client;

test("flat (seeds 000, 001)", () => {
  const error = parseError({
    error: "Validation failed",
    code: "VALIDATION_ERROR",
    details: { url: ["Expected string, received number"] },
    hint: "Check body.details for field-level errors.",
  }, 400);
  assert.equal(error.known, true);
  assert.equal(error.code, "VALIDATION_ERROR");
  assert.equal(error.shape, "flat");
  assert.equal(error.status, 400);
  assert.equal(error.message, "Validation failed");
  assert.equal(error.hint, "Check body.details for field-level errors.");
  assert.deepEqual(error.details, { url: ["Expected string, received number"] });
});

test("nested (seed 002), known and unknown", () => {
  const known = parseError('{"error":{"code":"VERSION_NOT_FOUND","message":"gone","request_id":"req_xyz123"}}', 404);
  assert.equal(known.known, true);
  assert.equal(known.code, "VERSION_NOT_FOUND");
  assert.equal(known.shape, "nested");
  assert.equal(known.requestId, "req_xyz123");
  const unknown = parseError({
    error: { code: "workspace_slug_taken", message: "The slug 'acme' is already in use.", request_id: "req_xyz123" },
  }, 409);
  assert.equal(unknown.known, false);
  assert.equal(unknown.code, "workspace_slug_taken");
  assert.equal(unknown.message, "The slug 'acme' is already in use.");
});

test("errorCode (seed 003)", () => {
  const error = parseError({ errorCode: "ServiceNotFound", errorMessage: "service 'demo' does not exist" }, 404);
  assert.equal(error.known, false);
  assert.equal(error.shape, "error_code");
  assert.equal(error.code, "ServiceNotFound");
  assert.equal(error.message, "service 'demo' does not exist");
  assert.equal(parseError({ errorCode: "INTERNAL_ERROR", errorMessage: "boom" }).code, "INTERNAL_ERROR");
});

test("problem+json (seed 004) with resolve", () => {
  const error = parseError({
    type: "https://docs.mini.example/errors#mfa_required",
    title: "Second factor required",
    status: 403,
    detail: "Login requires a second factor",
    instance: "req_1",
    error_code: "MFA_REQUIRED",
    resolve: { message: "Enter your one-time code.", action: "enter_totp", method: 7 },
  });
  assert.equal(error.known, true);
  assert.equal(error.shape, "problem");
  assert.equal(error.status, 403, "the body's status when the response's is not given");
  assert.equal(error.type, "https://docs.mini.example/errors#mfa_required");
  assert.equal(error.instance, "req_1");
  assert.equal(error.requestId, "req_1", "errcat services put the request id in `instance`");
  assert.deepEqual(error.resolve, { message: "Enter your one-time code.", action: "enter_totp" });
  const noCode = parseError({ type: "about:blank", title: "Payment Required", status: 402 });
  assert.equal(noCode.known, false);
  assert.equal(noCode.code, undefined);
  assert.equal(noCode.message, "Payment Required");
});

test("OAuth 2", () => {
  const error = parseError({ error: "INVALID_GRANT", error_description: "code reused" }, 400);
  assert.equal(error.known, true);
  assert.equal(error.shape, "oauth2");
  assert.equal(error.message, "code reused");
  const unknown = parseError({ error: "access_denied" }, 400);
  assert.equal(unknown.known, false);
  assert.equal(unknown.code, "access_denied");
});

test("aliases parse to their code and keep the wire string", () => {
  const error = parseError({ error: "gone", code: "ROLLBACK_TARGET_MISSING", details: null }, 404);
  assert.equal(error.known, true);
  assert.equal(error.code, "VERSION_NOT_FOUND");
  assert.equal(error.wireCode, "ROLLBACK_TARGET_MISSING");
  assert.equal(isErrorCode("ROLLBACK_TARGET_MISSING"), false);
  assert.equal(toErrorCode("ROLLBACK_TARGET_MISSING"), "VERSION_NOT_FOUND");
});

test("codes are found by their stable number", () => {
  assert.equal(codeOfNumber(1001), "AUTH_REQUIRED");
  assert.equal(codeOfNumber(1002), "VALIDATION_ERROR");
  assert.equal(codeOfNumber(-32002), "OLD_NOT_FOUND", "JSON-RPC's numbers are negative");
  assert.equal(errorNumber.AUTH_REQUIRED, 1001);
  assert.equal(errorNumber.RATE_LIMITED, undefined, "a code without a number has none");
  for (const missing of [1003, 0, -1, 1001.5, NaN]) {
    assert.equal(codeOfNumber(missing), undefined, String(missing));
  }
});

test("retired and deprecated codes still parse", () => {
  assert.equal(parseError({ error: "x", code: "LEGACY_GONE" }).code, "LEGACY_GONE");
  assert.equal(parseError({ error: "x", code: "OLD_NOT_FOUND" }).code, "OLD_NOT_FOUND");
});

test("anything else lands in the unknown branch and never throws", () => {
  const bodies = [undefined, null, 42, true, [], [{ code: "AUTH_REQUIRED" }], "", "<html>502 Bad Gateway</html>", "{", '{"error":42}',
    { error: {} }, { code: "AUTH_REQUIRED" }, { error: "x", code: 42 }, { errorCode: null }, { error_code: ["AUTH_REQUIRED"] },
    { error: "x", code: "constructor" }, { error: "x", code: "__proto__" }, { error: "x", code: "toString" }];
  for (const body of bodies) {
    const error = parseError(body, 502);
    assert.equal(error.known, false, JSON.stringify(body));
    assert.equal(error.status, 502);
    assert.ok(error.message.length > 0, JSON.stringify(body));
  }
  assert.equal(parseError("<html>").message, "Unrecognized error response");
  assert.equal(parseError("<html>", 502).message, "HTTP 502");
  assert.equal(parseError("<html>").body, "<html>");
});

test("bodies of other servers keep their shape and message", () => {
  // A gateway's numeric code: still the flat shape, the message not taken for a code.
  const gateway = parseError({ error: "Forbidden", code: 403 }, 403);
  assert.equal(gateway.shape, "flat");
  assert.equal(gateway.known, false);
  assert.equal(gateway.wireCode, undefined);
  assert.equal(gateway.message, "Forbidden");
  const numeric = parseError({ errorCode: 5, errorMessage: "m" });
  assert.equal(numeric.shape, "error_code");
  assert.equal(numeric.message, "m");
  // RFC 9457 makes `type` and `title` optional; the extension names the code.
  const bare = parseError({ status: 404, error_code: "VERSION_NOT_FOUND", detail: "gone" });
  assert.equal(bare.shape, "problem");
  assert.equal(bare.known, true);
  assert.equal(bare.code, "VERSION_NOT_FOUND");
  assert.equal(bare.status, 404);
  assert.equal(bare.message, "gone");
  // `instance` is a URI by RFC 9457; a request id beside it wins.
  const both = parseError({ type: "about:blank", title: "T", instance: "/x/1", request_id: "req_1" });
  assert.equal(both.requestId, "req_1");
  assert.equal(both.instance, "/x/1");
  assert.equal(parseError({ type: "about:blank", title: "T", instance: "req_2" }).requestId, "req_2");
  // Members a shape does not declare are still read from the top.
  const extra = parseError({ errorCode: "AUTH_REQUIRED", errorMessage: "m", hint: "h", request_id: "r" });
  assert.equal(extra.hint, "h");
  assert.equal(extra.requestId, "r");
});

test("parseErrorResponse reads the text and survives a failing body", async () => {
  const ok = await parseErrorResponse({ status: 429, text: async () => '{"error":"slow down","code":"RATE_LIMITED"}' });
  assert.equal(ok.code, "RATE_LIMITED");
  assert.equal(ok.status, 429);
  const broken = await parseErrorResponse({ status: 503, text: async () => { throw new Error("reset"); } });
  assert.equal(broken.known, false);
  assert.equal(broken.message, "HTTP 503");
});

test("the message falls back to the catalog title", () => {
  assert.equal(parseError({ error: "INVALID_GRANT" }).message, "Invalid grant");
});

test("Retry-After as delta-seconds and as every HTTP date form", () => {
  const headers = (value) => ({ headers: { get: (name) => (name.toLowerCase() === "retry-after" ? value : null) } });
  const now = Date.UTC(1994, 10, 6, 8, 49, 7);
  assert.equal(retryAfterMs(headers("120"), now), 120_000);
  assert.equal(retryAfterMs(headers(" 0 "), now), 0);
  assert.equal(retryAfterMs(headers("Sun, 06 Nov 1994 08:49:37 GMT"), now), 30_000);
  assert.equal(retryAfterMs(headers("Sunday, 06-Nov-94 08:49:37 GMT"), now), 30_000);
  assert.equal(retryAfterMs(headers("Sun Nov  6 08:49:37 1994"), now), 30_000, "asctime is GMT, not local time");
  assert.equal(retryAfterMs(headers("Sun, 06 Nov 1994 08:49:00 GMT"), now), 0, "a past date means now");
  assert.equal(retryAfterMs(headers(null), now), undefined);
  assert.equal(retryAfterMs(headers("soon"), now), undefined);
  assert.equal(retryAfterMs(headers("-5"), now), undefined);
  assert.equal(retryAfterMs(headers("Sun, 99 Nov 1994 08:49:37 GMT"), now), undefined);
  const later = retryAfterMs(headers(new Date(Date.now() + 60_000).toUTCString()));
  assert.ok(later > 55_000 && later <= 60_000, `now defaults to the clock: ${later}`);
});

test("retryable per catalog; unknown codes are not", () => {
  assert.equal(isRetryable("RATE_LIMITED"), true);
  assert.equal(isRetryable("INTERNAL_ERROR"), true);
  assert.equal(isRetryable("VERSION_NOT_FOUND"), false);
  assert.equal(isRetryable("ROLLBACK_TARGET_MISSING"), false);
  assert.equal(isRetryable("SOMETHING_NEW"), false);
  assert.equal(isRetryable(undefined), false);
});

test("formatMessage renders like the server", () => {
  assert.equal(
    formatMessage("VERSION_NOT_FOUND", { version: 3, service: "api" }),
    "version '3' of service 'api' does not exist",
  );
  assert.equal(
    formatMessage("OLD_NOT_FOUND", { id: "r1", strict: true, score: 0.5, delta: -2 }),
    "Resource r1 does not exist (strict: true, score 0.5, delta -2)",
  );
});
