// Tests only: named points inside a key change's transaction where a crash-safety test makes it
// fail, as a crash or a killed server would (docs/security.md#guarantees). Nothing in the
// application passes hooks — no endpoint, server action, page or setting — so production cannot
// enable them: they exist only as an argument an in-process test gives a use case.

export type KeyChangePoint =
  /** Rotation: every current blob re-encrypted under the new key, nothing written yet. */
  | "rotate:resealed"
  /** Rotation: levels and their current versions written, key versions not switched yet. */
  | "rotate:levels-written"
  /** Rotation: the new key is active; only the audit event and the commit are left. */
  | "rotate:key-switched"
  /** Re-encrypting history: the batch is written; only the audit event and the commit are left. */
  | "reencrypt:batch-written";

export interface KeyChangeHooks {
  at?: (point: KeyChangePoint) => void | Promise<void>;
}
