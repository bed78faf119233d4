// The dashboard's one way to call the REST API from the browser. The session cookie authenticates
// (same-origin only for changes), so every page goes through the same endpoints, authorize() and
// audit trail as API keys and the CLI. Errors arrive as docs/api.md#conventions envelopes and become ApiError.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface ApiRequest {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
}

export interface ApiResult<T> {
  data: T;
  meta?: Record<string, unknown>;
  /** The whole parsed JSON body (some endpoints answer with extra top-level fields, e.g. `message`). */
  body: Record<string, unknown> | null;
  status: number;
}

/** `/api/v1/{organizationId}/...` path segments joined and URL-encoded one by one. */
export function apiPath(organizationId: string, ...segments: (string | number)[]): string {
  return ["/api/v1", organizationId, ...segments].map((segment, index) => (index === 0 ? segment : encodeURIComponent(String(segment)))).join("/");
}

/** Calls the API and returns `data` (and `meta`), or throws ApiError with the server's code and message. */
export async function apiRequest<T>(path: string, request: ApiRequest = {}): Promise<ApiResult<T>> {
  const response = await send(path, request, "application/json");
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response, body);
  const record = body as Record<string, unknown> | null;
  return { data: (record?.data ?? null) as T, meta: record?.meta as Record<string, unknown> | undefined, body: record, status: response.status };
}

/** A text answer (e.g. raw=true .env), or ApiError from the JSON error envelope. */
export async function apiText(path: string, request: ApiRequest = {}): Promise<string> {
  const response = await send(path, request, "text/plain, application/json");
  if (!response.ok) throw errorOf(response, await response.json().catch(() => null));
  return response.text();
}

function errorOf(response: Response, body: unknown): ApiError {
  const envelope = (body ?? {}) as { error?: string; message?: string; details?: unknown };
  return new ApiError(response.status, envelope.error ?? "unavailable", envelope.message ?? `The server answered ${response.status}.`, envelope.details);
}

async function send(path: string, request: ApiRequest, accept: string): Promise<Response> {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  try {
    return await fetch(url, {
      method: request.method ?? "GET",
      headers: request.body === undefined ? { accept } : { accept, "content-type": "application/json" },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: "same-origin",
      cache: "no-store",
      signal: request.signal,
    });
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "Could not reach the server. Check your connection and try again.");
  }
}

/** Shorthand when only `data` matters. */
export async function apiData<T>(path: string, request: ApiRequest = {}): Promise<T> {
  return (await apiRequest<T>(path, request)).data;
}

/** A message fit for a toast or an inline alert, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong. Try again.";
}
