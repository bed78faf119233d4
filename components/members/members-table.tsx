"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { Role } from "@/lib/authz";
import { apiData, apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import { RoleSelect } from "./role-select";
import { roleLabelOf, roleOptions } from "./roles";
import { formatDate, type MemberPermissions, type MemberView } from "./types";

type Pending = { kind: "role"; member: MemberView; role: string } | { kind: "remove"; member: MemberView } | null;

/** Why a row's controls are off, in words (null when they are on). */
function lockReason(member: MemberView, owners: number, myRole: Role): string | null {
  if (member.role !== "owner") return null;
  if (owners <= 1) return "The last Owner: make someone else an Owner before changing or removing this one.";
  if (myRole !== "OWNER") return "Only an Owner can change or remove an Owner.";
  return null;
}

export function MembersTable({ members, me, permissions }: { members: MemberView[]; me: { id: string; role: Role }; permissions: MemberPermissions }) {
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState<Pending>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const owners = members.filter((member) => member.role === "owner").length;
  const options = roleOptions(me.role);

  const close = () => {
    setPending(null);
    setFailure(null);
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["members", organization.id] });

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: MemberView; role: string }) =>
      apiData<MemberView>(apiPath(organization.id, "members", member.id), { method: "PATCH", body: { role } }),
    onSuccess: (updated) => {
      toast.success(`${updated.user.name || updated.user.email} is now ${roleLabelOf(updated.role)}.`);
      close();
      void refresh();
      if (updated.user.id === me.id) router.refresh();
    },
    onError: (error) => setFailure(errorMessage(error)),
  });
  const remove = useMutation({
    mutationFn: (member: MemberView) => apiRequest(apiPath(organization.id, "members", member.id), { method: "DELETE" }),
    onSuccess: (_, member) => {
      toast.success(`${member.user.email} was removed from ${organization.name}.`);
      close();
      if (member.user.id === me.id) {
        router.push("/dashboard");
        router.refresh();
        return;
      }
      void refresh();
    },
    onError: (error) => setFailure(errorMessage(error)),
  });

  return (
    <>
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-sm" aria-label="Members">
          <thead>
            <tr className="border-b border-zinc-200 text-left text-xs text-zinc-500 uppercase dark:border-zinc-800">
              <th scope="col" className="px-3 py-2 font-medium">Name</th>
              <th scope="col" className="px-3 py-2 font-medium">Email</th>
              <th scope="col" className="px-3 py-2 font-medium">Role</th>
              <th scope="col" className="px-3 py-2 font-medium">2FA</th>
              <th scope="col" className="hidden px-3 py-2 font-medium md:table-cell">Teams</th>
              <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">Joined</th>
              {permissions.remove ? <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const locked = lockReason(member, owners, me.role);
              const name = member.user.name || member.user.email;
              return (
                <tr key={member.id} data-testid="member-row" data-email={member.user.email} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
                  <td className="px-3 py-2 font-medium">
                    {member.user.name}
                    {member.user.id === me.id ? <span className="ml-2 rounded bg-zinc-100 px-1.5 text-xs font-normal text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">You</span> : null}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{member.user.email}</td>
                  <td className="px-3 py-2">
                    {permissions.update && !locked ? (
                      <div className="w-48">
                        <RoleSelect
                          label={`Role of ${name}`}
                          hideLabel
                          options={options.some((option) => option.value === member.role) ? options : [...options, { value: member.role as never, label: roleLabelOf(member.role), description: "" }]}
                          value={member.role}
                          onChange={(event) => setPending({ kind: "role", member, role: event.target.value })}
                          className="py-1"
                        />
                      </div>
                    ) : (
                      <span data-testid="member-role">
                        {roleLabelOf(member.role)}
                        {locked && (permissions.update || permissions.remove) ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{locked}</span> : null}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2" data-testid="member-two-factor">
                    {member.two_factor_enabled ? (
                      <span className="rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">On</span>
                    ) : (
                      <span className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">Off</span>
                    )}
                  </td>
                  <td className="hidden px-3 py-2 text-zinc-600 md:table-cell dark:text-zinc-400">{member.teams.length ? member.teams.join(", ") : "—"}</td>
                  <td className="hidden px-3 py-2 text-zinc-600 sm:table-cell dark:text-zinc-400">
                    <time dateTime={member.created_at} title={member.created_at}>{formatDate(member.created_at)}</time>
                  </td>
                  {permissions.remove ? (
                    <td className="px-3 py-2 text-right">
                      {locked ? null : (
                        <Button variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => setPending({ kind: "remove", member })} aria-label={`Remove ${name}`}>
                          Remove
                        </Button>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <Dialog
        open={pending?.kind === "role"}
        onClose={close}
        title="Change role?"
        description={
          pending?.kind === "role"
            ? `${pending.member.user.email} goes from ${roleLabelOf(pending.member.role)} to ${roleLabelOf(pending.role)}, effective on their next request.`
            : undefined
        }
      >
        {pending?.kind === "role" ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{options.find((option) => option.value === pending.role)?.description}</p> : null}
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        <DialogActions>
          <Button variant="secondary" onClick={close}>Cancel</Button>
          <Button onClick={() => pending?.kind === "role" && changeRole.mutate({ member: pending.member, role: pending.role })} disabled={changeRole.isPending}>
            {changeRole.isPending ? "Changing…" : "Change role"}
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog
        open={pending?.kind === "remove"}
        onClose={close}
        title="Remove member?"
        description={
          pending?.kind === "remove"
            ? `${pending.member.user.email} loses access to ${organization.name} and its teams on their next request. API keys they created stay until you revoke them.`
            : undefined
        }
      >
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        <DialogActions>
          <Button variant="secondary" onClick={close}>Cancel</Button>
          <Button variant="danger" onClick={() => pending?.kind === "remove" && remove.mutate(pending.member)} disabled={remove.isPending}>
            {remove.isPending ? "Removing…" : "Remove member"}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
