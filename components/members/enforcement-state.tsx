"use client";

import Link from "next/link";
import { formatUtc, useSecurityPolicy } from "@/components/organizations/settings/use-security-policy";
import type { MemberView } from "./types";

// Beside the members list: whether the organization requires 2FA, until when members without it
// keep access, and how many that is.
export function EnforcementState({ members }: { members: MemberView[] | undefined }) {
  const policy = useSecurityPolicy();
  if (!policy.data) return null;
  const without = members?.filter((member) => !member.two_factor_enabled).length;
  const { enforce_two_factor: enforced, grace_ends_at: graceEndsAt } = policy.data;
  const past = graceEndsAt ? new Date(graceEndsAt) <= new Date() : false;
  return (
    <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400" data-testid="enforcement-state">
      {enforced ? (
        <>
          <span className="mr-2 rounded bg-emerald-100 px-1.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">2FA enforced</span>
          {graceEndsAt ? (past ? `Members without it have no access since ${formatUtc(graceEndsAt)}.` : `Members without it keep access until ${formatUtc(graceEndsAt)}.`) : null}
        </>
      ) : (
        "Two-factor authentication is not required."
      )}
      {without !== undefined ? ` ${without} of ${members!.length} without 2FA.` : null}{" "}
      <Link href="/dashboard/organizations/settings" className="text-indigo-600 hover:underline dark:text-indigo-400">Settings</Link>
    </p>
  );
}
