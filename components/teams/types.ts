// The REST API's team object: the shape lives with its zod schema in lib/schemas/teams.ts, checked
// against the use cases by lib/schemas/responses.db.test.ts.
export type { TeamView } from "@/lib/schemas/teams";

/** The few fields of a listed project the team page uses. */
export interface ProjectSummary {
  id: string;
  slug: string;
  name: string;
}
