"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { apiPath, apiRequest, errorMessage } from "@/lib/client/api";
import type { AuditEventView } from "@/lib/schemas/audit";
import { AuditEventDrawer } from "./audit-event-drawer";
import { AuditFilterBar, type FilterSuggestions } from "./audit-filter-bar";
import { AuditTable } from "./audit-table";
import { filtersFromSearch, searchOf, type FilterValues } from "./filters";
import { VerifyIntegrity } from "./verify-integrity";

// The audit log viewer (docs/dashboard.md#pages): newest first, a page at a time by cursor, filters
// in the URL (each can be cleared on its own), a drawer with every field of an event, an export of
// exactly the filtered view, and the chain's verification. Everything goes through /api/v1, so the
// server's authorize() decides again and each read is itself recorded.

const PAGE_SIZE = 50;

export function AuditLogViewer({ suggestions }: { suggestions: FilterSuggestions }) {
  const organization = useOrganization();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search.toString())), [search]);
  const [selected, setSelected] = useState<AuditEventView | null>(null);

  function applyFilters(next: FilterValues) {
    router.replace(`${pathname}${searchOf(next)}`, { scroll: false });
  }

  const events = useInfiniteQuery({
    queryKey: ["audit", organization.id, filters],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const page = await apiRequest<AuditEventView[]>(apiPath(organization.id, "audit"), {
        query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
        signal,
      });
      return { items: page.data, next: (page.meta?.next_cursor as string | null | undefined) ?? null };
    },
    getNextPageParam: (last) => last.next,
    staleTime: 0,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const exportHref = (format: "csv" | "jsonl") => `${apiPath(organization.id, "audit", "export")}${searchOf(filters, { format })}`;

  return (
    <div className="space-y-5">
      <AuditFilterBar filters={filters} suggestions={suggestions} onChange={applyFilters} />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {events.isPending ? "Loading events…" : `${items.length} ${items.length === 1 ? "event" : "events"} shown${events.hasNextPage ? ", more below" : ""}.`}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-zinc-600 dark:text-zinc-400">Export this view:</span>
          <a href={exportHref("csv")} download className={EXPORT_LINK}>
            CSV
          </a>
          <a href={exportHref("jsonl")} download className={EXPORT_LINK}>
            JSON Lines
          </a>
        </div>
      </div>

      <VerifyIntegrity />

      {events.isError ? (
        <div className="space-y-3">
          <Alert tone="error">Could not load the audit log: {errorMessage(events.error)}</Alert>
          <Button variant="secondary" onClick={() => events.refetch()}>
            Try again
          </Button>
        </div>
      ) : events.isPending ? null : (
        <AuditTable events={items} filtered={Object.keys(filters).length > 0} onOpen={setSelected} onClearFilters={() => applyFilters({})} />
      )}

      {events.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {events.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}

      <AuditEventDrawer event={selected} onClose={() => setSelected(null)} onFilter={(next) => { setSelected(null); applyFilters({ ...filters, ...next }); }} />
    </div>
  );
}

const EXPORT_LINK =
  "rounded-md border border-zinc-300 bg-white px-2.5 py-1 text-sm font-medium text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";
