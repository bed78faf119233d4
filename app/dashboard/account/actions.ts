"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { revokeOwnSession, userActor } from "@/lib/services/accounts/accounts";
import { changePassword } from "@/lib/services/accounts/password-change";
import {
  confirmEnrolment, regenerateRecoveryCodes, removeMethod, resendEnrolmentCode, sendMethodCode, startCodeEnrolment, startTotpEnrolment,
} from "@/lib/services/two-factor/methods";

// The Account page's security actions (docs/security.md). They belong to the person, not to an
// organization, so they stay reachable under 2FA enforcement: that is where a member enrols.

const ACCOUNT = "/dashboard/account";
const done = <T>(value: T): T => {
  revalidatePath(ACCOUNT);
  return value;
};

export async function startTotpAction() {
  return runAction((user) => startTotpEnrolment(user));
}

export async function startCodeEnrolmentAction(type: "email" | "sms", input: unknown) {
  return runAction((user) => startCodeEnrolment(user, type === "sms" ? "sms" : "email", input));
}

export async function resendEnrolmentCodeAction(methodId: string) {
  return runAction((user) => resendEnrolmentCode(user, String(methodId)));
}

export async function confirmEnrolmentAction(input: unknown) {
  return runAction(async (user, context) => done(await confirmEnrolment(user, input, userActor(user, context))));
}

export async function sendReauthenticationCodeAction(method: "email" | "sms") {
  return runAction((user) => sendMethodCode(user, method === "sms" ? "sms" : "email", "confirmation"));
}

export async function removeMethodAction(methodId: string, input: unknown) {
  return runAction(async (user, context) => done(await removeMethod(user, String(methodId), input, userActor(user, context))));
}

export async function regenerateRecoveryCodesAction(input: unknown) {
  return runAction(async (user, context) => done(await regenerateRecoveryCodes(user, input, userActor(user, context))));
}

export async function changePasswordAction(input: unknown) {
  return runAction(async (user, context) => done(await changePassword(user, input, context)));
}

export async function revokeSessionAction(sessionId: string) {
  return runAction(async (user, context) => done(await revokeOwnSession(user.id, String(sessionId), context)));
}
