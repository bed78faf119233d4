"use client";

import { useMemo, useState, type DragEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { readSecretsText, type DotenvEntry } from "@/lib/dotenv/parse";
import { importPreview, type DraftRow, type KnownValues } from "@/lib/client/secret-draft";

// Paste (or drop, or pick) a .env or JSON file: a preview says which names are new, which change
// and which are unchanged, then they merge into the draft — nothing is saved until review.

const KIND_LABEL = { new: "New", changed: "Changes", unchanged: "Unchanged" } as const;
const KIND_STYLE = {
  new: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200",
  changed: "bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-200",
  unchanged: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

interface ImportDialogProps {
  open: boolean;
  rows: DraftRow[];
  known: KnownValues;
  onImport: (entries: DotenvEntry[]) => void;
  onClose: () => void;
}

export function ImportDialog({ open, rows, known, onImport, onClose }: ImportDialogProps) {
  const [text, setText] = useState("");
  const [dragging, setDragging] = useState(false);
  const parsed = useMemo(() => readSecretsText(text), [text]);
  const preview = useMemo(() => importPreview(rows, parsed.entries, known), [rows, parsed.entries, known]);

  function close() {
    setText("");
    onClose();
  }

  async function readFile(file: File | undefined) {
    if (file) setText(await file.text());
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void readFile(event.dataTransfer.files[0]);
  }

  return (
    <Dialog open={open} onClose={close} wide title="Import a .env" description="Paste a .env (or a JSON object of NAME: value). You'll see what changes before anything is added to your draft.">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        className={`space-y-2 rounded-md border-2 border-dashed p-2 ${dragging ? "border-indigo-500" : "border-transparent"}`}
      >
        <label htmlFor="import-text" className="block text-sm font-medium">
          .env contents
        </label>
        <textarea
          id="import-text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={8}
          spellCheck={false}
          autoComplete="off"
          placeholder={"API_KEY=sk_live_…\nDATABASE_URL=postgres://…"}
          className="secret block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
        />
        <label className="inline-flex cursor-pointer items-center gap-2 text-sm text-indigo-700 focus-within:outline-2 focus-within:outline-indigo-500 dark:text-indigo-300">
          <input type="file" accept=".env,.txt,.json,text/plain,application/json" className="sr-only" onChange={(event) => void readFile(event.target.files?.[0])} />
          <span className="underline">Choose a file</span> <span className="text-zinc-500">or drop one here</span>
        </label>
      </div>
      {parsed.problems.length > 0 ? (
        <Alert tone="error">
          <ul className="list-inside list-disc">
            {parsed.problems.slice(0, 10).map((problem) => (
              <li key={`${problem.line}-${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {text.trim() !== "" && parsed.entries.length === 0 && parsed.problems.length === 0 ? <Alert>No secrets found in this text.</Alert> : null}
      {preview.length > 0 ? (
        <ul aria-label="Import preview" className="max-h-60 divide-y divide-zinc-200 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {preview.map((item) => (
            <li key={item.name} data-testid="import-preview-item" data-kind={item.kind} className="flex items-center justify-between gap-2 px-3 py-1.5 text-sm">
              <span className="font-mono">{item.name}</span>
              <span className="flex items-center gap-2">
                {item.replacesHidden ? <span className="text-xs text-zinc-500">replaces a value you cannot see</span> : null}
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND_STYLE[item.kind]}`}>{KIND_LABEL[item.kind]}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={close}>
          Cancel
        </Button>
        <Button
          type="button"
          disabled={parsed.entries.length === 0 || parsed.problems.length > 0}
          onClick={() => {
            onImport(parsed.entries);
            close();
          }}
        >
          Add {parsed.entries.length || ""} to draft
        </Button>
      </DialogActions>
    </Dialog>
  );
}
