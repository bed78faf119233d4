// The one error type of the application. Every layer throws it; lib/http turns it into docs/api.md#conventions's
// JSON envelope. Messages are for humans and must never contain a secret, key, token or passphrase.

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  token_expired: 401,
  invalid_token: 401,
  insufficient_permissions: 403,
  not_found: 404,
  version_conflict: 409,
  already_exists: 409,
  key_rotated: 409,
  payload_too_large: 413,
  validation_failed: 422,
  invalid_content: 422,
  invalid_ciphertext: 422,
  key_proof_required: 422,
  key_proof_mismatch: 422,
  confirmation_required: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;
  /** Seconds, for 429 responses (sent as Retry-After). */
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; retryAfter?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
