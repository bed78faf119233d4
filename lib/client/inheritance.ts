// Which level each effective name of an environment comes from, and what it overrides
// (docs/hierarchy.md#hierarchy merge: project < target < environment, name by name). Pure: works on whatever the
// values are — ciphertext, plaintext or nothing at all — so the view can show provenance even
// when the user may not read a single value.

export const LEVELS = ["project", "target", "environment"] as const;
export type LevelName = (typeof LEVELS)[number];

/** `attributes.levels` of GET …/secrets?merge=both: NAME → value per level ({} or absent when empty). */
export type LevelEntries = Partial<Record<LevelName, Record<string, string>>>;

export interface EffectiveSecret {
  name: string;
  /** The most specific level that defines the name: its value is the effective one. */
  source: LevelName;
  /** Less specific levels that also define it, nearest first (environment → target → project). */
  overrides: LevelName[];
  /** The value at each level that defines it (source and overridden ones). */
  values: Partial<Record<LevelName, string>>;
}

export function effectiveSecrets(levels: LevelEntries): EffectiveSecret[] {
  const names = new Set(LEVELS.flatMap((level) => Object.keys(levels[level] ?? {})));
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const defining = LEVELS.filter((level) => Object.hasOwn(levels[level] ?? {}, name));
      const values = Object.fromEntries(defining.map((level) => [level, levels[level]![name]!])) as Partial<Record<LevelName, string>>;
      const nearestFirst = [...defining].reverse();
      return { name, source: nearestFirst[0]!, overrides: nearestFirst.slice(1), values };
    });
}

/** "all", only names that override something, or only names whose effective value comes from one level. */
export type InheritanceFilter = "all" | "overridden" | LevelName;

export function filterSecrets(secrets: EffectiveSecret[], filter: InheritanceFilter, search = ""): EffectiveSecret[] {
  const needle = search.trim().toLowerCase();
  return secrets.filter(
    (secret) =>
      (filter === "all" || (filter === "overridden" ? secret.overrides.length > 0 : secret.source === filter)) &&
      (!needle || secret.name.toLowerCase().includes(needle)),
  );
}

/** "overrides target, project" — or null when the name is defined at one level only. */
export function overridesText(overrides: LevelName[]): string | null {
  return overrides.length ? `overrides ${overrides.join(", ")}` : null;
}

export const LEVEL_LABELS: Record<LevelName, string> = { project: "Project", target: "Target", environment: "Environment" };
