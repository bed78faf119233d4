"use client";

import type { ChangeEvent, KeyboardEvent } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { LevelKind } from "@/lib/client/levels";
import { normalizeName, suggestedName, type DraftRow, type RowState } from "@/lib/client/secret-draft";

// One NAME / value / tags row of the editor. Tab goes name → value → tags → the row's buttons. Its state is said in words as well as colour (New,
// Changed, Removed); a removed row is struck through and can be undone; problems that block the
// save are shown at the row. Hidden values are not in the DOM at all, only a mask.

export const WRITE_ONLY_HINT = "You can set a new value but not view the current one.";

export interface RowAccess {
  /** May change names, values, tags and remove rows. */
  edit: boolean;
  /** May reveal stored values (server-side decrypt, or the project is unlocked in this tab). */
  reveal: boolean;
}

interface SecretRowProps {
  row: DraftRow;
  state: RowState;
  problem?: string;
  /** The plaintext, when known in this tab. */
  value: string | undefined;
  shown: boolean;
  access: RowAccess;
  /** The upper level this name overrides, if any. */
  overrides?: LevelKind;
  onChange: (patch: Partial<DraftRow>) => void;
  onReveal: () => void;
  onHide: () => void;
  onRemove: () => void;
  onUndo: () => void;
  /** Enter: go to the next row (adding one after the last). */
  onEnter: () => void;
}

const STATE_STYLE: Record<RowState, string> = {
  added: "border-l-emerald-500 bg-emerald-50/70 dark:bg-emerald-950/30",
  changed: "border-l-amber-500 bg-amber-50/70 dark:bg-amber-950/30",
  removed: "border-l-red-500 bg-red-50/70 dark:bg-red-950/30",
  unchanged: "border-l-transparent",
};
const STATE_LABEL: Record<RowState, string | null> = { added: "New", changed: "Changed", removed: "Removed", unchanged: null };
const STATE_BADGE: Record<RowState, string> = {
  added: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200",
  changed: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-200",
  removed: "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-200",
  unchanged: "",
};

