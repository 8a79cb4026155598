import { MlopsError } from '@mlops/core';

/** Error codes of the serving API, with the HTTP status each maps to. */
export const servingErrorStatus = {
  bad_json: 400,
  malformed_request: 400,
  invalid_body: 400,
  missing_feature: 422,
  wrong_type: 422,
  null_value: 422,
  unknown_field: 422,
  unknown_entity: 422,
  invalid_value: 422,
  batch_too_large: 413,
  body_too_large: 413,
  unsupported_media_type: 415,
  request_timeout: 408,
  headers_too_large: 431,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  timeout: 503,
  not_ready: 503,
  feature_lookup_failed: 502,
  internal: 500,
  non_finite_output: 500,
  // nginx's convention: the client closed the connection before the answer; it never sees this status.
  client_closed: 499,
} as const;

/** One of the codes above; clients switch on it, never on the message. */
export type ServingErrorCode = keyof typeof servingErrorStatus;

/** The JSON body of every error response. */
export interface ServingErrorBody {
  error: { code: ServingErrorCode; message: string; field: string | null; requestId?: string };
}

/**
 * A request the server refuses (or cannot serve), as data: `code`, the HTTP `status`, a message
 * saying what was expected and what was found, and the offending `field` (e.g. `rows[2].age`, also
 * the base's `path`). A 4xx is the client's bad input (`badInput`), a 5xx is not.
 */
export class ServingError extends MlopsError<ServingErrorCode> {
  readonly status: number;

  constructor(
    code: ServingErrorCode,
    message: string,
    readonly field: string | null = null,
    options?: { cause?: unknown; expected?: string; received?: string },
  ) {
    super(code, message, { ...options, path: field ?? undefined, badInput: servingErrorStatus[code] < 500 });
    this.status = servingErrorStatus[code];
  }

  /** The response body; `requestId` ties a 5xx to the server's log line. */
  toBody(requestId?: string): ServingErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field, ...(requestId ? { requestId } : {}) } };
  }
}
