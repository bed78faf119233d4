import type { Metadata } from "next";
import { InheritanceView } from "@/components/secrets/inheritance/inheritance-view";
import { LevelHeader } from "@/components/secrets/history/level-header";
import { loadLevelPage } from "@/app/dashboard/projects/[project]/level-page";
import { Alert } from "@/components/ui/alert";

// The inheritance view of an environment (docs/dashboard.md#pages): each effective value, the level it comes from
// and what it overrides.

export const metadata: Metadata = { title: "Effective values" };

export default async function EffectiveValuesPage({ params }: { params: Promise<{ project: string; target: string; environment: string }> }) {
  const { project, target, environment } = await params;
  const level = await loadLevelPage({ project, target, environment });

  return (
    <div className="space-y-6">
      <LevelHeader
        level={level}
        current="effective"
        description="What this environment's programs receive: project values, overridden name by name by the target's, overridden by the environment's."
      />
      {level.can.read ? (
        <InheritanceView path={{ project, target, environment }} project={level.project} canDecrypt={level.can.decrypt} />
      ) : (
        <Alert>You don&apos;t have access to this environment&apos;s secrets. Ask an Owner or Administrator for the secret:read permission.</Alert>
      )}
    </div>
  );
}
