import { defineEndpoint, noContent, ok, page, type Endpoint } from "@/lib/api/endpoint";
import { LEVEL_PATHS, purgeSchema, restoreSchema, versionListQuery, versionPaths, versionReadQuery } from "@/lib/schemas/secrets";
import { levelOf } from "@/lib/services/access/plan";
import { deleteVersion, deleteVersionPlan, purgeVersions, purgeVersionsPlan, restorePlan, restoreVersion } from "@/lib/services/secrets/history";
import { getVersion, listVersions, listVersionsPlan, readVersionPlan } from "@/lib/services/secrets/versions";

// A level's version history (docs/api.md#versions), at each of the three depths of GET …/secrets.

const listAndPurge = LEVEL_PATHS.flatMap(({ suffix, depth, params }) => [
  defineEndpoint({
    id: `versions.list.${depth}`, method: "GET", path: `/{organization}${suffix}/secrets/versions`, tag: "Versions",
    summary: `List the versions of a ${depth}'s secrets, newest first`,
    description: "Each: version, created_at, actor, source, key_version, names added/removed/changed, current. Cursor pagination.",
    params, query: versionListQuery,
    requires: ({ params }) => listVersionsPlan(levelOf(params)),
    handle: async (context, { query }, access) => page(await listVersions(context, access.level, query)),
  }) as Endpoint,
  defineEndpoint({
    id: `versions.purge.${depth}`, method: "POST", path: `/{organization}${suffix}/secrets/versions/purge`, tag: "Versions",
    summary: `Delete every version of a ${depth}'s secrets except the current one`,
    description: 'Needs {"confirmed": true} (else 422 confirmation_required). Answers the number of versions purged.',
    params, body: purgeSchema,
    requires: ({ params }) => purgeVersionsPlan(levelOf(params)),
    handle: async (context, { body }, access) => ok(await purgeVersions(context, access.level, body)),
  }) as Endpoint,
]);

const single = versionPaths.flatMap(({ suffix, depth, params }) => [
  defineEndpoint({
    id: `versions.read.${depth}`, method: "GET", path: `/{organization}${suffix}/secrets/versions/{n}`, tag: "Versions",
    summary: `Read one version of a ${depth}'s secrets`,
    description: "Its metadata, tags and content: ciphertext, or decrypt=true (server-managed; also needs secret:decrypt).",
    sensitive: true,
    params, query: versionReadQuery,
    requires: ({ params, query }) => readVersionPlan(levelOf(params), query.decrypt ?? false),
    handle: async (context, { params, query }, access) => ok(await getVersion(context, access.level, params.n, { decrypt: query.decrypt ?? false })),
  }) as Endpoint,
  defineEndpoint({
    id: `versions.restore.${depth}`, method: "POST", path: `/{organization}${suffix}/secrets/versions/{n}/restore`, tag: "Versions",
    summary: `Restore a version of a ${depth}'s secrets as a new version`,
    description: "The restored content keeps the key version it was encrypted under. Optional expected_version (409 version_conflict).",
    params, body: restoreSchema,
    requires: ({ params }) => restorePlan(levelOf(params)),
    handle: async (context, { params, body }, access) => ok(await restoreVersion(context, access.level, params.n, body)),
  }) as Endpoint,
  defineEndpoint({
    id: `versions.delete.${depth}`, method: "DELETE", path: `/{organization}${suffix}/secrets/versions/{n}`, tag: "Versions",
    summary: `Delete one version of a ${depth}'s secrets`,
    description: "204. The current version cannot be deleted (422 validation_failed).",
    status: 204,
    params,
    requires: ({ params }) => deleteVersionPlan(levelOf(params)),
    handle: async (context, { params }, access) => {
      await deleteVersion(context, access.level, params.n);
      return noContent();
    },
  }) as Endpoint,
]);

export const versionsEndpoints: Endpoint[] = [...listAndPurge, ...single];
