"use client";

import { useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { SNIPPET_LABELS, type SnippetKind } from "@/lib/client/explorer-snippets";

// Snippet tabs (arrow keys move between tabs). Every snippet reads $DOTENV_API_KEY; none holds the token.
export function SnippetTabs({ snippets }: { snippets: Partial<Record<SnippetKind, string>> }) {
  const kinds = (Object.keys(SNIPPET_LABELS) as SnippetKind[]).filter((kind) => snippets[kind]);
  const [chosen, setChosen] = useState<SnippetKind>(kinds[0] ?? "curl");
  const current = kinds.includes(chosen) ? chosen : kinds[0]!;
  const move = (step: number) => {
    const next = kinds[(kinds.indexOf(current) + step + kinds.length) % kinds.length]!;
    setChosen(next);
    document.getElementById(`snippet-tab-${next}`)?.focus();
  };
  return (
    <section aria-labelledby="snippets-heading" className="space-y-2">
      <h2 id="snippets-heading" className="font-semibold">Snippets</h2>
      <div role="tablist" aria-label="Snippet language" className="flex flex-wrap gap-1" onKeyDown={(event) => {
        if (event.key === "ArrowRight") move(1);
        if (event.key === "ArrowLeft") move(-1);
      }}>
        {kinds.map((kind) => (
          <button
            key={kind}
            id={`snippet-tab-${kind}`}
            role="tab"
            type="button"
            aria-selected={kind === current}
            aria-controls="snippet-panel"
            tabIndex={kind === current ? 0 : -1}
            onClick={() => setChosen(kind)}
            className={`rounded-md px-2.5 py-1 text-sm ${kind === current ? "bg-indigo-600 text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
          >
            {SNIPPET_LABELS[kind]}
          </button>
        ))}
      </div>
      <div id="snippet-panel" role="tabpanel" aria-labelledby={`snippet-tab-${current}`} className="relative">
        <pre className="overflow-x-auto rounded-md bg-zinc-950 p-3 pr-16 font-mono text-xs text-zinc-100" data-testid="snippet">{snippets[current]}</pre>
        <div className="absolute right-2 top-2 rounded-md bg-white dark:bg-zinc-900"><CopyButton value={snippets[current] ?? ""} label={`Copy ${SNIPPET_LABELS[current]} snippet`} /></div>
      </div>
      <p className="text-xs text-zinc-500">Set <code className="font-mono">DOTENV_API_KEY</code> in your environment first; snippets never contain the token.</p>
    </section>
  );
}
