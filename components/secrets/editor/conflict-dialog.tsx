"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import type { ConflictItem, Side } from "@/lib/client/secret-draft";
import { SecretValue, ShowValuesToggle } from "@/components/secrets/secret-value";

// Someone saved this level after you loaded it (409 version_conflict). Nothing was stored. Both
// sides are shown per name — theirs (now stored) and yours (your draft) — and you pick per name;
// the result is staged as a new draft on top of their version and goes through review again.

export type Choice = "mine" | "theirs";

interface ConflictDialogProps {
  open: boolean;
  items: ConflictItem[];
  theirVersion: number;
  canShowValues: boolean;
  onApply: (choices: Record<string, Choice>) => void;
  onReload: () => void;
  onClose: () => void;
}

export function ConflictDialog({ open, items, theirVersion, canShowValues, onApply, onReload, onClose }: ConflictDialogProps) {
  const [shown, setShown] = useState(false);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const choiceOf = (item: ConflictItem) => choices[item.name] ?? item.preferred;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title="Someone else saved these secrets"
      description={`This level is now at version ${theirVersion}. Your save was not stored and your draft is kept. For each name, keep their value or take yours; then review and save again.`}
    >
      <div className="max-h-[60vh] space-y-3 overflow-y-auto" data-testid="conflict-dialog">
        {canShowValues ? <ShowValuesToggle shown={shown} onChange={setShown} /> : null}
        {items.length === 0 ? <p className="text-sm">Their save and your draft agree on every name.</p> : null}
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-zinc-500">
            <tr>
              <th scope="col" className="py-1 pr-2">Name</th>
              <th scope="col" className="py-1 pr-2">Theirs (saved)</th>
              <th scope="col" className="py-1 pr-2">Yours (draft)</th>
              <th scope="col" className="py-1">Use</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {items.map((item) => (
              <tr key={item.name} data-testid="conflict-row" data-name={item.name}>
                <th scope="row" className="py-2 pr-2 font-mono font-normal">{item.name}</th>
                <td className="py-2 pr-2">
                  <SideView side={item.theirs} base={item.base} changed={item.theirsChanged} shown={shown} />
                </td>
                <td className="py-2 pr-2">
                  <SideView side={item.mine} base={item.base} changed={item.mineChanged} shown={shown} />
                </td>
                <td className="py-2">
                  <fieldset className="flex flex-col gap-1">
                    <legend className="sr-only">Which value of {item.name} to keep</legend>
                    {(["theirs", "mine"] as const).map((choice) => (
                      <label key={choice} className="inline-flex items-center gap-1.5 whitespace-nowrap">
                        <input
                          type="radio"
                          name={`conflict-${item.name}`}
                          checked={choiceOf(item) === choice}
                          onChange={() => setChoices((all) => ({ ...all, [item.name]: choice }))}
                          className="accent-indigo-600"
                        />
                        {choice === "theirs" ? "Keep theirs" : "Take mine"}
                      </label>
                    ))}
                  </fieldset>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onReload}>
          Reload theirs (discard my draft)
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="button" onClick={() => onApply(Object.fromEntries(items.map((item) => [item.name, choiceOf(item)])))}>
          Apply and review
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function SideView({ side, base, changed, shown }: { side: Side; base: Side; changed: boolean; shown: boolean }) {
  const what = !changed ? "as before" : !side.present ? "removed" : !base.present ? "added" : "changed";
  return (
    <div className="space-y-0.5">
      <SecretValue value={side.value} shown={shown} present={side.present} />
      <div className="text-xs text-zinc-500">
        {what}
        {side.present && side.tags.length > 0 ? ` · tags: ${side.tags.join(", ")}` : ""}
      </div>
    </div>
  );
}
