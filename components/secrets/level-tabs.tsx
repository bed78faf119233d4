"use client";

import Link from "next/link";
import { levelKind, levelPages, type LevelPath, type LevelTab } from "@/lib/client/levels";
import { EnvironmentSwitcher } from "./environment-switcher";

// Secrets · Effective values · History for one level (and, for an environment, its siblings).
// Effective values exist for environments only (that is where inheritance ends); history for people
// with secret:history, or audit:read (its metadata only).

export type { LevelTab };

export function LevelTabs({ path, current, canSeeHistory, siblings = [] }: { path: LevelPath; current: LevelTab; canSeeHistory: boolean; siblings?: string[] }) {
  const tabs: { id: LevelTab; label: string; href: string }[] = [{ id: "secrets", label: "Secrets", href: levelPages.secrets(path) }];
  if (levelKind(path) === "environment") {
    tabs.push({ id: "effective", label: "Effective values", href: levelPages.effective(path as LevelPath & { target: string; environment: string }) });
  }
  if (canSeeHistory) tabs.push({ id: "history", label: "History", href: levelPages.history(path) });
  return (
    <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-2 border-b border-zinc-200 dark:border-zinc-800">
    <nav aria-label="Level views" className="flex gap-1">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={tab.id === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
            tab.id === current
              ? "border-indigo-600 text-zinc-900 dark:text-white"
              : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
          }`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
    {path.target && path.environment ? <div className="pb-2"><EnvironmentSwitcher path={{ ...path, target: path.target, environment: path.environment }} siblings={siblings} current={current} /></div> : null}
    </div>
  );
}
