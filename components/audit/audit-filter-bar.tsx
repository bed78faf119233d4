"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Button } from "@/components/ui/button";
import { apiData, apiPath } from "@/lib/client/api";
import { AUDIT_OUTCOMES, AUDIT_SOURCES, type AuditActorView, type AuditFilterName } from "@/lib/schemas/audit";
import { FILTER_LABELS, KNOWN_ACTIONS, sinceDays, type FilterValues } from "./filters";

// The filters of the audit viewer. Lists (actor, outcome, source, time range) apply as soon as one
// is chosen; typed filters (action, project, target, environment, resource) apply with Enter or
// "Apply". Each active filter shows as a chip that clears it alone; "Clear all" clears them all.

/** Slugs of the projects, targets and environments the person can see, offered while typing. */
export interface FilterSuggestions {
  projects: { slug: string; targets: { slug: string; environments: string[] }[] }[];
}

const TYPED = ["action", "project", "target", "environment", "resource"] as const;
const RANGES = [
  { label: "Last 24 hours", days: 1 },
  { label: "Last 7 days", days: 7 },
  { label: "Last 30 days", days: 30 },
  { label: "Last 90 days", days: 90 },
];
const SOURCE_NAMES: Record<(typeof AUDIT_SOURCES)[number], string> = { dashboard: "Dashboard", api: "API", cli: "CLI", explorer: "API Explorer" };

