import { z } from "zod";
import { orgParams, pageQuery, slugParam } from "./api";
import { displayNameSchema, slugSchema } from "./common";

// Teams (docs/permissions.md#permission-catalog, docs/api.md#management): people, and the projects restricted to them. A project given to any team
// is visible only to those teams' members (for roles that are not organization-wide).

const memberRef = z.string().trim().min(1).max(254).describe("A member's email address or user id");
const projectRef = slugParam.describe("Project slug");

export const createTeamSchema = z.strictObject({
  slug: slugSchema,
  name: displayNameSchema.optional().describe("Defaults to the slug"),
  members: z.array(memberRef).max(1000).optional(),
  projects: z.array(projectRef).max(1000).optional(),
});

/** `members` and `projects`, when given, replace the team's lists. */
export const updateTeamSchema = z
  .strictObject({
    slug: slugSchema.optional(),
    name: displayNameSchema.optional(),
    members: z.array(memberRef).max(1000).optional(),
    projects: z.array(projectRef).max(1000).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Change at least one of slug, name, members or projects.");

export type CreateTeamInput = z.infer<typeof createTeamSchema>;
export type UpdateTeamInput = z.infer<typeof updateTeamSchema>;

export const teamParams = orgParams.extend({ team: slugParam.describe("Team slug") });
export const listTeamsQuery = pageQuery;

// ------------------------------------------------------------------------------------------------
// Responses (the wire format: dates are ISO strings), as lib/services/teams/teams.ts (teamView)
// answers them; lib/schemas/responses.db.test.ts parses real answers with it, so a drift fails a test.

const timestamp = z.iso.datetime();

export const teamViewSchema = z.strictObject({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  /** Sorted by email. */
  members: z.array(z.strictObject({ id: z.string(), email: z.string(), name: z.string() })),
  /** Slugs of the team's projects the caller can see, sorted. */
  projects: z.array(z.string()),
  created_at: timestamp,
  updated_at: timestamp,
});

export type TeamView = z.infer<typeof teamViewSchema>;
