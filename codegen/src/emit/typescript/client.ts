// The code-keyed tables seen as plain string maps. Inside this module codes
// are strings: every expression typed with the `ErrorCode` union (indexing by
// it, narrowing it) costs the compiler time per code, which for a large
// catalog outweighs the rest of the module.
const statusOf = errorStatus as unknown as Readonly<Record<string, number>>;
const titleOf = errorTitle as unknown as Readonly<Record<string, string>>;
const retryableOf = errorRetryable as unknown as Readonly<Record<string, boolean>>;
const messageOf = errorMessage as unknown as Readonly<Record<string, string>>;

// Not `Object.hasOwn`, which needs the ES2022 library in the consumer's
// configuration; own members only, so `constructor` is no code.
function has(table: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** The code a wire string stands for, as a plain string. */
function canonical(wire: string): string | undefined {
  if (has(statusOf, wire)) {
    return wire;
  }
  return has(aliasOf, wire) ? aliasOf[wire] : undefined;
}

/** Whether `value` is a code of this catalog (aliases are not; see {@link toErrorCode}). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && has(statusOf, value);
}

/** The code a wire string stands for: the code itself, or the code an alias maps to. */
export function toErrorCode(wire: string): ErrorCode | undefined {
  return canonical(wire) as ErrorCode | undefined;
}

/** The code whose stable number (`number` in the catalog) is `value`, if any. */
export function codeOfNumber(value: number): ErrorCode | undefined {
  const key = String(value);
  return Number.isInteger(value) && has(codeOfNumberTable, key)
    ? (codeOfNumberTable[key] as ErrorCode)
    : undefined;
}

/**
 * Whether retrying the request can succeed. Codes this client does not know
 * are not retryable: nothing says that repeating them is safe.
 */
export function isRetryable(code: string | undefined): boolean {
  const known = code === undefined ? undefined : canonical(code);
  return known !== undefined && retryableOf[known] === true;
}

/**
 * How serious a code is: `"error"` unless the catalog says it is a warning or
 * a notice, and for codes this client does not know.
 */
export function errorSeverity(code: string | undefined): ErrorSeverity {
  const known = code === undefined ? undefined : canonical(code);
  return known !== undefined && has(severityOf, known) ? (severityOf[known] ?? "error") : "error";
}

/** The code's message with `params` filled in, as the server renders it. */
export function formatMessage<C extends ErrorCode>(code: C, params: ErrorParams[C]): string {
  const key: string = code;
  const values = params as unknown as Readonly<Record<string, unknown>>;
  return (messageOf[key] ?? "").replace(
    /\{\{|\}\}|\{([^{}]*)\}/g,
    (match: string, name: string | undefined) =>
      name === undefined ? match.charAt(0) : String(values[name]),
  );
}

interface ApiErrorFields {
  /** HTTP status: the response's if given, else the body's `status`. */
  readonly status: number | undefined;
  /** The body's shape, or `undefined` when it was no error body this client knows. */
  readonly shape: WireShape | undefined;
  /** The code exactly as received, before aliases were resolved. */
  readonly wireCode: string | undefined;
  /** The human-readable message; never empty. */
  readonly message: string;
  readonly hint: string | undefined;
  readonly requestId: string | undefined;
  readonly resolve: ErrorResolve | undefined;
  /** problem+json `type` (the docs URL) and `instance`. */
  readonly type: string | undefined;
  readonly instance: string | undefined;
  /** The body as received (parsed JSON, or the text when it was not JSON). */
  readonly body: unknown;
}

/**
 * The `details` of errors of `C`: the members the catalog declares for it,
 * else `unknown` (field errors, any JSON). Not distributed over a union of
 * codes: an error that may be any of them has `unknown` details.
 */
export type DetailsOf<C extends string> = [C] extends [keyof ErrorDetails]
  ? ErrorDetails[C]
  : unknown;

/** An error whose code this client was built with. */
export interface KnownApiError<C extends ErrorCode = ErrorCode> extends ApiErrorFields {
  readonly known: true;
  readonly code: C;
  /** `details` as sent, `null` when absent; typed where the catalog types them. */
  readonly details: DetailsOf<C> | null;
}

/**
 * An error this client cannot name: a code added to the API after the client
 * was built (kept in `code`), or a body with no code at all (a proxy's page).
 */
export interface UnknownApiError extends ApiErrorFields {
  readonly known: false;
  readonly code: string | undefined;
  /** `details` as sent (field errors, or any JSON), `null` when absent. */
  readonly details: unknown;
}

/** Any error response, parsed; switch on `known`, then on `code`. */
export type ApiError = KnownApiError | UnknownApiError;

/** Narrows `error` to one code, so its type names the code. */
export function hasCode<C extends ErrorCode>(error: ApiError, code: C): error is KnownApiError<C> {
  return error.known && (error.code as string) === code;
}

type Json = Readonly<Record<string, unknown>>;

function object(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

// A leading byte-order mark is no part of the text, as fetch's `text()`
// already knows; `JSON.parse` would refuse it.
function parseJson(raw: string): unknown {
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

// Any JSON number that is a whole status, `503.0` too.
function isStatus(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 65535;
}

/** Member names, and for a list the constant members of the element to take. */
type Path = readonly (string | Readonly<Record<string, unknown>>)[];

/** The parts of an error a shape may carry in a response header. */
type HeaderRole = "code" | "message" | "title" | "hint" | "requestId" | "type";

/** Where a body of one shape keeps each part of the error. */
interface ShapeReader {
  readonly shape: WireShape;
  readonly signatures: readonly (readonly (readonly [string, string])[])[];
  readonly code: Path;
  readonly message: Path;
  readonly title?: Path;
  readonly status?: Path;
  readonly hint?: Path;
  readonly details?: Path;
  readonly requestId?: Path;
  readonly resolve?: Path;
  readonly type?: Path;
  readonly instance?: Path;
  /** The response headers that carry a part of the error too. */
  readonly headers?: { readonly [R in HeaderRole]?: string };
  /**
   * "smithy": other servers qualify the code (`ns#Name`) or follow it with `:` and a URL.
   * "number": the code is sent as its stable number.
   */
  readonly codeForm?: "smithy" | "number";
}

function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

function at(body: Json, path: Path | undefined): unknown {
  let value: unknown = path === undefined ? undefined : body;
  for (const step of path ?? []) {
    value = typeof step === "string" ? object(value)?.[step] : elementOf(value, step);
  }
  return value;
}

// The element of a list with `step`'s constant members (the first, when it
// names none): AIP-193's ErrorInfo among other details, Cloudflare's error.
function elementOf(value: unknown, step: Readonly<Record<string, unknown>>): unknown {
  const matches = (item: unknown): boolean =>
    Object.entries(step).every(([name, constant]) => object(item)?.[name] === constant);
  return Array.isArray(value) ? value.find(matches) : undefined;
}

// Every shape a catalog can emit is recognized, whatever the catalog's
// default: a code may choose its own shape, and a server may answer with
// problem+json when asked to. A body of no shape is still in the shape
// whose code header the response has: an AWS body may hold nothing but
// its `message`.
function readerOf(body: Json, headers: HeadersLike | undefined): ShapeReader | undefined {
  // A member is named from the top, through objects with `.` (`error.status`).
  const has = ([name, type]: readonly [string, string]): boolean => {
    const value = name.split(".").reduce<unknown>((inner, key) => object(inner)?.[key], body);
    return type === "present" ? value !== undefined : kind(value) === type;
  };
  return (
    shapeReaders.find((reader) => reader.signatures.some((members) => members.every(has))) ??
    shapeReaders.find((reader) => text(header(headers, reader.headers?.code)) !== undefined)
  );
}

function header(headers: HeadersLike | undefined, name: string | undefined): string | undefined {
  return name === undefined ? undefined : (headers?.get(name)?.trim() ?? undefined);
}

// A code sent as its number is looked up by it; any other by its string.
function codeOf(reader: ShapeReader | undefined, written: string): string | undefined {
  return reader?.codeForm === "number" && /^-?\d+$/.test(written)
    ? codeOfNumber(Number(written))
    : canonical(codeIn(reader, written));
}

// What the AWS SDKs keep of a code: before the first `:`, after the first `#`.
function codeIn(reader: ShapeReader | undefined, written: string): string {
  if (reader?.codeForm !== "smithy") {
    return written;
  }
  const name = written.split(":")[0] ?? written;
  const hash = name.indexOf("#");
  return hash === -1 ? name : name.slice(hash + 1);
}

function readResolve(value: unknown): ErrorResolve | undefined {
  const resolve = object(value);
  if (resolve === undefined) {
    return undefined;
  }
  const out: { -readonly [K in keyof ErrorResolve]: string } = {};
  for (const key of resolveMembers) {
    const member = text(resolve[key]);
    if (member !== undefined) {
      out[key] = member;
    }
  }
  return out;
}

/**
 * Parses an error response body, in any wire shape, into an {@link ApiError}.
 * `body` is the parsed JSON or the raw text. Never throws: a body this
 * client cannot read becomes an {@link UnknownApiError}.
 */
export function parseError(body: unknown, status?: number, headers?: HeadersLike): ApiError {
  const parsed = typeof body === "string" ? parseJson(body) : body;
  const json = object(parsed) ?? {};
  const reader = readerOf(json, headers);
  // A part in the body, else in the header its shape carries it in.
  const part = (role: HeaderRole): string | undefined =>
    text(at(json, reader?.[role])) ?? text(header(headers, reader?.headers?.[role]));
  const sent = at(json, reader?.code);
  const numbered = reader?.codeForm === "number" && Number.isSafeInteger(sent) ? String(sent) : undefined;
  const wireCode = numbered ?? part("code");
  const code = wireCode === undefined ? undefined : codeOf(reader, wireCode);
  const bodyStatus = at(json, reader?.status);
  const httpStatus = status ?? (isStatus(bodyStatus) ? bodyStatus : undefined);
  const unknown = httpStatus === undefined ? "Unrecognized error response" : `HTTP ${httpStatus}`;
  const fallback = code !== undefined ? (text(titleOf[code]) ?? code) : (wireCode ?? unknown);
  const common = {
    status: httpStatus,
    shape: reader?.shape,
    wireCode,
    message: part("message") ?? part("title") ?? fallback,
    // Where the shape has no such member, a server may still send one at
    // the top.
    hint: part("hint") ?? text(json["hint"]),
    requestId:
      part("requestId") ?? text(json["request_id"]) ?? text(at(json, reader?.instance)),
    resolve: readResolve(at(json, reader?.resolve) ?? json["resolve"]),
    type: part("type"),
    instance: text(at(json, reader?.instance)),
    body: parsed,
  };
  // As sent: the server keeps to the catalog's types, and a client that
  // checked them would reject what a newer server adds.
  const details: unknown = at(json, reader?.details) ?? json["details"] ?? null;
  return code !== undefined
    ? { known: true, code: code as ErrorCode, details: details as DetailsOf<ErrorCode> | null, ...common }
    : { known: false, code: wireCode, details, ...common };
}

/** The part of a fetch `Response` that {@link parseErrorResponse} reads. */
export interface ResponseLike {
  readonly status: number;
  /** Read for the shapes that name the code in a header too. */
  readonly headers?: HeadersLike;
  text(): Promise<string>;
}

/** Reads and parses an error response; never rejects. */
export async function parseErrorResponse(response: ResponseLike): Promise<ApiError> {
  let body: string | undefined;
  try {
    body = await response.text();
  } catch {
    body = undefined;
  }
  return parseError(body, response.status, response.headers);
}

/** The part of fetch `Headers` that {@link retryAfterMs} reads. */
export interface HeadersLike {
  get(name: string): string | null;
}

/**
 * The longest wait `Retry-After` gives, in seconds (2^31). RFC 9110 sets no
 * limit on its delay-seconds; every errcat client caps them where RFC 9111
 * caps a cache's delta-seconds, so a huge value is a long wait everywhere.
 */
export const RETRY_AFTER_MAX_SECONDS = 2147483648;

// 50 Gregorian years of 365.2425 days, and the last instant of 9999.
const FIFTY_YEARS_MS = 1577847600000;
const LAST_MS = 253402300799000;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// RFC 9110's three date forms, exactly: `Date.parse` would also take many
// a date no HTTP server sends, and read `asctime()` dates as local time.
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d):(\d\d) GMT$/;
const RFC_850 = /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d\d) (\d\d):(\d\d):(\d\d) GMT$/;
const ASCTIME = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ( \d|\d\d) (\d\d):(\d\d):(\d\d) (\d{4})$/;

/** An HTTP date in epoch milliseconds, or `undefined` when it is none. */
function httpDate(value: string, now: number): number | undefined {
  let parts: [string, string, string, number, string, string, string] | undefined;
  let m: RegExpExecArray | null;
  if ((m = IMF_FIXDATE.exec(value)) !== null) {
    parts = [m[1]!, m[2]!, m[3]!, Number(m[4]), m[5]!, m[6]!, m[7]!];
  } else if ((m = RFC_850.exec(value)) !== null) {
    // A two-digit year is in now's century, unless that is more than 50
    // years ahead (RFC 9110, 5.6.7); now as the Rust client clamps it.
    const clamped = Math.min(Math.max(now, 0), LAST_MS);
    let year = Math.floor(new Date(clamped).getUTCFullYear() / 100) * 100 + Number(m[4]);
    const naive = Date.UTC(year, MONTHS.indexOf(m[3]!), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]));
    if (naive > clamped + FIFTY_YEARS_MS) {
      year -= 100;
    }
    parts = [m[1]!.slice(0, 3), m[2]!, m[3]!, year, m[5]!, m[6]!, m[7]!];
  } else if ((m = ASCTIME.exec(value)) !== null) {
    parts = [m[1]!, m[3]!, m[2]!, Number(m[7]), m[4]!, m[5]!, m[6]!];
  }
  if (parts === undefined) {
    return undefined;
  }
  const [weekday, day, month, year, hour, minute, second] = parts;
  const time = Date.UTC(year, MONTHS.indexOf(month), Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(time);
  // No 31 February, no 24:00 or leap second, and the weekday that date had.
  const exact =
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hour) &&
    date.getUTCMinutes() === Number(minute) &&
    date.getUTCSeconds() === Number(second) &&
    WEEKDAYS[date.getUTCDay()] === weekday;
  return exact && year >= 1970 && year <= 9999 ? time : undefined;
}

/**
 * How long to wait before retrying, from the `Retry-After` header:
 * delta-seconds (at most {@link RETRY_AFTER_MAX_SECONDS}) or an HTTP date in
 * any of RFC 9110's three forms, compared with `now` (epoch milliseconds).
 * `undefined` when the header is absent, unreadable or sent twice (fetch
 * joins the values with a comma); a past date is 0.
 */
export function retryAfterMs(
  response: { readonly headers: HeadersLike },
  now: number = Date.now(),
): number | undefined {
  const value = response.headers.get("retry-after")?.trim();
  if (value === undefined || value === "") {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Math.min(Number(value), RETRY_AFTER_MAX_SECONDS) * 1000;
  }
  const date = httpDate(value, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}
