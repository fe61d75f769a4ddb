// An app using the mini fixture's generated module. Compiled by
// `codegen/tests/typescript.rs`; each `@ts-expect-error` fails the build if
// the line below it stops being an error, so the types are pinned both ways.

import {
  ErrorCode,
  errorCategory,
  errorStatus,
  formatMessage,
  hasCode,
  isErrorCode,
  parseError,
  type ApiError,
  type ErrorCategory,
  type ErrorDetails,
  type ErrorParams,
} from "./errors.js";

// Codes are the wire strings, and the tables are keyed by them.
export const notFound: "VERSION_NOT_FOUND" = ErrorCode.VERSION_NOT_FOUND;
export const status: number = errorStatus[ErrorCode.VERSION_NOT_FOUND];
export const category: ErrorCategory = errorCategory[ErrorCode.RATE_LIMITED];

// @ts-expect-error: the tables have no other keys
export const noStatus: number = errorStatus["VERSION_NOT_FOUNDD"];

// @ts-expect-error: not a code of this catalog
export const typo: ErrorCode = "VERSION_NOT_FOUNDD";

// @ts-expect-error: categories are a closed union
export const noSuchCategory: ErrorCategory = "billing";

// Parameters are typed per code, in the message's order.
export const rendered: string = formatMessage(ErrorCode.VERSION_NOT_FOUND, { version: 3, service: "api" });
export const noParams: string = formatMessage(ErrorCode.AUTH_REQUIRED, {});
export const versionParam: ErrorParams["VERSION_NOT_FOUND"]["version"] = 7;

// @ts-expect-error: `version` is unsigned, so a number
formatMessage(ErrorCode.VERSION_NOT_FOUND, { version: "3", service: "api" });

// @ts-expect-error: `service` is missing
formatMessage(ErrorCode.VERSION_NOT_FOUND, { version: 3 });

// @ts-expect-error: AUTH_REQUIRED takes no parameters
formatMessage(ErrorCode.AUTH_REQUIRED, { version: 3 });

export function handle(error: ApiError): string {
  if (hasCode(error, ErrorCode.VALIDATION_ERROR)) {
    const code: "VALIDATION_ERROR" = error.code;
    return code;
  }
  if (!error.known) {
    // @ts-expect-error: an unknown error's code is any string, not an ErrorCode
    const code: ErrorCode = error.code;
    return code;
  }
  // Narrowed by `known`: the code is one of ours.
  const code: ErrorCode = error.code;
  return code;
}

// Typed details: a code narrowed by `hasCode` has the catalog's members.
export function latestVersion(error: ApiError): number | undefined {
  if (hasCode(error, ErrorCode.VERSION_NOT_FOUND) && error.details !== null) {
    const service: string = error.details.service;
    const days: number = error.details.retention.days;
    const kind: string | undefined = error.details.conflicts[0]?.type;
    // @ts-expect-error: `latest` is optional, so it may be undefined
    const latest: number = error.details.latest;
    // @ts-expect-error: the details are read-only, as received
    error.details.versions.push(1);
    // @ts-expect-error: no such member
    void error.details.servce;
    return service.length + days + (kind?.length ?? 0) + latest;
  }
  if (hasCode(error, ErrorCode.VALIDATION_ERROR)) {
    // Untyped details stay `unknown`: they must be checked before use.
    // @ts-expect-error: unknown has no members
    void error.details.name;
  }
  return undefined;
}

export const retention: ErrorDetails["VERSION_NOT_FOUND"]["retention"] = { days: 7 };

export const parsed: ApiError = parseError('{"error":"x","code":"RATE_LIMITED"}', 429);
export const guarded: boolean = isErrorCode(parsed.wireCode);
