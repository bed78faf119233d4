import "server-only";
import { newId } from "@/lib/data/ids";
import { wrapSecret } from "@/lib/crypto";
import { loadMasterKey } from "@/lib/config/master-key";
import type { Tx } from "@/lib/data/client";
import { getDb } from "@/lib/data/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/schemas/parse";
import { enrolConfirmationSchema, reauthenticationSchema, smsEnrolmentSchema, type TwoFactorMethodType } from "@/lib/schemas/two-factor";
import type { AuditActor } from "../audit/record";
import { hashRecoveryCode, newRecoveryCodes } from "./codes";
import { claimCode, sendCode, type CodeMethod } from "./delivery";
import { reauthenticate } from "./reauthenticate";
import { enforcingOrganizations } from "./status";
import { claimTotpStep } from "./verify";
import { newTotpSecret, totpContext, totpQrCode, totpUri } from "./totp";
import { appendUserEvent } from "./user-events";

// A person's second factors (docs/security.md#two-factor-authentication), on the Account page:
// enrolment completes only after a correct code; the first method also brings ten recovery codes,
// shown once; removing a method or regenerating codes needs the password and a current code, and
// the last method stays while any of the person's organizations enforces 2FA.

export interface AccountUser {
  id: string;
  email: string;
}

const TYPE_OF: Record<TwoFactorMethodType, "TOTP" | "EMAIL" | "SMS"> = { totp: "TOTP", email: "EMAIL", sms: "SMS" };
const API_TYPE = { TOTP: "totp", EMAIL: "email", SMS: "sms" } as const;
const ACCOUNT_PATH = "/account/two-factor";

/** +14155550123 → +1•••••••0123: enough to recognise a number, not to learn it. */
export const maskPhone = (phone: string): string => `${phone.slice(0, 2)}${"•".repeat(Math.max(0, phone.length - 6))}${phone.slice(-4)}`;

export interface MethodView {
  id: string;
  type: TwoFactorMethodType;
  /** What the person recognises: "Authenticator app", their email, a masked number. */
  detail: string;
  enabled_at: Date;
}

export async function twoFactorOverview(userId: string) {
  const db = await getDb();
  const [methods, remaining, total, enforcedBy] = await Promise.all([
    db.twoFactorMethod.findMany({ where: { userId, enabledAt: { not: null } }, select: { id: true, type: true, phone: true, label: true, enabledAt: true }, orderBy: { enabledAt: "asc" } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    db.recoveryCode.count({ where: { userId } }),
    enforcingOrganizations(userId),
  ]);
  return {
    methods: methods.map((method): MethodView => ({
      id: method.id, type: API_TYPE[method.type], enabled_at: method.enabledAt!,
      detail: method.type === "TOTP" ? "Authenticator app" : method.type === "SMS" ? maskPhone(method.phone ?? "") : (method.label ?? ""),
    })),
    recovery_codes: { remaining, total },
    enforced_by: enforcedBy,
  };
}

async function refuseSecond(tx: Tx, userId: string, type: "TOTP" | "EMAIL" | "SMS") {
  const existing = await tx.twoFactorMethod.count({ where: { userId, type, enabledAt: { not: null } } });
  if (existing > 0) {
    const what = { TOTP: "An authenticator app", EMAIL: "Email codes", SMS: "A phone number" }[type];
    throw new AppError("already_exists", `${what} is already set up. Remove it first to replace it.`);
  }
  // An unfinished enrolment of the same kind is abandoned.
  await tx.twoFactorMethod.deleteMany({ where: { userId, type, enabledAt: null } });
}

/** Step 1 of an authenticator app: the secret as a QR code and as base32 text, until a code confirms it. */
export async function startTotpEnrolment(user: AccountUser) {
  const db = await getDb();
  const id = newId();
  const secret = newTotpSecret();
  const secretEncrypted = await wrapSecret(await loadMasterKey(), secret, totpContext(id));
  await db.$transaction(async (tx) => {
    await refuseSecond(tx, user.id, "TOTP");
    await tx.twoFactorMethod.create({ data: { id, userId: user.id, type: "TOTP", secretEncrypted, label: "Authenticator app" }, select: { id: true } });
  });
  const uri = totpUri(secret, user.email);
  return { method_id: id, secret, uri, qr_code: await totpQrCode(uri) };
}

/** Step 1 of email or SMS codes: a code goes to the address or number, until it is typed back. */
export async function startCodeEnrolment(user: AccountUser, type: "email" | "sms", input: unknown = {}) {
  const phone = type === "sms" ? parseInput(smsEnrolmentSchema, input).phone : null;
  const db = await getDb();
  const id = newId();
  await db.$transaction(async (tx) => {
    await refuseSecond(tx, user.id, TYPE_OF[type]);
    await tx.twoFactorMethod.create({ data: { id, userId: user.id, type: TYPE_OF[type], phone, label: type === "email" ? user.email : phone }, select: { id: true } });
  });
  await sendCode(user, { id, type: TYPE_OF[type] as "EMAIL" | "SMS", phone }, "enrolment");
  return { method_id: id, sent_to: phone ? maskPhone(phone) : user.email };
}

async function pendingMethod(userId: string, methodId: string) {
  const db = await getDb();
  const method = await db.twoFactorMethod.findFirst({
    where: { id: methodId, userId, enabledAt: null },
    select: { id: true, type: true, phone: true, secretEncrypted: true, lastUsedStep: true },
  });
  if (!method) throw new AppError("not_found", "This setup was not found or is already complete. Start again.");
  return method;
}

export async function resendEnrolmentCode(user: AccountUser, methodId: string) {
  const method = await pendingMethod(user.id, methodId);
  if (method.type === "TOTP") throw new AppError("validation_failed", "An authenticator app shows its own codes.");
  await sendCode(user, { id: method.id, type: method.type, phone: method.phone }, "enrolment");
}

/**
 * Step 2: a correct code completes enrolment. The first method also creates ten recovery codes,
 * returned this once (only their hashes are kept).
 */
export async function confirmEnrolment(user: AccountUser, input: unknown, actor: AuditActor, now = new Date()): Promise<{ type: TwoFactorMethodType; recovery_codes: string[] | null }> {
  const { method_id, code } = parseInput(enrolConfirmationSchema, input);
  const method = await pendingMethod(user.id, method_id);
  const db = await getDb();
  const accepted = method.type === "TOTP"
    ? await claimTotpStep(method, code, now)
    : await db.$transaction((tx) => claimCode(tx, user.id, method as CodeMethod, code, now));
  if (!accepted) throw new AppError("validation_failed", "Invalid code. Check it and try again.", { details: [{ path: "code", message: "Invalid code." }] });
  return db.$transaction(async (tx) => {
    const first = (await tx.twoFactorMethod.count({ where: { userId: user.id, enabledAt: { not: null } } })) === 0;
    const { count } = await tx.twoFactorMethod.updateMany({ where: { id: method.id, enabledAt: null }, data: { enabledAt: now } });
    if (count !== 1) throw new AppError("version_conflict", "This setup was completed meanwhile.");
    const recoveryCodes = first ? await replaceRecoveryCodes(tx, user.id) : null;
    await appendUserEvent(tx, actor, user.id, { action: "auth.2fa.enrolled", resourcePath: ACCOUNT_PATH, outcome: "SUCCESS", status: 200, metadata: { method: API_TYPE[method.type] } });
    return { type: API_TYPE[method.type], recovery_codes: recoveryCodes };
  });
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ id: newId(), userId, codeHash: hashRecoveryCode(code.replaceAll("-", "")) })) });
  return codes;
}

