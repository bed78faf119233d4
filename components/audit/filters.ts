import { AUDIT_FILTERS, type AuditFilterName } from "@/lib/schemas/audit";

// The audit viewer's filters live in the URL, with the API's own names (`?action=secret.*&outcome=denied`),
// so a view can be shared, bookmarked and exported exactly as shown.

export type FilterValues = Partial<Record<AuditFilterName, string>>;

export const FILTER_LABELS: Record<AuditFilterName, string> = {
  actor: "Actor", action: "Action", project: "Project", target: "Target", environment: "Environment",
  outcome: "Outcome", source: "Source", resource: "Resource", from: "From", to: "To",
};

export function filtersFromSearch(params: URLSearchParams): FilterValues {
  const filters: FilterValues = {};
  for (const name of AUDIT_FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

export function searchOf(filters: FilterValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTERS) if (filters[name]) params.set(name, filters[name]!);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Actions of the log (docs/audit.md#actions), offered while typing; a prefix ending in * matches a family. */
export const KNOWN_ACTIONS = [
  "secret.*", "secret.read", "secret.decrypt", "secret.write", "secret.delete", "secret.restore",
  "secret.history.*", "secret.history.list", "secret.history.read", "secret.history.decrypt", "secret.version.delete", "secret.history.purge",
  "key.*", "key.list", "key.retrieve", "key.check", "key.verification.create",
  "project.*", "target.*", "environment.*",
  "token.*", "token.create", "token.update", "token.rotate", "token.delete", "token.whoami",
  "member.*", "member.create", "member.invite", "member.update", "member.delete", "team.*",
  "organization.*", "organization.update", "organization.delete", "organization.access",
  "audit.*", "audit.read", "audit.export", "audit.verify",
  "auth.*", "auth.login", "auth.login.failed",
];

/** `from` for the last `days` days, as a day (UTC), the way the API reads it. */
export function sinceDays(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
