"use client";

import { EmptyState } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { exactTime, relativeTime } from "@/lib/client/relative-time";
import type { AuditEventView } from "@/lib/schemas/audit";

// Events as rows: when (relative, exact on hover), who, what, on which resource, with which outcome
// and from where. Outcomes are words as well as colours. A row opens the detail drawer.

export const OUTCOME_STYLES: Record<AuditEventView["outcome"], string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  denied: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200",
  error: "border-red-300 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200",
};

export const SOURCE_LABELS: Record<AuditEventView["source"], string> = { dashboard: "Dashboard", api: "API", cli: "CLI", explorer: "API Explorer" };

export function actorName(actor: AuditEventView["actor"]): string {
  return actor.type === "token" ? `API key ${actor.label}` : actor.label;
}

export function AuditTable({ events, filtered, onOpen, onClearFilters }: {
  events: AuditEventView[]; filtered: boolean; onOpen: (event: AuditEventView) => void; onClearFilters: () => void;
}) {
  if (events.length === 0) {
    return filtered ? (
      <EmptyState title="No events match these filters" action={<Button variant="secondary" onClick={onClearFilters}>Clear all filters</Button>}>
        Try a wider time range, or a prefix such as secret.* for the action.
      </EmptyState>
    ) : (
      <EmptyState title="No events yet">Every read and change in this organization will appear here.</EmptyState>
    );
  }
  const now = new Date();
  return (
    <div className="relative overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-left text-sm" aria-label="Audit events, newest first">
        <thead className="bg-zinc-50 text-xs tracking-wide text-zinc-600 uppercase dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2">Time</th>
            <th scope="col" className="px-3 py-2">Actor</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Resource</th>
            <th scope="col" className="px-3 py-2">Outcome</th>
            <th scope="col" className="px-3 py-2">Source</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 bg-white dark:divide-zinc-800 dark:bg-zinc-950">
          {events.map((event) => (
            <tr key={event.id} data-testid="audit-row" data-action={event.action} data-sequence={event.sequence} className="align-top hover:bg-zinc-50 dark:hover:bg-zinc-900">
              <td className="px-3 py-2 whitespace-nowrap">
                <time dateTime={event.time} title={exactTime(event.time)}>
                  {relativeTime(event.time, now)}
                </time>
              </td>
              <td className="max-w-56 truncate px-3 py-2" title={actorName(event.actor)} data-testid="audit-actor">
                {actorName(event.actor)}
              </td>
              <td className="px-3 py-2">
                <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">{event.action}</code>
              </td>
              <td className="max-w-72 truncate px-3 py-2 font-mono text-xs" title={event.resource}>
                {event.resource}
              </td>
              <td className="px-3 py-2">
                <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${OUTCOME_STYLES[event.outcome]}`}>
                  {event.outcome} · {event.status}
                </span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{SOURCE_LABELS[event.source]}</td>
              <td className="px-3 py-2 text-right">
                <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => onOpen(event)} aria-label={`Details of event ${event.sequence} (${event.action})`}>
                  Details
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
