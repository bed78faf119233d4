import { RESERVED_SLUGS } from "@/lib/schemas/common";

// Suggests a slug from a display name ("Billing API (v2)" → "billing-api-v2") that the API's slug
// pattern accepts. People may still edit it; the shared zod schema has the last word.

export function suggestSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // drop accents: "Café" → "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/g, "");
  // A reserved word would be refused; nudge it rather than suggest something that fails.
  return (RESERVED_SLUGS as readonly string[]).includes(slug) ? `${slug}-app` : slug;
}
