import "server-only";
import { createHash } from "node:crypto";
import { ulid } from "ulid";
import { generateApiToken, randomBase62 } from "@/lib/auth/api-token-format";
import type { Grant } from "@/lib/authz";
import type { Tx } from "@/lib/data/client";

// API tokens (SPEC §4.1): the database keeps only SHA-256 of the token. The value exists once, in
// the response that creates or rotates it.

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface NewApiToken {
  organizationId: string;
  name: string;
  note?: string | null;
  grants: Grant[];
  expiresAt: Date | null;
  createdById: string | null;
}

/** Stores a new token; the caller has already checked it grants no more than its creator holds. */
export async function issueApiToken(tx: Tx, input: NewApiToken) {
  const token = generateApiToken();
  const record = await tx.apiToken.create({
    data: {
      id: ulid(), publicId: `key_${randomBase62(16)}`, organizationId: input.organizationId, name: input.name, note: input.note ?? null,
      tokenHash: hashApiToken(token), permissions: input.grants as unknown as object, expiresAt: input.expiresAt, createdById: input.createdById,
    },
    select: { publicId: true, name: true, expiresAt: true },
  });
  return { id: record.publicId, token, name: record.name, permissions: input.grants, expiresAt: record.expiresAt };
}
