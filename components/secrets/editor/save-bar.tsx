"use client";

import { Button } from "@/components/ui/button";

// The sticky bar under the rows: how many unsaved changes (and problems) there are, discard, and
// the way to the review before anything is stored.

interface SaveBarProps {
  changeCount: number;
  problemCount: number;
  version: number;
  dirty: boolean;
  saving: boolean;
  onDiscard: () => void;
  onSave: () => void;
}

export function SaveBar({ changeCount, problemCount, version, dirty, saving, onDiscard, onSave }: SaveBarProps) {
  return (
    <div className="sticky bottom-0 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 bg-white/95 py-3 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/95">
      <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="change-count">
        {changeCount === 0 ? `No unsaved changes · version ${version}` : `${changeCount} unsaved ${changeCount === 1 ? "change" : "changes"}`}
        {problemCount > 0 ? ` · ${problemCount} to fix` : ""}
      </span>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onDiscard} disabled={!dirty || saving}>
          Discard changes
        </Button>
        <Button onClick={onSave} disabled={!dirty || saving} aria-busy={saving}>
          {saving ? "Saving…" : "Review and save"}
        </Button>
      </div>
    </div>
  );
}
