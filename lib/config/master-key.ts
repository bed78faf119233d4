import "server-only";

// Loads the server master key that wraps server-managed project key material (docs/crypto.md#wire-format, docs/running.md#configuration).
//
//   DOTENV_MASTER_KEY set          → must be base64 of exactly 32 bytes.
//   unset, NODE_ENV=production and
//   DATABASE_URL set               → refuse: a real deployment must configure its key explicitly
//                                    (app servers are stateless; a per-instance file would differ).
//   unset otherwise                → <data dir>/master.key, generated on first use (mode 0600).
//                                    This covers `npm run dev` and `next start` on the embedded
//                                    database, which also runs with NODE_ENV=production.
//
// Nothing here logs, and no error message contains key material.

import { promises as fs } from "node:fs";
import path from "node:path";
import { base64Encode, hexEncode, importMasterKey, MASTER_KEY_BYTES, MasterKeyError, randomBytes } from "@/lib/crypto";
import { dataDirectory } from "./data-directory";

const KEY_FILE_NAME = "master.key";

let cached: Promise<CryptoKey> | undefined;

/** The master key as a non-extractable AES-256-GCM CryptoKey, resolved once per process. */
export function loadMasterKey(): Promise<CryptoKey> {
  if (cached) return cached;
  const attempt = resolveMasterKey();
  cached = attempt;
  // Do not cache a configuration error: the next call should see a fixed environment.
  attempt.catch(() => {
    if (cached === attempt) cached = undefined;
  });
  return attempt;
}

/** Tests only: forget the cached key so the next load re-reads the environment. */
export function resetMasterKeyCacheForTests(): void {
  cached = undefined;
}

/** Where the generated key lives when DOTENV_MASTER_KEY is not set. */
export function masterKeyFilePath(): string {
  return path.join(dataDirectory(), KEY_FILE_NAME);
}

async function resolveMasterKey(): Promise<CryptoKey> {
  // An empty assignment (`DOTENV_MASTER_KEY=` in a .env or compose file) counts as unset.
  const fromEnv = process.env.DOTENV_MASTER_KEY?.trim();
  if (fromEnv) {
    return importOrExplain(fromEnv, "DOTENV_MASTER_KEY");
  }
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL) {
    throw new MasterKeyError(
      "DOTENV_MASTER_KEY is required in production (DATABASE_URL is set). " +
        "Generate one with `openssl rand -base64 32` and give every instance the same value.",
    );
  }
  const file = masterKeyFilePath();
  return importOrExplain(await readOrCreateKeyFile(file), file);
}

async function importOrExplain(keyB64: string, source: string): Promise<CryptoKey> {
  try {
    return await importMasterKey(keyB64);
  } catch (error) {
    if (error instanceof MasterKeyError) {
      throw new MasterKeyError(`${source} is not a valid master key: ${error.message}`);
    }
    throw error;
  }
}

async function readOrCreateKeyFile(file: string): Promise<string> {
  try {
    return await readKeyFile(file);
  } catch (error) {
    if (!isErrno(error, "ENOENT")) throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const keyB64 = base64Encode(randomBytes(MASTER_KEY_BYTES));

  // Write a private temp file, then hard-link it into place. link() fails with EEXIST instead of
  // replacing, so when two processes race exactly one key wins and the loser reads it — unlike
  // rename(), which would let the second writer replace a key the first is already using.
  const tmp = `${file}.${process.pid}.${hexEncode(randomBytes(6))}.tmp`;
  await fs.writeFile(tmp, keyB64 + "\n", { mode: 0o600, flag: "wx" });
  try {
    await fs.chmod(tmp, 0o600); // the umask may have narrowed the mode, never widened; be exact
    await fs.link(tmp, file);
    return keyB64;
  } catch (error) {
    if (isErrno(error, "EEXIST")) return readKeyFile(file);
    if (!isErrno(error, "EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS")) throw error;
    // Filesystems without hard links: an exclusive create still guarantees a single winner.
    try {
      await fs.writeFile(file, keyB64 + "\n", { mode: 0o600, flag: "wx" });
      return keyB64;
    } catch (fallbackError) {
      if (isErrno(fallbackError, "EEXIST")) return readKeyFile(file);
      throw fallbackError;
    }
  } finally {
    await fs.unlink(tmp).catch(() => undefined);
  }
}

/** Read the key file; a racing non-atomic writer (fallback path) may briefly leave it empty. */
async function readKeyFile(file: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const content = (await fs.readFile(file, "utf8")).trim();
    if (content !== "" || attempt >= 10) return content;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function isErrno(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && "code" in error && codes.includes(String(error.code));
}
