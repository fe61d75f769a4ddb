// The function-compute catalog's client: every code handled, checked.

// ANCHOR: exhaustive
import { ErrorCode, type ApiError } from "../../examples/function-compute/generated/typescript/errors.js";

type Action = "fix the request" | "fix the credentials" | "create it first" | "retry";

export function action(error: ApiError): Action | undefined {
  if (!error.known) {
    return undefined; // a code newer than this client
  }
  switch (error.code) {
    case ErrorCode.INVALID_ARGUMENT:
    case ErrorCode.MISSING_REQUIRED_HEADER:
    case ErrorCode.PATH_NOT_SUPPORTED:
    case ErrorCode.ENTITY_TOO_LARGE:
      return "fix the request";
    case ErrorCode.ACCESS_DENIED:
    case ErrorCode.SIGNATURE_NOT_MATCH:
    case ErrorCode.INVALID_ACCESS_KEY_ID:
      return "fix the credentials";
    case ErrorCode.SERVICE_NOT_FOUND:
    case ErrorCode.ALIAS_NOT_FOUND:
    case ErrorCode.DOMAIN_NAME_NOT_FOUND:
    case ErrorCode.VERSION_NOT_FOUND:
      return "create it first";
    case ErrorCode.CONCURRENT_UPDATE_ERROR:
    case ErrorCode.RESOURCE_EXHAUSTED:
    case ErrorCode.RESOURCE_THROTTLED:
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return "retry";
    default: {
      // Stops compiling when the catalog gains a code not handled above.
      const unhandled: never = error;
      return unhandled;
    }
  }
}
// ANCHOR_END: exhaustive
