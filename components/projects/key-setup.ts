import { DEFAULT_ITERATIONS, deriveProjectKey, generateSalt } from "@/lib/crypto";
import type { KeySetupInput } from "@/lib/schemas/projects";

// A client-managed key setup, computed in the browser: a fresh salt, the recommended iterations,
// and the proof the server stores a hash of. The passphrase goes in and never comes out.
export async function deriveKeySetup(passphrase: string): Promise<KeySetupInput> {
  const salt = generateSalt();
  const { keyProof } = await deriveProjectKey(passphrase, salt, DEFAULT_ITERATIONS);
  return { salt, iterations: DEFAULT_ITERATIONS, key_proof: keyProof };
}
