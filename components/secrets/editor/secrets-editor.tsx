"use client";

import { useMemo, useState } from "react";
import { useProjectKey } from "@/components/secrets/project-keys";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/client/api";
import type { LevelPath } from "@/lib/client/levels";
import { draftText, isBlankNewRow, reviewDraft, rowState, validateRows, visibleValue } from "@/lib/client/secret-draft";
import { ConflictDialog } from "./conflict-dialog";
import { EditorNotices } from "./editor-notices";
import { EditorError, EditorSkeleton, EmptyLevel, NoMatches } from "./editor-states";
import { downloadEnv } from "./export-env";
import { ImportDialog } from "./import-dialog";
import { InheritanceNotes } from "./inheritance-notes";
import { InheritedRows } from "./inherited-rows";
import type { EditorPermissions } from "./level-data";
import { RawEditor } from "./raw-editor";
import { ReviewDialog } from "./review-dialog";
import { SaveBar } from "./save-bar";
import { SecretRow, type RowAccess } from "./secret-row";
import { EditorToolbar } from "./toolbar";
import { useForgetOnLock } from "./use-forget-on-lock";
import { useLevelDraft } from "./use-level-draft";
import { usePendingFocus } from "./use-pending-focus";
import { useRevealedValues } from "./use-revealed-values";
import { useRowFilter } from "./use-row-filter";
import { useRowOperations } from "./use-row-operations";
import { useSaveFlow } from "./use-save-flow";
import { useTextMode } from "./use-text-mode";

// The secrets editor of one level (docs/dashboard.md#pages): edit locally, review, save once with
// expected_version. Server-managed values are revealed by a server-side decrypt (secret:decrypt)
// and written through the server (which encrypts); client-managed values are decrypted and
// encrypted in this tab with the unlocked key, and only ciphertext leaves the page.

interface SecretsEditorProps {
  path: LevelPath;
  projectName: string;
  custody: "server" | "client";
  permissions: EditorPermissions;
  /** Environments below this level ("target/environment") that inherit its values. */
  inheritedBy?: string[];
  /** Open the editor at this name (its search set to it). */
  focusName?: string;
}

