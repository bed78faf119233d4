import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import type { ServiceContext } from "@/lib/services/context";
import { ALLOW_ALL, unscopedGrants } from "@/lib/authz";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { seedDemo } from "../seed/demo-seed";
import { createEnvironment } from "../projects/environments";
import { activeKeyVersion, keySetupPlan, listKeys, listKeysPlan, setUpKeyVerification } from "./key-versions";
import { enforce } from "../access/enforce";
import type { AccessPlan } from "../access/plan";
import { nodePlan } from "../projects/node-plan";
import { createProject, deleteProject, listProjects, projectPlan } from "../projects/projects";
import { createTarget } from "../projects/targets";

// Key setup and the hierarchy's cascades against a real database (both kinds): the conditional
// update that lets exactly one of two concurrent setups win, and a delete that leaves no key behind.

// crypto-vectors.json case 2 parameters, with the policy's minimum iteration count.
const SETUP = { salt: "8OHSw7Sllod4aVpLPC0eDw==", iterations: 600_000, key_proof: "9A6t5I4D9bbE4Gg6oATgPJnhUhxkjqerSCnsxGTR26w=" };

let database: TestDatabase;
let context: ServiceContext;

// Each use case runs as the router runs it: its access plan enforced first.
const allowed = async (plan: AccessPlan, as: ServiceContext = context) => enforce(as, plan);
const setUp = async (slug: string) => setUpKeyVerification(context, (await allowed(keySetupPlan(slug))).level.project, SETUP);
const keysOf = async (slug: string) => listKeys(context, (await allowed(listKeysPlan(slug))).level.project);

function contextFor(principal: ServiceContext["principal"]): ServiceContext {
  return {
    principal, organizationId: principal.organizationId, path: "/test",
    actor: { actorType: "SYSTEM", actorId: null, actorLabel: "test", source: "API", ip: null, userAgent: null },
  };
}

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 7).toString("base64");
  database = await openTestDatabase();
  const organization = await database.db.organization.create({ data: { id: newId(), name: "Keys" }, select: { id: true } });
  context = contextFor({ kind: "token", tokenId: newId(), organizationId: organization.id, grants: unscopedGrants(ALLOW_ALL) });
});
afterAll(async () => {
  await database?.close();
});

describe("client-managed key setup", () => {
  it("creates version 1 unconfigured, then accepts exactly one of two concurrent setups", async () => {
    const project = await createProject(context, { slug: "zk", custody: "client" });
    expect(project).toMatchObject({ custody: "client", key_version: 1, key_configured: false });

    const results = await Promise.allSettled([setUp("zk"), setUp("zk")]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(["already_exists"]);

    const keys = await keysOf("zk");
    expect(keys).toMatchObject({
      data: [{ version: 1, state: "active", custody: "client", salt: SETUP.salt, iterations: 600_000, configured: true, created_by: { type: "system", label: "test" } }],
      meta: { custody: "client", active_version: 1, stale_versions: 0, rotation: { cadence_days: null, overdue: false } },
    });
    expect(JSON.stringify(keys)).not.toMatch(/proof|wrapped/i);
    expect((await activeKeyVersion(database.db, project.id)).configured).toBe(true);
  });

  it("refuses a setup for a server-managed project", async () => {
    await createProject(context, { slug: "srv", custody: "server" });
    await expect(setUp("srv")).rejects.toMatchObject({ code: "validation_failed" });
    const keys = await keysOf("srv");
    expect(keys.data[0]).not.toHaveProperty("salt");
    expect(keys.data[0]).toMatchObject({ custody: "server", configured: true, iterations: 600_000 });
  });
});

describe("deleting a project", () => {
  it("removes its targets, environments and key versions", async () => {
    const project = await createProject(context, { slug: "gone", custody: "client", key: SETUP });
    await createTarget(context, (await allowed(nodePlan("target", "create", { project: "gone" }))).level, { slug: "api" });
    await createEnvironment(context, (await allowed(nodePlan("environment", "create", { project: "gone", target: "api" }))).level, { slug: "prod" });
    await deleteProject(context, (await allowed(projectPlan("delete", "gone"))).level.project);
    expect(await database.db.projectKeyVersion.count({ where: { projectId: project.id } })).toBe(0);
    expect(await database.db.target.count({ where: { projectId: project.id } })).toBe(0);
    expect((await listProjects(context, {})).data.map((item) => item.slug)).not.toContain("gone");
  });

  it("removes its secret levels and their history, and records the deletion in the audit log", async () => {
    const seed = await seedDemo({ organizationName: "Cascade", ownerEmail: "cascade@example.test" });
    const demo = contextFor({ kind: "token", tokenId: newId(), organizationId: seed.organization_id, grants: unscopedGrants(ALLOW_ALL) });
    const project = await database.db.project.findFirstOrThrow({ where: { organizationId: seed.organization_id }, select: { id: true } });
    expect(await database.db.secretVersion.count({ where: { level: { projectId: project.id } } })).toBe(3);
    await deleteProject(demo, (await allowed(projectPlan("delete", "my-app"), demo)).level.project);
    expect(await database.db.secretLevel.count({ where: { projectId: project.id } })).toBe(0);
    expect(await database.db.secretVersion.count({ where: { level: { projectId: project.id } } })).toBe(0);
    const events = await database.db.auditEvent.findMany({ where: { organizationId: seed.organization_id, action: "project.delete" }, select: { metadata: true, status: true } });
    expect(events).toEqual([{ metadata: { slug: "my-app", name: "My App", custody: "server" }, status: 204 }]);
  });
});
