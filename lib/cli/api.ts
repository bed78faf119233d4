import { CliError, EXIT, oneLine } from "./errors";
import { displayServer } from "./config";
import { httpRequest, type HttpResponse } from "./http";

// The CLI's HTTP client for /api/v1. Every request says `X-DotEnv-Client: cli` so the audit log
// records the CLI as its source. API errors (docs/api.md#conventions envelopes) become CliErrors with an exit
// code per class; messages come from the server, which never puts a secret in them, and the token
// is never part of any message.

const VERSION = "0.1.0";

export interface ApiErrorBody {
  error?: string;
  message?: string;
}

export class ApiError extends CliError {
  constructor(
    message: string,
    exitCode: number,
    readonly status: number,
    readonly code: string,
  ) {
    super(message, exitCode);
  }
}

export interface ApiClient {
  get<T>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  /** GET whoami in the client's organization (the key's own when none was named). */
  whoami<T>(): Promise<T>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * `organizationId` null: the key's own organization, learnt once from GET /api/v1/whoami (which
 * needs no organization in its path), so DOTENV_API_KEY alone is enough.
 */
export function createApiClient(baseUrl: URL, token: string, organizationId: string | null): ApiClient {
  let keyWhoami: Promise<{ data: { organization_id: string } }> | undefined;
  const ownWhoami = () => (keyWhoami ??= send<{ data: { organization_id: string } }>("GET", "/whoami", undefined, undefined, false));
  let organization: Promise<string> | undefined = organizationId === null ? undefined : Promise.resolve(organizationId);

  async function send<T>(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    query?: Record<string, string | number | boolean | undefined>,
    inOrganization = true,
  ): Promise<T> {
    const prefix = inOrganization ? `api/v1/${await (organization ??= ownWhoami().then((own) => own.data.organization_id))}` : "api/v1";
    const url = new URL(`${prefix}${path}`, baseUrl);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    let response: HttpResponse;
    try {
      response = await httpRequest(url, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "X-DotEnv-Client": "cli",
          "User-Agent": `dotenv-cli/${VERSION} node/${process.versions.node}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new CliError(`cannot reach the DotEnv server at ${displayServer(baseUrl)} (check DOTENV_API_URL)`, EXIT.unavailable);
    }
    // Redirects are not followed: the Authorization header must never travel to another URL.
    if (REDIRECTS.has(response.status)) {
      throw new CliError(`the server at ${displayServer(baseUrl)} answered with a redirect: set DOTENV_API_URL to the final URL (https?)`, EXIT.usage);
    }
    let parsed: unknown = null;
    try {
      parsed = response.text ? JSON.parse(response.text) : null;
    } catch {
      parsed = null;
    }
    if (response.status < 200 || response.status > 299) throw apiError(response, parsed as ApiErrorBody | null, baseUrl);
    if (parsed === null && response.status !== 204) {
      throw new CliError(`the server at ${displayServer(baseUrl)} did not answer like a DotEnv API (check DOTENV_API_URL)`, EXIT.unavailable);
    }
    return parsed as T;
  }
  return {
    get: (path, query) => send("GET", path, undefined, query),
    post: (path, body) => send("POST", path, body),
    // Without an organization given, the key's own whoami (already fetched to learn it) is the answer.
    whoami: <T>() => (organizationId === null ? (ownWhoami() as Promise<T>) : send<T>("GET", "/whoami")),
  };
}

function apiError(response: HttpResponse, body: ApiErrorBody | null, baseUrl: URL): ApiError {
  const code = body?.error ?? "unknown";
  const said = oneLine(body?.message ?? `the server answered ${response.status}`);
  const status = response.status;
  if (!body?.error) {
    return new ApiError(`the server at ${displayServer(baseUrl)} answered ${status} without a DotEnv error (check DOTENV_API_URL)`, EXIT.unavailable, status, code);
  }
  if (status === 401) return new ApiError(`authentication failed: ${said} Check DOTENV_API_KEY.`, EXIT.auth, status, code);
  if (status === 403) return new ApiError(`permission denied: ${said}`, EXIT.auth, status, code);
  if (status === 404) {
    return new ApiError(
      "not found: check the organization, project, target and environment, and that this API key may see them",
      EXIT.notFound, status, code,
    );
  }
  if (status === 409) return new ApiError(`conflict: ${said}`, EXIT.conflict, status, code);
  if (status === 429) {
    const retry = response.header("retry-after");
    return new ApiError(`rate limited: too many requests with this API key${retry ? `; retry in ${retry} s` : ""}`, EXIT.unavailable, status, code);
  }
  if (status >= 500) return new ApiError(`the server is unavailable (${status}): ${said}`, EXIT.unavailable, status, code);
  return new ApiError(said, EXIT.error, status, code);
}

export function isApiError(error: unknown, status?: number, code?: string): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status) && (code === undefined || error.code === code);
}
