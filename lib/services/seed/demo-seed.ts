import "server-only";
import { assertMasterKeyMatchesDatabase } from "../keys/master-key-check";
import { randomBytes } from "node:crypto";
import { newId } from "@/lib/data/ids";
import { hashPassword } from "@/lib/services/accounts/password";
import { ALLOW_ALL, unscopedGrants } from "@/lib/authz";
import { sealBlob } from "@/lib/crypto";
import { getDb } from "@/lib/data/db";
import type { Tx } from "@/lib/data/client";
import { issueApiToken } from "../tokens/credentials";
import { appendAuditEvent, type AuditActor } from "../audit/record";
import { insertServerManagedKey, newServerKeyMaterial, serverDataKey, type KeyCreator } from "../keys/server-custody";
import { writeLevel, type LevelOwner } from "../secrets/storage";

// `npm run seed` (docs/running.md#configuration): a demo organization with an Owner and a server-managed project
// my-app → backend → production holding a few secrets at every level. Idempotent: a second run
// finds everything in place, and only issues a fresh token and a fresh owner password (the old
// password cannot be printed again: only its hash is stored).

export const DEMO_OWNER_EMAIL = "owner@demo.dotenv.local";
const DEMO_ORGANIZATION_NAME = "Demo";
const TOKEN_LIFETIME_DAYS = 90;

const DEMO_SECRETS: { level: "project" | "target" | "environment"; values: Record<string, string> }[] = [
  { level: "project", values: { LOG_LEVEL: "info", APP_NAME: "my-app" } },
  { level: "target", values: { DATABASE_URL: "postgres://app:change-me@db.internal:5432/app", PORT: "8080" } },
  { level: "environment", values: { LOG_LEVEL: "warn", API_KEY: "sk_demo_4f9a2c7e1b", DEBUG: "false" } },
];

const SEED_ACTOR: AuditActor = { actorType: "SYSTEM", actorId: null, actorLabel: "seed", source: "CLI", ip: null, userAgent: null };

export interface DemoSeed {
  organization_id: string;
  owner: { email: string; password: string };
  token: string;
}

export interface SeedOptions {
  ownerPassword?: string;
  /** Another organization and owner than the demo's (test fixtures use a fresh one each). */
  organizationName?: string;
  ownerEmail?: string;
}

export async function seedDemo(options: SeedOptions = {}): Promise<DemoSeed> {
  // A seed run with another master key than the server's would write keys the server cannot open.
  await assertMasterKeyMatchesDatabase();
  const password = options.ownerPassword ?? randomBytes(18).toString("base64url");
  const ownerEmail = options.ownerEmail?.toLowerCase() ?? DEMO_OWNER_EMAIL;
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const owner = await upsertOwner(tx, ownerEmail, passwordHash);
      const organizationId = await ensureOrganization(tx, owner.id, options.organizationName ?? DEMO_ORGANIZATION_NAME);
      await ensureDemoProject(tx, organizationId, { id: owner.id, type: "USER", label: ownerEmail });
      const token = await issueApiToken(tx, {
        organizationId, name: `Seed token ${new Date().toISOString().slice(0, 10)}`, grants: unscopedGrants(ALLOW_ALL),
        expiresAt: new Date(Date.now() + TOKEN_LIFETIME_DAYS * 86_400_000), createdById: owner.id,
      });
      await appendAuditEvent(tx, SEED_ACTOR, {
        organizationId, action: "token.create", resourcePath: `/${organizationId}/tokens/${token.id}`, outcome: "SUCCESS", status: 201,
        metadata: { name: token.name, seed: true },
      });
      return { organization_id: organizationId, owner: { email: ownerEmail, password }, token: token.token };
    },
    { timeout: 60_000 },
  );
}

async function upsertOwner(tx: Tx, email: string, passwordHash: string) {
  return tx.user.upsert({
    where: { email },
    create: { id: newId(), email, name: "Demo Owner", passwordHash },
    update: { passwordHash, passwordChangedAt: new Date() },
    select: { id: true },
  });
}

async function ensureOrganization(tx: Tx, ownerId: string, name: string): Promise<string> {
  const existing = await tx.membership.findFirst({
    where: { userId: ownerId, role: "OWNER", organization: { name } },
    select: { organizationId: true },
    orderBy: { createdAt: "asc" },
  });
  if (existing) return existing.organizationId;
  const organization = await tx.organization.create({ data: { id: newId(), name }, select: { id: true } });
  await tx.membership.create({ data: { id: newId(), organizationId: organization.id, userId: ownerId, role: "OWNER" } });
  await tx.securityPolicy.create({ data: { organizationId: organization.id } });
  await appendAuditEvent(tx, SEED_ACTOR, {
    organizationId: organization.id, action: "organization.create", resourcePath: `/${organization.id}`, outcome: "SUCCESS", status: 201,
    metadata: { name, seed: true },
  });
  return organization.id;
}

async function ensureDemoProject(tx: Tx, organizationId: string, owner: KeyCreator): Promise<void> {
  const project =
    (await tx.project.findUnique({ where: { organizationId_slug: { organizationId, slug: "my-app" } }, select: { id: true } })) ??
    (await tx.project.create({ data: { id: newId(), organizationId, slug: "my-app", name: "My App", custody: "SERVER" }, select: { id: true } }));
  const hasKey = await tx.projectKeyVersion.count({ where: { projectId: project.id } });
  if (!hasKey) await insertServerManagedKey(tx, project.id, 1, await newServerKeyMaterial(), owner);
  const activeKey = await tx.projectKeyVersion.findFirstOrThrow({ where: { projectId: project.id, state: "ACTIVE" }, select: { version: true } });

  const target = await tx.target.upsert({
    where: { projectId_slug: { projectId: project.id, slug: "backend" } },
    create: { id: newId(), projectId: project.id, slug: "backend", name: "Backend" },
    update: {},
    select: { id: true },
  });
  const environment = await tx.environment.upsert({
    where: { targetId_slug: { targetId: target.id, slug: "production" } },
    create: { id: newId(), targetId: target.id, slug: "production", name: "Production" },
    update: {},
    select: { id: true },
  });

  const owners: Record<(typeof DEMO_SECRETS)[number]["level"], LevelOwner> = {
    project: { projectId: project.id },
    target: { projectId: project.id, targetId: target.id },
    environment: { projectId: project.id, targetId: target.id, environmentId: environment.id },
  };
  const { dataKey } = await serverDataKey(tx, project.id, activeKey.version);
  for (const { level, values } of DEMO_SECRETS) {
    const owner = owners[level];
    const ownerId = owner.environmentId ?? owner.targetId ?? owner.projectId;
    if (await tx.secretLevel.count({ where: { ownerId } })) continue;
    await writeLevel(tx, { ...owner, blob: await sealBlob(dataKey, values), keyVersion: activeKey.version, actor: SEED_ACTOR }, null);
  }
}
