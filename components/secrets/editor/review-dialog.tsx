"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import type { Review, ReviewItem } from "@/lib/client/secret-draft";
import { SecretValue, ShowValuesToggle } from "@/components/secrets/secret-value";

// Diff before save: created, updated and deleted names; the old value struck through beside the
// new one, masked unless the user (who could reveal them anyway) asks to see them.

interface ReviewDialogProps {
  open: boolean;
  review: Review;
  levelLabel: string;
  version: number;
  canShowValues: boolean;
  saving: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  /** Called when "Show values" is turned on, to fetch old values not revealed yet. */
  onShowValues?: () => void;
  /** Environments below that inherit this level's values. */
  inheritedBy?: string[];
}

export function ReviewDialog({ open, review, levelLabel, version, canShowValues, saving, error, onConfirm, onClose, onShowValues, inheritedBy = [] }: ReviewDialogProps) {
  const [shown, setShown] = useState(false);
  const total = review.added.length + review.changed.length + review.removed.length;
  return (
    <Dialog
      open={open}
      onClose={saving ? () => undefined : onClose}
      wide
      title="Review changes"
      description={`${total} ${total === 1 ? "change" : "changes"} to ${levelLabel}, saved as version ${version + 1}.`}
    >
      <div className="max-h-[60vh] space-y-4 overflow-y-auto" data-testid="review-dialog">
        {canShowValues ? (
          <ShowValuesToggle
            shown={shown}
            onChange={(next) => {
              setShown(next);
              if (next) onShowValues?.();
            }}
          />
        ) : null}
        <Section title="Added" tone="text-emerald-700 dark:text-emerald-400" items={review.added} shown={shown} kind="added" />
        <Section title="Changed" tone="text-amber-700 dark:text-amber-400" items={review.changed} shown={shown} kind="changed" />
        <Section title="Removed" tone="text-red-700 dark:text-red-400" items={review.removed} shown={shown} kind="removed" />
      </div>
      {inheritedBy.length > 0 && total > 0 ? (
        <Alert>
          These changes reach {inheritedBy.length === 1 ? "the environment" : `${inheritedBy.length} environments`} below, wherever they do not
          override the name: <span className="font-mono">{inheritedBy.join(", ")}</span>.
        </Alert>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onClose} disabled={saving}>
          Back to editing
        </Button>
        <Button type="button" onClick={onConfirm} disabled={saving} aria-busy={saving}>
          {saving ? "Saving…" : "Confirm and save"}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function Section({ title, tone, items, shown, kind }: { title: string; tone: string; items: ReviewItem[]; shown: boolean; kind: "added" | "changed" | "removed" }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={`${title} names`}>
      <h3 className={`text-sm font-semibold ${tone}`}>
        {title} ({items.length})
      </h3>
      <ul className="mt-1 divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {items.map((item) => (
          <li key={`${kind}-${item.name}`} className="grid gap-1 px-3 py-2 text-sm sm:grid-cols-[minmax(8rem,1fr)_2fr]" data-testid={`review-${kind}`}>
            <span className={`font-mono ${kind === "removed" ? "line-through" : ""}`}>
              {item.name}
              {item.renamedFrom ? <span className="ml-1 font-sans text-xs text-zinc-500">(renamed from {item.renamedFrom})</span> : null}
            </span>
            <span className="flex flex-wrap items-center gap-2">
              {kind === "added" ? <SecretValue value={item.after} shown={shown} /> : null}
              {kind === "removed" ? <SecretValue value={item.before} shown={shown} strike /> : null}
              {kind === "changed" && item.valueChanged ? (
                <>
                  <SecretValue value={item.before} shown={shown} strike />
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">becomes</span>
                  <SecretValue value={item.after} shown={shown} />
                </>
              ) : null}
              {kind === "changed" && !item.valueChanged ? <span className="text-xs text-zinc-500">value unchanged</span> : null}
              {item.tagsBefore.join(",") !== item.tagsAfter.join(",") && kind !== "removed" ? (
                <span className="text-xs text-zinc-500">
                  tags: {item.tagsBefore.join(", ") || "none"} → {item.tagsAfter.join(", ") || "none"}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
