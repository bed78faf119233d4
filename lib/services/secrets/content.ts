import "server-only";
import type { KeyObject } from "node:crypto";
import { BlobFormatError, DecryptionError, MAX_BLOB_BYTES, parseBlob, serializeBlob, utf8ByteLength, verifyKeyProof } from "@/lib/crypto";
import { openValueBytes, valueKey } from "@/lib/crypto/reseal-node";
import type { Db } from "@/lib/data/client";
import { AppError } from "@/lib/errors";
import type { ProjectRef } from "../access/lookup";
import { recordAuditEvent } from "../audit/record";
import type { ServiceContext } from "../context";
import { rotatedVersionOpening, rotatedVersionProving, writtenUnderRotatedKey } from "../keys/rotated-keys";
import { serverDataKey } from "../keys/server-custody";

// The content of a level: checking a blob a client submits (docs/hierarchy.md#hierarchy, docs/api.md#secrets store) and decrypting
// stored ones server-side. Errors name secrets by NAME and lines by number, never a value.

export type Tags = Record<string, string[]>;

/** parseSubmittedContent for one of several blobs in a request: its errors start with `label`. */
export function parseLabelledContent(content: string, label: string): Map<string, string> {
  try {
    return parseSubmittedContent(content);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${label}: ${error.message}`, { details: error.details });
    throw error;
  }
}

/** Parses a submitted blob: 413 over 256 KiB, 422 invalid_content (with the line) otherwise. */
export function parseSubmittedContent(content: string): Map<string, string> {
  const bytes = utf8ByteLength(content);
  if (bytes > MAX_BLOB_BYTES) {
    throw new AppError("payload_too_large", `The content is ${bytes} bytes; a level holds at most ${MAX_BLOB_BYTES} bytes (256 KiB).`);
  }
  try {
    return parseBlob(content);
  } catch (error) {
    if (error instanceof BlobFormatError) {
      throw new AppError("invalid_content", `The content is not a valid blob: ${error.message}.`, { details: error.line ? [{ line: error.line }] : undefined });
    }
    throw error;
  }
}

/** What is stored: one NAME=CIPHERTEXT line per entry, without the comments and blank lines sent. */
export const canonicalBlob = (entries: Map<string, string>): string => serializeBlob(entries);

/**
 * The tags a write stores: those sent (for names of the content only, deduplicated), or — when none
 * are sent — the level's current tags of the names that remain, so a plain push keeps them.
 */
export function tagsForWrite(entries: Map<string, string>, sent: Tags | undefined, current: unknown): Tags {
  if (sent) {
    const unknown = Object.keys(sent).filter((name) => !entries.has(name));
    if (unknown.length > 0) {
      throw new AppError("validation_failed", `tags name ${unknown.join(", ")}, which the content does not define.`, {
        details: unknown.map((name) => ({ path: `tags.${name}`, message: "Not a name of this content." })),
      });
    }
    return Object.fromEntries(Object.entries(sent).filter(([, tags]) => tags.length > 0).map(([name, tags]) => [name, [...new Set(tags)]]));
  }
  return Object.fromEntries(Object.entries(tagsOf(current)).filter(([name]) => entries.has(name)));
}

/** A stored tags column ({NAME: [tag, …]}), tolerating anything malformed as "no tags". */
export function tagsOf(stored: unknown): Tags {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {};
  return Object.fromEntries(
    Object.entries(stored as Record<string, unknown>)
      .filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]))
      .map(([name, tags]) => [name, tags.filter((tag): tag is string => typeof tag === "string")]),
  );
}

/**
 * Client custody: the write must prove it used the active key (docs/api.md#secrets); nothing is
 * stored otherwise. A rotated key's proof is 409 key_rotated, any other wrong one 422.
 */
export async function checkKeyProof(db: Db, projectId: string, active: { version: number; proofHash: string | null }, keyProof: string | undefined): Promise<void> {
  if (!active.proofHash) {
    throw new AppError("key_proof_required", "This project's key is not set up yet (POST …/keys/verification), so no write can be verified.");
  }
  if (!keyProof) throw new AppError("key_proof_required", "This project's key is held by its clients: send key_proof with the write.");
  if (await verifyKeyProof(keyProof, active.proofHash)) return;
  const rotated = await rotatedVersionProving(db, projectId, keyProof);
  if (rotated !== null) throw writtenUnderRotatedKey(rotated, active.version);
  throw new AppError("key_proof_mismatch", "key_proof does not match the project's active key; nothing was stored.");
}

/**
 * Server custody: every value must decrypt under the active key (with its NAME as AAD). A value
 * under a rotated key is 409 key_rotated (the writer read before a rotation), any other 422.
 */
export async function checkDecryptsUnderKey(db: Db, projectId: string, keyVersion: number, entries: Map<string, string>): Promise<void> {
  const { dataKeyBase64 } = await serverDataKey(db, projectId, keyVersion);
  const result = openEntries(dataKeyBase64, entries);
  if (!("failed" in result)) return;
  const { name, ciphertext } = result.failed;
  const rotated = await rotatedVersionOpening(db, projectId, name, ciphertext);
  if (rotated !== null) throw writtenUnderRotatedKey(rotated, keyVersion);
  throw new AppError("invalid_ciphertext", `The value of ${name} does not decrypt under the project's active key (version ${keyVersion}); nothing was stored.`);
}

/** Where stored values were read from: a failure to decrypt them is reported against it. */
export interface StoredAt {
  context: ServiceContext;
  /** The level's slug path, e.g. `my-app/backend/production`. */
  level: string;
}

/**
 * Decrypts stored NAME→ciphertext pairs of a server-managed project, keeping their order. A stored
 * value that no longer opens under its own key version was altered or corrupted after it was
 * accepted (every store checks that it decrypts): that is an integrity failure, not an outage.
 */
export async function decryptEntries(db: Db, project: ProjectRef, keyVersion: number, entries: Map<string, string>, at: StoredAt): Promise<Map<string, string>> {
  if (project.custody !== "SERVER") throw cannotDecrypt();
  const { dataKeyBase64 } = await serverDataKey(db, project.id, keyVersion);
  const result = openEntries(dataKeyBase64, entries);
  if ("opened" in result) return result.opened;
  throw await integrityFailure(at, result.failed.name, keyVersion, result.failed.reason);
}

type Opening = { opened: Map<string, string> } | { failed: { name: string; ciphertext: string; reason: DecryptionError["reason"] } };

/**
 * Opens every value (NAME as AAD) with node:crypto, synchronously: for values this small one
 * WebCrypto job per value (a thread-pool round trip each) costs several times the AES-GCM itself.
 * Same format, same checks (lib/crypto/reseal-node.ts). Stops at the first value that does not open.
 */
function openEntries(dataKeyBase64: string, entries: Map<string, string>): Opening {
  const rawKey = Buffer.from(dataKeyBase64, "base64");
  const opened = new Map<string, string>();
  try {
    const key = valueKey(rawKey);
    for (const [name, ciphertext] of entries) {
      try {
        opened.set(name, openValueText(key, name, ciphertext));
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        return { failed: { name, ciphertext, reason: error.reason } };
      }
    }
    return { opened };
  } finally {
    rawKey.fill(0);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function openValueText(key: KeyObject, name: string, ciphertext: string): string {
  const plaintext = openValueBytes(key, name, ciphertext);
  try {
    return strictUtf8.decode(plaintext);
  } catch {
    // Authentic but not UTF-8: only possible if someone sealed raw bytes with our key.
    throw new DecryptionError(`Value of ${name} is not UTF-8 text`, "malformed");
  } finally {
    plaintext.fill(0);
  }
}

/**
 * 422 invalid_ciphertext naming the level and the secret (never a value), after logging it and
 * recording it in the audit log, so an operator learns of tampering or corruption from either.
 */
async function integrityFailure(at: StoredAt, name: string, keyVersion: number, reason: string): Promise<AppError> {
  const { context, level } = at;
  console.error(`[dotenv] integrity failure: organization ${context.organizationId} level ${level} secret ${name} key version ${keyVersion}: ${reason}`);
  await recordAuditEvent(context.actor, {
    organizationId: context.organizationId, action: "secret.integrity_failure", resourcePath: context.path, outcome: "ERROR", status: 422,
    metadata: { level, name, key_version: keyVersion, reason },
  }).catch(() => undefined); // the answer is an error either way; the log line above still says it
  return new AppError(
    "invalid_ciphertext",
    `The stored value of ${name} at ${level} does not decrypt under key version ${keyVersion}: it was altered or corrupted after it was stored. Restore a version that opens, or store the value again.`,
  );
}

export function cannotDecrypt(): AppError {
  return new AppError(
    "validation_failed",
    "This project's key is held by its clients (client-managed), so the server cannot decrypt it: request ciphertext and decrypt it locally.",
  );
}
