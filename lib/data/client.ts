import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig } from "pg";
import { PrismaClient } from "./generated/client";
import { rotatedKeyGuard } from "./immutable-keys";

// Columns that hold hashes, wrapped keys or ciphertext. They are left out of every query unless a
// repository asks for them by name (`omit: { blob: false }`), so none can leak by accident.
export const SECRET_COLUMNS = {
  user: { passwordHash: true },
  invitation: { tokenHash: true },
  apiToken: { tokenHash: true, previousTokenHash: true },
  projectKeyVersion: { proofHash: true, wrappedKey: true },
  secretLevel: { blob: true },
  secretVersion: { blob: true },
  twoFactorMethod: { secretEncrypted: true },
  recoveryCode: { codeHash: true },
  oneTimeCode: { codeHash: true },
  instanceSetting: { value: true },
} as const;

// Internal bookkeeping nobody reads through the client: the audit sealer's append order (a BigInt,
// which JSON.stringify refuses) is read with raw SQL only.
const INTERNAL_COLUMNS = { auditEvent: { appendOrder: true } } as const;

export function createPrisma(pool: PoolConfig) {
  return new PrismaClient({
    adapter: new PrismaPg({ max: 10, ...pool }),
    omit: { ...SECRET_COLUMNS, ...INTERNAL_COLUMNS },
    // Prisma gives up on starting a transaction after 2 s by default. Busy moments queue for a
    // connection longer than that (always so on the embedded database, which has one), and a
    // request should wait its turn rather than fail with 503.
    transactionOptions: { maxWait: 10_000 },
  }).$extends(rotatedKeyGuard);
}

export type Db = ReturnType<typeof createPrisma>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
