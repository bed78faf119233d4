// The REST API's team object (lib/services/teams/teams.ts).
export interface TeamView {
  id: string;
  slug: string;
  name: string;
  members: { id: string; email: string; name: string }[];
  projects: string[];
  created_at: string;
  updated_at: string;
}

export interface ProjectSummary {
  id: string;
  slug: string;
  name: string;
}
