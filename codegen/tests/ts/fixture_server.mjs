// A stand-in for the example service: `GET /demo/{catalog}/{code}` answers
// with the recorded response for that code from `recorded/{catalog}.json`,
// as problem+json when the request accepts it. Like the service, it takes
// `--listen 127.0.0.1:0` and prints `listening on http://127.0.0.1:PORT` as
// its first line, so the tests start either one the same way.

import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const listen = process.argv[process.argv.indexOf("--listen") + 1] ?? "127.0.0.1:0";
const [host, port] = listen.split(":");
const recordings = new Map();

function recorded(catalog) {
  if (!/^[a-z][a-z0-9_-]*$/.test(catalog)) {
    return undefined;
  }
  if (!recordings.has(catalog)) {
    const url = new URL(`./recorded/${catalog}.json`, import.meta.url);
    let codes;
    try {
      codes = JSON.parse(readFileSync(url, "utf8"));
    } catch {
      codes = undefined;
    }
    recordings.set(catalog, codes);
  }
  return recordings.get(catalog);
}

const server = createServer((request, response) => {
  const match = /^\/demo\/([^/]+)\/([^/]+)$/.exec(request.url ?? "");
  const recording = match ? recorded(match[1])?.[decodeURIComponent(match[2])] : undefined;
  if (request.method !== "GET" || recording === undefined) {
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("no recording\n");
    return;
  }
  const problem = (request.headers.accept ?? "").includes("application/problem+json");
  const body = problem ? recording.problem : recording.body;
  const own = recording.contentType ?? "application/json";
  const type = problem || "error_code" in body ? "application/problem+json" : own;
  // What the shape itself sends besides its body (`X-Amzn-ErrorType`), not
  // sent with problem details.
  const shapeHeaders = problem ? {} : (recording.shapeHeaders ?? {});
  response.writeHead(recording.status, { "content-type": type, ...recording.headers, ...shapeHeaders });
  response.end(JSON.stringify(body));
});

server.listen(Number(port), host, () => {
  const address = server.address();
  console.log(`listening on http://${address.address}:${address.port}`);
});
