"use client";

import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { levelPages } from "@/lib/client/levels";
import { CustodyBadge } from "@/components/projects/custody-badge";
import { RotationOverdueBadge } from "@/components/keys/rotation-badge";
import { Card } from "@/components/ui/card";

// The organization's projects as cards: each project links to its overview, each target and
// environment straight to its secrets editor. A filter appears once the list is long enough to
// need one ("/" focuses it, as in most dashboards).

interface Node {
  id: string;
  slug: string;
  name: string;
}

export interface ProjectSummary extends Node {
  custody: "SERVER" | "CLIENT";
  /** The key is older than the project's rotation cadence. */
  rotationOverdue?: boolean;
  targets: (Node & { environments: Node[] })[];
}

const FILTER_FROM = 4;

function matches(project: ProjectSummary, query: string): boolean {
  if (!query) return true;
  const haystack = [project.slug, project.name, ...project.targets.flatMap((target) => [target.slug, target.name, ...target.environments.map((e) => e.slug)])];
  return haystack.some((text) => text.toLowerCase().includes(query));
}

export function ProjectTree({ projects }: { projects: ProjectSummary[] }) {
  const [query, setQuery] = useState("");
  const filterRef = useRef<HTMLInputElement>(null);
  const filterId = useId();
  const showFilter = projects.length >= FILTER_FROM;
  const visible = useMemo(() => projects.filter((project) => matches(project, query.trim().toLowerCase())), [projects, query]);

  useEffect(() => {
    if (!showFilter) return;
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
      if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        filterRef.current?.focus();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [showFilter]);

  return (
    <div className="space-y-4">
      {showFilter ? (
        <div className="max-w-sm">
          <label htmlFor={filterId} className="sr-only">
            Filter projects
          </label>
          <input
            ref={filterRef}
            id={filterId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setQuery("");
            }}
            placeholder="Filter projects, targets, environments…  ( / )"
            className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
      ) : null}
      {visible.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
          No project matches “{query}”.
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Projects">
          {visible.map((project) => (
            <li key={project.id}>
              <ProjectCard project={project} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const LINK = "rounded hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-indigo-400";

function ProjectCard({ project }: { project: ProjectSummary }) {
  const environmentCount = project.targets.reduce((sum, target) => sum + target.environments.length, 0);
  return (
    <Card className="flex h-full flex-col p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate text-base font-semibold">
            <Link href={levelPages.project(project.slug)} className={LINK}>
              {project.name}
            </Link>
          </h3>
          <code className="font-mono text-xs text-zinc-500">{project.slug}</code>
        </div>
        <div className="flex flex-wrap items-center gap-1">
          <CustodyBadge custody={project.custody} />
          {project.rotationOverdue ? (
            <Link href={levelPages.keys(project.slug)} aria-label={`Key rotation overdue for ${project.name}: open its keys`} className="rounded-full focus-visible:outline-2 focus-visible:outline-indigo-500">
              <RotationOverdueBadge />
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mt-2 text-xs text-zinc-500">
        {plural(project.targets.length, "target")} · {plural(environmentCount, "environment")} ·{" "}
        <Link href={levelPages.secrets({ project: project.slug })} className={`${LINK} text-indigo-600 dark:text-indigo-400`} aria-label={`Project-wide secrets of ${project.name}`}>
          Project-wide secrets
        </Link>
      </p>
      {project.targets.length === 0 ? (
        <p className="mt-3 text-sm text-zinc-500">
          No targets yet.{" "}
          <Link href={levelPages.project(project.slug)} className={`${LINK} text-indigo-600 dark:text-indigo-400`}>
            Set them up
          </Link>
        </p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm" aria-label={`Targets of ${project.name}`}>
          {project.targets.map((target) => (
            <li key={target.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Link href={levelPages.secrets({ project: project.slug, target: target.slug })} className={`${LINK} font-medium`} title={`Secrets of target ${target.slug}`}>
                {target.slug}
              </Link>
              <span aria-hidden="true" className="text-zinc-400">
                →
              </span>
              {target.environments.length === 0 ? (
                <span className="text-zinc-500">no environments</span>
              ) : (
                target.environments.map((environment) => (
                  <Link
                    key={environment.id}
                    href={levelPages.secrets({ project: project.slug, target: target.slug, environment: environment.slug })}
                    aria-label={`${target.slug} / ${environment.slug} secrets`}
                    className="rounded-full border border-zinc-300 px-2 py-0.5 text-xs text-zinc-700 hover:border-indigo-400 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-700 dark:text-zinc-300 dark:hover:border-indigo-500 dark:hover:text-indigo-300"
                  >
                    {environment.slug}
                  </Link>
                ))
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
