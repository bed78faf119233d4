"use client";

import { useId, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { generatePassphrase, MIN_PASSPHRASE_LENGTH } from "@/lib/crypto";
import { SENSITIVE, SENSITIVE_CLASS } from "./sensitive";

// The passphrase of a new client-managed project. A generated one is offered first (32 random
// bytes: nothing to guess); a typed one must be long, because the stored proof lets a database
// thief test guesses offline (docs/crypto.md#wire-format). It lives in this component's state only: the inputs have
// no `name` (a native submit can never carry them) and nothing here writes to a URL or storage.

export interface PassphraseState {
  mode: "generate" | "own";
  generated: string;
  typed: string;
  confirm: string;
  /** "I have saved it": required before the project can be created. */
  saved: boolean;
}

/** What is wrong with the passphrase the person chose, or null. */
export function checkPassphrase(state: PassphraseState): string | null {
  if (state.mode === "generate") return state.generated ? null : "Generate a passphrase first.";
  if (state.typed.normalize("NFC").length < MIN_PASSPHRASE_LENGTH) return `Use at least ${MIN_PASSPHRASE_LENGTH} characters, or let the browser generate one.`;
  if (state.typed !== state.confirm) return "The two passphrases do not match.";
  if (!state.saved) return "Confirm that you have saved the passphrase.";
  return null;
}

const INPUT =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm shadow-sm placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900";

export function PassphraseSetup({
  value,
  onChange,
  error,
  disabled,
}: {
  value: PassphraseState;
  onChange: (next: PassphraseState) => void;
  error: string | null;
  disabled: boolean;
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const update = (patch: Partial<PassphraseState>) => onChange({ ...value, ...patch });
  const typedLength = value.typed.normalize("NFC").length;

  return (
    <fieldset className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" disabled={disabled} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="px-1 text-sm font-semibold">Project passphrase</legend>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Your browser derives the project key from this passphrase. DotEnv receives only a salt and a proof that lets it check a key, never the
        passphrase itself.
      </p>

      <div role="radiogroup" aria-label="Passphrase source" className="flex flex-wrap gap-2">
        {(
          [
            ["generate", "Generate one for me (recommended)"],
            ["own", "Use my own passphrase"],
          ] as const
        ).map(([mode, label]) => (
          <label
            key={mode}
            className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
              value.mode === mode ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40" : "border-zinc-300 dark:border-zinc-700"
            }`}
          >
            <input
              type="radio"
              checked={value.mode === mode}
              onChange={() => update({ mode, saved: false, generated: value.generated || generatePassphrase() })}
              className="accent-indigo-600"
            />
            {label}
          </label>
        ))}
      </div>

      {value.mode === "generate" ? (
        <div className="space-y-2">
          <p id={`${id}-generated-label`} className="text-sm font-medium">
            Your generated passphrase
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              aria-labelledby={`${id}-generated-label`}
              data-testid="generated-passphrase"
              {...SENSITIVE}
              className={`${SENSITIVE_CLASS} min-w-0 flex-1 break-all rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm select-all dark:border-zinc-700 dark:bg-zinc-950`}
            >
              {value.generated}
            </code>
            <CopyButton value={value.generated} label="Copy passphrase" />
            <button
              type="button"
              onClick={() => update({ generated: generatePassphrase(), saved: false })}
              className="rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Generate another
            </button>
          </div>
          <p className="text-xs text-zinc-500">256 random bits, shown only on this page. Copy it now.</p>
        </div>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <div className="space-y-1.5">
            <label htmlFor={`${id}-typed`} className="block text-sm font-medium">
              Passphrase
            </label>
            <input
              id={`${id}-typed`}
              type={shown ? "text" : "password"}
              autoComplete="new-password"
              spellCheck={false}
              value={value.typed}
              onChange={(event) => update({ typed: event.target.value })}
              aria-describedby={`${id}-length`}
              {...SENSITIVE}
              className={`${SENSITIVE_CLASS} ${INPUT}`}
            />
            <p id={`${id}-length`} className={`text-xs ${typedLength >= MIN_PASSPHRASE_LENGTH ? "text-emerald-700 dark:text-emerald-400" : "text-zinc-500"}`}>
              {typedLength >= MIN_PASSPHRASE_LENGTH ? "✓ " : ""}
              {typedLength} of at least {MIN_PASSPHRASE_LENGTH} characters. A few unrelated words make a good passphrase.
            </p>
          </div>
          <div className="space-y-1.5">
            <label htmlFor={`${id}-confirm`} className="block text-sm font-medium">
              Confirm passphrase
            </label>
            <input
              id={`${id}-confirm`}
              type={shown ? "text" : "password"}
              autoComplete="new-password"
              spellCheck={false}
              value={value.confirm}
              onChange={(event) => update({ confirm: event.target.value })}
              {...SENSITIVE}
              className={`${SENSITIVE_CLASS} ${INPUT}`}
            />
            {value.confirm && value.confirm !== value.typed ? <p className="text-xs text-red-600 dark:text-red-400">Does not match yet.</p> : null}
          </div>
          <label className="flex items-center gap-2 text-sm md:col-span-2">
            <input type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} className="accent-indigo-600" />
            Show passphrase
          </label>
        </div>
      )}

      <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
        <p className="font-semibold">Store it in your password manager now.</p>
        <p>We cannot recover it. Without the passphrase nobody, including the DotEnv server, can read this project&apos;s secrets.</p>
      </div>

      <label className="flex items-start gap-2 text-sm font-medium">
        <input
          type="checkbox"
          checked={value.saved}
          onChange={(event) => update({ saved: event.target.checked })}
          className="mt-0.5 accent-indigo-600"
          aria-required="true"
        />
        I have saved the passphrase somewhere safe, and I understand it cannot be recovered.
      </label>

      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
