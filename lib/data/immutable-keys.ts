import { Prisma } from "./generated/client";

// docs/crypto.md#wire-format: a rotated key version's salt, iterations and proof can never change, so that history
// encrypted under it stays decryptable. This extension narrows every update that touches those
// fields to ACTIVE rows, so a rotated row can never match; the trigger in
// prisma/migrations/*_integrity refuses the same for any other path. (The narrowing happens inside
// the caller's own query, so it works in transactions, on a one-connection pool too.)

const FROZEN_FIELDS = ["salt", "iterations", "proofHash", "version", "projectId", "state"] as const;

export class ImmutableKeyError extends Error {
  constructor() {
    super("Rotated key versions are immutable.");
    this.name = "ImmutableKeyError";
  }
}

function touchesFrozenField(data: object | undefined): boolean {
  return !!data && FROZEN_FIELDS.some((field) => field in data);
}

function isRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "P2025" || String((error as Error)?.message ?? "").includes("rotated key versions are immutable");
}

export const rotatedKeyGuard = Prisma.defineExtension((client) =>
  client.$extends({
    name: "immutable-rotated-keys",
    query: {
      projectKeyVersion: {
        async update({ args, query }) {
          if (!touchesFrozenField(args.data)) return query(args);
          try {
            return await query({ ...args, where: { ...args.where, state: "ACTIVE" } });
          } catch (error) {
            // No ACTIVE row matched: the key version is rotated (or does not exist).
            throw isRefusal(error) ? new ImmutableKeyError() : error;
          }
        },
        async updateMany({ args, query }) {
          if (!touchesFrozenField(args.data)) return query(args);
          return query({ ...args, where: { AND: [args.where ?? {}, { state: "ACTIVE" }] } });
        },
        async updateManyAndReturn({ args, query }) {
          if (!touchesFrozenField(args.data)) return query(args);
          return query({ ...args, where: { AND: [args.where ?? {}, { state: "ACTIVE" }] } });
        },
        async upsert({ args, query }) {
          if (!touchesFrozenField(args.update)) return query(args);
          try {
            return await query({ ...args, where: { ...args.where, state: "ACTIVE" } });
          } catch (error) {
            throw isRefusal(error) ? new ImmutableKeyError() : error;
          }
        },
      },
    },
  }),
);
