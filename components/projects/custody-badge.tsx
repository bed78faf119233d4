// Who holds a project's encryption key, in words as well as colour (state is never colour alone).
// Accepts the API's lowercase custody ("server" | "client") and the database's ("SERVER" | "CLIENT").

type Custody = "server" | "client" | "SERVER" | "CLIENT";

const BADGES = {
  server: {
    label: "Server-managed",
    title: "The server holds this project's key (wrapped under its master key) and can decrypt values for people allowed to reveal them.",
    className: "border-zinc-300 bg-zinc-100 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  },
  client: {
    label: "Client-managed",
    title: "Zero-knowledge: only people with the passphrase can decrypt, in their browser or the CLI. The server never sees it.",
    className: "border-indigo-300 bg-indigo-50 text-indigo-800 dark:border-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
  },
};

export function custodyOf(custody: Custody): "server" | "client" {
  return custody.toLowerCase() === "client" ? "client" : "server";
}

export function CustodyBadge({ custody, className = "" }: { custody: Custody; className?: string }) {
  const badge = BADGES[custodyOf(custody)];
  return (
    <span
      title={badge.title}
      data-testid="custody-badge"
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium ${badge.className} ${className}`}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.5">
        {custodyOf(custody) === "client" ? (
          // A key: the client holds it.
          <>
            <circle cx="5" cy="8" r="2.5" />
            <path d="M7.5 8H14M12 8v2.5M14 8v2" strokeLinecap="round" />
          </>
        ) : (
          // A server rack.
          <>
            <rect x="2.5" y="2.5" width="11" height="4.5" rx="1" />
            <rect x="2.5" y="9" width="11" height="4.5" rx="1" />
          </>
        )}
      </svg>
      {badge.label}
    </span>
  );
}
