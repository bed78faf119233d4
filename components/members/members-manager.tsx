"use client";

import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import type { Role } from "@/lib/authz";
import { errorMessage } from "@/lib/client/api";
import { EnforcementState } from "./enforcement-state";
import { InvitationsList } from "./invitations-list";
import { InviteForm } from "./invite-form";
import { MembersTable } from "./members-table";
import type { MemberPermissions } from "./types";
import { useMembers } from "./use-members";

export function MembersManager({ me, permissions, outbox }: { me: { id: string; role: Role }; permissions: MemberPermissions; outbox: boolean }) {
  const members = useMembers(permissions.read);
  if (!permissions.read) return <Alert tone="error">Access restricted: your role cannot see the members of this organization.</Alert>;
  return (
    <div className="space-y-8">
      {permissions.create ? (
        <Card className="p-5">
          <h2 className="mb-4 font-semibold">Invite someone</h2>
          <InviteForm outbox={outbox} />
        </Card>
      ) : null}
      <Card className="p-5">
        <h2 className="mb-3 font-semibold">
          Members{members.data ? <span className="ml-2 text-sm font-normal text-zinc-500">{members.data.length}</span> : null}
        </h2>
        <EnforcementState members={members.data} />
        {members.isPending ? (
          <p className="text-sm text-zinc-500" role="status">Loading members…</p>
        ) : members.isError ? (
          <Alert tone="error">Could not load members: {errorMessage(members.error)}</Alert>
        ) : (
          <MembersTable members={members.data} me={me} permissions={permissions} />
        )}
      </Card>
      {permissions.create ? (
        <Card className="p-5">
          <h2 className="mb-1 font-semibold">Pending invitations</h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Links work once, for 7 days. Resending makes a new link and voids the old one.</p>
          <InvitationsList canRevoke={permissions.remove} />
        </Card>
      ) : null}
    </div>
  );
}
