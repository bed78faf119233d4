import fs from "node:fs";
import { deriveProjectKey, KdfParameterError, type ProjectKey } from "../crypto";
import { CliError, EXIT } from "./errors";
import type { Env } from "./config";

// The key of a client-managed project (docs/crypto.md#wire-format, docs/cli.md#commands): its passphrase, which never leaves this
// machine. From --client-key=<file> (preferred) or DOTENV_CLIENT_KEY_FILE=<file>, else the value
// itself in DOTENV_CLIENT_KEY — with a warning, since a value leaks through shell history, CI
// logs and process listings.
//
// Key file format: the passphrase as UTF-8 text, nothing else. One trailing line break (\n or \r\n)
// is ignored, so `echo "$PASSPHRASE" > key` and editors that end files with a newline both work;
// every other character, spaces included, is part of the passphrase.

export interface ClientKeySource {
  passphrase: string;
  byValue: boolean;
}

export interface ClientKeyOptions {
  file?: string;
  env: Env;
  warn: (message: string) => void;
}

/** The passphrase, or null when none was given. Errors never echo the option (it may be a key). */
export function readClientKey({ file, env, warn }: ClientKeyOptions): ClientKeySource | null {
  const path = file ?? (env.DOTENV_CLIENT_KEY_FILE || undefined);
  if (path !== undefined) return { passphrase: readKeyFile(path, file !== undefined ? "--client-key" : "DOTENV_CLIENT_KEY_FILE", warn), byValue: false };
  const value = env.DOTENV_CLIENT_KEY;
  if (!value) return null;
  warn(
    "the client key was passed by value in DOTENV_CLIENT_KEY; values leak through shell history, logs and process listings. " +
      "Prefer --client-key=<file>.",
  );
  const passphrase = stripOneLineBreak(value);
  if (passphrase.length === 0) throw new CliError("DOTENV_CLIENT_KEY is empty", EXIT.usage);
  return { passphrase, byValue: true };
}

function readKeyFile(path: string, source: string, warn: (message: string) => void): string {
  let text: string;
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile()) throw Object.assign(new Error(), { code: "EISDIR" });
    // Like ssh with its private keys: a key anyone on the machine can read is worth a warning.
    if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
      warn(`the client key file given by ${source} can be read by other users; chmod 600 it`);
    }
    text = fs.readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EACCES" ? "cannot be read (permission denied)" : code === "EISDIR" ? "is not a file" : "cannot be read";
    // The argument is not repeated: someone may have typed the key itself instead of a path.
    throw new CliError(`the client key file given by ${source} ${why} (it takes the path of a file holding the key)`, EXIT.usage);
  }
  const passphrase = stripOneLineBreak(text);
  if (passphrase.length === 0) throw new CliError(`the client key file given by ${source} is empty`, EXIT.usage);
  return passphrase;
}

function stripOneLineBreak(text: string): string {
  return text.replace(/\r?\n$/, "");
}

export interface KdfParameters {
  salt?: string | null;
  iterations?: number | null;
}

/**
 * Derives the project key from the passphrase with the parameters the server sent, refusing any
 * outside the range of docs/crypto.md#wire-format before deriving: a hostile server must not talk us into a weak KDF.
 */
export async function deriveClientKey(passphrase: string, params: KdfParameters): Promise<ProjectKey> {
  if (!params.salt || !params.iterations) {
    throw new CliError("this client-managed project has no key set up yet: set its passphrase in the dashboard first", EXIT.error);
  }
  try {
    return await deriveProjectKey(passphrase, params.salt, params.iterations);
  } catch (error) {
    if (error instanceof KdfParameterError) {
      throw new CliError(`refusing to derive the client key: the server sent unsafe key parameters (${error.message})`, EXIT.error);
    }
    throw error;
  }
}
