import { defineEndpoint, ok, type Endpoint } from "@/lib/api/endpoint";
import { compareQuery } from "@/lib/schemas/compare";
import { projectParams } from "@/lib/schemas/projects";
import { compareEnvironments, comparePlan } from "@/lib/services/secrets/compare";

// Environment drift (docs/api.md#compare): names × environments, never values.

export const compareEndpoints: Endpoint[] = [
  defineEndpoint({
    id: "secrets.compare", method: "GET", path: "/{organization}/{project}/compare", tag: "Secrets",
    summary: "Compare a project's environments: which names each has, where they come from, which values are equal",
    description:
      "Every effective name × each environment (columns in the order of environments, or every environment you may read): present, " +
      "source (project, target or environment) and group — cells of a name with the same group hold the same value. Never values. " +
      "Server-managed projects: equality is computed on the server (equality \"server\"). Client-managed: groups are null (equality " +
      "\"client\"); a client with the key compares the ciphertexts of GET …/secrets?merge=true itself. missing_in lists the environments " +
      "lacking a name. Needs secret:read on every environment compared (403 / 404 otherwise, as for a read).",
    params: projectParams, query: compareQuery,
    requires: ({ params }) => comparePlan(params.project),
    handle: async (context, { query }, access) => ok(await compareEnvironments(context, access.level, query.environments)),
  }) as Endpoint,
];
