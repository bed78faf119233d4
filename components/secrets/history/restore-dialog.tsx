"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { ApiError, errorMessage } from "@/lib/client/api";
import type { LevelPath } from "@/lib/client/levels";
import type { LevelPermissions, VersionSummary } from "./types";
import { useVersionContent } from "./use-version-content";
import { useRevealToggle, ValueControls } from "./value-controls";
import { comparisonSummary, VersionComparison } from "./version-comparison";

// Confirming a restore: what would change compared with the current content, then one click that
// writes the old content as a new version (history is never erased). The version the user saw as
// current goes along as expected_version, so a save made meanwhile is not silently overwritten.

export function RestoreDialog({
  path,
  summary,
  currentVersion,
  project,
  can,
  onClose,
  onRestore,
}: {
  path: LevelPath;
  summary: VersionSummary;
  currentVersion: number | null;
  project: { slug: string; name: string; custody: "server" | "client" };
  can: LevelPermissions;
  onClose: () => void;
  /** Sends the restore; throws ApiError (409 version_conflict when the level moved on). */
  onRestore: (version: number, expectedVersion: number | null) => Promise<void>;
}) {
  const content = useVersionContent({ path, version: summary.version, custody: project.custody, can });
  const { revealed, toggle } = useRevealToggle(content.values);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function restore() {
    setWorking(true);
    setError(null);
    try {
      await onRestore(summary.version, currentVersion);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.code === "version_conflict"
          ? "Someone saved this level after you opened its history, so nothing was restored. The history and the comparison below are refreshed: check them and restore again if it is still what you want."
          : errorMessage(failure),
      );
    } finally {
      setWorking(false);
    }
  }

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={`Restore version ${summary.version}?`}
      description={
        <>
          Its content becomes a new version{currentVersion !== null ? ` (after version ${currentVersion})` : ""}; nothing in the history is
          erased, and you can restore the current content again later.
        </>
      }
    >
      {content.loading ? (
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Comparing with the current content…
        </p>
      ) : content.error ? (
        <Alert tone="error">Could not load version {summary.version}: {errorMessage(content.error)}</Alert>
      ) : (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm font-medium" data-testid="restore-summary">
              {comparisonSummary(content.comparison)}
            </p>
            <ValueControls values={content.values} revealed={revealed} onToggle={toggle} project={project} keyVersion={summary.key_version} />
          </div>
          <VersionComparison
            rows={content.comparison}
            values={content.values}
            revealed={revealed}
            comparedByValue={content.comparedByValue}
            hideUnchanged
            caption={`What restoring version ${summary.version} would change`}
          />
        </div>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="button" onClick={restore} disabled={working || content.loading}>
          {working ? "Restoring…" : `Restore version ${summary.version}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
