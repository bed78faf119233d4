"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { exactTime } from "@/lib/client/relative-time";
import type { AuditEventView } from "@/lib/schemas/audit";
import { actorName, OUTCOME_STYLES, SOURCE_LABELS } from "./audit-table";
import type { FilterValues } from "./filters";
import { actorLink, resourceLink } from "./links";

// Every field of one event: who, what, where, the outcome, the caller's address and client, the
// metadata pretty-printed, and its place in the chain — the previous event's hash it links to and
// its own hash, which the next event links to. Links lead to the actor and the resource; "Show only"
// narrows the log to this actor or action.

export function AuditEventDrawer({ event, onClose, onFilter }: { event: AuditEventView | null; onClose: () => void; onFilter: (filters: FilterValues) => void }) {
  const actor = event ? actorLink(event.actor) : null;
  const resource = event ? resourceLink(event) : null;
  return (
    <Dialog open={event !== null} onClose={onClose} side title={event ? `Event ${event.sequence}: ${event.action}` : "Event"} description={event ? exactTime(event.time) : undefined}>
      {event ? (
        <div className="space-y-5 text-sm" data-testid="audit-event-details">
          <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-2">
            <Row term="Id"><code className="font-mono text-xs">{event.id}</code></Row>
            <Row term="Time"><time dateTime={event.time}>{event.time}</time></Row>
            <Row term="Sequence">{event.sequence}</Row>
            <Row term="Actor">
              <span>{actorName(event.actor)}</span> <span className="text-zinc-500">({event.actor.type}{event.actor.id ? `, ${event.actor.id}` : ""})</span>
              {actor ? (
                <Link href={actor.href} className="ml-2 text-indigo-600 hover:underline dark:text-indigo-400">
                  {actor.label}
                </Link>
              ) : null}
            </Row>
            <Row term="Action"><code className="font-mono text-xs">{event.action}</code></Row>
            <Row term="Resource">
              <code className="font-mono text-xs break-all">{event.resource}</code>
              {resource ? (
                <Link href={resource} className="ml-2 text-indigo-600 hover:underline dark:text-indigo-400">
                  Open
                </Link>
              ) : null}
            </Row>
            <Row term="Outcome">
              <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${OUTCOME_STYLES[event.outcome]}`}>
                {event.outcome} · {event.status}
              </span>
            </Row>
            <Row term="Source">{SOURCE_LABELS[event.source]}</Row>
            <Row term="IP address">{event.ip ?? "—"}</Row>
            <Row term="User agent"><span className="break-all">{event.user_agent ?? "—"}</span></Row>
          </dl>

          <div className="space-y-1.5">
            <h3 className="font-medium">Metadata</h3>
            <pre className="max-h-80 overflow-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-800" data-testid="audit-metadata">
              {JSON.stringify(event.metadata, null, 2)}
            </pre>
          </div>

          <div className="space-y-2">
            <h3 className="font-medium">Hash chain</h3>
            <Hash label={event.sequence === 1 ? "Previous hash — none: the chain starts here" : `Previous hash — event ${event.sequence - 1} has it`} value={event.prev_hash} />
            <Hash label={`Hash — event ${event.sequence + 1} links to it`} value={event.hash} />
          </div>

          <DialogActions>
            {event.actor.id || event.actor.type === "anonymous" ? (
              <Button variant="secondary" onClick={() => onFilter({ actor: event.actor.id ?? event.actor.label })}>
                Show only this actor
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => onFilter({ action: event.action })}>
              Show only {event.action}
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Hash({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">{label}</p>
      <div className="flex items-center gap-2">
        <code className="font-mono text-xs break-all">{value}</code>
        <CopyButton value={value} label="Copy hash" />
      </div>
    </div>
  );
}
