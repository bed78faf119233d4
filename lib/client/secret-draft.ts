import { isValidSecretName } from "@/lib/crypto";
import { TAG_PATTERN } from "@/lib/schemas/secrets";
import type { DotenvEntry } from "@/lib/dotenv/parse";

// The secrets editor's draft of one level (edit locally, save once). Pure functions only, so
// the rules — row states, key hygiene, what a save sends, how a concurrent save is merged — are
// unit-tested apart from React. Values the user has not changed stay as the ciphertext the server
// sent: a save re-sends them untouched, so nobody needs to see a value to keep it.

/** A level as the server holds it: NAME → ciphertext (file order), tags, and its version. */
export interface Baseline {
  version: number;
  entries: Record<string, string>;
  tags: Record<string, string[]>;
}

/** Plaintext values known in this tab, by their stored NAME (revealed, decrypted or just saved). */
export type KnownValues = Record<string, string>;

export interface DraftRow {
  id: string;
  /** The NAME this row had in the baseline; null for a row added in this draft. */
  original: string | null;
  name: string;
  /** A value typed (or imported) in this draft; undefined keeps the stored value. */
  value?: string;
  /** A stored ciphertext for `name` other than the baseline's (a "keep mine" after a conflict). */
  ciphertext?: string;
  /** Tags as typed: "db, critical". */
  tagsText: string;
  removed: boolean;
}

export type RowState = "added" | "changed" | "removed" | "unchanged";

let nextId = 0;
const rowId = () => `row-${++nextId}`;

export function rowsFromBaseline(baseline: Baseline): DraftRow[] {
  return Object.keys(baseline.entries).map((name) => ({
    id: rowId(), original: name, name, tagsText: (baseline.tags[name] ?? []).join(", "), removed: false,
  }));
}

export function newRow(name = "", value = ""): DraftRow {
  return { id: rowId(), original: null, name, value, tagsText: "", removed: false };
}

export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((tag) => tag.trim()).filter(Boolean))];
}

/** A new row nobody typed anything into: ignored by validation and saves. */
export function isBlankNewRow(row: DraftRow): boolean {
  return row.original === null && row.name.trim() === "" && !row.value && row.tagsText.trim() === "";
}

/** The plaintext this row shows, when it is known in this tab. */
export function visibleValue(row: DraftRow, known: KnownValues): string | undefined {
  if (row.value !== undefined) return row.value;
  if (row.ciphertext !== undefined || row.original === null) return undefined;
  return known[row.original];
}

function valueChanged(row: DraftRow, known: KnownValues): boolean {
  if (row.original === null) return true;
  if (row.ciphertext !== undefined) return true;
  if (row.value === undefined) return false;
  return known[row.original] !== row.value;
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, index) => tag === b[index]);
}

export function rowState(row: DraftRow, baseline: Baseline, known: KnownValues): RowState {
  if (row.original === null) return "added";
  if (row.removed) return "removed";
  const changed = row.name !== row.original || valueChanged(row, known) || !sameTags(parseTags(row.tagsText), baseline.tags[row.original] ?? []);
  return changed ? "changed" : "unchanged";
}

export function isDirty(rows: DraftRow[], baseline: Baseline, known: KnownValues): boolean {
  return rows.some((row) => !isBlankNewRow(row) && rowState(row, baseline, known) !== "unchanged");
}

// ---- Key hygiene -------------------------------------------------------------------------------

/** Spaces (and other blanks) become "_" one for one, so the caret stays where it was. */
export function normalizeName(input: string): string {
  return input.replace(/\s/g, "_");
}

/** "api_key" → "API_KEY" when that is a valid name; null when there is nothing to suggest. */
export function suggestedName(name: string): string | null {
  const upper = name.toUpperCase();
  return upper !== name && isValidSecretName(upper) ? upper : null;
}

/** Problems that block a save, by row id, each said in words at the row. */
export function validateRows(rows: DraftRow[], known: KnownValues): Map<string, string> {
  const problems = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const row of rows) {
    if (row.removed || isBlankNewRow(row)) continue;
    const name = row.name;
    if (name === "") problems.set(row.id, "Enter a name.");
    else if (!isValidSecretName(name)) problems.set(row.id, "Names start with a letter or _ and use only letters, digits and _.");
    else if (name.length > 256) problems.set(row.id, "Names have at most 256 characters.");
    else if (seen.has(name)) problems.set(row.id, `${name} is already used in this level.`);
    else if (row.original !== null && name !== row.original && visibleValue(row, known) === undefined) {
      problems.set(row.id, "Set a value to rename: a stored value stays bound to its old name.");
    } else {
      const tags = parseTags(row.tagsText);
      const bad = tags.find((tag) => !TAG_PATTERN.test(tag));
      if (bad !== undefined) problems.set(row.id, "Tags are short slugs: 1–32 lowercase letters, digits and hyphens.");
      else if (tags.length > 20) problems.set(row.id, "At most 20 tags per name.");
    }
    if (name !== "") seen.set(name, row.id);
  }
  return problems;
}

