import { deriveProjectKey, generateSalt, importDataKey, openValue, sealBlob } from "../../lib/crypto";
import type { ApiClient } from "./support";

// Helpers for the secrets and versions specs: encrypting content the way a client does (with the
// data key from key:retrieve, or a client-managed passphrase), and small request shorthands.

export const PRODUCTION = { project: "my-app", target: "backend", environment: "production" } as const;

/** Seals NAME→plaintext with a server-managed project's data key (fetched once per project). */
export function serverSealer(api: ApiClient, organizationId: string, project = "my-app") {
  let key: Promise<CryptoKey> | undefined;
  const dataKey = () =>
    (key ??= api.post(`/${organizationId}/secrets/retrieve`, { project, action: "key:retrieve" }).then((response) => {
      if (response.status !== 200) throw new Error(`key:retrieve failed: ${response.status} ${response.text}`);
      return importDataKey(response.body.data.data_key);
    }));
  return {
    seal: async (values: Record<string, string>) => sealBlob(await dataKey(), values),
    open: async (name: string, ciphertext: string) => openValue(await dataKey(), name, ciphertext),
  };
}

/** A client-managed key: what POST /projects receives, and a sealer that never involves the server. */
export async function clientKey(passphrase = `correct horse battery staple ${Math.random()}`) {
  const salt = generateSalt();
  const derived = await deriveProjectKey(passphrase, salt, 600_000);
  return {
    setup: { salt, iterations: 600_000, key_proof: derived.keyProof },
    keyProof: derived.keyProof,
    dataKey: derived.dataKey,
    seal: (values: Record<string, string>) => sealBlob(derived.dataKey, values),
    open: (name: string, ciphertext: string) => openValue(derived.dataKey, name, ciphertext),
  };
}

export async function createToken(api: ApiClient, organizationId: string, permissions: unknown[]): Promise<string> {
  const response = await api.post(`/${organizationId}/tokens`, { name: `secrets spec ${Date.now()}`, permissions, expires: "30d" });
  if (response.status !== 201) throw new Error(`token creation failed: ${response.status} ${response.text}`);
  return response.body.data.token as string;
}

export async function mustSucceed<T extends { status: number; text: string }>(promise: Promise<T>, what: string): Promise<T> {
  const response = await promise;
  if (response.status >= 300) throw new Error(`${what} failed: ${response.status} ${response.text.slice(0, 300)}`);
  return response;
}

export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}
