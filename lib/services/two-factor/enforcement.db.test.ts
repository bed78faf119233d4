import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@/lib/data/ids";
import { generate } from "otplib";
import type { ServiceContext } from "@/lib/services/context";
import { signUpAccount } from "@/scripts/testing/accounts";
import { openTestDatabase, type TestDatabase } from "@/scripts/testing/database";
import { securityPolicyUpdateSchema, securityPolicyViewSchema } from "@/lib/schemas/two-factor";
import { userPrincipal } from "../access/principal";
import { createOrganization } from "../organizations/user-organizations";
import { confirmEnrolment, startTotpEnrolment } from "./methods";
import { getSecurityPolicy, updateSecurityPolicy } from "./policy";
import { requireTwoFactorStanding, twoFactorStanding } from "./standing";

// The enforcement timeline with a controlled clock (`now` is a parameter of the use cases; nothing
// in the environment changes time): grace → restricted → enrol → access back, and the edges
// GitLab got wrong (a shortened grace period applies to everyone, a long one is honoured).

let database: TestDatabase;
const request = { ip: "198.51.100.20", userAgent: "vitest" };
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  process.env.DOTENV_MASTER_KEY = Buffer.alloc(32, 5).toString("base64");
  process.env.NEXTAUTH_SECRET = "enforcement-tests-secret-of-sufficient-length";
  database = await openTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

let counter = 0;
async function account(name: string) {
  const email = `${name}-${Date.now()}-${counter++}@example.test`;
  const user = await signUpAccount({ name, email, password: "correct horse battery staple" }, request);
  return { id: user.id, email, name };
}

async function contextOf(user: { id: string; email: string }, organizationId: string): Promise<ServiceContext> {
  const principal = (await userPrincipal(user.id, organizationId))!;
  return { principal, organizationId, path: `/${organizationId}/security-policy`, actor: { actorType: "USER", actorId: user.id, actorLabel: user.email, source: "DASHBOARD", ...request } };
}

async function enrol(user: { id: string; email: string }) {
  const started = await startTotpEnrolment(user);
  const code = await generate({ secret: started.secret });
  await confirmEnrolment(user, { method_id: started.method_id, code }, { actorType: "USER", actorId: user.id, actorLabel: user.email, source: "DASHBOARD", ...request });
}

