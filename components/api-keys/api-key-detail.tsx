"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { describePermission } from "@/lib/authz";
import { apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import { apiKeysQueryKey } from "./api-key-list";
import { formatDateTime, isAllowAllGrants, permissionSummary, relativeTime, scopeLabel } from "./describe";
import { KeyWarnings } from "./key-warnings";
import { ExpiryBadge, StatusBadge } from "./status-badge";
import { TokenReveal } from "./token-reveal";
import type { ApiKey, IssuedKey } from "./types";
import { RotationGraceChoice } from "./rotation-grace";
import type { RotationGrace } from "@/lib/schemas/tokens";

const LINK = "inline-flex items-center rounded-md border border-zinc-300 bg-white px-3.5 py-2 text-sm font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";

// One key: what it may do and where, when it expires, and rotate / delete. Neither shows the old
// token (the server does not have it); rotate shows the new one once.
export function ApiKeyDetail({ apiKey }: { apiKey: ApiKey }) {
  const organization = useOrganization();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const [grace, setGrace] = useState<RotationGrace>("none");
  const active = apiKey.status !== "revoked";

  const rotate = useMutation({
    mutationFn: async () => (await apiRequest<IssuedKey>(apiPath(organization.id, "tokens", apiKey.id, "rotate"), { method: "POST", body: { grace } })).data,
    onSuccess: (data) => {
      setConfirm(null);
      setIssued(data);
      toast.success(data.previous_token_valid_until ? `Key rotated: the old token works until ${formatDateTime(data.previous_token_valid_until)}.` : "Key rotated: the old token no longer works.");
      void queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(organization.id) });
      router.refresh();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: async () => apiRequest(apiPath(organization.id, "tokens", apiKey.id), { method: "DELETE" }),
    onSuccess: async () => {
      setConfirm(null);
      toast.success(`API key “${apiKey.name}” deleted: it stopped working at once.`);
      await queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(organization.id) });
      router.push("/dashboard/organizations/api-keys");
      router.refresh();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  return (
    <div className="space-y-6">
      {issued ? <TokenReveal issued={issued} rotated onDone={() => setIssued(null)} /> : null}
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{apiKey.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <code className="font-mono text-xs">{apiKey.id}</code>
            <StatusBadge status={apiKey.status} />
            <ExpiryBadge expiresAt={apiKey.expires_at} status={apiKey.status} />
            <span>{permissionSummary(apiKey.permissions)}</span>
          </p>
        </div>
        {active ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`/dashboard/organizations/api-keys/${apiKey.id}/explore`} className={LINK}>Open in API Explorer</Link>
            <Link href={`/dashboard/organizations/api-keys/${apiKey.id}/edit`} className={LINK}>Edit</Link>
            <Button variant="secondary" onClick={() => setConfirm("rotate")}>Rotate</Button>
            <Button variant="danger" onClick={() => setConfirm("delete")}>Delete</Button>
          </div>
        ) : null}
      </div>

      {active ? <KeyWarnings neverExpires={apiKey.expires_at === null} allowAll={isAllowAllGrants(apiKey.permissions)} /> : null}

      <Card className="p-5">
        <dl className="grid gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-zinc-500">Note</dt>
          <dd>{apiKey.note || "—"}</dd>
          <dt className="text-zinc-500">Expires</dt>
          <dd>{apiKey.expires_at ? <time dateTime={apiKey.expires_at}>{formatDateTime(apiKey.expires_at)}</time> : "Never"}</dd>
          <dt className="text-zinc-500">Last used</dt>
          <dd>{apiKey.last_used_at ? <time dateTime={apiKey.last_used_at} title={formatDateTime(apiKey.last_used_at)}>{relativeTime(apiKey.last_used_at)}</time> : "Never"}</dd>
          <dt className="text-zinc-500">Created</dt>
          <dd>
            <time dateTime={apiKey.created_at}>{formatDateTime(apiKey.created_at)}</time> by {apiKey.created_by?.email ?? "an API key"}
          </dd>
          {apiKey.previous_token_valid_until ? (
            <>
              <dt className="text-zinc-500">Previous token</dt>
              <dd data-testid="grace-until">
                still works until <time dateTime={apiKey.previous_token_valid_until}>{formatDateTime(apiKey.previous_token_valid_until)}</time> (rotation grace period)
              </dd>
            </>
          ) : null}
          {apiKey.rotated_at ? (
            <>
              <dt className="text-zinc-500">Rotated</dt>
              <dd><time dateTime={apiKey.rotated_at}>{formatDateTime(apiKey.rotated_at)}</time></dd>
            </>
          ) : null}
          {apiKey.revoked_at ? (
            <>
              <dt className="text-zinc-500">Revoked</dt>
              <dd><time dateTime={apiKey.revoked_at}>{formatDateTime(apiKey.revoked_at)}</time></dd>
            </>
          ) : null}
        </dl>
      </Card>

      <Card className="p-5">
        <h2 className="font-semibold">Permissions</h2>
        <table className="mt-3 min-w-full text-sm">
          <caption className="sr-only">Permissions and scopes of this key</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr><th scope="col" className="py-1 pr-4">Permission</th><th scope="col" className="py-1">Scope</th></tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {apiKey.permissions.map((grant) => (
              <tr key={`${grant.permission}:${scopeLabel(grant.scope)}`}>
                <td className="py-1.5 pr-4">
                  <code className="font-mono text-xs">{grant.permission}</code>
                  <span className="ml-2 text-zinc-500">{describePermission(grant.permission)}</span>
                </td>
                <td className="py-1.5">{scopeLabel(grant.scope)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Dialog open={confirm === "rotate"} onClose={() => setConfirm(null)} title={`Rotate “${apiKey.name}”?`} description="A new token is issued and shown once. Update every place that uses the current one — at once, or within a grace period.">
        <RotationGraceChoice value={grace} onChange={setGrace} />
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirm(null)}>Cancel</Button>
          <Button onClick={() => rotate.mutate()} disabled={rotate.isPending}>{rotate.isPending ? "Rotating…" : "Rotate key"}</Button>
        </DialogActions>
      </Dialog>
      <Dialog open={confirm === "delete"} onClose={() => setConfirm(null)} title={`Delete “${apiKey.name}”?`} description="The key is revoked immediately: every request with it is refused from now on. This cannot be undone.">
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirm(null)}>Cancel</Button>
          <Button variant="danger" onClick={() => remove.mutate()} disabled={remove.isPending}>{remove.isPending ? "Deleting…" : "Delete key"}</Button>
        </DialogActions>
      </Dialog>
    </div>
  );
}