const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:bg-zinc-950";
const smallButton =
  "rounded-md border border-zinc-300 px-2 py-1 text-xs hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function SecretRow({ row, state, problem, value, shown, access, overrides, onChange, onReveal, onHide, onRemove, onUndo, onEnter }: SecretRowProps) {
  const label = row.name || row.original || "new secret";
  const removed = state === "removed";
  const problemId = `${row.id}-problem`;
  const suggestion = access.edit && !removed ? suggestedName(row.name) : null;
  const writeOnly = access.edit && !access.reveal && value === undefined && row.original !== null;

  function keyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onEnter();
    } else if (event.key === "Escape" && state !== "unchanged") {
      // Esc cancels this row's edit (the dialog-free equivalent of "undo").
      event.preventDefault();
      onUndo();
    }
  }

  function nameChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.target;
    const name = normalizeName(input.value);
    if (name !== input.value) {
      // normalizeName replaces one character by one: write it into the field now and put the caret
      // back, so React finds the value already there and the caret does not jump to the end.
      const { selectionStart, selectionEnd } = input;
      input.value = name;
      input.setSelectionRange(selectionStart, selectionEnd);
    }
    onChange({ name });
  }

  return (
    <li
      data-testid="secret-row"
      data-name={row.name}
      data-state={state}
      className={`grid grid-cols-1 gap-2 border-l-4 px-3 py-2 md:grid-cols-[minmax(9rem,1fr)_minmax(12rem,2fr)_minmax(7rem,0.8fr)_15rem] md:items-start ${STATE_STYLE[state]}`}
    >
      <div className="min-w-0 space-y-1">
        {access.edit && !removed ? (
          <input
            data-row-name={row.id}
            aria-label={row.name ? `Name of ${row.name}` : "Name of new secret"}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? problemId : undefined}
            value={row.name}
            onChange={nameChange}
            onKeyDown={keyDown}
            spellCheck={false}
            autoComplete="off"
            placeholder="NAME"
            className={`${inputClass} ${problem ? "border-red-500 dark:border-red-500" : ""}`}
          />
        ) : (
          <span className={`block truncate px-2 py-1.5 font-mono text-sm ${removed ? "text-red-700 line-through dark:text-red-400" : ""}`}>{row.original ?? row.name}</span>
        )}
        <div className="flex flex-wrap items-center gap-1 text-xs">
          {STATE_LABEL[state] ? <span className={`rounded px-1.5 py-0.5 font-medium ${STATE_BADGE[state]}`}>{STATE_LABEL[state]}</span> : null}
          {row.original !== null && row.name !== row.original && !removed ? <span className="text-zinc-500">renamed from {row.original}</span> : null}
          {overrides ? <span className="text-zinc-500">overrides the {overrides} value</span> : null}
        </div>
        {problem ? (
          <p id={problemId} role="alert" className="text-xs text-red-700 dark:text-red-400">
            {problem}
          </p>
        ) : null}
      </div>

      <div className="min-w-0 space-y-1">
        {removed ? (
          <span className="secret block px-2 py-1.5 font-mono text-sm text-red-700 line-through dark:text-red-400">••••••••</span>
        ) : shown && (value !== undefined || row.value !== undefined) ? (
          <textarea
            aria-label={`Value of ${label}`}
            className={`secret ${inputClass} resize-y`}
            rows={Math.min(6, Math.max(1, (value ?? "").split("\n").length))}
            value={value ?? ""}
            readOnly={!access.edit}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => onChange({ value: event.target.value, ciphertext: undefined })}
            onKeyDown={keyDown}
          />
        ) : (
          <div className="flex items-center gap-2">
            <span className="secret px-2 py-1.5 font-mono text-sm tracking-widest text-zinc-500" data-testid="masked-value">
              <span aria-hidden="true">••••••••</span>
              <span className="sr-only">Value of {label}: hidden</span>
            </span>
            {writeOnly ? (
              <button type="button" className={smallButton} onClick={() => onChange({ value: "", ciphertext: undefined })} aria-label={`Set a new value for ${label}`}>
                Set new value
              </button>
            ) : null}
          </div>
        )}
        {writeOnly && row.value === undefined ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{WRITE_ONLY_HINT}</p> : null}
      </div>

      <div className="min-w-0">
        {access.edit && !removed ? (
          <input
            aria-label={`Tags of ${label}`}
            value={row.tagsText}
            onChange={(event) => onChange({ tagsText: event.target.value.toLowerCase() })}
            onKeyDown={keyDown}
            placeholder="tags"
            spellCheck={false}
            className={`${inputClass} font-sans`}
          />
        ) : (
          <span className="flex flex-wrap gap-1 px-1 py-1.5">
            {row.tagsText
              .split(/[\s,]+/)
              .filter(Boolean)
              .map((tag) => (
                <span key={tag} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                  {tag}
                </span>
              ))}
          </span>
        )}
      </div>

      <div className="flex flex-wrap items-center gap-1 md:justify-end">
        {!removed && access.reveal && row.original !== null && row.value === undefined ? (
          shown ? (
            <button type="button" className={smallButton} onClick={onHide} aria-label={`Hide ${label}`}>
              Hide
            </button>
          ) : (
            <button type="button" className={smallButton} onClick={onReveal} aria-label={`Reveal ${label}`}>
              Reveal
            </button>
          )
        ) : null}
        {!removed && value !== undefined && shown ? <CopyButton value={value} label={`Copy ${label}`} /> : null}
        {access.edit && state !== "unchanged" ? (
          <button type="button" className={smallButton} onClick={onUndo} aria-label={state === "added" ? `Discard new ${label}` : `Undo changes to ${label}`}>
            Undo
          </button>
        ) : null}
        {access.edit && !removed ? (
          <button
            type="button"
            className={`${smallButton} text-red-700 dark:text-red-400`}
            onClick={onRemove}
            aria-label={`Delete ${label}`}
          >
            Delete
          </button>
        ) : null}
      </div>

      {suggestion ? (
        // Last in the row, so Tab goes name → value → tags (a chip between name and value once
        // swallowed the value typed next).
        <p className="text-xs md:col-span-4">
          <button type="button" className="text-indigo-700 underline dark:text-indigo-300" onClick={() => onChange({ name: suggestion })}>
            Use {suggestion}
          </button>
        </p>
      ) : null}
    </li>
  );
}
