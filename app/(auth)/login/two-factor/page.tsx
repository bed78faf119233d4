import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PersonalOutbox } from "@/components/account/personal-outbox";
import { TwoFactorChallenge } from "@/components/auth/two-factor-challenge";
import { getSessionState } from "@/lib/auth/session";
import { mailMode } from "@/lib/mail";
import { smsMode } from "@/lib/mail/sms";
import { challengeOptions } from "@/lib/services/two-factor/challenge";
import { personalOutbox } from "@/lib/services/two-factor/status";

export const metadata: Metadata = { title: "Two-factor authentication" };

// The second step of signing in. Only a session that passed its password and waits for its second
// factor sees it; a full session goes on, no session starts over.
export default async function TwoFactorPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const session = await getSessionState();
  if (session.kind === "none") redirect("/login");
  if (session.kind === "active") redirect("/dashboard");
  const options = await challengeOptions(session.user.id);
  const outbox = mailMode() === "outbox" || smsMode() === "outbox";
  const messages = outbox ? await personalOutbox(session.user.id, { withinMinutes: 15, limit: 5 }) : [];
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Two-factor authentication</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">Signing in as {session.user.email}.</p>
      <TwoFactorChallenge methods={options.methods} recoveryCodes={options.recovery_codes_remaining} callbackUrl={typeof callbackUrl === "string" ? callbackUrl : null} />
      {outbox && options.methods.some((method) => method.type !== "totp") ? (
        <div className="mt-6 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <PersonalOutbox title="Development outbox" messages={messages.map((message) => ({ ...message, createdAt: message.createdAt.toISOString() }))} />
        </div>
      ) : null}
    </>
  );
}