// ---- What a save sends ------------------------------------------------------------------------

export type SaveEntry = { name: string; ciphertext: string } | { name: string; value: string };

export interface SavePlan {
  entries: SaveEntry[];
  tags: Record<string, string[]>;
}

/** The level after this draft: unchanged values as their ciphertext, everything else as plaintext. */
export function savePlan(rows: DraftRow[], baseline: Baseline, known: KnownValues): SavePlan {
  const entries: SaveEntry[] = [];
  const tags: Record<string, string[]> = {};
  for (const row of rows) {
    if (row.removed || isBlankNewRow(row)) continue;
    const value = visibleValue(row, known);
    if (row.ciphertext !== undefined && row.value === undefined) entries.push({ name: row.name, ciphertext: row.ciphertext });
    else if (row.original !== null && row.name === row.original && !valueChanged(row, known)) {
      entries.push({ name: row.name, ciphertext: baseline.entries[row.original]! });
    } else if (value !== undefined) entries.push({ name: row.name, value });
    else throw new Error(`No value for ${row.name}`);
    const rowTags = parseTags(row.tagsText);
    if (rowTags.length > 0) tags[row.name] = rowTags;
  }
  return { entries, tags };
}

// ---- Review before save -----------------------------------------------------------------------

export interface ReviewItem {
  name: string;
  /** The stored name when renamed. */
  renamedFrom?: string;
  before?: string;
  after?: string;
  valueChanged: boolean;
  tagsBefore: string[];
  tagsAfter: string[];
}

export interface Review {
  added: ReviewItem[];
  changed: ReviewItem[];
  removed: ReviewItem[];
}

export function reviewDraft(rows: DraftRow[], baseline: Baseline, known: KnownValues): Review {
  const review: Review = { added: [], changed: [], removed: [] };
  for (const row of rows) {
    if (isBlankNewRow(row)) continue;
    const state = rowState(row, baseline, known);
    const tagsBefore = row.original !== null ? (baseline.tags[row.original] ?? []) : [];
    const before = row.original !== null ? known[row.original] : undefined;
    const item: ReviewItem = {
      name: state === "removed" ? row.original! : row.name, before, after: visibleValue(row, known), valueChanged: valueChanged(row, known),
      tagsBefore, tagsAfter: state === "removed" ? [] : parseTags(row.tagsText),
      ...(row.original !== null && row.name !== row.original && state !== "removed" ? { renamedFrom: row.original } : {}),
    };
    if (state !== "unchanged") review[state].push(item);
  }
  return review;
}

// ---- Import (paste .env) and raw text mode ------------------------------------------------------

export type ImportKind = "new" | "changed" | "unchanged";

export interface ImportPreviewItem {
  name: string;
  kind: ImportKind;
  /** The current value is hidden from this user, so "changed" means "replaces a value you cannot see". */
  replacesHidden: boolean;
}

function liveRowNamed(rows: DraftRow[], name: string): DraftRow | undefined {
  return rows.find((row) => !row.removed && row.name === name) ?? rows.find((row) => row.removed && row.original === name);
}

export function importPreview(rows: DraftRow[], entries: DotenvEntry[], known: KnownValues): ImportPreviewItem[] {
  return entries.map(({ name, value }) => {
    const row = liveRowNamed(rows, name);
    if (!row || row.removed) return { name, kind: row ? "changed" : "new", replacesHidden: false };
    const current = visibleValue(row, known);
    return { name, kind: current === value ? "unchanged" : "changed", replacesHidden: current === undefined };
  });
}

/** Merges imported NAME=value pairs into the draft: existing names get the value, others are added. */
export function mergeImport(rows: DraftRow[], entries: DotenvEntry[], known: KnownValues): DraftRow[] {
  const next = rows.filter((row) => !isBlankNewRow(row)).map((row) => ({ ...row }));
  for (const { name, value } of entries) {
    const row = liveRowNamed(next, name);
    if (!row) next.push(newRow(name, value));
    else {
      row.removed = false;
      row.name = name;
      if (visibleValue(row, known) !== value || row.ciphertext !== undefined) {
        row.value = value;
        delete row.ciphertext;
      }
    }
  }
  return next;
}

