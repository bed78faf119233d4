import { deriveProjectKey, openValue, sealValue } from "@/lib/crypto";
import type { KeysMeta, KeyVersionView } from "@/lib/schemas/keys";
import { apiData, apiPath, apiRequest } from "./api";

// Unlocking a client-managed project in the browser: the passphrase is turned into the data key
// and key proof right here (WebCrypto) and only the proof is sent, to check it before anything is
// written. The passphrase itself never leaves this module's caller.

export interface UnlockedProjectKey {
  /** The active key version this key belongs to. */
  version: number;
  /** Non-extractable AES-256-GCM key. */
  dataKey: CryptoKey;
  /** Sent with every write so the server can check the key (it stores only a hash of it). */
  keyProof: string;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super("That passphrase does not unlock this project.");
    this.name = "WrongPassphraseError";
  }
}

export async function unlockProjectKey(organizationId: string, project: string, passphrase: string): Promise<UnlockedProjectKey> {
  const keys = await apiRequest<KeyVersionView[]>(apiPath(organizationId, project, "keys"));
  const active = keys.data.find((version) => version.state === "active");
  if ((keys.meta as KeysMeta | undefined)?.custody !== "client" || !active?.salt || !active.iterations || !active.configured) {
    throw new Error("This project has no client-managed key to unlock.");
  }
  // deriveProjectKey refuses KDF parameters outside the range of docs/crypto.md#wire-format, whatever the server sent.
  const derived = await deriveProjectKey(passphrase, active.salt, active.iterations);
  const check = await apiData<{ version: number; valid: boolean }>(apiPath(organizationId, project, "keys", "check"), {
    method: "POST",
    body: { key_proof: derived.keyProof },
  });
  if (!check.valid) throw new WrongPassphraseError();
  return { version: check.version, dataKey: derived.dataKey, keyProof: derived.keyProof };
}

/** NAME → plaintext for NAME → ciphertext; AAD binds each value to its name. */
export async function decryptValues(dataKey: CryptoKey, ciphertexts: Record<string, string>): Promise<Record<string, string>> {
  const entries = await Promise.all(Object.entries(ciphertexts).map(async ([name, ciphertext]) => [name, await openValue(dataKey, name, ciphertext)] as const));
  return Object.fromEntries(entries);
}

export async function encryptValue(dataKey: CryptoKey, name: string, plaintext: string): Promise<string> {
  return sealValue(dataKey, name, plaintext);
}