export function AuditFilterBar({ filters, suggestions, onChange }: { filters: FilterValues; suggestions: FilterSuggestions; onChange: (next: FilterValues) => void }) {
  const organization = useOrganization();

  const actors = useQuery({
    queryKey: ["audit-actors", organization.id],
    queryFn: ({ signal }) => apiData<AuditActorView[]>(apiPath(organization.id, "audit", "actors"), { signal }),
    staleTime: 60_000,
  });

  const apply = (next: FilterValues) => onChange(Object.fromEntries(Object.entries(next).filter(([, value]) => value?.trim())) as FilterValues);
  const choose = (name: AuditFilterName, value: string) => apply({ ...filters, [name]: value });
  const clear = (name: AuditFilterName) => apply({ ...filters, [name]: undefined });

  const activeRange = RANGES.find((range) => filters.from === sinceDays(range.days) && !filters.to);
  const active = (Object.keys(FILTER_LABELS) as AuditFilterName[]).filter((name) => filters[name]);
  const actorOptions = actors.data ?? [];
  const actorKnown = !filters.actor || actorOptions.some((actor) => (actor.id ?? actor.label) === filters.actor);

  return (
    <section aria-label="Filters" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="grid gap-3 sm:grid-cols-3">
        <Select label="Actor" value={filters.actor ?? ""} onChange={(value) => choose("actor", value)}>
          <option value="">Anyone</option>
          {actorKnown ? null : <option value={filters.actor}>{filters.actor}</option>}
          {actorOptions.map((actor) => (
            <option key={actor.id ?? `${actor.type}:${actor.label}`} value={actor.id ?? actor.label}>
              {actor.type === "token" ? `API key ${actor.label}` : actor.label}
            </option>
          ))}
        </Select>
        <Select label="Outcome" value={filters.outcome ?? ""} onChange={(value) => choose("outcome", value)}>
          <option value="">Any outcome</option>
          {AUDIT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome[0]!.toUpperCase() + outcome.slice(1)}
            </option>
          ))}
        </Select>
        <Select label="Source" value={filters.source ?? ""} onChange={(value) => choose("source", value)}>
          <option value="">Any source</option>
          {AUDIT_SOURCES.map((source) => (
            <option key={source} value={source}>
              {SOURCE_NAMES[source]}
            </option>
          ))}
        </Select>
      </div>

      {/* Keyed by the applied filters: a new URL (a chip cleared, a link followed) starts a fresh draft. */}
      <TypedFilters key={TYPED.map((name) => filters[name] ?? "").join("\u0000")} filters={filters} suggestions={suggestions} onApply={apply} />

      <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Time range">
        {RANGES.map((range) => (
          <Button
            key={range.days}
            type="button"
            variant={activeRange === range ? "primary" : "secondary"}
            className="px-2.5 py-1"
            aria-pressed={activeRange === range}
            onClick={() => apply({ ...filters, from: sinceDays(range.days), to: undefined })}
          >
            {range.label}
          </Button>
        ))}
        <DateInput label="From (UTC)" value={filters.from} onChange={(value) => choose("from", value)} />
        <DateInput label="To (UTC)" value={filters.to} onChange={(value) => choose("to", value)} />
      </div>

      {active.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800" data-testid="active-filters">
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            {active.length} {active.length === 1 ? "filter" : "filters"}:
          </span>
          {active.map((name) => (
            <span key={name} className="inline-flex items-center gap-1 rounded-full border border-zinc-300 bg-zinc-50 py-0.5 pr-1 pl-2.5 text-xs dark:border-zinc-700 dark:bg-zinc-800">
              {FILTER_LABELS[name]}: <span className="font-mono">{labelOf(name, filters[name]!, actorOptions)}</span>
              <button type="button" onClick={() => clear(name)} aria-label={`Clear the ${FILTER_LABELS[name].toLowerCase()} filter`} className="rounded-full px-1 hover:bg-zinc-200 dark:hover:bg-zinc-700">
                ×
              </button>
            </span>
          ))}
          <Button type="button" variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => apply({})}>
            Clear all
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** Action, project, target, environment and resource: typed, applied together with Enter or "Apply". */
function TypedFilters({ filters, suggestions, onApply }: { filters: FilterValues; suggestions: FilterSuggestions; onApply: (next: FilterValues) => void }) {
  const ids = { actions: useId(), projects: useId(), targets: useId(), environments: useId() };
  const [draft, setDraft] = useState<FilterValues>(filters);
  const set = (name: AuditFilterName, value: string) => setDraft((current) => ({ ...current, [name]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({ ...filters, ...Object.fromEntries(TYPED.map((name) => [name, draft[name]?.trim()])) });
  }

  const targets = suggestions.projects.find((project) => project.slug === draft.project)?.targets ?? suggestions.projects.flatMap((project) => project.targets);
  const chosenTarget = targets.find((target) => target.slug === draft.target);
  const environments = [...new Set((chosenTarget ? [chosenTarget] : targets).flatMap((target) => target.environments))];
  return (
    <form onSubmit={submit} aria-label="Typed filters" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Text label="Action" value={draft.action} onChange={(value) => set("action", value)} list={ids.actions} placeholder="secret.*" className="lg:col-span-2" />
      <Text label="Project" value={draft.project} onChange={(value) => set("project", value)} list={ids.projects} />
      <Text label="Target" value={draft.target} onChange={(value) => set("target", value)} list={ids.targets} />
      <Text label="Environment" value={draft.environment} onChange={(value) => set("environment", value)} list={ids.environments} />
      <Text label="Resource path contains" value={draft.resource} onChange={(value) => set("resource", value)} placeholder="/production/secrets" />
      <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-6">
        <Button type="submit">Apply</Button>
        <p className="text-xs text-zinc-500">An action ending in * matches a whole family, e.g. secret.* or token.*.</p>
      </div>
      <datalist id={ids.actions}>{KNOWN_ACTIONS.map((action) => <option key={action} value={action} />)}</datalist>
      <datalist id={ids.projects}>{suggestions.projects.map((project) => <option key={project.slug} value={project.slug} />)}</datalist>
      <datalist id={ids.targets}>{[...new Set(targets.map((target) => target.slug))].map((slug) => <option key={slug} value={slug} />)}</datalist>
      <datalist id={ids.environments}>{environments.map((slug) => <option key={slug} value={slug} />)}</datalist>
    </form>
  );
}

function labelOf(name: AuditFilterName, value: string, actors: AuditActorView[]): string {
  if (name !== "actor") return value;
  return actors.find((actor) => actor.id === value)?.label ?? value;
}

const CONTROL = "block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900";

function Select({ label, value, onChange, children }: { label: string; value: string; onChange: (value: string) => void; children: ReactNode }) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={CONTROL}>
        {children}
      </select>
    </div>
  );
}

function Text({ label, value, onChange, list, placeholder, className = "" }: {
  label: string; value: string | undefined; onChange: (value: string) => void; list?: string; placeholder?: string; className?: string;
}) {
  const id = useId();
  return (
    <div className={`space-y-1.5 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value)} list={list} placeholder={placeholder} autoComplete="off" spellCheck={false} className={`${CONTROL} font-mono`} />
    </div>
  );
}

function DateInput({ label, value, onChange }: { label: string; value: string | undefined; onChange: (value: string) => void }) {
  const id = useId();
  // The URL may carry a full ISO time (from the API or a shared link); the picker shows its day.
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input id={id} type="date" value={value?.slice(0, 10) ?? ""} onChange={(event) => onChange(event.target.value)} className={CONTROL} />
    </div>
  );
}
