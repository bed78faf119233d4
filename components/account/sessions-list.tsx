"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { revokeSessionAction } from "@/app/dashboard/account/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

export interface SessionRow {
  id: string;
  ip: string | null;
  userAgent: string | null;
  lastSeenAt: string;
  current: boolean;
}

// Active sessions, each with its own "Sign out" (this one's signs this browser out).
export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);

  async function revoke(session: SessionRow) {
    setBusy(session.id);
    const result = await revokeSessionAction(session.id);
    setBusy(null);
    if (!result.ok) return toast.error(result.error.message);
    if (session.current) return signOut({ callbackUrl: "/login" });
    toast.success("That session was signed out.");
  }

  return (
    <ul className="mt-4 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" aria-label="Active sessions">
      {sessions.map((session) => (
        <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="session-row">
          <span className="min-w-0 max-w-full md:max-w-md">
            <span className="block truncate" title={session.userAgent ?? undefined}>
              {session.userAgent ?? "Unknown browser"}
              {session.current ? <span className="ml-2 rounded bg-emerald-100 px-1.5 text-xs text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200">This session</span> : null}
            </span>
            <span className="text-zinc-500">
              {session.ip ?? "unknown address"} · last active{" "}
              <time dateTime={session.lastSeenAt} title={session.lastSeenAt}>{session.lastSeenAt.slice(0, 16).replace("T", " ")} UTC</time>
            </span>
          </span>
          <Button variant="ghost" disabled={busy === session.id} onClick={() => revoke(session)} aria-label={session.current ? "Sign out this session" : `Sign out session from ${session.ip ?? "unknown address"}`}>
            Sign out
          </Button>
        </li>
      ))}
    </ul>
  );
}
