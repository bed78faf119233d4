"use client";

import { useState } from "react";

export interface ExplorerResponse {
  status: number;
  statusText: string;
  ms: number;
  headers: [string, string][];
  body: string;
  json: unknown;
}

const MASKED_KEYS = new Set(["secrets", "levels", "content", "data_key", "token"]);
const MASK = "••••••••";

/** Values under secret-bearing keys replaced, so a screen share does not leak them by accident. */
export function maskSecrets(value: unknown, inside = false): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, inside));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, maskSecrets(item, inside || MASKED_KEYS.has(key))]));
  }
  return inside && typeof value === "string" ? MASK : value;
}

export function ResponsePanel({ response, expected }: { response: ExplorerResponse; expected: number | null }) {
  const [revealed, setRevealed] = useState(false);
  const ok = response.status < 400;
  const pretty = response.json !== undefined ? JSON.stringify(revealed ? response.json : maskSecrets(response.json), null, 2) : response.body;
  const text = response.json === undefined && !revealed ? response.body.replace(/=(.*)$/gm, `=${MASK}`) : pretty;
  return (
    <section aria-labelledby="response-heading" className="space-y-3" data-testid="response">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="response-heading" className="font-semibold">Response</h2>
        <span className={`rounded px-2 py-0.5 font-mono text-sm font-semibold ${ok ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100" : "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100"}`} data-testid="response-status">
          {response.status}
        </span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">{response.statusText}</span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">{response.ms} ms</span>
        {expected !== null ? (
          <span className="text-sm" data-testid="preflight-match">
            {expected === response.status ? "✓ as the pre-flight said" : `✗ the pre-flight expected ${expected}`}
          </span>
        ) : null}
        <button type="button" onClick={() => setRevealed(!revealed)} className="ml-auto text-sm text-indigo-700 hover:underline dark:text-indigo-300" aria-pressed={revealed}>
          {revealed ? "Mask secret values" : "Reveal secret values"}
        </button>
      </div>
      <details>
        <summary className="cursor-pointer text-sm">Headers ({response.headers.length})</summary>
        <dl className="mt-1 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-3 font-mono text-xs">
          {response.headers.map(([name, value]) => (
            <div key={name} className="contents"><dt className="text-zinc-500">{name}</dt><dd className="break-all">{value}</dd></div>
          ))}
        </dl>
      </details>
      <pre className="ph-no-capture max-h-[28rem] overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100" data-testid="response-body">{text || "(empty body)"}</pre>
    </section>
  );
}
