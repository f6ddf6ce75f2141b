/** What a request to `newsdedup serve` can fail with, as an HTTP status and a stable code. */
export type WebErrorCode =
  | 'bad_parameter'
  | 'not_found'
  | 'unauthorized'
  | 'bad_host'
  | 'method_not_allowed'
  | 'database_missing'
  | 'database_locked'
  | 'database_unreadable'
  | 'database_not_newsdedup'
  | 'schema_too_new'
  | 'internal_error';

/** HTTP status of each code. */
const STATUS: Record<WebErrorCode, number> = {
  bad_parameter: 400,
  bad_host: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  database_missing: 503,
  database_locked: 503,
  database_unreadable: 503,
  database_not_newsdedup: 503,
  schema_too_new: 503,
  internal_error: 500,
};

/**
 * An error a page or API answer shows to the reader: its message is written for them (what was expected, what was
 * received, what to do) and never carries a stack trace or a server path.
 */
export class WebError extends Error {
  override readonly name = 'WebError';
  readonly code: WebErrorCode;
  readonly status: number;

  /** `options.status` overrides the code's status (a framework's own 4xx, such as 415, keeps its number). */
  constructor(code: WebErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? STATUS[code];
  }
}
