import "server-only";
import type { ServiceContext } from "@/lib/services/context";
import type { KeyPolicyInput, RotationStatus } from "@/lib/schemas/keys";
import { getDb } from "@/lib/data/db";
import { auditChange } from "../access/guard";
import type { ProjectRef } from "../access/lookup";
import { check, plan } from "../access/plan";

// The rotation cadence of a project's key (docs/crypto.md#rotation-cadence): how many days a key
// may stay active before the dashboard calls its rotation overdue. A reminder, never a lock: an
// overdue key keeps working.

const DAY = 86_400_000;

export function rotationStatus(cadenceDays: number | null, activeSince: Date | null, now = new Date()): RotationStatus {
  const due = cadenceDays && activeSince ? new Date(activeSince.getTime() + cadenceDays * DAY) : null;
  return {
    cadence_days: cadenceDays, active_since: activeSince?.toISOString() ?? null, due_at: due?.toISOString() ?? null,
    overdue: due !== null && due.getTime() <= now.getTime(),
  };
}

/** The cadence and the active key's age, read together. */
export async function projectRotationStatus(projectId: string): Promise<RotationStatus> {
  const db = await getDb();
  const row = await db.project.findUniqueOrThrow({
    where: { id: projectId }, select: { keyRotationDays: true, keyVersions: { where: { state: "ACTIVE" }, select: { createdAt: true } } },
  });
  return rotationStatus(row.keyRotationDays, row.keyVersions[0]?.createdAt ?? null);
}

export const keyPolicyPlan = (project: string) => plan("key.policy.update", [check("key:rotate", "project")], { level: { project } });

export async function updateKeyPolicy(context: ServiceContext, project: ProjectRef, input: KeyPolicyInput): Promise<RotationStatus> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.project.update({ where: { id: project.id }, data: { keyRotationDays: input.rotation_days }, select: { id: true } });
    await auditChange(tx, context, "key.policy.update", 200, { project: project.slug, rotation_days: input.rotation_days });
  });
  return projectRotationStatus(project.id);
}
