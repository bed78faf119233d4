"use client";

import { Alert } from "@/components/ui/alert";
import { errorMessage } from "@/lib/client/api";
import type { LevelPath } from "@/lib/client/levels";
import type { LevelPermissions, VersionSummary } from "./types";
import { useVersionContent } from "./use-version-content";
import { useRevealToggle, ValueControls } from "./value-controls";
import { comparisonSummary, VersionComparison } from "./version-comparison";

// The opened version: its names and values (revealable when allowed) compared by name with the
// level's current content.

export function VersionDetails({
  path,
  summary,
  project,
  can,
}: {
  path: LevelPath;
  summary: VersionSummary;
  project: { slug: string; name: string; custody: "server" | "client" };
  can: LevelPermissions;
}) {
  const content = useVersionContent({ path, version: summary.version, custody: project.custody, can });
  const { revealed, toggle } = useRevealToggle(content.values);

  if (content.loading) {
    return (
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        Loading version {summary.version}…
      </p>
    );
  }
  if (content.error) return <Alert tone="error">Could not load version {summary.version}: {errorMessage(content.error)}</Alert>;

  const names = Object.keys(content.detail.data?.secrets ?? {}).length;
  return (
    <div className="space-y-3" data-testid="version-details">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm">
          <span className="font-medium">
            {names} {names === 1 ? "name" : "names"}
          </span>{" "}
          <span className="text-zinc-600 dark:text-zinc-400">
            {summary.current
              ? "· this is the current content."
              : can.read
                ? `· ${comparisonSummary(content.comparison)}`
                : "· the current content cannot be compared: you may not read it."}
          </span>
        </p>
        <ValueControls values={content.values} revealed={revealed} onToggle={toggle} project={project} keyVersion={summary.key_version} />
      </div>
      <VersionComparison
        rows={content.comparison}
        values={content.values}
        revealed={revealed}
        comparedByValue={content.comparedByValue}
        contentOnly={summary.current}
        caption={summary.current ? `Version ${summary.version}, the current content` : `Version ${summary.version} compared with the current content, name by name`}
      />
    </div>
  );
}
