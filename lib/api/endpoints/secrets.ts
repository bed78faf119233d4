import { defineEndpoint, noContent, ok, type Endpoint, type EndpointResult } from "@/lib/api/endpoint";
import { orgParams } from "@/lib/schemas/api";
import { deleteSchema, LEVEL_PATHS, retrieveSchema, secretsQuery, storeSchema } from "@/lib/schemas/secrets";
import { levelOf } from "@/lib/services/access/plan";
import { readSecrets, readSecretsPlan, retrieveKey, retrieveKeyPlan, type ReadResult } from "@/lib/services/secrets/read";
import { deletePlan, deleteSecrets, storePlan, storeSecrets } from "@/lib/services/secrets/write";

// Secrets (docs/api.md#secrets): read a level and the levels above it, retrieve with
// filters or the key, store a level's encrypted blob, clear it.

const READ_DESCRIPTION =
  "Levels from the project down to this one, apart (merge=false), merged (true: project < target < environment) or both. " +
  "Ciphertext unless decrypt=true (server-managed only; also needs secret:decrypt). raw=true answers text/plain .env " +
  "(the merged view when merge is true/both, else this level) that dotenv and POSIX shells read back exactly; a value no " +
  ".env line can carry for both (a carriage return, NUL, or ' with one of \" $ ` \\) is refused with 422, naming it. " +
  "attributes.versions = {project, target?, environment?}: each level's current version (0 without a blob), to send as " +
  "expected_version when storing; with levels (merge=false|both) also attributes.tags = {level: {NAME: [tag, …]}}.";

const readEndpoints = LEVEL_PATHS.map(({ suffix, depth, params }) =>
  defineEndpoint({
    id: `secrets.read.${depth}`, method: "GET", path: `/{organization}${suffix}/secrets`, tag: "Secrets",
    summary: `Read the secrets of a ${depth}${depth === "project" ? "" : " with the levels above it"}`,
    description: READ_DESCRIPTION,
    sensitive: true,
    params, query: secretsQuery,
    requires: ({ params, query }) => readSecretsPlan(levelOf(params), query.decrypt ?? false),
    handle: async (context, { query }, access) =>
      secretsResult(await readSecrets(context, access.level, { decrypt: query.decrypt ?? false, merge: query.merge ?? "false", raw: query.raw ?? false })),
  }),
);

/** JSON, or the .env body raw=true asked for. */
const secretsResult = (result: ReadResult): EndpointResult =>
  "dotenv" in result ? { text: result.dotenv, contentType: "text/plain; charset=utf-8" } : ok(result.view);

export const secretsEndpoints: Endpoint[] = [
  ...(readEndpoints as Endpoint[]),
  defineEndpoint({
    id: "secrets.retrieve", method: "POST", path: "/{organization}/secrets/retrieve", tag: "Secrets",
    summary: "Retrieve secrets with filters, decrypted, or the project's key",
    description:
      "action read (secret:read), decrypt (secret:decrypt) or key:retrieve (key:retrieve: custody, version, algorithm, kdf, salt, " +
      "iterations, and data_key for server-managed projects only). filters: names (exact), tags (any of), search (substring, " +
      "case-insensitive). merge and raw as for GET …/secrets.",
    sensitive: true,
    params: orgParams, body: retrieveSchema,
    requires: ({ body }) => (body.action === "key:retrieve" ? retrieveKeyPlan(levelOf(body)) : readSecretsPlan(levelOf(body), body.action === "decrypt")),
    handle: async (context, { body }, access) => {
      if (body.action === "key:retrieve") return ok(await retrieveKey(context, access.level));
      return secretsResult(await readSecrets(context, access.level, { decrypt: body.action === "decrypt", merge: body.merge, raw: body.raw ?? false, filters: body.filters }));
    },
  }) as Endpoint,
  defineEndpoint({
    id: "secrets.store", method: "POST", path: "/{organization}/secrets/store", tag: "Secrets",
    summary: "Store the encrypted blob of a level",
    description:
      "The level is the deepest slug given. 413 over 256 KiB; 422 invalid_content (with the line), invalid_ciphertext (server-managed: " +
      "a value that does not decrypt under the active key), key_proof_required / key_proof_mismatch (client-managed); 409 " +
      "version_conflict when expected_version is not the level's current version (0 for a level without a blob).",
    sensitive: true, maxBodyBytes: 1024 * 1024,
    params: orgParams, body: storeSchema,
    requires: ({ body }) => storePlan(levelOf(body)),
    handle: async (context, { body }, access) => ({ data: await storeSecrets(context, access.level, body), message: "Secrets stored successfully." }),
  }) as Endpoint,
  defineEndpoint({
    id: "secrets.delete", method: "POST", path: "/{organization}/secrets/delete", tag: "Secrets",
    summary: "Clear the blob of a level",
    description:
      "204. The cleared level is recorded as a new (empty) version, so it can be restored; a level without secrets is left as is. " +
      "no_backup: true (secret:purge, confirmed: true) deletes the level and its whole history.",
    status: 204,
    params: orgParams, body: deleteSchema,
    requires: ({ body }) => deletePlan(levelOf(body), body.no_backup === true),
    handle: async (context, { body }, access) => {
      await deleteSecrets(context, access.level, body);
      return noContent();
    },
  }) as Endpoint,
];
