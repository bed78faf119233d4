import { defineEndpoint, noContent, ok, type Endpoint } from "@/lib/api/endpoint";
import { orgParams } from "@/lib/schemas/api";
import { deleteSchema, LEVEL_PATHS, retrieveSchema, secretsQuery, storeSchema } from "@/lib/schemas/secrets";
import { readSecrets, retrieveKey } from "@/lib/services/secrets/read";
import { deleteSecrets, storeSecrets } from "@/lib/services/secrets/write";

// Secrets (SPEC §4.2, docs/secrets-api.txt): read a level and the levels above it, retrieve with
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
    permission: "secret:read", sensitive: true,
    params, query: secretsQuery,
    handle: async (context, { params, query }) =>
      readSecrets(context, params, { decrypt: query.decrypt ?? false, merge: query.merge ?? "false", raw: query.raw ?? false }),
  }),
);

export const secretsEndpoints: Endpoint[] = [
  ...(readEndpoints as Endpoint[]),
  defineEndpoint({
    id: "secrets.retrieve", method: "POST", path: "/{organization}/secrets/retrieve", tag: "Secrets",
    summary: "Retrieve secrets with filters, decrypted, or the project's key",
    description:
      "action read (secret:read), decrypt (secret:decrypt) or key:retrieve (key:retrieve: custody, version, algorithm, kdf, salt, " +
      "iterations, and data_key for server-managed projects only). filters: names (exact), tags (any of), search (substring, " +
      "case-insensitive). merge and raw as for GET …/secrets.",
    permission: "secret:read", sensitive: true,
    params: orgParams, body: retrieveSchema,
    handle: async (context, { body }) => {
      if (body.action === "key:retrieve") return ok(await retrieveKey(context, body));
      return readSecrets(context, body, { decrypt: body.action === "decrypt", merge: body.merge, raw: body.raw ?? false, filters: body.filters });
    },
  }) as Endpoint,
  defineEndpoint({
    id: "secrets.store", method: "POST", path: "/{organization}/secrets/store", tag: "Secrets",
    summary: "Store the encrypted blob of a level",
    description:
      "The level is the deepest slug given. 413 over 256 KiB; 422 invalid_content (with the line), invalid_ciphertext (server-managed: " +
      "a value that does not decrypt under the active key), key_proof_required / key_proof_mismatch (client-managed); 409 " +
      "version_conflict when expected_version is not the level's current version (0 for a level without a blob).",
    permission: "secret:write", sensitive: true, maxBodyBytes: 1024 * 1024,
    params: orgParams, body: storeSchema,
    handle: async (context, { body }) => storeSecrets(context, body),
  }) as Endpoint,
  defineEndpoint({
    id: "secrets.delete", method: "POST", path: "/{organization}/secrets/delete", tag: "Secrets",
    summary: "Clear the blob of a level",
    description:
      "204. The cleared level is recorded as a new (empty) version, so it can be restored; a level without secrets is left as is. " +
      "no_backup: true (secret:purge, confirmed: true) deletes the level and its whole history.",
    permission: "secret:write", status: 204,
    params: orgParams, body: deleteSchema,
    handle: async (context, { body }) => {
      await deleteSecrets(context, body);
      return noContent();
    },
  }) as Endpoint,
];
