import { Prisma } from "./generated/client";

// SPEC §2: a rotated key version's salt, iterations and proof can never change, so that history
// encrypted under it stays decryptable. This extension refuses such updates before they reach the
// database; the trigger in prisma/migrations/*_integrity does the same for any other path.

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

export const rotatedKeyGuard = Prisma.defineExtension((client) => {
  async function refuseIfAnyRotated(where: Prisma.ProjectKeyVersionWhereInput | undefined) {
    const rotated = await client.projectKeyVersion.count({ where: { AND: [where ?? {}, { state: "ROTATED" }] } });
    if (rotated > 0) throw new ImmutableKeyError();
  }
  async function refuseIfRotated(where: Prisma.ProjectKeyVersionWhereUniqueInput) {
    const key = await client.projectKeyVersion.findUnique({ where, select: { state: true } });
    if (key?.state === "ROTATED") throw new ImmutableKeyError();
  }
  return client.$extends({
    name: "immutable-rotated-keys",
    query: {
      projectKeyVersion: {
        async update({ args, query }) {
          if (touchesFrozenField(args.data)) await refuseIfRotated(args.where);
          return query(args);
        },
        async updateMany({ args, query }) {
          if (touchesFrozenField(args.data)) await refuseIfAnyRotated(args.where);
          return query(args);
        },
        async updateManyAndReturn({ args, query }) {
          if (touchesFrozenField(args.data)) await refuseIfAnyRotated(args.where);
          return query(args);
        },
        async upsert({ args, query }) {
          if (touchesFrozenField(args.update)) await refuseIfRotated(args.where);
          return query(args);
        },
      },
    },
  });
});
