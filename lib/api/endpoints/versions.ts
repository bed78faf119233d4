import { defineEndpoint, noContent, ok, type Endpoint } from "@/lib/api/endpoint";
import { LEVEL_PATHS, purgeSchema, restoreSchema, versionListQuery, versionPaths, versionReadQuery } from "@/lib/schemas/secrets";
import { getVersion, listVersions } from "@/lib/services/secrets/versions";
import { deleteVersion, purgeVersions, restoreVersion } from "@/lib/services/secrets/history";

// A level's version history (SPEC §4.3), at each of the three depths of GET …/secrets.

const listAndPurge = LEVEL_PATHS.flatMap(({ suffix, depth, params }) => [
  defineEndpoint({
    id: `versions.list.${depth}`, method: "GET", path: `/{organization}${suffix}/secrets/versions`, tag: "Versions",
    summary: `List the versions of a ${depth}'s secrets, newest first`,
    description: "Each: version, created_at, actor, source, key_version, names added/removed/changed, current. Cursor pagination.",
    permission: "secret:history",
    params, query: versionListQuery,
    handle: async (context, { params, query }) => {
      const page = await listVersions(context, params, query);
      return ok(page.data, page.meta);
    },
  }) as Endpoint,
  defineEndpoint({
    id: `versions.purge.${depth}`, method: "POST", path: `/{organization}${suffix}/secrets/versions/purge`, tag: "Versions",
    summary: `Delete every version of a ${depth}'s secrets except the current one`,
    description: 'Needs {"confirmed": true} (else 422 confirmation_required). Answers the number of versions purged.',
    permission: "secret:purge",
    params, body: purgeSchema,
    handle: async (context, { params, body }) => ok(await purgeVersions(context, params, body)),
  }) as Endpoint,
]);

const single = versionPaths.flatMap(({ suffix, depth, params }) => [
  defineEndpoint({
    id: `versions.read.${depth}`, method: "GET", path: `/{organization}${suffix}/secrets/versions/{n}`, tag: "Versions",
    summary: `Read one version of a ${depth}'s secrets`,
    description: "Its metadata, tags and content: ciphertext, or decrypt=true (server-managed; also needs secret:decrypt).",
    permission: "secret:history", sensitive: true,
    params, query: versionReadQuery,
    handle: async (context, { params, query }) => ok(await getVersion(context, params, params.n, { decrypt: query.decrypt ?? false })),
  }) as Endpoint,
  defineEndpoint({
    id: `versions.restore.${depth}`, method: "POST", path: `/{organization}${suffix}/secrets/versions/{n}/restore`, tag: "Versions",
    summary: `Restore a version of a ${depth}'s secrets as a new version`,
    description: "The restored content keeps the key version it was encrypted under. Optional expected_version (409 version_conflict).",
    permission: "secret:restore",
    params, body: restoreSchema,
    handle: async (context, { params, body }) => ok(await restoreVersion(context, params, params.n, body)),
  }) as Endpoint,
  defineEndpoint({
    id: `versions.delete.${depth}`, method: "DELETE", path: `/{organization}${suffix}/secrets/versions/{n}`, tag: "Versions",
    summary: `Delete one version of a ${depth}'s secrets`,
    description: "204. The current version cannot be deleted (422 validation_failed).",
    permission: "secret:purge", status: 204,
    params,
    handle: async (context, { params }) => {
      await deleteVersion(context, params, params.n);
      return noContent();
    },
  }) as Endpoint,
]);

export const versionsEndpoints: Endpoint[] = [...listAndPurge, ...single];
