"use client";

import { useOrigin } from "@/components/explorer/use-origin";
import Link from "next/link";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { CopyButton } from "@/components/ui/copy-button";
import type { IssuedKey } from "./types";
import { handOffToken } from "@/lib/client/explorer-handoff";

// The one and only time a token is shown: after create or rotate, from React state. Nothing here
// writes it to the URL, storage or a cache; reloading the page shows the key without it.

export function TokenReveal({ issued, rotated = false, onDone }: { issued: IssuedKey; rotated?: boolean; onDone?: () => void }) {
  const organization = useOrganization();
  const origin = useOrigin();

  return (
    <section className="space-y-4 rounded-lg border border-emerald-300 bg-white p-5 dark:border-emerald-800 dark:bg-zinc-900" aria-labelledby="token-heading" data-testid="token-reveal">
      <h2 id="token-heading" className="text-lg font-semibold">{rotated ? `New token for “${issued.name}”` : `API key “${issued.name}” created`}</h2>
      <Alert tone="error">
        <strong>Copy this token now — you won&apos;t see it again.</strong> DotEnv stores only a hash of it. If you lose it, rotate the key.
        {rotated
          ? issued.previous_token_valid_until
            ? ` The previous token keeps working until ${new Date(issued.previous_token_valid_until).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}.`
            : " The previous token stopped working just now."
          : null}
      </Alert>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="issued-token" className="sr-only">API token</label>
        <input
          id="issued-token"
          readOnly
          value={issued.token}
          onFocus={(event) => event.currentTarget.select()}
          className="ph-no-capture data-private min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
          data-testid="issued-token"
          spellCheck={false}
          autoComplete="off"
        />
        <CopyButton value={issued.token} label="Copy token" />
      </div>
      <div className="space-y-2 text-sm">
        <p>Store it as <code className="font-mono">DOTENV_API_KEY</code> in your CI&apos;s secret store, then:</p>
        <pre className="overflow-x-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100">
          {`DOTENV_API_URL=${origin} dotenv whoami\n\ncurl -H "Authorization: Bearer $DOTENV_API_KEY" ${origin}/api/v1/${organization.id}/whoami`}
        </pre>
      </div>
      <div className="flex flex-wrap gap-3 text-sm">
        <Link
          href={`/dashboard/organizations/api-keys/${issued.id}/explore`}
          // The token goes along in this tab's memory only (lib/client/explorer-handoff), never in the URL.
          onClick={() => handOffToken(issued.id, issued.token)}
          className="rounded-md bg-indigo-600 px-3.5 py-2 font-medium text-white hover:bg-indigo-500"
        >
          Test it in the API Explorer
        </Link>
        {onDone ? (
          <button type="button" onClick={onDone} className="rounded-md border border-zinc-300 px-3.5 py-2 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
            I have copied it
          </button>
        ) : (
          <Link href={`/dashboard/organizations/api-keys/${issued.id}`} className="rounded-md border border-zinc-300 px-3.5 py-2 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
            I have copied it — show the key
          </Link>
        )}
      </div>
    </section>
  );
}
