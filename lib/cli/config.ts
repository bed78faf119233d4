import { CliError, EXIT } from "./errors";

// Where the CLI talks to and as whom (docs/cli.md#commands): DOTENV_API_KEY, DOTENV_API_URL (default
// http://localhost:3000). The organization comes from --organization, DOTENV_ORGANIZATION or a
// leading id in the path (see level-path.ts); without any, the key's own (an API key belongs to
// exactly one organization; GET /api/v1/whoami names it).

export const DEFAULT_API_URL = "http://localhost:3000";
/** `dtk_` + 40 base62 characters (docs/api.md#conventions). Only the shape is checked here; the server checks the rest. */
const TOKEN_SHAPE = /^dtk_[0-9A-Za-z]{40}$/;

export interface Env {
  readonly [name: string]: string | undefined;
}

export function apiBaseUrl(env: Env): URL {
  const raw = env.DOTENV_API_URL?.trim() || DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError("DOTENV_API_URL is not a valid URL (e.g. https://secrets.example.com)", EXIT.usage);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CliError("DOTENV_API_URL must start with http:// or https://", EXIT.usage);
  }
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  url.search = "";
  url.hash = "";
  return url;
}

/** The server for messages: its origin only, so credentials in the URL never reach a log. */
export function displayServer(url: URL): string {
  return url.origin;
}

export function apiToken(env: Env): string {
  const token = env.DOTENV_API_KEY?.trim();
  if (!token) {
    throw new CliError("DOTENV_API_KEY is not set: create an API key in the dashboard (API Keys) and export it", EXIT.auth);
  }
  if (!TOKEN_SHAPE.test(token)) {
    throw new CliError("DOTENV_API_KEY does not look like a DotEnv API key (dtk_ followed by 40 letters and digits)", EXIT.auth);
  }
  return token;
}