/** Removes a method after re-authentication; the last one stays while an organization enforces 2FA. */
export async function removeMethod(user: AccountUser, methodId: string, input: unknown, actor: AuditActor, now = new Date()) {
  const reauthentication = parseInput(reauthenticationSchema, input);
  const db = await getDb();
  const method = await db.twoFactorMethod.findFirst({ where: { id: methodId, userId: user.id }, select: { id: true, type: true, enabledAt: true } });
  if (!method) throw new AppError("not_found", "That method was not found.");
  if (method.enabledAt) {
    const others = await db.twoFactorMethod.count({ where: { userId: user.id, enabledAt: { not: null }, id: { not: method.id } } });
    const enforcing = others === 0 ? await enforcingOrganizations(user.id) : [];
    if (enforcing.length > 0) {
      const names = enforcing.map((organization) => organization.name).join(", ");
      throw new AppError("validation_failed", `${names} ${enforcing.length > 1 ? "require" : "requires"} two-factor authentication, so you cannot remove your last method. Add another method first.`);
    }
  }
  await reauthenticate(user, reauthentication, actor, now);
  await db.$transaction(async (tx) => {
    await tx.twoFactorMethod.delete({ where: { id: method.id }, select: { id: true } });
    await tx.oneTimeCode.updateMany({ where: { userId: user.id, methodId: method.id, consumedAt: null }, data: { consumedAt: now } });
    const left = await tx.twoFactorMethod.count({ where: { userId: user.id, enabledAt: { not: null } } });
    // Without any method, recovery codes would be a second factor of nothing.
    if (left === 0) await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await appendUserEvent(tx, actor, user.id, {
      action: "auth.2fa.removed", resourcePath: ACCOUNT_PATH, outcome: "SUCCESS", status: 200, metadata: { method: API_TYPE[method.type], methods_left: left },
    });
  });
}

/** New recovery codes after re-authentication; the old set stops working at once. */
export async function regenerateRecoveryCodes(user: AccountUser, input: unknown, actor: AuditActor, now = new Date()): Promise<string[]> {
  const reauthentication = parseInput(reauthenticationSchema, input);
  const db = await getDb();
  if ((await db.twoFactorMethod.count({ where: { userId: user.id, enabledAt: { not: null } } })) === 0) {
    throw new AppError("validation_failed", "Recovery codes come with two-factor authentication: set up a method first.");
  }
  await reauthenticate(user, reauthentication, actor, now);
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(tx, user.id);
    await appendUserEvent(tx, actor, user.id, { action: "auth.recovery_code.regenerated", resourcePath: ACCOUNT_PATH, outcome: "SUCCESS", status: 200, metadata: { count: codes.length } });
    return codes;
  });
}

/** Sends an email or SMS code of an enabled method (to re-authenticate with it). */
export async function sendMethodCode(user: AccountUser, type: "email" | "sms", reason: "sign-in" | "confirmation") {
  const db = await getDb();
  const method = await db.twoFactorMethod.findFirst({ where: { userId: user.id, type: TYPE_OF[type], enabledAt: { not: null } }, select: { id: true, type: true, phone: true } });
  if (!method) throw new AppError("validation_failed", type === "email" ? "Email codes are not set up for this account." : "No phone number is set up for this account.");
  await sendCode(user, { id: method.id, type: method.type as "EMAIL" | "SMS", phone: method.phone }, reason);
  return { sent_to: method.phone ? maskPhone(method.phone) : user.email };
}
