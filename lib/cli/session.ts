import { createApiClient, type ApiClient } from "./api";
import { stringOption, type ParsedArgs } from "./args";
import { apiBaseUrl, apiToken, type Env } from "./config";
import { CliError, EXIT } from "./errors";
import { parseLevelPath, type LevelPath } from "./level-path";
import { permissionCovers, type Whoami } from "./permissions";

// What every command that talks to the server starts from: the API client for the organization,
// the level path, and a lazily fetched whoami (the key's permissions decide between server-side
// decrypt and local decryption, and let push refuse early with a clear message).

export interface Io {
  env: Env;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
}

export interface Session {
  api: ApiClient;
  path: LevelPath;
  io: Io;
  warn(message: string): void;
  info(message: string): void;
  whoami(): Promise<Whoami>;
  /** false only when the key certainly lacks the permission here (team scopes are left to the server). */
  mayHave(permission: string): Promise<boolean>;
}

export function openSession(io: Io, args: ParsedArgs, pathText?: string): Session {
  const path = parseLevelPath(pathText);
  const baseUrl = apiBaseUrl(io.env);
  const token = apiToken(io.env);
  const organizationId = resolveOrganization(io.env, args, path);
  const api = createApiClient(baseUrl, token, organizationId);
  let whoami: Promise<Whoami> | undefined;
  const session: Session = {
    api, path, io,
    warn: (message) => io.stderr.write(`dotenv: warning: ${message}\n`),
    info: (message) => io.stderr.write(`${message}\n`),
    whoami: () => (whoami ??= api.whoami<{ data: Whoami }>().then((body) => body.data)),
    mayHave: async (permission) => permissionCovers((await session.whoami()).permissions, permission, path),
  };
  return session;
}

/** A session without a level path (whoami). */
export function openOrganizationSession(io: Io, args: ParsedArgs): { api: ApiClient } {
  const baseUrl = apiBaseUrl(io.env);
  const token = apiToken(io.env);
  return { api: createApiClient(baseUrl, token, resolveOrganization(io.env, args, null)) };
}

const ORGANIZATION_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The organization named by --organization, the path or DOTENV_ORGANIZATION; null: the key's own. */
function resolveOrganization(env: Env, args: ParsedArgs, path: LevelPath | null): string | null {
  const given = stringOption(args, "organization") ?? path?.organizationId ?? env.DOTENV_ORGANIZATION?.trim();
  if (!given) return null;
  if (!ORGANIZATION_ID.test(given)) throw new CliError("the organization id is not valid (26 characters, e.g. 01ARZ3NDEKTSV4RRFFQ69G5FAV)", EXIT.usage);
  return given;
}