const wire = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("security policy", () => {
  it("refuses to enforce for an admin without 2FA, and grace periods outside 0–30 days", async () => {
    const owner = await account("owner");
    const organization = await createOrganization(owner, { name: "Careful Co" }, request);
    const context = await contextOf(owner, organization.id);
    await expect(updateSecurityPolicy(context, { enforce_two_factor: true, grace_period_days: 7 })).rejects.toMatchObject({ code: "validation_failed", status: 422 });
    expect((await getSecurityPolicy(context)).enforce_two_factor).toBe(false);
    for (const bad of [{ grace_period_days: 31 }, { grace_period_days: -1 }, { grace_period_days: 1.5 }, { grace_period_days: "7" }, { enforce_two_factor: "yes" }, {}, { enforce_two_factor: true, extra: 1 }]) {
      expect(securityPolicyUpdateSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(securityPolicyUpdateSchema.safeParse({ enforce_two_factor: true, grace_period_days: 30 }).success).toBe(true);
  });

  it("answers enforce_two_factor, grace_period_days, enforced_from and grace_ends_at, and audits the change", async () => {
    const owner = await account("owner");
    await enrol(owner);
    const organization = await createOrganization(owner, { name: "Shape Co" }, request);
    const context = await contextOf(owner, organization.id);
    const t0 = new Date("2027-03-01T09:00:00Z");
    const policy = securityPolicyViewSchema.parse(wire(await updateSecurityPolicy(context, { enforce_two_factor: true, grace_period_days: 14 }, t0)));
    expect(policy).toEqual({ enforce_two_factor: true, grace_period_days: 14, enforced_from: "2027-03-01T09:00:00.000Z", grace_ends_at: "2027-03-15T09:00:00.000Z" });
    expect(securityPolicyViewSchema.parse(wire(await getSecurityPolicy(context)))).toEqual(policy);
    const off = await updateSecurityPolicy(context, { enforce_two_factor: false }, new Date(t0.getTime() + DAY));
    expect(wire(off)).toEqual({ enforce_two_factor: false, grace_period_days: 14, enforced_from: null, grace_ends_at: null });
    const audited = await database.db.auditEvent.findMany({ where: { organizationId: organization.id, action: "organization.security_policy.updated" }, orderBy: { sequence: "asc" } });
    expect(audited.map((event) => event.metadata)).toEqual([
      { enforce_two_factor: true, grace_period_days: 14, previous: { enforce_two_factor: false, grace_period_days: 0 } },
      { enforce_two_factor: false, grace_period_days: 14, previous: { enforce_two_factor: true, grace_period_days: 14 } },
    ]);
  });
});

describe("enforcement timeline", () => {
  it("grace → restricted → enrol → access back, in this organization only", async () => {
    const owner = await account("owner");
    await enrol(owner);
    const member = await account("member");
    const strict = await createOrganization(owner, { name: "Strict Co" }, request);
    const other = await createOrganization(member, { name: "Member's Own" }, request);
    await database.db.membership.create({ data: { id: newId(), organizationId: strict.id, userId: member.id, role: "DEVELOPER" } });
    const t0 = new Date("2027-05-01T12:00:00Z");
    await updateSecurityPolicy(await contextOf(owner, strict.id), { enforce_two_factor: true, grace_period_days: 3 }, t0);

    const graceEnd = new Date("2027-05-04T12:00:00Z");
    // Told in advance, by email (the owner has 2FA, so only the member is).
    const notices = await database.db.outboxMessage.findMany({ where: { organizationId: strict.id, subject: "Strict Co now requires two-factor authentication" }, select: { recipient: true, body: true } });
    expect(notices.map((notice) => notice.recipient)).toEqual([member.email]);
    expect(notices[0]!.body).toContain("2027-05-04 12:00 UTC");
    expect(await twoFactorStanding(member.id, strict.id, new Date(t0.getTime() + DAY))).toEqual({ state: "grace", organizationName: "Strict Co", graceEndsAt: graceEnd });
    expect((await twoFactorStanding(member.id, strict.id, new Date(graceEnd.getTime() - 1))).state).toBe("grace");
    expect((await twoFactorStanding(member.id, strict.id, graceEnd)).state).toBe("restricted");
    // The owner has 2FA; the member's other organization does not enforce anything.
    expect((await twoFactorStanding(owner.id, strict.id, graceEnd)).state).toBe("clear");
    expect((await twoFactorStanding(member.id, other.id, graceEnd)).state).toBe("clear");

    const actor = { actorType: "USER" as const, actorId: member.id, actorLabel: member.email, source: "DASHBOARD" as const, ...request };
    await expect(requireTwoFactorStanding(actor, member.id, strict.id, "/x", new Date(graceEnd.getTime() + DAY))).rejects.toMatchObject({ code: "two_factor_required", status: 403 });
    const refusals = await database.db.auditEvent.count({ where: { organizationId: strict.id, action: "auth.2fa.required", actorId: member.id } });
    expect(refusals).toBe(1);

    await enrol(member);
    expect((await twoFactorStanding(member.id, strict.id, new Date(graceEnd.getTime() + DAY))).state).toBe("clear");
    await requireTwoFactorStanding(actor, member.id, strict.id, "/x", new Date(graceEnd.getTime() + DAY));
  });

  it("a shortened grace period applies to everyone at once; a longer one gives access back until it ends", async () => {
    const owner = await account("owner");
    await enrol(owner);
    const member = await account("member");
    const organization = await createOrganization(owner, { name: "Shifting Co" }, request);
    await database.db.membership.create({ data: { id: newId(), organizationId: organization.id, userId: member.id, role: "MEMBER" } });
    const context = await contextOf(owner, organization.id);
    const t0 = new Date("2027-06-01T00:00:00Z");
    await updateSecurityPolicy(context, { enforce_two_factor: true, grace_period_days: 30 }, t0);
    expect((await twoFactorStanding(member.id, organization.id, new Date(t0.getTime() + 29 * DAY))).state).toBe("grace");

    // Ten days in, the admin shortens the grace period to 5 days: it ended five days ago, for everyone.
    const shortened = await updateSecurityPolicy(context, { grace_period_days: 5 }, new Date(t0.getTime() + 10 * DAY));
    expect(shortened.enforced_from).toEqual(t0);
    expect(shortened.grace_ends_at).toEqual(new Date(t0.getTime() + 5 * DAY));
    expect((await twoFactorStanding(member.id, organization.id, new Date(t0.getTime() + 10 * DAY))).state).toBe("restricted");

    await updateSecurityPolicy(context, { grace_period_days: 20 }, new Date(t0.getTime() + 11 * DAY));
    expect((await twoFactorStanding(member.id, organization.id, new Date(t0.getTime() + 19 * DAY))).state).toBe("grace");
    expect((await twoFactorStanding(member.id, organization.id, new Date(t0.getTime() + 20 * DAY))).state).toBe("restricted");

    // Off and on again starts a new grace period from then.
    await updateSecurityPolicy(context, { enforce_two_factor: false }, new Date(t0.getTime() + 21 * DAY));
    expect((await twoFactorStanding(member.id, organization.id, new Date(t0.getTime() + 21 * DAY))).state).toBe("clear");
    const again = await updateSecurityPolicy(context, { enforce_two_factor: true }, new Date(t0.getTime() + 22 * DAY));
    expect(again.grace_ends_at).toEqual(new Date(t0.getTime() + 42 * DAY));
  });
});
