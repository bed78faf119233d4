"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { useProjectKey } from "@/components/secrets/project-keys";
import { UnlockDialog } from "@/components/secrets/unlock";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { ApiError, errorMessage } from "@/lib/client/api";
import { formatEnvText, parseEnvText, type EnvTextEntry } from "@/lib/client/dotenv-text";
import { levelLabel, type LevelPath } from "@/lib/client/levels";
import { decryptValues } from "@/lib/client/project-key";
import {
  applyText, conflictItems, draftText, isBlankNewRow, isDirty, mergeImport, newRow, parseTags, resolveConflict, reviewDraft, rowState,
  rowsFromBaseline, savePlan, validateRows, visibleValue, type Baseline, type ConflictItem, type DraftRow, type KnownValues,
} from "@/lib/client/secret-draft";
import { ConflictDialog, type Choice } from "./conflict-dialog";
import { EditorError, EditorSkeleton } from "./editor-states";
import { downloadEnv } from "./export-env";
import { ImportDialog } from "./import-dialog";
import { fetchLevel, revealOnServer, type EditorPermissions, type LevelData } from "./level-data";
import { RawEditor } from "./raw-editor";
import { ReviewDialog } from "./review-dialog";
import { saveLevel } from "./save";
import { SecretRow, type RowAccess } from "./secret-row";
import { EditorToolbar } from "./toolbar";
import { useUnsavedGuard } from "./use-unsaved-guard";

// The secrets editor of one level (UX.md "Secrets editor"): edit locally, review, save once with
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
}

interface Conflict {
  items: ConflictItem[];
  theirs: LevelData;
  theirsKnown: KnownValues;
}

