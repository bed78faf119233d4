import { z } from "zod";
import { SLUG_PATTERN } from "./common";

// Comparing a project's environments (docs/api.md#compare): names × environments with presence,
// the level each effective value comes from and which environments hold the same value — never a
// value. The dashboard's compare page and `dotenv diff` read these shapes.

const ENVIRONMENT_PATH = new RegExp(`^${SLUG_PATTERN.source.replace(/^\^|\$$/g, "")}/${SLUG_PATTERN.source.replace(/^\^|\$$/g, "")}$`);
export const MAX_COMPARED_ENVIRONMENTS = 50;

export const compareQuery = z.object({
  environments: z
    .string()
    .max(5000)
    .transform((text) => [...new Set(text.split(",").map((part) => part.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(ENVIRONMENT_PATH, "Name each environment as target/environment, e.g. backend/production."))
        .min(1, "Name at least one environment.")
        .max(MAX_COMPARED_ENVIRONMENTS, `Compare at most ${MAX_COMPARED_ENVIRONMENTS} environments at once.`),
    )
    .optional()
    .describe("Comma-separated target/environment paths, e.g. backend/staging,backend/production (default: every environment you may read)"),
});

export type CompareQuery = z.infer<typeof compareQuery>;

const LEVEL = z.enum(["project", "target", "environment"]);

/** One name in one environment: whether it is set, where its effective value comes from, and its equality group. */
export const compareCellSchema = z.strictObject({
  present: z.boolean(),
  source: LEVEL.nullable(),
  /**
   * Cells of one name with the same group hold the same value (groups are numbered 1, 2, … per
   * name in column order); null where the name is missing or equality is not known here.
   */
  group: z.int().nullable(),
});

export const compareRowSchema = z.strictObject({
  name: z.string(),
  cells: z.array(compareCellSchema),
  /** Environments (target/environment) that lack the name. */
  missing_in: z.array(z.string()),
  /** Every compared environment holds the same value (null: equality not known here). */
  same: z.boolean().nullable(),
});

export const comparisonSchema = z.strictObject({
  type: z.literal("comparison"),
  project: z.string(),
  custody: z.enum(["server", "client"]),
  /**
   * "server": groups were computed on the server (server-managed project). "client": the server
   * cannot read the values, so groups are null — a client holding the key computes them from the
   * ciphertexts of GET …/secrets?merge=true.
   */
  equality: z.enum(["server", "client"]),
  environments: z.array(z.strictObject({ target: z.string(), environment: z.string(), path: z.string() })),
  names: z.array(compareRowSchema),
});

export type CompareCell = z.infer<typeof compareCellSchema>;
export type CompareRow = z.infer<typeof compareRowSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;

// Building the rows is shared by the server (server-managed: it compares HMACs of the values) and
// by clients that hold a client-managed key (the dashboard and `dotenv diff` compare the values
// they decrypted themselves), so all of them number groups and list what is missing alike.

export type LevelName = z.infer<typeof LEVEL>;

/** One environment's effective names: where each comes from, and an equality token (null: unknown). */
export type EffectiveColumn = ReadonlyMap<string, { source: LevelName; token: string | null }>;

/** Rows sorted by name; `paths` names the columns (target/environment) in the same order. */
export function comparisonRows(paths: readonly string[], columns: readonly EffectiveColumn[]): CompareRow[] {
  const names = [...new Set(columns.flatMap((column) => [...column.keys()]))].sort((a, b) => a.localeCompare(b));
  return names.map((name) => {
    const found = columns.map((column) => column.get(name) ?? null);
    const known = found.every((entry) => entry === null || entry.token !== null);
    const groups = new Map<string, number>();
    const cells = found.map((entry) => {
      if (!entry) return { present: false, source: null, group: null };
      if (!known || entry.token === null) return { present: true, source: entry.source, group: null };
      if (!groups.has(entry.token)) groups.set(entry.token, groups.size + 1);
      return { present: true, source: entry.source, group: groups.get(entry.token)! };
    });
    const missing_in = paths.filter((_, index) => found[index] === null);
    return { name, cells, missing_in, same: known ? missing_in.length === 0 && groups.size === 1 : null };
  });
}
