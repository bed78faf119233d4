"use client";

import { useToast } from "@/components/ui/toast";
import type { DotenvEntry } from "@/lib/dotenv/parse";
import { isBlankNewRow, mergeImport, newRow, rowsFromBaseline, visibleValue, type DraftRow } from "@/lib/client/secret-draft";
import type { LevelDraft } from "./use-level-draft";

// What the user does to the draft's rows: edit, undo, remove, add, move on with Enter, import a
// .env, discard everything. Nothing here talks to the server except fetching a value a rename needs.

interface RowOperationsOptions {
  draft: LevelDraft;
  /** The rows the filters leave visible, in order (Enter moves through them). */
  shownRows: DraftRow[];
  /** May fetch stored values from the server (server-managed, with secret:decrypt). */
  canFetchValues: boolean;
  fetchValue: (name: string) => Promise<unknown>;
  clearFilters: () => void;
  focusRow: (rowId: string) => void;
  showTable: () => void;
  announce: (message: string) => void;
}

export function useRowOperations({ draft, shownRows, canFetchValues, fetchValue, clearFilters, focusRow, showTable, announce }: RowOperationsOptions) {
  const toast = useToast();
  const { rows, setRows, baseline, known } = draft;

  function update(id: string, patch: Partial<DraftRow>) {
    const row = rows.find((candidate) => candidate.id === id);
    setRows((all) => all.map((candidate) => (candidate.id === id ? { ...candidate, ...patch } : candidate)));
    // Renaming moves the value to a new name, which needs its plaintext: fetch it if allowed.
    if (row && patch.name !== undefined && row.original && visibleValue(row, known) === undefined && canFetchValues) {
      void fetchValue(row.original);
    }
  }

  function undo(id: string) {
    setRows((all) =>
      all.flatMap((row) => {
        if (row.id !== id) return [row];
        if (row.original === null) return [];
        return [{ id: row.id, original: row.original, name: row.original, tagsText: (baseline?.tags[row.original] ?? []).join(", "), removed: false }];
      }),
    );
  }

  function remove(id: string) {
    setRows((all) => all.flatMap((row) => (row.id !== id ? [row] : row.original === null ? [] : [{ ...row, removed: true }])));
  }

  function addRow(name = "") {
    const row = newRow(name);
    setRows((all) => [...all.filter((candidate) => !isBlankNewRow(candidate) || candidate.name !== ""), row]);
    clearFilters();
    focusRow(row.id);
  }

  /** Enter in a row: the next visible row's name, or a new row after the last. */
  function nextRow(id: string) {
    const index = shownRows.findIndex((row) => row.id === id);
    const next = shownRows.slice(index + 1).find((row) => !row.removed);
    if (next) document.querySelector<HTMLInputElement>(`[data-row-name="${next.id}"]`)?.focus();
    else addRow();
  }

  function importEntries(entries: DotenvEntry[]) {
    setRows(mergeImport(rows, entries, known));
    announce(`${entries.length} secret(s) added to the draft. Review and save to store them.`);
    toast.info(`${entries.length} imported into your draft. Nothing is saved until you review and save.`);
  }

  function discardAll() {
    if (!baseline || !window.confirm("Discard all unsaved changes?")) return;
    setRows(rowsFromBaseline(baseline));
    showTable();
    announce("Changes discarded.");
  }

  return { update, undo, remove, addRow, nextRow, importEntries, discardAll };
}