export function SecretsEditor({ path, projectName, custody, permissions, inheritedBy = [] }: SecretsEditorProps) {
  const organization = useOrganization();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { key: unlockedKey } = useProjectKey(path.project);
  const clientKey = custody === "client" ? unlockedKey : null;
  const label = levelLabel(path);
  const queryKey = useMemo(() => ["level-secrets", organization.id, label], [organization.id, label]);

  const [baseline, setBaseline] = useState<Baseline | null>(null);
  const [rows, setRows] = useState<DraftRow[]>([]);
  const [known, setKnown] = useState<KnownValues>({});
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [loadedFrom, setLoadedFrom] = useState<LevelData | null>(null);
  const [keySeen, setKeySeen] = useState(clientKey);
  const [mode, setMode] = useState<"table" | "text">("table");
  const [rawText, setRawText] = useState("");
  const [textBase, setTextBase] = useState<DraftRow[]>([]);
  const [search, setSearch] = useState("");
  const [tagFilter, setTagFilter] = useState("");
  const [reviewOpen, setReviewOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [unlockOpen, setUnlockOpen] = useState(false);
  const [status, setStatus] = useState("");
  // A row whose name input should get focus once it is rendered (a row just added).
  const focusRow = useRef<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const dirty = baseline !== null && isDirty(rows, baseline, known);
  const access: RowAccess = { edit: permissions.write && (custody === "server" || clientKey !== null), reveal: custody === "server" ? permissions.decrypt : clientKey !== null };
  const query = useQuery({ queryKey, queryFn: () => fetchLevel(organization.id, path), refetchOnWindowFocus: !dirty });
  useUnsavedGuard(dirty);

  // Adopt freshly loaded data unless the user is editing (background refreshes never touch a draft).
  if (query.data && query.data !== loadedFrom && (baseline === null || !dirty)) {
    setLoadedFrom(query.data);
    setBaseline(query.data.baseline);
    setRows(rowsFromBaseline(query.data.baseline));
  }
  // Locking a client-managed project forgets every plaintext of this page, draft included.
  if (keySeen !== clientKey) {
    setKeySeen(clientKey);
    if (clientKey === null) {
      setKnown({});
      setRevealed(new Set());
      setMode("table");
      if (baseline) setRows(rowsFromBaseline(baseline));
    }
  }

  // Client-managed and unlocked: decrypt this level's values in the browser.
  useEffect(() => {
    if (!clientKey || !baseline) return;
    let cancelled = false;
    decryptValues(clientKey.dataKey, baseline.entries).then(
      (values) => !cancelled && setKnown(values),
      () => !cancelled && toast.error("Some values do not decrypt with this key. Reload the page and unlock again."),
    );
    return () => {
      cancelled = true;
    };
  }, [clientKey, baseline, toast]);

  useEffect(() => {
    if (!focusRow.current) return;
    const input = document.querySelector<HTMLInputElement>(`[data-row-name="${focusRow.current}"]`);
    if (input) {
      input.focus();
      focusRow.current = null;
    }
  });

  // "/" focuses search (unless typing somewhere).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== "/" || target.closest("input, textarea, select, [contenteditable=true]") || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const problems = useMemo(() => validateRows(rows, known), [rows, known]);
  const parsedText = useMemo(() => (mode === "text" ? parseEnvText(rawText) : null), [mode, rawText]);

  if (query.isPending && !baseline) return <EditorSkeleton />;
  if (query.isError && !baseline) return <EditorError message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  if (!baseline) return <EditorSkeleton />;

  const currentBaseline = baseline;
  const newerVersion = query.data && query.data.baseline.version > baseline.version ? query.data.baseline.version : null;
  const inherited = query.data?.inherited ?? loadedFrom?.inherited ?? {};
  const changeCount = rows.filter((row) => !isBlankNewRow(row) && rowState(row, baseline, known) !== "unchanged").length;
  const allTags = [...new Set(rows.flatMap((row) => parseTags(row.tagsText)))].sort();
  const needle = search.trim().toLowerCase();
  const shownRows = rows.filter(
    (row) =>
      (!needle || row.name.toLowerCase().includes(needle) || (row.original ?? "").toLowerCase().includes(needle) || row.tagsText.includes(needle)) &&
      (!tagFilter || parseTags(row.tagsText).includes(tagFilter)),
  );
  const hasSecrets = rows.some((row) => !isBlankNewRow(row));
  const inheritedOnly = Object.keys(inherited).filter((name) => !rows.some((row) => row.name === name && !row.removed));

  function announce(message: string) {
    setStatus(message);
  }

  function update(id: string, patch: Partial<DraftRow>) {
    const row = rows.find((candidate) => candidate.id === id);
    setRows((all) => all.map((candidate) => (candidate.id === id ? { ...candidate, ...patch } : candidate)));
    // Renaming moves the value to a new name, which needs its plaintext: fetch it if allowed.
    if (row && patch.name !== undefined && row.original && visibleValue(row, known) === undefined && custody === "server" && permissions.decrypt) {
      void reveal(row.original, false);
    }
  }

  function undo(id: string) {
    setRows((all) =>
      all.flatMap((row) => {
        if (row.id !== id) return [row];
        if (row.original === null) return [];
        return [{ id: row.id, original: row.original, name: row.original, tagsText: (currentBaseline.tags[row.original] ?? []).join(", "), removed: false }];
      }),
    );
  }

  function remove(id: string) {
    setRows((all) => all.flatMap((row) => (row.id !== id ? [row] : row.original === null ? [] : [{ ...row, removed: true }])));
  }

  function addRow(name = "") {
    const row = newRow(name);
    setRows((all) => [...all.filter((candidate) => !isBlankNewRow(candidate) || candidate.name !== ""), row]);
    setSearch("");
    setTagFilter("");
    focusRow.current = row.id;
  }

  function nextRow(id: string) {
    const index = shownRows.findIndex((row) => row.id === id);
    const next = shownRows.slice(index + 1).find((row) => !row.removed);
    if (next) document.querySelector<HTMLInputElement>(`[data-row-name="${next.id}"]`)?.focus();
    else addRow();
  }

  async function reveal(name: string, show = true): Promise<KnownValues | null> {
    if (custody === "server" && known[name] === undefined) {
      try {
        const values = await revealOnServer(organization.id, path, [name]);
        setKnown((all) => ({ ...all, ...values }));
      } catch (error) {
        toast.error(errorMessage(error));
        return null;
      }
    }
    if (show) setRevealed((all) => new Set(all).add(name));
    return known;
  }

  async function revealAll(): Promise<KnownValues | null> {
    let values = known;
    if (custody === "server") {
      try {
        values = { ...known, ...(await revealOnServer(organization.id, path)) };
        setKnown(values);
      } catch (error) {
        toast.error(errorMessage(error));
        return null;
      }
    }
    setRevealed(new Set(Object.keys(currentBaseline.entries)));
    announce("All values revealed.");
    return values;
  }

  function maskAll() {
    setRevealed(new Set());
    announce("All values masked.");
  }

  async function enterText() {
    let values: KnownValues | null = known;
    if (draftText(rows, values) === null && access.reveal) values = await revealAll();
    const pairs = values ? draftText(rows, values) : null;
    if (!pairs) {
      toast.error("The text view needs every value of this level, and some are hidden from you.");
      return;
    }
    setTextBase(rows);
    setRawText(formatEnvText(pairs));
    setMode("text");
  }

  function changeText(text: string) {
    setRawText(text);
    const parsed = parseEnvText(text);
    if (parsed.problems.length === 0) setRows(applyText(textBase, parsed.entries, known));
  }

  function leaveText() {
    if (parsedText && parsedText.problems.length > 0) {
      announce(`Fix ${parsedText.problems.length} line(s) before going back to the table.`);
      return;
    }
    setMode("table");
  }

  function importEntries(entries: EnvTextEntry[]) {
    setRows(mergeImport(rows, entries, known));
    announce(`${entries.length} secret(s) added to the draft. Review and save to store them.`);
    toast.info(`${entries.length} imported into your draft. Nothing is saved until you review and save.`);
  }

  function startSave() {
    if (mode === "text" && parsedText && parsedText.problems.length > 0) {
      announce("Fix the text's problems before saving.");
      return;
    }
    if (problems.size > 0) {
      const first = rows.find((row) => problems.has(row.id));
      announce(`${problems.size} problem(s) block the save.`);
      toast.error(`Fix ${problems.size} ${problems.size === 1 ? "problem" : "problems"} before saving.`);
      if (first) {
        setSearch("");
        setTagFilter("");
        setMode("table");
        focusRow.current = first.id;
      }
      return;
    }
    setSaveError(null);
    setReviewOpen(true);
  }

  async function confirmSave() {
    if (saving) return;
    setSaving(true);
    setSaveError(null);
    try {
      const plan = savePlan(rows, currentBaseline, known);
      const version = await saveLevel(organization.id, path, plan, currentBaseline.version, custody === "client" ? clientKey : null);
      const savedKnown: KnownValues = {};
      for (const row of rows) {
        const value = row.removed ? undefined : visibleValue(row, known);
        if (value !== undefined) savedKnown[row.name] = value;
      }
      const fresh = await fetchLevel(organization.id, path);
      queryClient.setQueryData(queryKey, fresh);
      setLoadedFrom(fresh);
      setBaseline(fresh.baseline);
      setRows(rowsFromBaseline(fresh.baseline));
      setKnown(savedKnown);
      setReviewOpen(false);
      setMode("table");
      toast.success(`Saved version ${version}`);
      announce(`Saved version ${version}.`);
    } catch (error) {
      if (error instanceof ApiError && error.code === "version_conflict") {
        setReviewOpen(false);
        await openConflict();
      } else setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  }

  async function openConflict() {
    try {
      const theirs = await fetchLevel(organization.id, path);
      let theirsKnown: KnownValues = {};
      if (custody === "server" && permissions.decrypt) theirsKnown = await revealOnServer(organization.id, path);
      else if (clientKey) theirsKnown = await decryptValues(clientKey.dataKey, theirs.baseline.entries);
      else {
        // Values unchanged since this tab loaded them are still the ones this tab knows.
        for (const [name, ciphertext] of Object.entries(theirs.baseline.entries)) {
          if (currentBaseline.entries[name] === ciphertext && known[name] !== undefined) theirsKnown[name] = known[name]!;
        }
      }
      setConflict({ items: conflictItems(currentBaseline, known, rows, theirs.baseline, theirsKnown), theirs, theirsKnown });
      announce(`Someone else saved version ${theirs.baseline.version} meanwhile. Nothing was stored; choose per name.`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  function adopt(theirs: LevelData, theirsKnown: KnownValues, nextRows: DraftRow[]) {
    queryClient.setQueryData(queryKey, theirs);
    setLoadedFrom(theirs);
    setBaseline(theirs.baseline);
    setKnown(theirsKnown);
    setRows(nextRows);
    setConflict(null);
    setMode("table");
  }

  function applyConflict(choices: Record<string, Choice>) {
    if (!conflict) return;
    const nextRows = resolveConflict(conflict.items, choices, conflict.theirs.baseline);
    adopt(conflict.theirs, conflict.theirsKnown, nextRows);
    if (isDirty(nextRows, conflict.theirs.baseline, conflict.theirsKnown)) {
      setSaveError(null);
      setReviewOpen(true);
    } else announce("Your draft now matches the saved version.");
  }

  function reloadTheirs() {
    if (!conflict) return;
    adopt(conflict.theirs, conflict.theirsKnown, rowsFromBaseline(conflict.theirs.baseline));
    announce(`Loaded version ${conflict.theirs.baseline.version}; your draft was discarded.`);
  }

  function discardAll() {
    if (!window.confirm("Discard all unsaved changes?")) return;
    setRows(rowsFromBaseline(currentBaseline));
    setMode("table");
    announce("Changes discarded.");
  }

  function exportEnv() {
    const names = Object.keys(currentBaseline.entries);
    const result = downloadEnv(`${label.replace(/\//g, "-")}.env`, names, known);
    announce(result.hidden ? `Exported ${result.written} values; ${result.hidden} hidden value(s) left out.` : `Exported ${result.written} values.`);
  }

  const review = reviewDraft(rows, baseline, known);

  /** The review's "Show values": fetch (server-side decrypt) the old values not revealed yet. */
  async function revealReviewValues() {
    if (custody !== "server" || !permissions.decrypt) return;
    const names = [...review.changed, ...review.removed].filter((item) => item.before === undefined).map((item) => item.renamedFrom ?? item.name);
    if (names.length === 0) return;
    try {
      const values = await revealOnServer(organization.id, path, names);
      setKnown((all) => ({ ...all, ...values }));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  }

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="sr-only">
        {status}
      </p>

      {custody === "client" && !clientKey ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950 dark:text-indigo-200">
          <span>Values are encrypted with this project&apos;s passphrase. Unlock to view and edit values.</span>
          <Button onClick={() => setUnlockOpen(true)}>Unlock to view and edit values</Button>
          <UnlockDialog project={path.project} projectName={projectName} open={unlockOpen} onClose={() => setUnlockOpen(false)} />
        </div>
      ) : null}
      {custody === "server" && permissions.write && !permissions.decrypt ? (
        <Alert>You can add secrets and set new values here, but not view stored values (revealing needs the secret:decrypt permission).</Alert>
      ) : null}
      {!permissions.write ? <Alert>You have read-only access to this level: names are shown, and you cannot change them.</Alert> : null}
      {newerVersion !== null && dirty ? (
        <Alert>Someone saved version {newerVersion} while you were editing. Saving will show you both sides before anything is stored.</Alert>
      ) : null}

      <EditorToolbar
        search={search}
        onSearch={setSearch}
        searchRef={searchRef}
        tags={allTags}
        tagFilter={tagFilter}
        onTagFilter={setTagFilter}
        access={access}
        mode={mode}
        anyRevealed={revealed.size > 0}
        hasSecrets={hasSecrets}
        canText={access.reveal || draftText(rows, known) !== null}
        canExport={Object.keys(known).length > 0}
        onAdd={() => addRow()}
        onImport={() => setImportOpen(true)}
        onRevealAll={() => void revealAll()}
        onMaskAll={maskAll}
        onText={() => void enterText()}
        onTable={leaveText}
        onExport={exportEnv}
      />

      {mode === "text" ? (
        <RawEditor text={rawText} problems={parsedText?.problems ?? []} readOnly={!access.edit} onChange={changeText} />
      ) : rows.length === 0 ? (
        <EmptyState
          title="No secrets at this level yet"
          action={
            access.edit ? (
              <div className="flex gap-2">
                <Button onClick={() => addRow()}>Add a secret</Button>
                <Button variant="secondary" onClick={() => setImportOpen(true)}>
                  Paste a .env
                </Button>
              </div>
            ) : undefined
          }
        >
          {access.edit
            ? "Add one, or paste a whole .env file to import it."
            : custody === "client" && !clientKey && permissions.write
              ? "Unlock the project to add secrets."
              : "Nothing is stored at this level."}
        </EmptyState>
      ) : shownRows.length === 0 ? (
        <div className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center text-sm dark:border-zinc-700">
          <p>No names match “{search || tagFilter}”.</p>
          {access.edit && /^[A-Za-z_][A-Za-z0-9_]*$/.test(search.trim()) ? (
            <Button className="mt-3" variant="secondary" onClick={() => addRow(search.trim())}>
              Add {search.trim()}
            </Button>
          ) : null}
        </div>
      ) : (
        <ul aria-label={`Secrets of ${label}`} className="divide-y divide-zinc-200 overflow-hidden rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {shownRows.map((row) => {
            const value = visibleValue(row, known);
            return (
              <SecretRow
                key={row.id}
                row={row}
                state={rowState(row, baseline, known)}
                problem={problems.get(row.id)}
                value={value}
                shown={row.value !== undefined || (row.original !== null && revealed.has(row.original) && value !== undefined)}
                access={access}
                overrides={inherited[row.name]}
                onChange={(patch) => update(row.id, patch)}
                onReveal={() => void reveal(row.original!)}
                onHide={() => setRevealed((all) => new Set([...all].filter((name) => name !== row.original)))}
                onRemove={() => remove(row.id)}
                onUndo={() => undo(row.id)}
                onEnter={() => nextRow(row.id)}
              />
            );
          })}
        </ul>
      )}

      {inheritedBy.length > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="inherited-by">
          Inherited by {inheritedBy.length} {inheritedBy.length === 1 ? "environment" : "environments"} unless they override a name:{" "}
          <span className="font-mono">{inheritedBy.join(", ")}</span>.
        </p>
      ) : null}
      {inheritedOnly.length > 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Also inherited from the levels above: <span className="font-mono">{inheritedOnly.join(", ")}</span>.
        </p>
      ) : null}

      {access.edit ? (
        <div className="sticky bottom-0 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 bg-white/95 py-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
          <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="change-count">
            {changeCount === 0 ? `No unsaved changes · version ${baseline.version}` : `${changeCount} unsaved ${changeCount === 1 ? "change" : "changes"}`}
            {problems.size > 0 ? ` · ${problems.size} to fix` : ""}
          </span>
          <div className="flex gap-2">
            <Button variant="secondary" onClick={discardAll} disabled={!dirty || saving}>
              Discard changes
            </Button>
            <Button onClick={startSave} disabled={!dirty || saving} aria-busy={saving}>
              {saving ? "Saving…" : "Review and save"}
            </Button>
          </div>
        </div>
      ) : null}

      <ReviewDialog
        open={reviewOpen}
        review={review}
        levelLabel={label}
        version={baseline.version}
        canShowValues={access.reveal}
        saving={saving}
        error={saveError}
        onConfirm={() => void confirmSave()}
        onClose={() => setReviewOpen(false)}
        onShowValues={() => void revealReviewValues()}
        inheritedBy={inheritedBy}
      />
      {conflict ? (
        <ConflictDialog
          key={conflict.theirs.baseline.version}
          open
          items={conflict.items}
          theirVersion={conflict.theirs.baseline.version}
          canShowValues={access.reveal || conflict.items.some((item) => item.mine.value !== undefined)}
          onApply={applyConflict}
          onReload={reloadTheirs}
          onClose={() => setConflict(null)}
        />
      ) : null}
      <ImportDialog open={importOpen} rows={rows} known={known} onImport={importEntries} onClose={() => setImportOpen(false)} />
    </div>
  );
}
