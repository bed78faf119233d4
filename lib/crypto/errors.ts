// Typed errors for the crypto core. Callers map them to API errors with `instanceof`.
//
// Rule for every message in this folder: it may name a secret's NAME, a line number, a length or
// a file path, but never a value, ciphertext, key, passphrase or proof. Names are non-sensitive by
// design (docs/hierarchy.md#hierarchy); everything else is.

// Names are spelled out, not taken from the class: a production build minifies class names, and a
// log line saying "s" helps nobody.
export class CryptoError extends Error {
  override name = "CryptoError";
}

/** Input is not in the expected encoding (non-canonical base64, bad hex, ...). */
export class CryptoFormatError extends CryptoError {
  override name = "CryptoFormatError";
}

/** KDF salt / iteration count / passphrase outside what we accept (checked before deriving). */
export class KdfParameterError extends CryptoError {
  override name = "KdfParameterError";
}

export type DecryptionFailure = "malformed" | "too_short" | "authentication_failed";

/**
 * A value (or wrapped secret) could not be decrypted. `reason` lets the server answer
 * `invalid_ciphertext` precisely; the message never contains any of the data.
 */
export class DecryptionError extends CryptoError {
  override name = "DecryptionError";
  constructor(
    message: string,
    readonly reason: DecryptionFailure,
  ) {
    super(message);
  }
}

/** A blob violates docs/hierarchy.md#hierarchy. `line` is 1-based when the problem is on a specific line. */
export class BlobFormatError extends CryptoError {
  override name = "BlobFormatError";
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

/** The server master key is missing, malformed or not 32 bytes. */
export class MasterKeyError extends CryptoError {
  override name = "MasterKeyError";
}
