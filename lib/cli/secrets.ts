import { DecryptionError, importDataKey, openValue } from "../crypto";
import { isApiError } from "./api";
import { deriveClientKey, readClientKey } from "./client-key";
import { CliError, EXIT } from "./errors";
import { displayPath, levelBody, levelUrlPath, type LevelName } from "./level-path";
import type { Session } from "./session";

// Reading a level with the levels above it and turning ciphertext into values (docs/crypto.md#wire-format, docs/cli.md#commands).
// Server-managed: decrypt=true when the key holds secret:decrypt, else key:retrieve and local
// decryption. Client-managed: the passphrase from --client-key / DOTENV_CLIENT_KEY, derived and used
// here only; the server never sees it.

type Values = Record<string, string>;

export interface KeyView {
  custody: "server" | "client";
  version: number;
  kdf: string;
  salt?: string | null;
  iterations?: number | null;
}

export interface SecretsAttributes {
  encrypted: boolean;
  levels?: Partial<Record<LevelName, Values>>;
  secrets?: Values;
  key: KeyView;
  key_versions: Partial<Record<LevelName, number>>;
  /** Each level's current version, when the server reports it (0: no blob yet). */
  versions?: Partial<Record<LevelName, number>>;
}

/** The project's active key, ready to open and seal values (and prove itself, client-managed). */
export interface ProjectCipher {
  custody: "server" | "client";
  version: number;
  dataKey: CryptoKey;
  keyProof?: string;
}

export interface ReadOptions {
  clientKeyFile?: string;
}

/** The merged values of the path (project < target < environment), decrypted. */
export async function readMergedValues(session: Session, options: ReadOptions): Promise<Map<string, string>> {
  // A client key given suggests a client-managed project: ask for ciphertext first then.
  const clientKeyGiven = options.clientKeyFile !== undefined || !!session.io.env.DOTENV_CLIENT_KEY || !!session.io.env.DOTENV_CLIENT_KEY_FILE;
  const mayDecrypt = await session.mayHave("secret:decrypt");
  if (mayDecrypt && !clientKeyGiven) {
    const decrypted = await serverDecrypted(session);
    if (decrypted) return decrypted;
  }
  const encrypted = await readSecrets(session, { merge: "false" });
  if (encrypted.key.custody === "server" && mayDecrypt && clientKeyGiven) {
    const decrypted = await serverDecrypted(session);
    if (decrypted) return decrypted;
  }
  const cipher = await projectCipher(session, encrypted.key, options);
  const merged = new Map<string, string>();
  for (const [level, values] of Object.entries(encrypted.levels ?? {}) as [LevelName, Values][]) {
    for (const [name, value] of await openLevel(session, cipher, level, values, encrypted.key_versions[level])) merged.set(name, value);
  }
  return merged;
}

/** decrypt=true, merged; null when the server cannot or may not (then decrypt locally). */
async function serverDecrypted(session: Session): Promise<Map<string, string> | null> {
  try {
    const decrypted = await readSecrets(session, { decrypt: true, merge: "true" });
    return new Map(Object.entries(decrypted.secrets ?? {}));
  } catch (error) {
    // 422: a client-managed project (no server-side decrypt); 403: the grant's scope is narrower.
    if (isApiError(error, 422, "validation_failed") || isApiError(error, 403)) return null;
    throw error;
  }
}

export async function readSecrets(session: Session, query: { decrypt?: boolean; merge: "false" | "true" | "both" }): Promise<SecretsAttributes> {
  const body = await session.api.get<{ data: { attributes: SecretsAttributes } }>(`${levelUrlPath(session.path)}/secrets`, {
    merge: query.merge, ...(query.decrypt ? { decrypt: true } : {}),
  });
  return body.data.attributes;
}

/** The active key of the project: derived from the client key, or the server's data key via key:retrieve. */
export async function projectCipher(session: Session, key: KeyView, options: ReadOptions): Promise<ProjectCipher> {
  const where = displayPath(session.path);
  if (key.custody === "client") {
    const source = readClientKey({ file: options.clientKeyFile, env: session.io.env, warn: session.warn });
    if (!source) {
      throw new CliError(`${where} is client-managed: pass --client-key=<file> (or set DOTENV_CLIENT_KEY) to decrypt and encrypt locally`, EXIT.usage);
    }
    const derived = await deriveClientKey(source.passphrase, key);
    return { custody: "client", version: key.version, dataKey: derived.dataKey, keyProof: derived.keyProof };
  }
  let retrieved: { data: { version: number; data_key?: string } };
  try {
    retrieved = await session.api.post("/secrets/retrieve", { ...levelBody(session.path), action: "key:retrieve" });
  } catch (error) {
    if (isApiError(error, 403)) {
      throw new CliError(
        `permission denied: this API key can neither decrypt ${where} on the server (secret:decrypt) nor retrieve its key (key:retrieve)`,
        EXIT.auth,
      );
    }
    throw error;
  }
  if (!retrieved.data.data_key) throw new CliError(`the server did not return the key of ${where}`, EXIT.error);
  return { custody: "server", version: retrieved.data.version, dataKey: await importDataKey(retrieved.data.data_key) };
}

/** Decrypts one level's values; a wrong client key is a clear error, never a partial result. */
export async function openLevel(
  session: Session, cipher: ProjectCipher, level: LevelName, values: Values, keyVersion: number | undefined,
): Promise<Map<string, string>> {
  const entries = Object.entries(values);
  if (entries.length === 0) return new Map();
  if (keyVersion !== undefined && keyVersion !== cipher.version) {
    throw new CliError(
      `the ${level} level of ${displayPath(session.path)} is encrypted under key version ${keyVersion}, not the active version ${cipher.version}` +
        (cipher.custody === "server" ? ": use an API key with secret:decrypt to read it" : ": re-encrypt it under the active key first (dashboard, Keys)"),
      EXIT.error,
    );
  }
  try {
    return new Map(await Promise.all(entries.map(async ([name, ciphertext]) => [name, await openValue(cipher.dataKey, name, ciphertext)] as const)));
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    throw cipher.custody === "client"
      ? new CliError(`the client key does not decrypt ${displayPath(session.path)}: wrong key for this project`, EXIT.auth)
      : new CliError(`a value of the ${level} level does not decrypt under the project's key (${error.message})`, EXIT.error);
  }
}
