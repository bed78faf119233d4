import { isValidSecretName, MAX_NAMES_PER_BLOB, sealValue, serializeBlob } from "../crypto";
import type { DotenvRead } from "../dotenv/parse";
import { CliError, EXIT } from "./errors";

// What a push changes, by NAME only (values are never shown): names added, changed and removed
// relative to the level's current content. The new blob keeps the current ciphertext of every
// unchanged value, so the history records only real changes.

export interface PushPlan {
  added: string[];
  changed: string[];
  removed: string[];
}

export function planPush(current: ReadonlyMap<string, string>, next: ReadonlyMap<string, string>): PushPlan {
  const added = [...next.keys()].filter((name) => !current.has(name));
  const changed = [...next.keys()].filter((name) => current.has(name) && current.get(name) !== next.get(name));
  const removed = [...current.keys()].filter((name) => !next.has(name));
  return { added, changed, removed };
}

export const isEmptyPlan = (plan: PushPlan) => plan.added.length + plan.changed.length + plan.removed.length === 0;

export function describePlan(plan: PushPlan): string[] {
  return [
    ...plan.added.map((name) => `  + ${name}  (add)`),
    ...plan.changed.map((name) => `  ~ ${name}  (change)`),
    ...plan.removed.map((name) => `  - ${name}  (remove)`),
  ];
}

/** The file's NAME → value, or a refusal listing its problems by line (never a value). */
export function fileEntries(read: DotenvRead, file: string): Map<string, string> {
  if (read.problems.length > 0) {
    const shown = read.problems.slice(0, 5).map((problem) => `${file}:${problem.message.replace(/^Line /, "")}`);
    const more = read.problems.length > 5 ? ` (and ${read.problems.length - 5} more)` : "";
    throw new CliError(`${shown.join("; ")}${more}; nothing was written`, EXIT.error);
  }
  return new Map(read.entries.map((entry) => [entry.name, entry.value]));
}

/** Names a level can store; refuses the file otherwise, naming (truncated) what is wrong. */
export function checkPushNames(values: ReadonlyMap<string, string>, file: string): void {
  const invalid = [...values.keys()].filter((name) => !isValidSecretName(name));
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 5).map((name) => name.slice(0, 64)).join(", ");
    throw new CliError(`${file}: invalid secret name${invalid.length > 1 ? "s" : ""} ${shown} (names match [A-Za-z_][A-Za-z0-9_]*)`, EXIT.error);
  }
  if (values.size > MAX_NAMES_PER_BLOB) throw new CliError(`${file} has ${values.size} names; a level holds at most ${MAX_NAMES_PER_BLOB}`, EXIT.error);
}

/** The blob to store: unchanged values keep their ciphertext, the others are sealed afresh. */
export async function buildBlob(
  dataKey: CryptoKey, next: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>, currentCiphertext: Readonly<Record<string, string>>,
): Promise<string> {
  const sealed = await Promise.all(
    [...next].map(async ([name, value]) => {
      const kept = current.get(name) === value ? currentCiphertext[name] : undefined;
      return [name, kept ?? (await sealValue(dataKey, name, value))] as const;
    }),
  );
  return serializeBlob(sealed);
}
