import { z } from "zod";

// Building blocks shared by every schema. Limits are generous for people and small enough that a
// hostile 1 MB field is refused by validation before any work is done.

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const RESERVED_SLUGS = [
  "secrets", "projects", "targets", "environments", "tokens", "members", "teams", "audit", "keys", "versions", "whoami", "openapi.json",
  // Not in the list of docs/hierarchy.md#hierarchy, but /{organization}/invitations/… is an API path too (the invitations
  // endpoints): a project of that name would make /{organization}/invitations/secrets ambiguous.
  "invitations",
] as const;

export const slugSchema = z
  .string()
  .regex(SLUG_PATTERN, "Use 1–64 lowercase letters, digits and hyphens, not starting or ending with a hyphen.")
  .refine((slug) => !(RESERVED_SLUGS as readonly string[]).includes(slug), "This name is reserved.");

export const displayNameSchema = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");

export const emailSchema = z
  .string()
  .trim()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."))
  .transform((email) => email.toLowerCase());

export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "Not a valid id.");
