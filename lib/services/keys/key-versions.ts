import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import { KDF_NAME, keyProofHash, verifyKeyProof } from "@/lib/crypto";
import type { Db, Tx } from "@/lib/data/client";
import type { ActorType, Custody } from "@/lib/data/generated/enums";
import { AppError } from "@/lib/errors";
import type { KeyCheckInput, KeySetupInput } from "@/lib/schemas/projects";
import { auditChange, auditRead } from "../access/guard";
import { type ProjectRef } from "../access/lookup";
import { getDb } from "@/lib/data/db";
import { check, plan } from "../access/plan";
import { projectRotationStatus } from "./policy";
import { itemsPerKeyVersion } from "./stale-content";

// A project's key versions (docs/crypto.md#wire-format, docs/api.md#keys). What leaves the server: version numbers, states, dates
// and KDF parameters — never the wrapped key material nor the proof hash (only whether one is set).
// Rotation (rotation.ts), custody switching (custody.ts) and re-encrypting history (reencrypt.ts)
// build on what is here.

export interface ActiveKeyVersion {
  id: string;
  version: number;
  /** Null until a client-managed project's key is set up. */
  salt: string | null;
  iterations: number | null;
  /** A proof is stored: writes can be checked against it (always so for server custody). */
  configured: boolean;
  /** hex(SHA-256(key_proof)); null until set up. Compare only with verifyKeyProof. */
  proofHash: string | null;
}

/** The project's active key version; every project has exactly one (a unique index says so). */
export async function activeKeyVersion(db: Db | Tx, projectId: string): Promise<ActiveKeyVersion> {
  const key = await db.projectKeyVersion.findFirst({
    where: { projectId, state: "ACTIVE" },
    select: { id: true, version: true, salt: true, iterations: true, proofHash: true },
  });
  if (!key) throw new Error("The project has no active key version.");
  return { id: key.id, version: key.version, salt: key.salt, iterations: key.iterations, configured: key.proofHash !== null, proofHash: key.proofHash };
}

export const custodyName = (custody: Custody) => (custody === "CLIENT" ? "client" : "server");

interface KeyVersionRow {
  version: number;
  state: "ACTIVE" | "ROTATED";
  salt: string | null;
  iterations: number | null;
  proofHash: string | null;
  wrappedKey: string | null;
  createdAt: Date;
  createdById: string | null;
  createdByType: ActorType | null;
  createdByLabel: string | null;
  rotatedAt: Date | null;
}

/**
 * One key version as the API shows it. `custody` says who holds this version's key material (the
 * server keeps rotated server-managed keys so their history stays readable); the salt only matters
 * to a client deriving the key itself, so server custody leaves it out. Never the wrapped material
 * nor the proof hash — only whether they exist.
 */
export function keyVersionView(projectCustody: Custody, row: KeyVersionRow, secretVersions = 0) {
  return {
    version: row.version, state: row.state === "ACTIVE" ? ("active" as const) : ("rotated" as const),
    custody: row.wrappedKey !== null ? ("server" as const) : ("client" as const), kdf: KDF_NAME,
    ...(projectCustody === "CLIENT" ? { salt: row.salt } : {}),
    iterations: row.iterations, configured: row.proofHash !== null, created_at: row.createdAt,
    created_by: row.createdByType && row.createdByLabel ? { type: row.createdByType.toLowerCase(), id: row.createdById, label: row.createdByLabel } : null,
    rotated_at: row.rotatedAt, secret_versions: secretVersions,
  };
}

export const KEY_VERSION_SELECT = {
  version: true, state: true, salt: true, iterations: true, proofHash: true, wrappedKey: true, createdAt: true,
  createdById: true, createdByType: true, createdByLabel: true, rotatedAt: true,
} as const;

export const listKeysPlan = (project: string) => plan("key.list", [check("project:read", "project")], { level: { project } });
export const keySetupPlan = (project: string) => plan("key.verification.create", [check("key:rotate", "project")], { level: { project } });
export const keyCheckPlan = (project: string) => plan("key.check", [check("secret:read", "project")], { level: { project } });

/** Newest first, with how much content each version still encrypts; meta: custody, cadence, what is left to re-encrypt. */
export async function listKeys(context: ServiceContext, project: ProjectRef) {
  const db = await getDb();
  const rows = await db.projectKeyVersion.findMany({ where: { projectId: project.id }, select: KEY_VERSION_SELECT, orderBy: { version: "desc" } });
  const counts = await itemsPerKeyVersion(db, project.id);
  const active = rows.find((row) => row.state === "ACTIVE");
  if (!active) throw new Error("The project has no active key version.");
  const stale = [...counts].filter(([version]) => version !== active.version).reduce((sum, [, count]) => sum + count, 0);
  const rotation = await projectRotationStatus(project.id);
  await auditRead(context, "key.list", { project: project.slug, versions: rows.length });
  return {
    data: rows.map((row) => keyVersionView(project.custody, row, counts.get(row.version) ?? 0)),
    meta: { custody: custodyName(project.custody), active_version: active.version, rotation, stale_versions: stale, next_cursor: null },
  };
}

/** First key setup of a client-managed project whose key version has no proof yet. */
export async function setUpKeyVerification(context: ServiceContext, project: ProjectRef, input: KeySetupInput) {
  const db = await getDb();
  if (project.custody !== "CLIENT") {
    throw new AppError("validation_failed", "This project's key is held by the server and needs no setup; switch custody to manage it on the client.");
  }
  const proofHash = await keyProofHash(input.key_proof);
  const alreadySetUp = () => new AppError("already_exists", "This project's key is already set up; rotate the key to change it.");
  const row = await db.$transaction(async (tx) => {
    const active = await activeKeyVersion(tx, project.id);
    if (active.configured) throw alreadySetUp();
    // Conditional on "no proof yet", so of two concurrent setups exactly one wins. Raw SQL because
    // the rotated-key guard extension queries outside the transaction, which the single-session
    // embedded database cannot serve while this transaction is open; the trigger still applies.
    const count = await tx.$executeRaw`
      UPDATE "ProjectKeyVersion" SET "salt" = ${input.salt}, "iterations" = ${input.iterations}, "proofHash" = ${proofHash}
      WHERE "id" = ${active.id} AND "state" = 'ACTIVE' AND "proofHash" IS NULL`;
    if (count !== 1) throw alreadySetUp();
    await auditChange(tx, context, "key.verification.create", 201, { project: project.slug, version: active.version });
    return tx.projectKeyVersion.findUniqueOrThrow({ where: { id: active.id }, select: KEY_VERSION_SELECT });
  });
  return keyVersionView(project.custody, row);
}

/**
 * Whether a client-derived key is the project's active key, before anything is written: the
 * dashboard's unlock dialog says "wrong passphrase" at once instead of on the first save. It tells
 * a reader nothing new: anyone with secret:read can already test a guess against a ciphertext.
 */
export async function checkKeyProof(context: ServiceContext, project: ProjectRef, input: KeyCheckInput) {
  const db = await getDb();
  if (project.custody !== "CLIENT") {
    throw new AppError("validation_failed", "This project's key is held by the server; there is no passphrase to check.");
  }
  const row = await db.projectKeyVersion.findFirstOrThrow({
    where: { projectId: project.id, state: "ACTIVE" }, select: { version: true, proofHash: true },
  });
  if (!row.proofHash) throw new AppError("key_proof_required", "This project's key has not been set up yet.");
  const valid = await verifyKeyProof(input.key_proof, row.proofHash);
  await auditRead(context, "key.check", { project: project.slug, version: row.version, valid });
  return { version: row.version, valid };
}
