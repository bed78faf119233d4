// The token shown once after creating or rotating a key, handed to that key's API Explorer when
// the person clicks "Test it in the API Explorer": a variable of this browser tab's JavaScript,
// carried across the in-app navigation — never in a URL, storage, a cookie or the query cache, and
// gone on reload. Only the Explorer of the same key can read it.

let handed: { keyId: string; token: string } | null = null;

export function handOffToken(keyId: string, token: string): void {
  handed = { keyId, token };
}

export function handedOffToken(keyId: string): string | null {
  return handed?.keyId === keyId ? handed.token : null;
}

/** Forgets the token (the Explorer calls this when it closes). */
export function forgetHandedOffToken(keyId: string): void {
  if (handed?.keyId === keyId) handed = null;
}
