import "server-only";
import { z } from "zod";
import type { OrgContext } from "@/lib/api/context";
import { BlobFormatError, sealValue, serializeBlob, SECRET_NAME_PATTERN } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { storeSchema } from "@/lib/schemas/secrets";
import { requirePermission } from "../access/guard";
import { findLevel } from "../projects/lookup";
import { activeKeyVersion } from "../keys/key-versions";
import { serverDataKey } from "../keys/server-custody";
import { storeLevel } from "./write";
import { parseInput } from "../validation";

// Writing a server-managed level from plaintext (SPEC §3: "A Member can write values of a
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

export async function sealSecrets(context: OrgContext, rawInput: unknown): Promise<{ version: number }> {
  const input = parseInput(sealSchema, rawInput);
  const ref = await findLevel(context, input);
  await requirePermission(context, "secret:write", ref.resource, "secret.write");
  if (ref.project.custody !== "SERVER") {
    throw new AppError(
      "validation_failed",
      "This project's key is held by its clients (client-managed): encrypt values in the browser or the CLI and store the ciphertext.",
    );
  }
  const active = await activeKeyVersion(context.db, ref.project.id);
  const { dataKey } = await serverDataKey(context.db, ref.project.id, active.version);
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
