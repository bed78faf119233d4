import "server-only";
import { newId } from "@/lib/data/ids";
import { getDb } from "@/lib/data/db";
import { createOrganizationSchema } from "@/lib/schemas/organization";
import { appendAuditEvent } from "../audit/record";
import { userActor } from "../accounts/accounts";
import type { RequestContext } from "../context";
import { parseInput } from "@/lib/schemas/parse";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** Creating an organization makes its creator the Owner (docs/dashboard.md#pages). */
export async function createOrganization(user: SessionUser, input: unknown, context: RequestContext) {
  const { name } = parseInput(createOrganizationSchema, input);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const organization = await tx.organization.create({ data: { id: newId(), name }, select: { id: true, name: true } });
    await tx.membership.create({ data: { id: newId(), organizationId: organization.id, userId: user.id, role: "OWNER" } });
    await tx.securityPolicy.create({ data: { organizationId: organization.id } });
    await appendAuditEvent(tx, userActor(user, context), {
      organizationId: organization.id, action: "organization.create", resourcePath: `/${organization.id}`, outcome: "SUCCESS", status: 201,
      metadata: { name },
    });
    return organization;
  });
}

/** The organizations a user belongs to, with their role in each, oldest membership first. */
export async function listOrganizationsForUser(userId: string) {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((membership) => ({ ...membership.organization, role: membership.role }));
}
