import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { allowed, keysOf, newOrganization, projectRef } from "@/scripts/testing/key-fixture";
import { createProject, listReadableProjects } from "../projects/projects";
import { keyPolicyPlan, projectRotationStatus, rotationStatus, updateKeyPolicy } from "./policy";
import { rotateKey, rotatePlan } from "./rotation";

// The rotation cadence against a real database: a key older than its cadence is overdue on the
// keys listing, the project and the dashboard's project list — until it is rotated.

let database: TestDatabase;
let context: ServiceContext;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 15).toString("base64");
  database = await openTestDatabase();
  context = await newOrganization(database);
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe("rotationStatus", () => {
  it("is due cadence days after the active key was created, and overdue from then on", () => {
    const since = new Date("2026-01-01T00:00:00Z");
    expect(rotationStatus(null, since, new Date("2027-01-01T00:00:00Z"))).toEqual({ cadence_days: null, active_since: since.toISOString(), due_at: null, overdue: false });
    expect(rotationStatus(30, since, new Date("2026-01-30T23:59:59Z"))).toMatchObject({ due_at: "2026-01-31T00:00:00.000Z", overdue: false });
    expect(rotationStatus(30, since, new Date("2026-01-31T00:00:00Z")).overdue).toBe(true);
  });
});

describe("cadence", () => {
  it("marks an old key overdue everywhere the dashboard shows it, and a rotation clears it", async () => {
    await createProject(context, { slug: "aging", custody: "server" });
    const project = await projectRef(context, "aging");
    expect(await updateKeyPolicy(context, (await allowed(context, keyPolicyPlan("aging"))).level.project, { rotation_days: 30 })).toMatchObject({ cadence_days: 30, overdue: false });
    await database.sql(`UPDATE "ProjectKeyVersion" SET "createdAt" = now() - interval '31 days' WHERE "projectId" = $1`, [project.id]);

    expect((await keysOf(context, "aging")).meta.rotation).toMatchObject({ cadence_days: 30, overdue: true });
    expect((await projectRotationStatus(project.id)).overdue).toBe(true);
    const principal = { ...context.principal, organizationId: context.organizationId };
    expect((await listReadableProjects(principal)).find((item) => item.slug === "aging")?.rotationOverdue).toBe(true);

    await rotateKey(context, (await allowed(context, rotatePlan("aging"))).level.project, {});
    expect((await keysOf(context, "aging")).meta.rotation.overdue).toBe(false);
    expect((await listReadableProjects(principal)).find((item) => item.slug === "aging")?.rotationOverdue).toBe(false);
    const [event] = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'key.policy.update' AND "organizationId" = $1`, [context.organizationId]);
    expect(event!.metadata).toEqual({ project: "aging", rotation_days: 30 });
  });
});
