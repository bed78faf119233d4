import "server-only";
import { z } from "zod";
import type { ServiceContext } from "@/lib/services/context";
import { BlobFormatError, sealValue, serializeBlob, SECRET_NAME_PATTERN } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { storeSchema } from "@/lib/schemas/secrets";
import type { LevelRef } from "../access/lookup";
import { activeKeyVersion } from "../keys/key-versions";
import { serverDataKey } from "../keys/server-custody";
import { storeLevel, storePlan } from "./write";
import { parseInput } from "@/lib/schemas/parse";
import { enforce } from "../access/enforce";
import { levelOf } from "../access/plan";
import { getDb } from "@/lib/data/db";

// Writing a server-managed level from plaintext (docs/permissions.md#permission-catalog: "A Member can write values of a
// server-managed project (the server encrypts them)"). Values the writer did not change travel as
// the ciphertext they read (secret:read), so a writer without secret:decrypt never needs to see
// them; new values are encrypted here with the project's active key. Then the content takes the
// very path of POST secrets/store (storeLevel): expected_version, tags, history and audit.

const secretName = z.string().max(256).regex(SECRET_NAME_PATTERN, `Secret names match ${SECRET_NAME_PATTERN.source}.`);

const sealEntry = z.union([
  z.strictObject({ name: secretName, ciphertext: z.string().max(64 * 1024) }),
  // 192 KiB of text fits the 256 KiB blob once encrypted and base64-encoded.
  z.strictObject({ name: secretName, value: z.string().max(192 * 1024) }),
]);

export const sealSchema = z.strictObject({
  project: storeSchema.shape.project,
  target: storeSchema.shape.target,
  environment: storeSchema.shape.environment,
  entries: z.array(sealEntry).max(1000),
  tags: storeSchema.shape.tags,
  expected_version: storeSchema.shape.expected_version,
});
export type SealInput = z.input<typeof sealSchema>;

/**
 * The dashboard's save of a server-managed level: validated by sealSchema, allowed by the access
 * plan of POST secrets/store (secret:write on the level), then sealed and stored.
 */
export async function sealSecrets(context: ServiceContext, rawInput: unknown): Promise<{ version: number }> {
  const input = parseInput(sealSchema, rawInput);
  const { level } = await enforce(context, storePlan(levelOf(input)));
  return sealLevel(context, level, input);
}

async function sealLevel(context: ServiceContext, ref: LevelRef, input: z.output<typeof sealSchema>): Promise<{ version: number }> {
  const db = await getDb();
  if (ref.project.custody !== "SERVER") {
    throw new AppError(
      "validation_failed",
      "This project's key is held by its clients (client-managed): encrypt values in the browser or the CLI and store the ciphertext.",
    );
  }
  const active = await activeKeyVersion(db, ref.project.id);
  const { dataKey } = await serverDataKey(db, ref.project.id, active.version);
  const sealed = await Promise.all(
    input.entries.map(async (entry) => ["value" in entry ? await sealValue(dataKey, entry.name, entry.value) : entry.ciphertext, entry.name] as const),
  );
  let content: string;
  try {
    content = serializeBlob(sealed.map(([ciphertext, name]) => [name, ciphertext] as const));
  } catch (error) {
    // Names only (never a value): a duplicate, too many names, or over 256 KiB.
    if (error instanceof BlobFormatError) throw new AppError("invalid_content", `The secrets could not be saved: ${error.message}.`);
    throw error;
  }
  // storeLevel checks again that every value (including the ciphertexts sent back) decrypts under
  // the active key, so a ciphertext from another project or name is refused with 422.
  const stored = await storeLevel(context, ref, { content, tags: input.tags, expected_version: input.expected_version });
  return { version: stored.version };
}
