import type { Metadata } from "next";
import { Fragment } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState } from "@/components/ui/card";
import { requireDashboard } from "@/lib/auth/dashboard";
import { mailMode } from "@/lib/mail";
import { readOutbox } from "@/lib/services/mail/outbox";

export const metadata: Metadata = { title: "Development outbox" };

// Without SMTP_URL, email is not sent but kept here, so a development or test instance can still
// invite people. Messages hold invitation links, so only those who may invite (member:create) can
// read them, and only their own organization's.
export default async function OutboxPage() {
  const { organization, context, can } = await requireDashboard();
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold">Development outbox</h1>
      <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
        This server has no mail server configured (<code className="font-mono">SMTP_URL</code> is unset), so emails sent for {organization.name}{" "}
        are kept here instead of being delivered. Set <code className="font-mono">SMTP_URL</code> in production.
      </p>
    </div>
  );
  if (mailMode() === "smtp") {
    return (
      <div className="space-y-6">
        {heading}
        <Alert>Email is delivered through the configured mail server (SMTP_URL), so there is no development outbox.</Alert>
      </div>
    );
  }
  if (!can("member:create")) {
    return (
      <div className="space-y-6">
        {heading}
        <Alert tone="error">Access restricted: the outbox holds invitation links, so only people who may invite members can read it.</Alert>
      </div>
    );
  }
  const messages = await readOutbox(context);
  return (
    <div className="space-y-6">
      {heading}
      <Alert>
        Development outbox — nothing here was sent. Links in these messages work as if they had been emailed; treat them as secret.
      </Alert>
      {messages.length === 0 ? (
        <EmptyState title="No messages yet">Invitations sent from the Members page appear here.</EmptyState>
      ) : (
        <ol className="space-y-4" aria-label="Messages, newest first">
          {messages.map((message) => (
            <li key={message.id}>
              <Card className="p-4">
                <article aria-label={`Email to ${message.recipient}: ${message.subject}`} data-testid="outbox-message">
                  <header className="flex flex-wrap items-baseline justify-between gap-2">
                    <h2 className="font-medium">{message.subject}</h2>
                    <time dateTime={message.createdAt.toISOString()} title={message.createdAt.toISOString()} className="text-xs text-zinc-500">
                      {message.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                    </time>
                  </header>
                  <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                    To: <span className="wrap-anywhere" data-testid="outbox-recipient">{message.recipient}</span>
                  </p>
                  <div className="relative mt-3 overflow-x-auto rounded-md bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap break-all dark:bg-zinc-950">
                    <Linkified text={message.body} />
                  </div>
                </article>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Links in a plain-text body become anchors (only http/https). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part} className="text-indigo-700 underline dark:text-indigo-300" rel="noreferrer">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