export function SecretsEditor({ path, projectName, custody, permissions, inheritedBy = [], focusName }: SecretsEditorProps) {
  const { key: unlockedKey } = useProjectKey(path.project);
  const clientKey = custody === "client" ? unlockedKey : null;
  const access: RowAccess = { edit: permissions.write && (custody === "server" || clientKey !== null), reveal: custody === "server" ? permissions.decrypt : clientKey !== null };
  const toast = useToast();
  const [status, announce] = useState("");
  const [importOpen, setImportOpen] = useState(false);

  const draft = useLevelDraft(path, clientKey);
  const { rows, known, baseline } = draft;
  const filter = useRowFilter(rows, focusName);
  const focusRow = usePendingFocus();
  const visibility = useRevealedValues({ path, custody, draft, announce });
  const text = useTextMode({ draft, canReveal: access.reveal, revealAll: visibility.revealAll, announce });
  const problems = useMemo(() => validateRows(rows, known), [rows, known]);
  const edits = useRowOperations({
    draft, shownRows: filter.shownRows, canFetchValues: custody === "server" && permissions.decrypt, fetchValue: (name) => visibility.reveal(name, false),
    clearFilters: filter.clear, focusRow, showTable: text.showTable, announce,
  });
  const save = useSaveFlow({
    path, custody, permissions, clientKey, draft, problems, textProblemCount: text.problems.length, showTable: text.showTable, announce,
    showRow: (rowId) => {
      filter.clear();
      focusRow(rowId);
    },
  });
  useForgetOnLock(clientKey, () => {
    draft.forgetValues();
    visibility.forget();
    text.showTable();
  });

  if (draft.query.isPending && !baseline) return <EditorSkeleton />;
  if (draft.query.isError && !baseline) return <EditorError message={errorMessage(draft.query.error)} onRetry={() => void draft.query.refetch()} />;
  if (!baseline) return <EditorSkeleton />;

  const changeCount = rows.filter((row) => !isBlankNewRow(row) && rowState(row, baseline, known) !== "unchanged").length;
  const needle = filter.search.trim().toLowerCase();
  const inheritedOnly = Object.keys(draft.inherited)
    .filter((name) => !rows.some((row) => row.name === name && !row.removed) && (!needle || name.toLowerCase().includes(needle)) && !filter.tagFilter)
    .sort((a, b) => a.localeCompare(b));

  const exportEnv = () => {
    const result = downloadEnv(`${draft.label.replace(/\//g, "-")}.env`, Object.keys(baseline.entries), known);
    if ("refused" in result) {
      toast.error(result.refused);
      return;
    }
    announce(result.hidden ? `Exported ${result.written} values; ${result.hidden} hidden value(s) left out.` : `Exported ${result.written} values.`);
  };

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>

      <EditorNotices
        path={path}
        projectName={projectName}
        custody={custody}
        permissions={permissions}
        locked={custody === "client" && !clientKey}
        newerVersion={draft.dirty ? draft.newerVersion : null}
      />

      <EditorToolbar
        search={filter.search}
        onSearch={filter.setSearch}
        searchRef={filter.searchRef}
        tags={filter.tags}
        tagFilter={filter.tagFilter}
        onTagFilter={filter.setTagFilter}
        access={access}
        mode={text.mode}
        anyRevealed={visibility.anyRevealed}
        hasSecrets={rows.some((row) => !isBlankNewRow(row))}
        canText={access.reveal || draftText(rows, known) !== null}
        canExport={Object.keys(known).length > 0}
        onAdd={() => edits.addRow()}
        onImport={() => setImportOpen(true)}
        onRevealAll={() => void visibility.revealAll()}
        onMaskAll={visibility.maskAll}
        onText={() => void text.enterText()}
        onTable={text.leaveText}
        onExport={exportEnv}
      />

      {text.mode === "text" ? (
        <RawEditor text={text.rawText} problems={text.problems} readOnly={!access.edit} onChange={text.changeText} />
      ) : rows.length === 0 && inheritedOnly.length > 0 && !access.edit ? null : rows.length === 0 ? (
        <EmptyLevel
          canEdit={access.edit}
          canEditOnceUnlocked={custody === "client" && !clientKey && permissions.write}
          onAdd={() => edits.addRow()}
          onImport={() => setImportOpen(true)}
        />
      ) : filter.shownRows.length === 0 && inheritedOnly.length > 0 ? null : filter.shownRows.length === 0 ? (
        <NoMatches search={filter.search} tagFilter={filter.tagFilter} canEdit={access.edit} onAdd={edits.addRow} />
      ) : (
        <ul aria-label={`Secrets of ${draft.label}`} className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {filter.shownRows.map((row) => {
            const value = visibleValue(row, known);
            return (
              <SecretRow
                key={row.id}
                row={row}
                state={rowState(row, baseline, known)}
                problem={problems.get(row.id)}
                value={value}
                shown={visibility.isShown(row, value)}
                access={access}
                overrides={draft.inherited[row.name]}
                onChange={(patch) => edits.update(row.id, patch)}
                onReveal={() => void visibility.reveal(row.original!)}
                onHide={() => visibility.hide(row.original)}
                onRemove={() => edits.remove(row.id)}
                onUndo={() => edits.undo(row.id)}
                onEnter={() => edits.nextRow(row.id)}
              />
            );
          })}
        </ul>
      )}

      {text.mode === "table" ? (
        <InheritedRows path={path} names={inheritedOnly} from={draft.inherited} canOverride={access.edit} onOverride={(name) => edits.addRow(name)} />
      ) : null}

      <InheritanceNotes inheritedBy={inheritedBy} />

      {access.edit ? (
        <SaveBar
          changeCount={changeCount}
          problemCount={problems.size}
          version={baseline.version}
          dirty={draft.dirty}
          saving={save.saving}
          onDiscard={edits.discardAll}
          onSave={save.startSave}
        />
      ) : null}

      <ReviewDialog
        open={save.reviewOpen}
        review={reviewDraft(rows, baseline, known)}
        levelLabel={draft.label}
        version={baseline.version}
        canShowValues={access.reveal}
        saving={save.saving}
        error={save.saveError}
        onConfirm={() => void save.confirmSave()}
        onClose={save.closeReview}
        onShowValues={() => void save.revealReviewValues()}
        inheritedBy={inheritedBy}
      />
      {save.conflict ? (
        <ConflictDialog
          key={save.conflict.theirs.baseline.version}
          open
          items={save.conflict.items}
          theirVersion={save.conflict.theirs.baseline.version}
          canShowValues={access.reveal || save.conflict.items.some((item) => item.mine.value !== undefined)}
          onApply={save.applyConflict}
          onReload={save.reloadTheirs}
          onClose={save.closeConflict}
        />
      ) : null}
      <ImportDialog open={importOpen} rows={rows} known={known} onImport={edits.importEntries} onClose={() => setImportOpen(false)} />
    </div>
  );
}
