"use client";

import { useId, useState } from "react";
import { expirySentence } from "./describe";

// Expiration: never / 30 / 60 / 90 days / 1 year / a custom date (in the future), with a live
// sentence saying what the choice means. `value` is what the API takes ("never", "30d", … or a
// date); undefined (edit only) keeps the current expiry.

const PRESETS = [
  ["30d", "30 days"],
  ["60d", "60 days"],
  ["90d", "90 days"],
  ["1y", "1 year"],
  ["never", "No expiration"],
] as const;

const SELECT = "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900";

function tomorrow(): string {
  const date = new Date(Date.now() + 86_400_000);
  return date.toISOString().slice(0, 10);
}

export function ExpiryField({
  value, onChange, error, allowKeep = false, current,
}: {
  value: string | undefined;
  onChange: (next: string | undefined) => void;
  error?: string;
  /** Edit form: "keep the current expiry" as the first choice. */
  allowKeep?: boolean;
  current?: string | null;
}) {
  const id = useId();
  const isPreset = value === undefined || PRESETS.some(([preset]) => preset === value);
  const [custom, setCustom] = useState(!isPreset);
  const choice = value === undefined && !custom ? "keep" : custom ? "custom" : value;
  const describedBy = [`${id}-sentence`, error ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <div className="space-y-1.5">
      <label htmlFor={`${id}-choice`} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">Expiration</label>
      <div className="flex flex-wrap gap-2">
        <select
          id={`${id}-choice`}
          className={`${SELECT} max-w-xs`}
          value={choice}
          aria-describedby={describedBy}
          onChange={(event) => {
            const next = event.target.value;
            setCustom(next === "custom");
            if (next === "custom") onChange(tomorrow());
            else onChange(next === "keep" ? undefined : next);
          }}
        >
          {allowKeep ? <option value="keep">Keep the current expiry</option> : null}
          {PRESETS.map(([preset, label]) => (
            <option key={preset} value={preset}>{label}</option>
          ))}
          <option value="custom">Custom date…</option>
        </select>
        {custom ? (
          <div>
            <label htmlFor={`${id}-date`} className="sr-only">Expiry date</label>
            <input
              id={`${id}-date`}
              type="date"
              min={tomorrow()}
              value={value ?? ""}
              onChange={(event) => onChange(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              className={`${SELECT} ${error ? "border-red-500" : ""}`}
            />
          </div>
        ) : null}
      </div>
      <p id={`${id}-sentence`} className={`text-sm ${value === "never" ? "text-amber-700 dark:text-amber-300" : "text-zinc-600 dark:text-zinc-400"}`}>
        {value === undefined
          ? current ? `This key keeps its expiry (${new Date(current).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}).` : "This key keeps its expiry (never)."
          : expirySentence(value)}
        {value === "never" ? " Keys that never expire stay dangerous forever if they leak: prefer an expiry and rotate." : null}
      </p>
      {error ? <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
