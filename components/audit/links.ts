import { levelPages, type LevelPath } from "@/lib/client/levels";
import type { AuditEventView } from "@/lib/schemas/audit";

// Where an event points in the dashboard: its actor (the member list, or the API key's page) and its
// resource (the level's editor or history, the project, the key, the team…). Links work while the
// thing exists; a deleted one opens the dashboard's "not found" page.

/** The public id in a key's label, "ci deploy (key_…)" (docs/audit.md#what-is-recorded). */
const KEY_LABEL = /\((key_[0-9A-Za-z]{16})\)$/;

export function actorLink(actor: AuditEventView["actor"]): { href: string; label: string } | null {
  if (actor.type === "token") {
    const publicId = KEY_LABEL.exec(actor.label)?.[1];
    return publicId ? { href: `/dashboard/organizations/api-keys/${publicId}`, label: "Open the API key" } : null;
  }
  if (actor.type === "user") return { href: "/dashboard/organizations/members", label: "Open members" };
  return null;
}

const stringOf = (value: unknown) => (typeof value === "string" && value ? value : undefined);

/** The level an event's metadata names (secrets, history, keys), if any. */
function levelOf(event: AuditEventView): LevelPath | null {
  const project = stringOf(event.metadata.project);
  if (!project) return null;
  const target = stringOf(event.metadata.target);
  const environment = target ? stringOf(event.metadata.environment) : undefined;
  return { project, ...(target ? { target } : {}), ...(environment ? { environment } : {}) };
}

export function resourceLink(event: AuditEventView): string | null {
  const [, , ...segments] = event.resource.split("/"); // "", organization id, …
  const [first, second] = segments;
  const level = levelOf(event);
  if (event.action.startsWith("secret.") && level) {
    return event.action.startsWith("secret.history") || event.action === "secret.version.delete" ? levelPages.history(level) : levelPages.secrets(level);
  }
  switch (first) {
    case undefined:
    case "":
      return "/dashboard/organizations/settings";
    case "projects":
      return second ? levelPages.project(second) : "/dashboard";
    case "tokens":
      return second ? `/dashboard/organizations/api-keys/${encodeURIComponent(second)}` : "/dashboard/organizations/api-keys";
    case "members":
    case "invitations":
      return "/dashboard/organizations/members";
    case "teams":
      return second ? `/dashboard/organizations/teams/${encodeURIComponent(second)}` : "/dashboard/organizations/teams";
    case "audit":
      return "/dashboard/organizations/audit";
    case "whoami":
      return null;
    default:
      return level ? levelPages.project(level.project) : null;
  }
}
