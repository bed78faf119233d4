import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import type { ServiceContext } from "@/lib/services/context";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { getOrganization } from "../organizations/organization";

// docs/security.md#guarantees, fail closed: a read whose audit event cannot be written is answered 503 and returns
// nothing. The audit table is made to refuse inserts for real (a trigger), nothing is mocked.

let database: TestDatabase;
let context: ServiceContext;

beforeAll(async () => {
  database = await openTestDatabase();
  const organization = await database.db.organization.create({ data: { id: newId(), name: "Audited" } });
  context = {
    principal: { kind: "token", tokenId: newId(), organizationId: organization.id, grants: [{ permission: "organization:read" }] },
    organizationId: organization.id,
    actor: { actorType: "TOKEN", actorId: null, actorLabel: "test key", source: "API", ip: null, userAgent: null },
    path: `/${organization.id}`,
  };
});
afterAll(async () => {
  await database?.close();
});

describe("reads fail closed", () => {
  it("answers the read while the audit log can be written", async () => {
    expect(await getOrganization(context)).toMatchObject({ name: "Audited" });
  });

  it("refuses the read with 503 unavailable when its audit event cannot be written", async () => {
    await database.sql(`CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$ LANGUAGE plpgsql`);
    await database.sql(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
    try {
      await expect(getOrganization(context)).rejects.toMatchObject({ code: "unavailable", status: 503 });
    } finally {
      await database.sql(`DROP TRIGGER refuse_audit ON "AuditEvent"`);
    }
    expect(await getOrganization(context)).toMatchObject({ name: "Audited" });
  });
});
