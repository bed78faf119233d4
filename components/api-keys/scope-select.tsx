"use client";

import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import type { ScopeKind } from "@/lib/authz";
import { apiPath, apiRequest } from "@/lib/client/api";

// Picks a scope from the real hierarchy, drilling down team | project → target → environment. Lists
// come from the API with the signed-in user's session, so only what they can see is offered.

export interface ScopeDraft {
  kind: "team" | "project";
  team: string;
  project: string;
  target: string;
  environment: string;
}

export const EMPTY_SCOPE: ScopeDraft = { kind: "project", team: "", project: "", target: "", environment: "" };

export type SlugScope = { team: string } | { project: string; target?: string; environment?: string };

/** The scope a draft denotes, cut to what `kinds` allows (an environment pick on project:read scopes the project). */
export function draftToScope(draft: ScopeDraft, kinds: readonly ScopeKind[]): SlugScope | null {
  if (draft.kind === "team") return draft.team && kinds.includes("team") ? { team: draft.team } : null;
  if (!draft.project || !kinds.includes("project")) return null;
  const target = draft.target && kinds.includes("target") ? draft.target : undefined;
  const environment = target && draft.environment && kinds.includes("environment") ? draft.environment : undefined;
  return { project: draft.project, ...(target ? { target } : {}), ...(environment ? { environment } : {}) };
}

interface Named {
  slug: string;
  name: string;
}

function useList(key: string[], path: string | null) {
  return useQuery({
    queryKey: ["scope-options", ...key],
    enabled: path !== null,
    queryFn: async () => (await apiRequest<Named[]>(path!, { query: { limit: 100 } })).data,
  });
}

const SELECT = "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function ScopeSelect({ value, onChange, kinds, label }: { value: ScopeDraft; onChange: (next: ScopeDraft) => void; kinds: readonly ScopeKind[]; label: string }) {
  const organization = useOrganization();
  const id = useId();
  const teams = useList([organization.id, "teams"], value.kind === "team" ? apiPath(organization.id, "teams") : null);
  const projects = useList([organization.id, "projects"], value.kind === "project" ? apiPath(organization.id, "projects") : null);
  const targets = useList(
    [organization.id, value.project, "targets"],
    value.kind === "project" && value.project && kinds.includes("target") ? apiPath(organization.id, "projects", value.project, "targets") : null,
  );
  const environments = useList(
    [organization.id, value.project, value.target, "environments"],
    value.kind === "project" && value.project && value.target && kinds.includes("environment")
      ? apiPath(organization.id, "projects", value.project, "targets", value.target, "environments")
      : null,
  );
  const options = (list: { data?: Named[]; isPending: boolean; isError: boolean }, none: string) => (
    <>
      <option value="">{list.isError ? "Could not load" : list.isPending ? "Loading…" : none}</option>
      {list.data?.map((item) => (
        <option key={item.slug} value={item.slug}>
          {item.name === item.slug ? item.slug : `${item.name} (${item.slug})`}
        </option>
      ))}
    </>
  );

  return (
    <fieldset className="grid gap-2 sm:grid-cols-4">
      <legend className="sr-only">{label}</legend>
      <div>
        <label htmlFor={`${id}-kind`} className="text-xs text-zinc-600 dark:text-zinc-400">Scope to</label>
        <select id={`${id}-kind`} className={SELECT} value={value.kind} onChange={(event) => onChange({ ...EMPTY_SCOPE, kind: event.target.value as ScopeDraft["kind"] })}>
          {kinds.includes("project") ? <option value="project">Project</option> : null}
          {kinds.includes("team") ? <option value="team">Team</option> : null}
        </select>
      </div>
      {value.kind === "team" ? (
        <div className="sm:col-span-3">
          <label htmlFor={`${id}-team`} className="text-xs text-zinc-600 dark:text-zinc-400">Team</label>
          <select id={`${id}-team`} className={SELECT} value={value.team} onChange={(event) => onChange({ ...value, team: event.target.value })}>
            {options(teams, "Choose a team")}
          </select>
        </div>
      ) : (
        <>
          <div>
            <label htmlFor={`${id}-project`} className="text-xs text-zinc-600 dark:text-zinc-400">Project</label>
            <select id={`${id}-project`} className={SELECT} value={value.project} onChange={(event) => onChange({ ...value, project: event.target.value, target: "", environment: "" })}>
              {options(projects, "Choose a project")}
            </select>
          </div>
          {kinds.includes("target") ? (
            <div>
              <label htmlFor={`${id}-target`} className="text-xs text-zinc-600 dark:text-zinc-400">Target</label>
              <select id={`${id}-target`} className={SELECT} value={value.target} disabled={!value.project} onChange={(event) => onChange({ ...value, target: event.target.value, environment: "" })}>
                {options(value.project ? targets : { isPending: false, isError: false }, "All targets")}
              </select>
            </div>
          ) : null}
          {kinds.includes("environment") ? (
            <div>
              <label htmlFor={`${id}-environment`} className="text-xs text-zinc-600 dark:text-zinc-400">Environment</label>
              <select id={`${id}-environment`} className={SELECT} value={value.environment} disabled={!value.target} onChange={(event) => onChange({ ...value, environment: event.target.value })}>
                {options(value.target ? environments : { isPending: false, isError: false }, "All environments")}
              </select>
            </div>
          ) : null}
        </>
      )}
    </fieldset>
  );
}
