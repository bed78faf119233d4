"use client";

import { useState } from "react";
import { groupByTag, type Operation } from "./openapi";

const METHOD_TONES: Record<string, string> = {
  GET: "text-emerald-700 dark:text-emerald-300",
  POST: "text-indigo-700 dark:text-indigo-300",
  PATCH: "text-amber-700 dark:text-amber-300",
  DELETE: "text-red-700 dark:text-red-300",
};

// Endpoints from the OpenAPI document, grouped and filterable; those the key can never call are
// marked with authorize()'s reason (still selectable, to see the refusal for real).
export function EndpointPicker({
  operations, selected, onSelect, unavailable,
}: {
  operations: Operation[];
  selected: string | null;
  onSelect: (operation: Operation) => void;
  unavailable: Record<string, string>;
}) {
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = operations.filter((operation) => !needle || `${operation.method} ${operation.path} ${operation.summary} ${operation.tag}`.toLowerCase().includes(needle));

  return (
    <div className="space-y-3">
      <div>
        <label htmlFor="endpoint-filter" className="text-sm font-medium">Endpoints</label>
        <input
          id="endpoint-filter"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Filter: secrets, POST, tokens…"
          className="mt-1 block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      {shown.length === 0 ? <p className="text-sm text-zinc-500">No endpoint matches “{filter}”.</p> : null}
      <div className="max-h-[32rem] space-y-3 overflow-y-auto pr-1">
        {groupByTag(shown).map(([tag, items]) => (
          <section key={tag} aria-label={tag}>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{tag}</h3>
            <ul className="mt-1 space-y-0.5">
              {items.map((operation) => {
                const reason = unavailable[operation.id];
                const active = operation.id === selected;
                return (
                  <li key={operation.id}>
                    <button
                      type="button"
                      onClick={() => onSelect(operation)}
                      aria-pressed={active}
                      aria-label={`${operation.method} ${operation.path}`}
                      title={reason ? `${operation.summary} — ${reason}` : operation.summary}
                      className={`w-full rounded px-2 py-1 text-left text-xs ${active ? "bg-indigo-50 ring-1 ring-indigo-300 dark:bg-indigo-950 dark:ring-indigo-800" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"} ${reason ? "opacity-70" : ""}`}
                    >
                      <span className={`mr-1.5 inline-block w-12 font-mono font-semibold ${METHOD_TONES[operation.method] ?? ""}`}>{operation.method}</span>
                      <span className="break-all font-mono">{operation.path.replace("/{organization}", "") || "/"}</span>
                      <span className="block text-zinc-500">{operation.summary}</span>
                      {reason ? <span className="block text-amber-700 dark:text-amber-300">Not for this key: {reason}</span> : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}
