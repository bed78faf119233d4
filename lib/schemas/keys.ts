import { z } from "zod";
import { MAX_PASSPHRASE_BYTES } from "@/lib/crypto";
import { slugParam } from "./api";
import { keyProofSchema, keySetupSchema } from "./projects";

// A project's key over its whole life (docs/crypto.md#key-versions-and-rotation, docs/api.md#keys):
// rotation, custody switching, re-encrypting history and the rotation cadence — requests as the API
// receives them, and the responses the dashboard and the CLI read.

/** Cadences a project may keep (days between rotations); null: none. */
export const ROTATION_CADENCES = [30, 90, 180, 365] as const;
/** A request re-encrypts at most this many versions; server-managed batches are this size. */
export const REENCRYPT_BATCH = 200;

const version = z.int().min(1).max(2_147_483_647);
const level = {
  target: slugParam.nullish().describe("Target slug (omit for the project level)"),
  environment: slugParam.nullish().describe("Environment slug within the target"),
};
const content = z.string().describe("NAME=CIPHERTEXT lines under the new key (SPEC §1)");
const expectedKeyVersion = version.optional().describe("The active key version the caller saw; else 409 key_rotated");

export const rotateSchema = z
  .strictObject({
    expected_version: expectedKeyVersion,
    key_proof: keyProofSchema.optional().describe("Client-managed: the proof of the current (active) key"),
    new: keySetupSchema.optional().describe("Client-managed: the new key's salt, iterations and proof (the passphrase stays on the client)"),
    levels: z
      .array(z.strictObject({ ...level, content, expected_version: version.optional().describe("The level's current version; else 409 version_conflict") }))
      .max(10_000)
      .optional()
      .describe("Client-managed: every level that has content, re-encrypted under the new key"),
  })
  .refine((body) => [body.key_proof, body.new, body.levels].every((field) => field === undefined) || [body.key_proof, body.new, body.levels].every((field) => field !== undefined), {
    message: "A client-managed rotation sends key_proof, new and levels together; a server-managed one sends none of them.",
    path: ["new"],
  });
export type RotateInput = z.infer<typeof rotateSchema>;

export const custodySchema = z.discriminatedUnion("custody", [
  z.strictObject({
    custody: z.literal("client").describe("Hand the key to the clients: the server forgets it"),
    key_proof: keyProofSchema.describe("Proof that the caller holds the key material (from key:retrieve's passphrase)"),
    expected_version: expectedKeyVersion,
  }),
  z.strictObject({
    custody: z.literal("server").describe("Give the key to the server: it stores the passphrase wrapped under its master key"),
    passphrase: z
      .string()
      .min(1)
      .refine((text) => new TextEncoder().encode(text).length <= MAX_PASSPHRASE_BYTES, `At most ${MAX_PASSPHRASE_BYTES} bytes.`)
      .describe("The project's passphrase (checked against the key proof)"),
    expected_version: expectedKeyVersion,
  }),
]);
export type CustodyInput = z.infer<typeof custodySchema>;

export const reencryptSchema = z.strictObject({
  cursor: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "Use the next_cursor of the previous answer.").optional().describe("Server-managed: next_cursor of the previous batch"),
  key_proof: keyProofSchema.optional().describe("Client-managed: the proof of the active key the versions are re-encrypted under"),
  versions: z
    .array(z.strictObject({ ...level, version, content }))
    .max(REENCRYPT_BATCH)
    .optional()
    .describe("Client-managed: older versions re-encrypted under the active key (at most 200 per request)"),
  key_version: version.optional().describe("Client-managed: list pending versions under this key version only"),
});
export type ReencryptInput = z.infer<typeof reencryptSchema>;

export const keyPolicySchema = z.strictObject({
  rotation_days: z
    .union([z.literal(ROTATION_CADENCES[0]), z.literal(ROTATION_CADENCES[1]), z.literal(ROTATION_CADENCES[2]), z.literal(ROTATION_CADENCES[3]), z.null()], {
      error: `Use one of ${ROTATION_CADENCES.join(", ")} days, or null for no cadence.`,
    })
    .describe("Days between rotations (30, 90, 180 or 365); null: no cadence"),
});
export type KeyPolicyInput = z.infer<typeof keyPolicySchema>;

// ------------------------------------------------------------------------------------------------
// Responses (dates are ISO strings on the wire); lib/services/responses.db.test.ts parses real answers.

const timestamp = z.iso.datetime();
const custodyName = z.enum(["server", "client"]);

export const keyVersionSchema = z.strictObject({
  version: z.int(),
  state: z.enum(["active", "rotated"]),
  /** server: the server holds this version's key material; client: only the clients do. */
  custody: custodyName,
  kdf: z.literal("PBKDF2-SHA256"),
  salt: z.string().nullable().optional(),
  iterations: z.int().nullable(),
  configured: z.boolean(),
  created_at: timestamp,
  created_by: z.strictObject({ type: z.enum(["user", "token", "anonymous", "system"]), id: z.string().nullable(), label: z.string() }).nullable(),
  rotated_at: timestamp.nullable(),
  /** History versions (and current blobs) encrypted under this key version. */
  secret_versions: z.int(),
});

export const rotationStatusSchema = z.strictObject({
  cadence_days: z.int().nullable(),
  /** When the active key was created (by setup, rotation or project creation). */
  active_since: timestamp.nullable(),
  due_at: timestamp.nullable(),
  overdue: z.boolean(),
});

export const keysMetaSchema = z.strictObject({
  custody: custodyName,
  active_version: z.int(),
  rotation: rotationStatusSchema,
  /** Versions still encrypted under an older key: what re-encrypting history has left to do. */
  stale_versions: z.int(),
  next_cursor: z.null(),
});

export const reencryptResultSchema = z.strictObject({
  done: z.boolean(),
  remaining: z.int(),
  re_encrypted: z.int(),
  next_cursor: z.string().nullable(),
  active_version: z.int(),
  pending: z
    .array(z.strictObject({ target: z.string().nullable(), environment: z.string().nullable(), version: z.int(), key_version: z.int(), content: z.string() }))
    .optional(),
});

export const rotateResultSchema = keyVersionSchema.extend({ previous_version: z.int(), levels_reencrypted: z.int(), stale_versions: z.int() });
export const custodyResultSchema = z.strictObject({ custody: custodyName, previous_custody: custodyName, version: z.int() });

export type KeyVersionView = z.infer<typeof keyVersionSchema>;
export type RotateResult = z.infer<typeof rotateResultSchema>;
export type CustodyResult = z.infer<typeof custodyResultSchema>;
export type KeysMeta = z.infer<typeof keysMetaSchema>;
export type RotationStatus = z.infer<typeof rotationStatusSchema>;
export type ReencryptResult = z.infer<typeof reencryptResultSchema>;
