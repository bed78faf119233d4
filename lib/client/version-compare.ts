// By-name comparison of two contents of one level: what a version has compared with the current
// content, i.e. what restoring it would change. Values may be plaintext (revealed) or ciphertext:
// a ciphertext differs after every re-encryption, so with ciphertext "changed" means "written
// again" (as the server's own names_changed does) and only identical ciphertext proves equality.

export type NameChange = "added" | "removed" | "changed" | "unchanged";

export interface NameComparison {
  name: string;
  change: NameChange;
  /** Value in the current content (absent when the version adds the name). */
  current?: string;
  /** Value in the compared version (absent when restoring it would remove the name). */
  version?: string;
}

/** Sorted by change (added, changed, removed, unchanged), then by name. */
export function compareContents(current: Record<string, string>, version: Record<string, string>): NameComparison[] {
  const names = new Set([...Object.keys(current), ...Object.keys(version)]);
  const rows = [...names].map((name): NameComparison => {
    const inCurrent = Object.hasOwn(current, name);
    const inVersion = Object.hasOwn(version, name);
    const change: NameChange = !inCurrent ? "added" : !inVersion ? "removed" : current[name] === version[name] ? "unchanged" : "changed";
    return { name, change, ...(inCurrent ? { current: current[name] } : {}), ...(inVersion ? { version: version[name] } : {}) };
  });
  return rows.sort((a, b) => ORDER[a.change] - ORDER[b.change] || a.name.localeCompare(b.name));
}

const ORDER: Record<NameChange, number> = { added: 0, changed: 1, removed: 2, unchanged: 3 };

/** Counts per change, e.g. for "2 added · 1 changed · 0 removed". */
export function countChanges(rows: NameComparison[]): Record<NameChange, number> {
  const counts: Record<NameChange, number> = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  for (const row of rows) counts[row.change] += 1;
  return counts;
}
