"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath, errorMessage } from "@/lib/client/api";
import { GRACE_PERIOD_MAX_DAYS, type SecurityPolicyView } from "@/lib/schemas/two-factor";
import { formatUtc, useSecurityPolicy } from "./use-security-policy";

// Organization settings: "Require two-factor authentication" with a grace period of 0–30 days,
// saved explicitly through PATCH /api/v1/{organization}/security-policy. Only someone with 2FA may
// switch it on (the server refuses too), so nobody locks themselves out.

export function TwoFactorSection({ canUpdate, selfHasTwoFactor }: { canUpdate: boolean; selfHasTwoFactor: boolean }) {
  const policy = useSecurityPolicy();
  return (
    <Card className="p-5">
      <section aria-labelledby="two-factor-policy" className="space-y-4">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="two-factor-policy" className="font-semibold">Two-factor authentication</h2>
          {policy.data?.enforce_two_factor ? (
            <span data-testid="enforcement-badge" className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">Enforced</span>
          ) : policy.data ? (
            <span data-testid="enforcement-badge" className="rounded bg-zinc-100 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">Not enforced</span>
          ) : null}
        </div>
        {policy.isError ? <Alert tone="error">{errorMessage(policy.error)}</Alert> : null}
        {policy.data ? <PolicyForm key={JSON.stringify(policy.data)} policy={policy.data} canUpdate={canUpdate} selfHasTwoFactor={selfHasTwoFactor} /> : null}
      </section>
    </Card>
  );
}

function PolicyForm({ policy, canUpdate, selfHasTwoFactor }: { policy: SecurityPolicyView; canUpdate: boolean; selfHasTwoFactor: boolean }) {
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [enforce, setEnforce] = useState(policy.enforce_two_factor);
  const [days, setDays] = useState(String(policy.grace_period_days));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { enforce_two_factor: boolean; grace_period_days: number }) =>
      apiData<SecurityPolicyView>(apiPath(organization.id, "security-policy"), { method: "PATCH", body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(["security-policy", organization.id], saved);
      void queryClient.invalidateQueries({ queryKey: ["members", organization.id] });
      toast.success(saved.enforce_two_factor ? "Two-factor authentication is now required." : "Two-factor authentication is no longer required.");
    },
    onError: (failure) => setError(errorMessage(failure)),
  });

  const graceDays = Number(days);
  const validDays = /^\d{1,2}$/.test(days) && graceDays >= 0 && graceDays <= GRACE_PERIOD_MAX_DAYS;
  const start = policy.enforce_two_factor && policy.enforced_from ? new Date(policy.enforced_from) : new Date();
  const deadline = new Date(start.getTime() + (validDays ? graceDays : 0) * 86_400_000).toISOString();
  const blocked = enforce && !policy.enforce_two_factor && !selfHasTwoFactor;
  const changed = enforce !== policy.enforce_two_factor || (enforce && graceDays !== policy.grace_period_days);

  function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    save.mutate({ enforce_two_factor: enforce, grace_period_days: graceDays });
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Two-factor enforcement">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {policy.enforce_two_factor && policy.grace_ends_at
          ? `Required since ${formatUtc(policy.enforced_from!)}; members without it ${new Date(policy.grace_ends_at) > new Date() ? "lose" : "lost"} access on ${formatUtc(policy.grace_ends_at)}. API keys are not affected.`
          : "Members can use the organization without two-factor authentication. API keys are never affected."}
      </p>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={enforce} disabled={!canUpdate} onChange={(event) => setEnforce(event.target.checked)} />
        Require two-factor authentication
      </label>
      <div className="space-y-1.5">
        <label htmlFor="grace-days" className="block text-sm font-medium">Grace period (days, 0–{GRACE_PERIOD_MAX_DAYS})</label>
        <input
          id="grace-days" type="number" min={0} max={GRACE_PERIOD_MAX_DAYS} step={1} inputMode="numeric" value={days} disabled={!canUpdate || !enforce}
          onChange={(event) => setDays(event.target.value)} aria-invalid={validDays ? undefined : true}
          className="block w-28 rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {!validDays
            ? `Use a whole number from 0 to ${GRACE_PERIOD_MAX_DAYS}.`
            : enforce
              ? `Members without two-factor authentication ${graceDays === 0 && !policy.enforce_two_factor ? "lose access as soon as you save" : `keep access until ${formatUtc(deadline)}`}. They see a countdown until then.`
              : "Off."}
        </p>
      </div>
      {blocked ? (
        <Alert tone="error">
          Set up two-factor authentication on <Link href="/dashboard/account#two-factor" className="underline">your account</Link> before requiring it of everyone.
        </Alert>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      {canUpdate ? (
        <Button type="submit" disabled={!changed || !validDays || blocked || save.isPending}>{save.isPending ? "Saving…" : "Save"}</Button>
      ) : (
        <p className="text-sm text-zinc-500">Only Owners and Administrators can change this.</p>
      )}
    </form>
  );
}
