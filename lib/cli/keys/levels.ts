import type { Session } from "../session";

// Every level of a project with its current ciphertext (what a client-managed rotation re-encrypts):
// the project, each target and each environment, read through the hierarchy endpoints and
// GET …/secrets (levels apart). Each environment's read also returns its target and the project.

export interface CurrentLevel {
  target?: string;
  environment?: string;
  /** NAME → ciphertext. */
  values: Record<string, string>;
  /** The level's current version (sent back as expected_version: a change meanwhile is a conflict). */
  version: number;
  /** The key version its blob records; absent when the level holds nothing. */
  keyVersion?: number;
}

interface Page<T> {
  data: T[];
  meta?: { next_cursor?: string | null };
}

async function all<T>(session: Session, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await session.api.get<Page<T>>(path, { limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.data);
    cursor = page.meta?.next_cursor ?? undefined;
    if (!cursor) return items;
  }
}

interface Attributes {
  levels: Partial<Record<"project" | "target" | "environment", Record<string, string>>>;
  versions?: Partial<Record<"project" | "target" | "environment", number>>;
  key_versions: Partial<Record<"project" | "target" | "environment", number>>;
}

export async function currentLevels(session: Session): Promise<CurrentLevel[]> {
  const project = session.path.project;
  const levels = new Map<string, CurrentLevel>();
  const read = async (target?: string, environment?: string) => {
    const path = `/${[project, target, environment].filter(Boolean).join("/")}/secrets`;
    const { attributes } = (await session.api.get<{ data: { attributes: Attributes } }>(path, { merge: "false" })).data;
    for (const [name, where] of [["project", {}], ["target", { target }], ["environment", { target, environment }]] as const) {
      if (!attributes.levels[name] || (name === "target" && !target) || (name === "environment" && !environment)) continue;
      levels.set(`${where.target ?? ""}/${"environment" in where ? where.environment ?? "" : ""}`, {
        ...where, values: attributes.levels[name]!, version: attributes.versions?.[name] ?? 0, keyVersion: attributes.key_versions[name],
      });
    }
  };
  const targets = await all<{ slug: string }>(session, `/projects/${project}/targets`);
  if (targets.length === 0) await read();
  for (const target of targets) {
    const environments = await all<{ slug: string }>(session, `/projects/${project}/targets/${target.slug}/environments`);
    if (environments.length === 0) await read(target.slug);
    for (const environment of environments) await read(target.slug, environment.slug);
  }
  return [...levels.values()];
}

export const levelName = (level: Pick<CurrentLevel, "target" | "environment">, project: string) =>
  level.environment ? `${project}/${level.target}/${level.environment}` : level.target ? `${project}/${level.target}` : project;
