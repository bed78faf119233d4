import { ProjectBreadcrumbs } from "@/components/projects/breadcrumbs";
import { CustodyBadge } from "@/components/projects/custody-badge";
import { LevelTabs, type LevelTab } from "@/components/secrets/level-tabs";
import { ProjectKeyStatus } from "@/components/secrets/unlock";
import { levelKind, levelLabel } from "@/lib/client/levels";
import type { LevelPageData } from "../../../app/dashboard/projects/[project]/level-page";

// The top of the history and inheritance pages: breadcrumbs, the level's name and path, custody
// (with lock/unlock for client-managed projects) and the level's tabs.

const PAGE_TITLES: Record<LevelTab, string> = { secrets: "Secrets", effective: "Effective values", history: "History" };

export function LevelHeader({ level, current, description }: { level: LevelPageData; current: LevelTab; description: string }) {
  const kind = levelKind(level.path);
  const deepest = level.environment ?? level.target ?? level.project;
  return (
    <div className="space-y-4">
      <ProjectBreadcrumbs project={level.project} target={level.target} environment={level.environment} current={PAGE_TITLES[current]} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold">
            {PAGE_TITLES[current]} · {deepest.name}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <span className="capitalize">{kind}</span>
            <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800" data-testid="level-path">
              {levelLabel(level.path)}
            </code>
            <CustodyBadge custody={level.project.custody} />
          </p>
          <p className="mt-2 max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
        </div>
        {level.project.custody === "client" ? <ProjectKeyStatus project={level.project.slug} projectName={level.project.name} /> : null}
      </div>
      <LevelTabs path={level.path} current={current} canSeeHistory={level.can.versions} siblings={level.siblings} />
    </div>
  );
}
