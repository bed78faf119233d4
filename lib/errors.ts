// The one error type of the application. Every layer throws it; lib/http turns it into docs/api.md#conventions's
// JSON envelope. Messages are for humans and must never contain a secret, key, token or passphrase.

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthenticated: 401,
  token_expired: 401,
  invalid_token: 401,
  insufficient_permissions: 403,
  // 403 when an organization enforces 2FA and the member has none; 401 for a session still waiting
  // for its second factor (AppError's `status` option, see twoFactorPending()).
  two_factor_required: 403,
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

  /** `status` overrides the code's usual status where one code names two cases (two_factor_required). */
  constructor(code: ErrorCode, message: string, options: { details?: unknown; retryAfter?: number; status?: 401 | 403 } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? ERROR_STATUS[code];
    this.details = options.details;
    this.retryAfter = options.retryAfter;
  }
}

/** A session that has passed its password but not its second factor: it may only complete it. */
export function twoFactorPending(): AppError {
  return new AppError("two_factor_required", "Complete two-factor authentication first (/login/two-factor).", { status: 401 });
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
