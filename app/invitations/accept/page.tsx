import type { Metadata } from "next";
import { AcceptInvitation } from "@/components/members/accept-invitation";
import { Logo } from "@/components/ui/logo";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

// The link is /invitations/accept#<secret>. The server never sees the fragment; the browser reads
// it and POSTs it to /api/invitations/accept once the person confirms.
export default async function AcceptInvitationPage() {
  const user = await getCurrentUser();
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-8 text-center text-2xl">
          <Logo />
        </p>
        <div className="rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <AcceptInvitation user={user ? { email: user.email, name: user.name } : null} />
        </div>
      </div>
    </main>
  );
}
