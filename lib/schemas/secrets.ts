import { z } from "zod";
import { SECRET_NAME_PATTERN } from "@/lib/crypto";
import { pageQuery, queryBoolean, slugParam } from "./api";
import { environmentParams, projectParams, targetParams } from "./projects";

// Secrets (docs/api.md#secrets) and their versions (docs/api.md#versions), as the API receives them. The level a request
// is about is named by path segments (GET, versions) or by body fields (retrieve, store, delete).

export const MERGE_MODES = ["false", "true", "both"] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

export const RETRIEVE_ACTIONS = ["read", "decrypt", "key:retrieve"] as const;

/** Tags are short slugs (plaintext metadata beside a level's blob). */
export const TAG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const tagSchema = z.string().regex(TAG_PATTERN, "Tags are short slugs: 1–32 lowercase letters, digits and hyphens.");
const secretName = z.string().max(256).regex(SECRET_NAME_PATTERN, `Secret names match ${SECRET_NAME_PATTERN.source}.`);
const version = z.int().min(0).max(2_147_483_647);

/** The three depths of a level path: /{project}, /{project}/{target}, /{project}/{target}/{environment}. */
export const LEVEL_PATHS = [
  { suffix: "/{project}", depth: "project", params: projectParams },
  { suffix: "/{project}/{target}", depth: "target", params: targetParams },
  { suffix: "/{project}/{target}/{environment}", depth: "environment", params: environmentParams },
] as const;

export interface LevelPath {
  project: string;
  target?: string | null;
  environment?: string | null;
}

/** `{n}` of …/secrets/versions/{n}: a positive integer, else the version does not exist (404). */
const versionNumber = z.string().regex(/^[1-9][0-9]{0,8}$/).transform(Number).describe("Version number (1, 2, …)");
export const versionPaths = LEVEL_PATHS.map((path) => ({ ...path, params: path.params.extend({ n: versionNumber }) }));

export const secretsQuery = z.object({
  decrypt: queryBoolean.optional().describe("Decrypt server-side (server-managed projects; also needs secret:decrypt)"),
  merge: z.enum(MERGE_MODES, { error: "Use merge=false, true or both." }).optional().describe("false: levels apart; true: merged; both"),
  raw: queryBoolean.optional().describe("A text/plain .env body instead of JSON"),
});

const levelFields = {
  project: slugParam.describe("Project slug"),
  target: slugParam.nullish().describe("Target slug (selects the level)"),
  environment: slugParam.nullish().describe("Environment slug within the target (selects the level)"),
};

export const retrieveSchema = z.strictObject({
  ...levelFields,
  action: z.enum(RETRIEVE_ACTIONS).default("read").describe("read → secret:read, decrypt → secret:decrypt, key:retrieve → key:retrieve"),
  filters: z
    .strictObject({
      names: z.array(secretName).max(1000).optional().describe("Exact names"),
      tags: z.array(tagSchema).max(100).optional().describe("Names tagged with any of these (at any level read)"),
      search: z.string().max(256).optional().describe("Case-insensitive substring of the name"),
    })
    .optional(),
  merge: z
    .union([z.enum(MERGE_MODES), z.boolean()], { error: "Use merge: false, true or \"both\"." })
    .optional()
    .transform((merge): MergeMode => (merge === undefined ? "false" : typeof merge === "boolean" ? (merge ? "true" : "false") : merge)),
  raw: z.boolean().optional().describe("A text/plain .env body instead of JSON"),
});
export type RetrieveInput = z.infer<typeof retrieveSchema>;

export const storeSchema = z.strictObject({
  ...levelFields,
  content: z.string().describe("The already-encrypted blob: NAME=CIPHERTEXT lines (SPEC §1), at most 256 KiB and 1,000 names"),
  key_proof: z.string().max(256).optional().describe("Client-managed projects: the key proof of the active key"),
  no_backup: z.boolean().optional().describe("Do not record a history version for this write"),
  tags: z
    .record(secretName, z.array(tagSchema).max(20))
    .optional()
    .describe("{NAME: [tag, …]} for names of this content; omitted keeps the tags of names that remain"),
  expected_version: version.optional().describe("The level's current version (0 when it has none yet); else 409 version_conflict"),
});
export type StoreInput = z.infer<typeof storeSchema>;

export const deleteSchema = z.strictObject({
  ...levelFields,
  no_backup: z.boolean().optional().describe("Purge the level's history and delete it (needs secret:purge and confirmed)"),
  confirmed: z.boolean().optional(),
});
export type DeleteInput = z.infer<typeof deleteSchema>;

export const versionListQuery = pageQuery;
export const versionReadQuery = z.object({ decrypt: secretsQuery.shape.decrypt });
export const restoreSchema = z.strictObject({ expected_version: version.optional().describe("The level's current version; else 409") });
export const purgeSchema = z.strictObject({ confirmed: z.boolean().optional().describe("Must be true") });

// ------------------------------------------------------------------------------------------------
// Responses (the wire format: dates are ISO strings), as lib/services/secrets/versions.ts answers
// them (versionSummary, getVersion); lib/schemas/responses.db.test.ts parses real answers with
// them, so a drift fails a test.

const timestamp = z.iso.datetime();
const names = z.array(z.string());

/** A version as listed: who wrote it, from where, under which key, and which names it touched. */
export const versionSummarySchema = z.strictObject({
  version: z.int(),
  created_at: timestamp,
  actor: z.strictObject({ type: z.enum(["user", "token", "anonymous", "system"]), id: z.string().nullable(), label: z.string() }),
  source: z.enum(["dashboard", "api", "cli", "explorer"]),
  key_version: z.int(),
  names: z.strictObject({ added: names, removed: names, changed: names }),
  current: z.boolean(),
  /** The version whose content this one restored; null unless it was written by a restore. */
  restored_from: z.int().nullable(),
});

/** One version read: its content, ciphertext unless decrypted server-side, and its tags. */
export const versionDetailSchema = versionSummarySchema.extend({
  type: z.literal("secret_version"),
  encrypted: z.boolean(),
  secrets: z.record(z.string(), z.string()),
  tags: z.record(z.string(), names),
});

export type VersionSummary = z.infer<typeof versionSummarySchema>;
export type VersionDetail = z.infer<typeof versionDetailSchema>;
