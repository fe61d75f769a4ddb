// The compiled client against a catalog's conformance kit: every golden
// response, read through `parseErrorResponse` (as fetch gives it) and
// `parseError` (its text), must give exactly the expected reading.
// `ERRCAT_TS_CLIENT` is the compiled `errors.js`, `ERRCAT_TS_KIT` the
// catalog's `conformance/cases.json`.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const { parseError, parseErrorResponse, retryAfterMs } = await import(
  pathToFileURL(process.env.ERRCAT_TS_CLIENT).href
);
const kit = JSON.parse(readFileSync(process.env.ERRCAT_TS_KIT, "utf8"));
const now = kit.now * 1000;

// A JavaScript string can hold half a surrogate pair, which the kit (like
// every other language's strings) spells U+FFFD.
const wellFormed = (text) => (typeof text === "string" ? text.toWellFormed() : text);
const orNull = (value) => (value === undefined ? null : value);

function reading(error, headers) {
  const wait = retryAfterMs({ headers }, now);
  return {
    known: error.known,
    code: orNull(error.code),
    wireCode: orNull(error.wireCode),
    status: orNull(error.status),
    shape: orNull(error.shape),
    message: wellFormed(error.message),
    hint: orNull(wellFormed(error.hint)),
    details: error.details,
    requestId: orNull(error.requestId),
    resolve: orNull(error.resolve),
    type: orNull(error.type),
    instance: orNull(error.instance),
    retryAfterSeconds: wait === undefined ? null : wait / 1000,
  };
}

test(`${kit.catalog}: the kit has its cases`, () => {
  assert.ok(kit.cases.length > 40, `only ${kit.cases.length} cases`);
});

for (const { name, response, expect } of kit.cases) {
  test(name, async () => {
    const headers = new Headers();
    for (const [header, value] of response.headers) {
      headers.append(header, value);
    }
    // The body as fetch decodes it (UTF-8, a byte-order mark dropped); the
    // status beside it, as a Response could not hold every status.
    const text = () => new Response(response.body).text();
    const fetched = await parseErrorResponse({ status: response.status, headers, text });
    assert.deepEqual(reading(fetched, headers), expect, "read through parseErrorResponse");
    const parsed = parseError(response.body, response.status, headers);
    assert.deepEqual(reading(parsed, headers), expect, "read by parseError from the text");
  });
}
