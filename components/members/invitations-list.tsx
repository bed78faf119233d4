"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import { roleLabelOf } from "./roles";
import { formatDate, type InvitationView } from "./types";

export function InvitationsList({ canRevoke }: { canRevoke: boolean }) {
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [revoking, setRevoking] = useState<InvitationView | null>(null);
  const queryKey = ["invitations", organization.id];
  const invitations = useQuery({ queryKey, queryFn: ({ signal }) => apiData<InvitationView[]>(apiPath(organization.id, "invitations"), { signal }) });

  const resend = useMutation({
    mutationFn: (invitation: InvitationView) => apiData<InvitationView>(apiPath(organization.id, "invitations", invitation.id, "resend"), { method: "POST" }),
    onSuccess: (invitation) => {
      toast.success(`A new link was sent to ${invitation.email}; the previous one no longer works.`);
      void queryClient.invalidateQueries({ queryKey });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const revoke = useMutation({
    mutationFn: (invitation: InvitationView) => apiRequest(apiPath(organization.id, "invitations", invitation.id), { method: "DELETE" }),
    onSuccess: (_, invitation) => {
      toast.success(`The invitation to ${invitation.email} was revoked.`);
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey });
    },
    onError: (error) => toast.error(errorMessage(error)),
  });

  if (invitations.isPending) return <p className="text-sm text-zinc-500" role="status">Loading invitations…</p>;
  if (invitations.isError) return <Alert tone="error">Could not load invitations: {errorMessage(invitations.error)}</Alert>;
  if (invitations.data.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No pending invitations.</p>;

  return (
    <>
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Pending invitations">
        {invitations.data.map((invitation) => (
          <li key={invitation.id} data-testid="invitation-row" data-email={invitation.email} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
            <div>
              <p className="font-medium break-all">{invitation.email}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                {roleLabelOf(invitation.role)} ·{" "}
                {invitation.status === "expired" ? (
                  <span className="font-medium text-amber-700 dark:text-amber-400">Expired</span>
                ) : (
                  <>
                    expires <time dateTime={invitation.expires_at} title={invitation.expires_at}>{formatDate(invitation.expires_at)}</time>
                  </>
                )}
                {invitation.invited_by ? ` · invited by ${invitation.invited_by.email}` : ""}
              </p>
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => resend.mutate(invitation)} disabled={resend.isPending} aria-label={`Resend invitation to ${invitation.email}`}>
                Resend
              </Button>
              {canRevoke ? (
                <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => setRevoking(invitation)} aria-label={`Revoke invitation to ${invitation.email}`}>
                  Revoke
                </Button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <Dialog open={revoking !== null} onClose={() => setRevoking(null)} title="Revoke invitation?" description={revoking ? `The link sent to ${revoking.email} stops working at once.` : undefined}>
        <DialogActions>
          <Button variant="secondary" onClick={() => setRevoking(null)}>Cancel</Button>
          <Button variant="danger" onClick={() => revoking && revoke.mutate(revoking)} disabled={revoke.isPending}>
            {revoke.isPending ? "Revoking…" : "Revoke invitation"}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
