import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutEverywhere } from "@/components/dashboard/sign-out-everywhere";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { listActiveSessions } from "@/lib/services/accounts/accounts";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const sessions = await listActiveSessions(user.id);

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
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="font-semibold">Active sessions</h2>
          <SignOutEverywhere />
        </div>
        <ul className="mt-4 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Active sessions">
          {sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span className="max-w-md truncate" title={session.userAgent ?? undefined}>
                {session.userAgent ?? "Unknown browser"}
                {session.id === user.sessionId ? <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">This session</span> : null}
              </span>
              <span className="text-zinc-500">
                {session.ip ?? "unknown address"} · last active{" "}
                <time dateTime={session.lastSeenAt.toISOString()} title={session.lastSeenAt.toISOString()}>
                  {session.lastSeenAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                </time>
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
