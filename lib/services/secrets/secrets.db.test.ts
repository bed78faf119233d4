import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ulid } from "ulid";
import type { OrgContext } from "@/lib/api/context";
import { ALLOW_ALL, unscopedGrants } from "@/lib/authz";
import { importDataKey, sealBlob } from "@/lib/crypto";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { seedDemo } from "../seed/demo-seed";
import { listVersions } from "./versions";
import { restoreVersion } from "./history";
import { readSecrets, retrieveKey } from "./read";
import { deleteSecrets, storeSecrets } from "./write";

// The secrets use cases against a real database (both kinds): history retention — which the API
// cannot configure yet, so only this test covers it — and the audit trail of a write.

const PRODUCTION = { project: "my-app", target: "backend", environment: "production" };

let database: TestDatabase;
let context: OrgContext;
let seal: (values: Record<string, string>) => Promise<string>;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 9).toString("base64");
  database = await openTestDatabase();
  const seed = await seedDemo({ organizationName: "Secrets", ownerEmail: "secrets-owner@example.test" });
  context = {
    principal: { kind: "token", tokenId: ulid(), organizationId: seed.organization_id, grants: unscopedGrants(ALLOW_ALL) },
    organizationId: seed.organization_id, db: database.db, path: "/test",
    actor: { actorType: "TOKEN", actorId: ulid(), actorLabel: "test", source: "CLI", ip: null, userAgent: null },
  };
  const dataKey = await importDataKey((await retrieveKey(context, { project: "my-app" })).data_key!);
  seal = (values) => sealBlob(dataKey, values);
}, 120_000);
afterAll(async () => {
  await database?.close();
});

const versionsOf = async () => (await listVersions(context, PRODUCTION, {})).data.map((version) => version.version);
const setRetention = (historyRetention: number | null) => database.db.organization.update({ where: { id: context.organizationId }, data: { historyRetention } });

describe("history retention", () => {
  it("keeps at most historyRetention versions per level, pruning the oldest in the write's transaction", async () => {
    expect(await versionsOf()).toEqual([1]);
    await setRetention(3);
    for (const value of ["a", "b", "c", "d"]) {
      const response = await storeSecrets(context, { ...PRODUCTION, content: await seal({ VALUE: value }) });
      expect(response.status).toBe(200);
    }
    expect(await versionsOf()).toEqual([5, 4, 3]);
    const write = await database.sql(`SELECT metadata FROM "AuditEvent" WHERE action = 'secret.write' ORDER BY sequence DESC LIMIT 1`);
    expect(write[0]!.metadata).toMatchObject({ version: 5, versions_pruned: 1, project: "my-app", level: "environment" });

    const restored = await restoreVersion(context, PRODUCTION, 3, {});
    expect(restored.version).toBe(6);
    expect(await versionsOf()).toEqual([6, 5, 4]);

    await setRetention(1);
    await deleteSecrets(context, PRODUCTION);
    expect(await versionsOf()).toEqual([7]);
    await setRetention(null);
    await storeSecrets(context, { ...PRODUCTION, content: await seal({ VALUE: "kept" }) });
    expect(await versionsOf()).toEqual([8, 7]);
  });

  it("sources history versions from the actor (here the CLI) and never stores comments", async () => {
    await storeSecrets(context, { ...PRODUCTION, content: `# a comment with a secret in it\n\n${await seal({ VALUE: "x" })}` });
    const [latest] = (await listVersions(context, PRODUCTION, { limit: 1 })).data;
    expect(latest).toMatchObject({ source: "cli", actor: { type: "token", label: "test" } });
    const stored = await database.sql(`SELECT blob FROM "SecretLevel" WHERE "ownerId" = (SELECT id FROM "Environment" WHERE slug = 'production' LIMIT 1)`);
    expect(stored[0]!.blob).not.toContain("comment");
    const read = await readSecrets(context, PRODUCTION, { decrypt: true, merge: "true", raw: false });
    expect("data" in read && (read.data as { attributes: { secrets: Record<string, string> } }).attributes.secrets.VALUE).toBe("x");
  });
});
