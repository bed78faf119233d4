import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HistoryView } from "@/components/secrets/history/history-view";
import { LevelHeader } from "@/components/secrets/history/level-header";
import { levelFromSegments, loadLevelPage } from "@/app/dashboard/projects/[project]/level-page";
import { EmptyState } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";

// A level's version history (docs/api.md#versions, docs/dashboard.md#pages): who changed what, when and from where; view a
// version, compare it with the current content, restore it, delete it or purge older versions.

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage({ params }: { params: Promise<{ project: string; level?: string[] }> }) {
  const { project, level: segments } = await params;
  const path = levelFromSegments(project, segments);
  if (!path) notFound();
  const level = await loadLevelPage(path);

  return (
    <div className="space-y-6">
      <LevelHeader level={level} current="history" description="Every save records a version: who wrote it, when, from where, and which names it added, changed or removed." />
      {level.can.versions ? (
        <>
          {level.can.history ? null : (
            <Alert>
              You see who changed which names, when and from where — the level&apos;s audit trail. Values and the content of versions need the
              secret:history permission.
            </Alert>
          )}
          <HistoryView path={path} project={level.project} can={level.can} />
        </>
      ) : (
        <EmptyState title="You don't have access to this level's history">
          Viewing versions needs the secret:history permission on this level. Ask an Owner or Administrator of your organization if you need it.
        </EmptyState>
      )}
    </div>
  );
}
