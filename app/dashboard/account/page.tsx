import type { Metadata } from "next";
import { PasswordForm } from "@/components/account/password-form";
import { PersonalOutbox } from "@/components/account/personal-outbox";
import { SessionsList } from "@/components/account/sessions-list";
import { TwoFactorSettings } from "@/components/account/two-factor-settings";
import { SignOutEverywhere } from "@/components/dashboard/sign-out-everywhere";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { mailMode } from "@/lib/mail";
import { smsMode } from "@/lib/mail/sms";
import { listActiveSessions } from "@/lib/services/accounts/accounts";
import { twoFactorOverview } from "@/lib/services/two-factor/methods";
import { personalOutbox } from "@/lib/services/two-factor/status";

export const metadata: Metadata = { title: "Account" };

// Always reachable, even where an organization's 2FA grace period is over: this is where a member
// enrols (docs/security.md#two-factor-authentication).
export default async function AccountPage() {
  const user = await requireUser("/dashboard/account");
  const delivery = { email: mailMode(), sms: smsMode() };
  const outbox = delivery.email === "outbox" || delivery.sms === "outbox";
  const [sessions, overview, messages] = await Promise.all([listActiveSessions(user.id), twoFactorOverview(user.id), outbox ? personalOutbox(user.id) : []]);

  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-semibold">Account</h1>
      <Card className="p-5">
        <h2 className="font-semibold">Profile</h2>
        <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-zinc-500">Name</dt>
          <dd>{user.name}</dd>
          <dt className="text-zinc-500">Email</dt>
          <dd>{user.email}</dd>
        </dl>
      </Card>
      <Card className="p-5">
        <h2 id="two-factor" className="mb-4 font-semibold">Two-factor authentication</h2>
        <TwoFactorSettings
          summary={{
            ...overview,
            methods: overview.methods.map((method) => ({ ...method, enabled_at: method.enabled_at.toISOString() })),
            delivery,
          }}
        />
      </Card>
      <Card className="p-5">
        <h2 className="mb-4 font-semibold">Password</h2>
        <PasswordForm email={user.email} />
      </Card>
      <Card className="p-5">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-semibold">Active sessions</h2>
          <SignOutEverywhere />
        </div>
        <SessionsList
          sessions={sessions.map((session) => ({ id: session.id, ip: session.ip, userAgent: session.userAgent, lastSeenAt: session.lastSeenAt.toISOString(), current: session.id === user.sessionId }))}
        />
      </Card>
      {outbox ? (
        <Card className="p-5">
          <PersonalOutbox messages={messages.map((message) => ({ ...message, createdAt: message.createdAt.toISOString() }))} />
        </Card>
      ) : null}
    </div>
  );
}
