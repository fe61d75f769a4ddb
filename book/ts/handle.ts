// The TypeScript chapter's code, type-checked with `tsc --strict` by
// codegen/tests/book.rs against the fold catalog's generated module.

// ANCHOR: handle
import { ErrorCode, hasCode, parseErrorResponse, retryAfterMs, type ApiError } from "../../generated/typescript/errors.js";

/** What to tell the user, for any error the API returns, now or later. */
export function advice(error: ApiError): string {
  if (!error.known) {
    // A code added to the API after this client was built: its message
    // and status still arrived, and `error.code` holds the string.
    return error.message;
  }
  switch (error.code) {
    case ErrorCode.AUTH_REQUIRED:
    case ErrorCode.AUTH_INVALID:
      return "Sign in again.";
    case ErrorCode.RATE_LIMITED:
      return "Slow down.";
    default:
      return error.hint ?? error.message;
  }
}
// ANCHOR_END: handle

// ANCHOR: narrow
/** `hasCode` narrows to one code, so the compiler knows which it is. */
export function functionId(error: ApiError): string | undefined {
  if (hasCode(error, ErrorCode.FUNCTION_NOT_FOUND)) {
    const code: "FUNCTION_NOT_FOUND" = error.code;
    return `${code}: ${error.message}`;
  }
  return undefined;
}
// ANCHOR_END: narrow

// ANCHOR: fetch
/** Calls the API; on an error, waits as long as `Retry-After` says, once. */
export async function getFunction(url: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url);
    if (response.ok) {
      return await response.text();
    }
    const error = await parseErrorResponse(response);
    const wait = retryAfterMs(response);
    if (attempt > 0 || wait === undefined || !hasCode(error, ErrorCode.RATE_LIMITED)) {
      throw new Error(advice(error));
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
// ANCHOR_END: fetch
