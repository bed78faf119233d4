// The per-level blob (docs/hierarchy.md#hierarchy): UTF-8 text, one NAME=CIPHERTEXT per line, "\n" endings, no
// duplicate names; blank lines and lines starting with "#" are ignored.
//
// Names are plaintext by design, so errors may quote a *valid* name. They never quote a value,
// nor the text of a line that failed to parse (it may be a pasted secret).

import { MIN_SEALED_BYTES } from "./aes-gcm";
import { base64DecodedLength, utf8ByteLength } from "./encoding";
import { BlobFormatError } from "./errors";
import { openValue, sealValue } from "./values";

export const SECRET_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_BLOB_BYTES = 256 * 1024;
export const MAX_NAMES_PER_BLOB = 1000;

/** NAME→value pairs in order: a Map, an array of pairs, or a plain record. */
export type BlobEntries =
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string>>;

export function isValidSecretName(name: string): boolean {
  return SECRET_NAME_PATTERN.test(name);
}

/** Parse a blob into NAME→ciphertext, in file order. Ciphertexts are checked for shape only. */
export function parseBlob(text: string): Map<string, string> {
  checkBlobSize(text);
  const entries = new Map<string, string>();
  const firstLine = new Map<string, number>();
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    if (line.trim() === "" || line.startsWith("#")) continue;
    if (line.includes("\r")) {
      throw new BlobFormatError("contains a carriage return; blob lines must end with \\n only", lineNumber);
    }
    const eq = line.indexOf("=");
    if (eq === -1) throw new BlobFormatError("expected NAME=CIPHERTEXT but found no '='", lineNumber);
    const name = line.slice(0, eq);
    const ciphertext = line.slice(eq + 1);
    const problem = entryProblem(name, ciphertext);
    if (problem) throw new BlobFormatError(problem, lineNumber);
    const earlier = firstLine.get(name);
    if (earlier !== undefined) {
      throw new BlobFormatError(`duplicate name ${name} (first defined on line ${earlier})`, lineNumber);
    }
    if (entries.size === MAX_NAMES_PER_BLOB) {
      throw new BlobFormatError(`more than ${MAX_NAMES_PER_BLOB} names in one blob`, lineNumber);
    }
    firstLine.set(name, lineNumber);
    entries.set(name, ciphertext);
  }
  return entries;
}

/** Serialise NAME→ciphertext pairs: "NAME=CIPHERTEXT\n" per entry, in the given order. */
export function serializeBlob(entries: BlobEntries): string {
  const seen = new Set<string>();
  let text = "";
  for (const [index, [name, ciphertext]] of toPairs(entries).entries()) {
    const where = `entry ${index + 1}`;
    const problem = entryProblem(name, ciphertext);
    if (problem) throw new BlobFormatError(`${where}: ${problem}`);
    if (seen.has(name)) throw new BlobFormatError(`${where}: duplicate name ${name}`);
    seen.add(name);
    text += `${name}=${ciphertext}\n`;
  }
  if (seen.size > MAX_NAMES_PER_BLOB) {
    throw new BlobFormatError(`${seen.size} names; the maximum is ${MAX_NAMES_PER_BLOB} per blob`);
  }
  checkBlobSize(text);
  return text;
}

/** Encrypt NAME→plaintext pairs (fresh IV each) into blob text. */
export async function sealBlob(dataKey: CryptoKey, values: BlobEntries): Promise<string> {
  const pairs = toPairs(values);
  // Fail on a bad name before doing any crypto; serializeBlob re-checks everything else.
  for (const [index, [name]] of pairs.entries()) {
    if (!isValidSecretName(name)) {
      throw new BlobFormatError(`entry ${index + 1}: ${invalidNameMessage()}`);
    }
  }
  const sealed = await Promise.all(
    pairs.map(async ([name, plaintext]) => [name, await sealValue(dataKey, name, plaintext)] as const),
  );
  return serializeBlob(sealed);
}

/** Parse and decrypt a blob into NAME→plaintext, in file order. */
export async function openBlob(dataKey: CryptoKey, blobText: string): Promise<Map<string, string>> {
  const opened = await Promise.all(
    [...parseBlob(blobText)].map(
      async ([name, ciphertext]) => [name, await openValue(dataKey, name, ciphertext)] as const,
    ),
  );
  return new Map(opened);
}

/**
 * Re-encrypt a blob under another key (rotation, re-encrypting history): every value is opened
 * with `from` and sealed with `to` under a fresh IV; names and their order are kept. A value that
 * does not open under `from` fails the whole blob (DecryptionError naming the NAME only).
 */
export async function resealBlob(from: CryptoKey, to: CryptoKey, blobText: string): Promise<string> {
  const resealed = await Promise.all(
    [...parseBlob(blobText)].map(
      async ([name, ciphertext]) => [name, await sealValue(to, name, await openValue(from, name, ciphertext))] as const,
    ),
  );
  return serializeBlob(resealed);
}

function entryProblem(name: string, ciphertext: string): string | null {
  if (!isValidSecretName(name)) return invalidNameMessage();
  if (!isCiphertextShaped(ciphertext)) {
    return `the value of ${name} is not a ciphertext (base64 of IV ‖ ciphertext ‖ tag)`;
  }
  return null;
}

function invalidNameMessage(): string {
  return `invalid name (names must match ${SECRET_NAME_PATTERN.source})`;
}

function isCiphertextShaped(ciphertext: string): boolean {
  try {
    return base64DecodedLength(ciphertext) >= MIN_SEALED_BYTES;
  } catch {
    return false;
  }
}

function checkBlobSize(text: string): void {
  const bytes = utf8ByteLength(text);
  if (bytes > MAX_BLOB_BYTES) {
    throw new BlobFormatError(`blob is ${bytes} bytes; the maximum is ${MAX_BLOB_BYTES} bytes (256 KiB)`);
  }
}

function toPairs(entries: BlobEntries): Array<readonly [string, string]> {
  return isIterable(entries) ? [...entries] : Object.entries(entries);
}

function isIterable(value: BlobEntries): value is Iterable<readonly [string, string]> {
  return typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === "function";
}
