import { DEFAULT_ITERATIONS, deriveProjectKey, generateSalt } from "@/lib/crypto";
import type { KeySetupInput } from "@/lib/schemas/projects";

// A client-managed key setup, computed in the browser: a fresh salt, the recommended iterations,
// and the proof the server stores a hash of. The passphrase goes in and never comes out; the
// derived (non-extractable) key comes back too, so the new project can stay unlocked in this tab.
export async function deriveKeySetup(passphrase: string): Promise<{ setup: KeySetupInput; dataKey: CryptoKey; keyProof: string }> {
  const salt = generateSalt();
  const { dataKey, keyProof } = await deriveProjectKey(passphrase, salt, DEFAULT_ITERATIONS);
  return { setup: { salt, iterations: DEFAULT_ITERATIONS, key_proof: keyProof }, dataKey, keyProof };
}
