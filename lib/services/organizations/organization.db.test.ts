import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/services/context";
import { updateOrganizationSchema } from "@/lib/schemas/organization";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { signUpAccount } from "@/scripts/testing/accounts";
import { seedDemo } from "../seed/demo-seed";
import { verifyAuditChain } from "../audit/verify";
import { createOrganization } from "./user-organizations";
import { getOrganization, updateOrganization } from "./organization";
import { deleteOrganization, previewOrganizationDeletion } from "./deletion";

// Organization settings against a real database (both kinds): rename and retention, and deletion —
// which takes everything of the organization with it, its audit log included, and is recorded in
// the deleting person's other organizations.

const request = { ip: "203.0.113.5", userAgent: "vitest" };
let database: TestDatabase;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 9).toString("base64");
  database = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

async function ownerContext(email: string, organizationName: string): Promise<ServiceContext> {
  const seed = await seedDemo({ organizationName, ownerEmail: email });
  const owner = await database.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return {
    principal: { kind: "user", userId: owner.id, organizationId: seed.organization_id, role: "OWNER", teamIds: [] },
    organizationId: seed.organization_id, path: `/${seed.organization_id}`,
    actor: { actorType: "USER", actorId: owner.id, actorLabel: email, source: "DASHBOARD", ...request },
  };
}

describe("settings", () => {
  it("renames and sets the retention, audited with what changed", async () => {
    const context = await ownerContext("settings-owner@example.test", "Settings");
    expect((await getOrganization(context)).history_retention).toBeNull();
    const renamed = await updateOrganization(context, updateOrganizationSchema.parse({ name: "Settings Inc", history_retention: { versions: 50, days: 30 } }));
    expect(renamed).toMatchObject({ name: "Settings Inc", history_retention: { versions: 50, days: 30 } });
    expect((await updateOrganization(context, updateOrganizationSchema.parse({ history_retention: { days: 90 } }))).history_retention).toEqual({ days: 90 });
    expect((await updateOrganization(context, updateOrganizationSchema.parse({ history_retention: null }))).history_retention).toBeNull();
    const updates = await database.db.auditEvent.findMany({ where: { chainKey: context.organizationId, action: "organization.update" }, orderBy: { sequence: "asc" } });
    expect(updates.map((event) => event.metadata)).toEqual([
      { name: "Settings Inc", previous_name: "Settings", history_retention: { versions: 50, days: 30 }, previous_history_retention: null },
      { history_retention: { days: 90 }, previous_history_retention: { versions: 50, days: 30 } },
      { history_retention: null, previous_history_retention: { days: 90 } },
    ]);
  });

  it("validates the retention's bounds and needs something to change", () => {
    for (const body of [{}, { history_retention: { versions: 9 } }, { history_retention: { versions: 1001 } }, { history_retention: { days: 0 } }, { history_retention: { versions: 1.5 } }, { name: " " }, { history_retention: { weeks: 2 } }]) {
      expect(updateOrganizationSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
    expect(updateOrganizationSchema.safeParse({ history_retention: { versions: 10, days: 3650 } }).success).toBe(true);
  });
});

describe("deletion", () => {
  it("needs the name typed exactly, previews what goes, then removes everything and records it elsewhere", async () => {
    const context = await ownerContext("deleting-owner@example.test", "Doomed Org");
    const user = await database.db.user.findUniqueOrThrow({ where: { email: "deleting-owner@example.test" }, select: { id: true, email: true, name: true } });
    const other = await createOrganization(user, { name: "Survivor" }, request);
    const id = context.organizationId;

    const preview = await previewOrganizationDeletion(context);
    expect(preview).toMatchObject({ organization: { id, name: "Doomed Org" }, dry_run: true });
    expect(preview.will_delete).toMatchObject({ projects: 1, targets: 1, environments: 1, members: 1, api_keys: 1, teams: 0 });
    expect(preview.will_delete.audit_events).toBeGreaterThan(0);
    expect(preview.will_delete.versions).toBeGreaterThan(0);

    for (const confirm of [undefined, "doomed org", "Doomed", id]) {
      await expect(deleteOrganization(context, { confirm })).rejects.toMatchObject({ code: "confirmation_required", status: 422 });
    }
    expect(await database.db.organization.count({ where: { id } })).toBe(1);

    const [versionsBefore] = await database.sql(`SELECT count(*)::int AS n FROM "SecretVersion"`);
    const deleted = await deleteOrganization(context, { confirm: " Doomed Org " });
    expect(deleted.projects).toBe(1);
    for (const table of ["Membership", "Project", "ApiToken", "SecurityPolicy"]) {
      const [row] = await database.sql(`SELECT count(*)::int AS n FROM "${table}" WHERE "organizationId" = $1`, [id]);
      expect(row!.n, table).toBe(0);
    }
    for (const table of ["AuditEvent", "AuditCheckpoint", "AuditChainHead"]) {
      const [row] = await database.sql(`SELECT count(*)::int AS n FROM "${table}" WHERE "chainKey" = $1`, [id]);
      expect(row!.n, table).toBe(0);
    }
    const [versions] = await database.sql(`SELECT count(*)::int AS n FROM "SecretVersion"`);
    expect(versions!.n).toBe(Number(versionsBefore!.n) - preview.will_delete.versions);

    const recorded = await database.db.auditEvent.findFirstOrThrow({ where: { chainKey: other.id, action: "organization.delete" } });
    expect(recorded).toMatchObject({ actorLabel: "deleting-owner@example.test", resourcePath: `/${id}`, status: 204 });
    expect(recorded.metadata).toMatchObject({ organization_id: id, name: "Doomed Org", projects: 1 });
    expect(await verifyAuditChain(other.id)).toMatchObject({ intact: true });
  });

  it("a new account can reuse the deleted organization's name", async () => {
    const user = await signUpAccount({ name: "New", email: "new-owner@example.test", password: "a long enough passphrase" }, request);
    await expect(createOrganization(user, { name: "Doomed Org" }, request)).resolves.toMatchObject({ name: "Doomed Org" });
  });
});
