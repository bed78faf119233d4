import type { Metadata } from "next";
import { MembersManager } from "@/components/members/members-manager";
import { requireDashboard } from "@/lib/auth/dashboard";
import { mailMode } from "@/lib/mail";

export const metadata: Metadata = { title: "Members" };

// Which controls appear is decided here with can() (authorize()); the API refuses the same things.
export default async function MembersPage() {
  const { user, organization, can } = await requireDashboard();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Members</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">People in {organization.name} and their roles. Changes apply on their very next request.</p>
      </div>
      <MembersManager
        me={{ id: user.id, role: organization.role }}
        permissions={{ read: can("member:read"), create: can("member:create"), update: can("member:update"), remove: can("member:delete") }}
        outbox={mailMode() === "outbox"}
      />
    </div>
  );
}
