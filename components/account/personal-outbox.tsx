import { Alert } from "@/components/ui/alert";

// Messages to this person that a development server keeps instead of sending (no SMTP_URL, or no
// SMS_PROVIDER). Only the person they are addressed to sees them — and that is exactly why email
// and SMS codes protect nothing on such a server: say so.

export interface PersonalMessageView {
  id: string;
  channel: "EMAIL" | "SMS";
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
}

export function PersonalOutbox({ messages, title = "Development outbox: messages to you" }: { messages: PersonalMessageView[]; title?: string }) {
  return (
    <section aria-label="Development outbox" className="space-y-3">
      <h2 className="font-semibold">{title}</h2>
      <Alert>
        This server sends no email (<code className="font-mono">SMTP_URL</code> is unset) or text messages (<code className="font-mono">SMS_PROVIDER</code> is
        unset), so messages to you are kept here instead. Codes shown here protect nothing: configure delivery before relying on email or SMS codes.
      </Alert>
      {messages.length === 0 ? (
        <p className="text-sm text-zinc-500">No messages yet.</p>
      ) : (
        <ol className="space-y-3">
          {messages.map((message) => (
            <li key={message.id} data-testid="personal-outbox-message" className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
              <p className="flex flex-wrap justify-between gap-2">
                <span className="font-medium">{message.channel === "SMS" ? `Text to ${message.recipient}` : message.subject}</span>
                <time dateTime={message.createdAt} className="text-xs text-zinc-500">{message.createdAt.slice(0, 19).replace("T", " ")} UTC</time>
              </p>
              <pre className="mt-2 font-mono text-xs whitespace-pre-wrap break-all">{message.body}</pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
