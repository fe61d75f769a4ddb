// The compiled client against a live server: the example service, or the
// fixture server that replays recorded responses. Environment:
//   ERRCAT_SERVICE_URL    base URL serving `GET /demo/{catalog}/{code}`
//   ERRCAT_TS_CLIENT      compiled `errors.js` of the catalog
//   ERRCAT_TS_OLD_CLIENT  compiled `errors.js` of the catalog without one code,
//                         a client built before that code was added
//   ERRCAT_TS_CASES       JSON from the catalog model: { catalog, removed,
//                         codes: [{ code, status, shape, docsUrl, retryAfter, severity }] }

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const base = process.env.ERRCAT_SERVICE_URL;
const load = (path) => import(pathToFileURL(path).href);
const client = await load(process.env.ERRCAT_TS_CLIENT);
const oldClient = await load(process.env.ERRCAT_TS_OLD_CLIENT);
const cases = JSON.parse(readFileSync(process.env.ERRCAT_TS_CASES, "utf8"));

function demo(code, accept = "application/json") {
  return fetch(`${base}/demo/${cases.catalog}/${encodeURIComponent(code)}`, { headers: { accept } });
}

for (const expected of cases.codes) {
  test(`${cases.catalog} ${expected.code} in its own shape`, async () => {
    const response = await demo(expected.code);
    assert.equal(response.status, expected.status);
    const error = await client.parseErrorResponse(response);
    assert.equal(error.known, true, JSON.stringify(error.body));
    assert.equal(error.code, expected.code);
    assert.equal(error.shape, expected.shape);
    assert.equal(error.status, expected.status);
    assert.equal(client.errorSeverity(error.code), expected.severity);
    assert.ok(error.message.length > 0);
    if (expected.retryAfter !== null) {
      assert.equal(client.retryAfterMs(response), expected.retryAfter * 1000);
    }
  });

  test(`${cases.catalog} ${expected.code} as problem+json`, async () => {
    const response = await demo(expected.code, "application/problem+json");
    assert.equal(response.status, expected.status);
    assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
    const error = await client.parseErrorResponse(response);
    assert.equal(error.known, true, JSON.stringify(error.body));
    assert.equal(error.code, expected.code);
    assert.equal(error.shape, "problem");
    assert.equal(error.type, expected.docsUrl);
  });
}

test(`${cases.catalog} ${cases.removed}, added after the old client was built, is kept as unknown`, async () => {
  assert.equal(oldClient.isErrorCode(cases.removed), false, "the old client must not know the code");
  assert.equal(oldClient.errorSeverity(cases.removed), "error", "an unknown code is an error");
  const expected = cases.codes.find((c) => c.code === cases.removed);
  const response = await demo(cases.removed);
  const error = await oldClient.parseErrorResponse(response);
  assert.equal(error.known, false);
  assert.equal(error.code, cases.removed);
  assert.equal(error.shape, expected.shape);
  assert.equal(error.status, expected.status);
  assert.ok(error.message.length > 0);
  assert.equal(oldClient.isRetryable(error.code), false);
});
