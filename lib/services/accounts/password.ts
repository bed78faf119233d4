import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id at OWASP's recommended minimum (19 MiB memory, 2 iterations, 1 lane).
// (`Algorithm` is a const enum, which isolated modules cannot read: 2 is Algorithm.Argon2id.)
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A hash of a random password, computed once, that no input matches. Checking an unknown email's
// password against it costs exactly what a wrong password costs, so timing reveals no accounts.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hash(crypto.randomUUID(), ARGON2_OPTIONS);
  return decoyHash;
}

/** Verifies `password` against `storedHash`, or against a decoy when there is no such user. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  const target = storedHash ?? (await decoy());
  try {
    const ok = await verify(target, password);
    return ok && storedHash !== null;
  } catch {
    return false;
  }
}
