import "server-only";
import type { AuditEventView } from "@/lib/schemas/audit";

// The audit log's export as an HTTP body (docs/api.md#audit-log): CSV or JSON Lines, streamed.
// Pages come from the use case one at a time (lib/services/audit/query.ts, keyset pagination) and
// are written out as the client reads: `pull` asks for the next page only when the previous one
// was consumed, so a slow download never makes the server hold more than one page.

export const AUDIT_EXPORT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/jsonl; charset=utf-8" } as const;

const CSV_COLUMNS = [
  "id", "time", "sequence", "actor_type", "actor_id", "actor_label", "source", "action", "resource", "outcome", "status",
  "ip", "user_agent", "metadata", "hash", "prev_hash",
] as const;

export function auditExportResponse(pages: AsyncGenerator<AuditEventView[]>, format: keyof typeof AUDIT_EXPORT_TYPES, organizationId: string): Response {
  const encoder = new TextEncoder();
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started && format === "csv") controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(",")}\r\n`));
        started = true;
        const next = await pages.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map(format === "csv" ? csvLine : jsonLine).join("")));
      } catch (error) {
        // The status line is long gone: the client sees the download cut short, never a partial file
        // that looks complete.
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": AUDIT_EXPORT_TYPES[format],
      "Content-Disposition": `attachment; filename="audit-${organizationId}-${day}.${format}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

const jsonLine = (event: AuditEventView) => `${JSON.stringify(event)}\n`;

function csvLine(event: AuditEventView): string {
  const cells = [
    event.id, event.time, event.sequence, event.actor.type, event.actor.id, event.actor.label, event.source, event.action, event.resource,
    event.outcome, event.status, event.ip, event.user_agent, JSON.stringify(event.metadata), event.hash, event.prev_hash,
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/**
 * RFC 4180 quoting. Text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage
 * return first: a user agent or a key name can be anything) gets a leading apostrophe (OWASP).
 */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