/** Raw mode's text is the whole level: names it no longer lists are removed. */
export function applyText(rows: DraftRow[], entries: DotenvEntry[], known: KnownValues): DraftRow[] {
  const listed = new Set(entries.map((entry) => entry.name));
  const merged = mergeImport(rows, entries, known);
  return merged
    .filter((row) => row.original !== null || listed.has(row.name))
    .map((row) => (listed.has(row.name) && !row.removed ? row : { ...row, removed: true }));
}

/** The draft as .env text, or null when a value is hidden from this user (raw mode needs them all). */
export function draftText(rows: DraftRow[], known: KnownValues): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const row of rows) {
    if (row.removed || isBlankNewRow(row)) continue;
    const value = visibleValue(row, known);
    if (value === undefined) return null;
    pairs.push([row.name, value]);
  }
  return pairs;
}

// ---- A concurrent save (409 version_conflict) -----------------------------------------------------

/** One side of a name: absent, or a value (plaintext when known, else only that it is stored). */
export interface Side {
  present: boolean;
  value?: string;
  ciphertext?: string;
  tags: string[];
}

export interface ConflictItem {
  name: string;
  base: Side;
  theirs: Side;
  mine: Side;
  mineChanged: boolean;
  theirsChanged: boolean;
  /** What the merge takes unless the user says otherwise. */
  preferred: "mine" | "theirs";
}

function mineSides(rows: DraftRow[], baseline: Baseline, known: KnownValues): Map<string, Side> {
  const sides = new Map<string, Side>();
  const plan = savePlan(rows, baseline, known);
  for (const entry of plan.entries) {
    sides.set(entry.name, {
      present: true, tags: plan.tags[entry.name] ?? [],
      ...("value" in entry
        ? { value: entry.value }
        : { ciphertext: entry.ciphertext, value: entry.ciphertext === baseline.entries[entry.name] ? known[entry.name] : undefined }),
    });
  }
  return sides;
}

function baselineSide(baseline: Baseline, known: KnownValues, name: string): Side {
  if (!(name in baseline.entries)) return { present: false, tags: [] };
  return { present: true, ciphertext: baseline.entries[name], value: known[name], tags: baseline.tags[name] ?? [] };
}

function sameSide(a: Side, b: Side): boolean {
  if (a.present !== b.present) return false;
  if (!a.present) return true;
  if (!sameTags(a.tags, b.tags)) return false;
  if (a.ciphertext !== undefined && a.ciphertext === b.ciphertext) return true;
  return a.value !== undefined && a.value === b.value;
}

/** Every name that either side changed since the common baseline and where the two now differ. */
export function conflictItems(
  base: Baseline, baseKnown: KnownValues, rows: DraftRow[], theirs: Baseline, theirsKnown: KnownValues,
): ConflictItem[] {
  const mine = mineSides(rows, base, baseKnown);
  const names = [...new Set([...Object.keys(theirs.entries), ...mine.keys(), ...Object.keys(base.entries)])];
  const items: ConflictItem[] = [];
  for (const name of names) {
    const baseSide = baselineSide(base, baseKnown, name);
    const theirSide = baselineSide(theirs, theirsKnown, name);
    const mineSide = mine.get(name) ?? { present: false, tags: [] };
    if (sameSide(mineSide, theirSide)) continue;
    const mineChanged = !sameSide(mineSide, baseSide);
    const theirsChanged = !sameSide(theirSide, baseSide);
    if (!mineChanged && !theirsChanged) continue;
    items.push({ name, base: baseSide, theirs: theirSide, mine: mineSide, mineChanged, theirsChanged, preferred: mineChanged ? "mine" : "theirs" });
  }
  return items;
}

/**
 * The new draft after a conflict: their version becomes the baseline, and every name where the user
 * chose "mine" is staged on top of it — so it goes through review and save again, nothing silent.
 */
export function resolveConflict(items: ConflictItem[], choices: Record<string, "mine" | "theirs">, theirs: Baseline): DraftRow[] {
  const rows = rowsFromBaseline(theirs);
  for (const item of items) {
    if ((choices[item.name] ?? item.preferred) !== "mine") continue;
    const existing = rows.find((row) => row.original === item.name);
    if (!item.mine.present) {
      if (existing) existing.removed = true;
      continue;
    }
    const staged = existing ?? newRow(item.name);
    if (!existing) rows.push(staged);
    staged.tagsText = item.mine.tags.join(", ");
    if (item.mine.value !== undefined) {
      staged.value = item.mine.value;
      delete staged.ciphertext;
    } else {
      delete staged.value;
      if (item.mine.ciphertext !== theirs.entries[item.name]) staged.ciphertext = item.mine.ciphertext;
    }
  }
  return rows;
}
