import { importDataKey, sealBlob } from "@/lib/crypto";
import { enforce } from "@/lib/services/access/enforce";
import type { AuditActor } from "@/lib/services/audit/record";
import type { ServiceContext } from "@/lib/services/context";
import { retrieveKey, retrieveKeyPlan } from "@/lib/services/secrets/read";
import { seedDemo } from "@/lib/services/seed/demo-seed";
import { openTestDatabase, type TestDatabase } from "./database";
import { contextFor } from "./key-fixture";

// For the secrets integration tests (lib/services/secrets/*.db.test.ts): a fresh database holding
// the demo organization (server-managed my-app → backend → production), an allow-all context in
// it, and a sealer under my-app's key, so a test stores values the way a client would.

export interface Demo {
  database: TestDatabase;
  context: ServiceContext;
  seal: (values: Record<string, string>) => Promise<string>;
}

/** `masterKeyByte` fills the master key: each test file its own, as each has its own database. */
export async function openDemo(name: string, masterKeyByte: number, actor: Partial<AuditActor> = {}): Promise<Demo> {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, masterKeyByte).toString("base64");
  const database = await openTestDatabase();
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const seed = await seedDemo({ organizationName: name, ownerEmail: `${slug}-owner@example.test` });
  const base = contextFor(seed.organization_id);
  const context: ServiceContext = { ...base, actor: { ...base.actor, actorLabel: "test", ...actor } };
  const { level } = await enforce(context, retrieveKeyPlan({ project: "my-app" }));
  const dataKey = await importDataKey((await retrieveKey(context, level)).data_key!);
  return { database, context, seal: (values) => sealBlob(dataKey, values) };
}
