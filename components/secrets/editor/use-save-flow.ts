"use client";

import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { ApiError, errorMessage } from "@/lib/client/api";
import type { LevelPath } from "@/lib/client/levels";
import { decryptValues, type UnlockedProjectKey } from "@/lib/client/project-key";
import {
  conflictItems, isDirty, resolveConflict, reviewDraft, rowsFromBaseline, savePlan, visibleValue, type ConflictItem, type DraftRow, type KnownValues,
} from "@/lib/client/secret-draft";
import type { Choice } from "./conflict-dialog";
import { fetchLevel, revealOnServer, type EditorPermissions, type LevelData } from "./level-data";
import { saveLevel } from "./save";
import type { LevelDraft } from "./use-level-draft";

// Review, then one save with expected_version. When someone else saved meanwhile (409), nothing is
// stored: both sides are shown per name, and the chosen result becomes a new draft on top of their
// version, which goes through review again.

interface Conflict {
  items: ConflictItem[];
  theirs: LevelData;
  theirsKnown: KnownValues;
}

interface SaveFlowOptions {
  path: LevelPath;
  custody: "server" | "client";
  permissions: EditorPermissions;
  clientKey: UnlockedProjectKey | null;
  draft: LevelDraft;
  /** Problems that block the save, by row id. */
  problems: Map<string, string>;
  /** The text view's problems (none in table mode). */
  textProblemCount: number;
  showTable: () => void;
  /** Clears the filters and focuses the row, so a problem can be fixed where it is said. */
  showRow: (rowId: string) => void;
  announce: (message: string) => void;
}

export function useSaveFlow({ path, custody, permissions, clientKey, draft, problems, textProblemCount, showTable, showRow, announce }: SaveFlowOptions) {
  const toast = useToast();
  const [reviewOpen, setReviewOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const { organizationId, rows, baseline, known } = draft;

  function startSave() {
    if (textProblemCount > 0) {
      announce("Fix the text's problems before saving.");
      return;
    }
    if (problems.size > 0) {
      const first = rows.find((row) => problems.has(row.id));
      announce(`${problems.size} problem(s) block the save.`);
      toast.error(`Fix ${problems.size} ${problems.size === 1 ? "problem" : "problems"} before saving.`);
      if (first) {
        showTable();
        showRow(first.id);
      }
      return;
    }
    setSaveError(null);
    setReviewOpen(true);
  }

  async function confirmSave() {
    if (saving || !baseline) return;
    setSaving(true);
    setSaveError(null);
    try {
      const plan = savePlan(rows, baseline, known);
      const version = await saveLevel(organizationId, path, plan, baseline.version, custody === "client" ? clientKey : null);
      const savedKnown: KnownValues = {};
      for (const row of rows) {
        const value = row.removed ? undefined : visibleValue(row, known);
        if (value !== undefined) savedKnown[row.name] = value;
      }
      const fresh = await fetchLevel(organizationId, path);
      draft.adopt(fresh, savedKnown, rowsFromBaseline(fresh.baseline));
      setReviewOpen(false);
      showTable();
      toast.success(`Saved version ${version}`);
      announce(`Saved version ${version}.`);
    } catch (error) {
      // A rotation since this tab read the level: server-managed, the level moved on like any
      // concurrent save (its values are the same, under the new key); client-managed, this tab's
      // key is the rotated one, and only the new passphrase can go on.
      if (error instanceof ApiError && (error.code === "version_conflict" || (error.code === "key_rotated" && custody === "server"))) {
        setReviewOpen(false);
        await openConflict();
      } else if (error instanceof ApiError && error.code === "key_rotated") {
        setSaveError("This project's key was rotated since you unlocked it. Lock, unlock with the new passphrase and save again; nothing was stored.");
      } else setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  async function openConflict() {
    if (!baseline) return;
    try {
      const theirs = await fetchLevel(organizationId, path);
      let theirsKnown: KnownValues = {};
      if (custody === "server" && permissions.decrypt) theirsKnown = await revealOnServer(organizationId, path);
      else if (clientKey) theirsKnown = await decryptValues(clientKey.dataKey, theirs.baseline.entries);
      else {
        // Values unchanged since this tab loaded them are still the ones this tab knows.
        for (const [name, ciphertext] of Object.entries(theirs.baseline.entries)) {
          if (baseline.entries[name] === ciphertext && known[name] !== undefined) theirsKnown[name] = known[name]!;
        }
      }
      setConflict({ items: conflictItems(baseline, known, rows, theirs.baseline, theirsKnown), theirs, theirsKnown });
      announce(`Someone else saved version ${theirs.baseline.version} meanwhile. Nothing was stored; choose per name.`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  /** Their version becomes the baseline, with `nextRows` as the draft on top of it. */
  function adoptTheirs(current: Conflict, nextRows: DraftRow[]) {
    draft.adopt(current.theirs, current.theirsKnown, nextRows);
    setConflict(null);
    showTable();
  }

  function applyConflict(choices: Record<string, Choice>) {
    if (!conflict) return;
    const nextRows = resolveConflict(conflict.items, choices, conflict.theirs.baseline);
    adoptTheirs(conflict, nextRows);
    if (isDirty(nextRows, conflict.theirs.baseline, conflict.theirsKnown)) {
      setSaveError(null);
      setReviewOpen(true);
    } else announce("Your draft now matches the saved version.");
  }

  function reloadTheirs() {
    if (!conflict) return;
    adoptTheirs(conflict, rowsFromBaseline(conflict.theirs.baseline));
    announce(`Loaded version ${conflict.theirs.baseline.version}; your draft was discarded.`);
  }

  /** The review's "Show values": fetch (server-side decrypt) the old values not revealed yet. */
  async function revealReviewValues() {
    if (custody !== "server" || !permissions.decrypt || !baseline) return;
    const review = reviewDraft(rows, baseline, known);
    const names = [...review.changed, ...review.removed].filter((item) => item.before === undefined).map((item) => item.renamedFrom ?? item.name);
    if (names.length === 0) return;
    try {
      draft.learn(await revealOnServer(organizationId, path, names));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return {
    reviewOpen,
    saving,
    saveError,
    conflict,
    startSave,
    confirmSave,
    closeReview: () => setReviewOpen(false),
    closeConflict: () => setConflict(null),
    applyConflict,
    reloadTheirs,
    revealReviewValues,
  };
}
