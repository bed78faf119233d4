import { expect, test } from "@playwright/test";
import { deriveProjectKey, importDataKey, openBlob, openValue, sealBlob } from "../../lib/crypto";
import { apiClient, createOrganization, isPostgres, type ApiClient, type OrganizationFixture } from "./support";
import { clientKey, createToken, mustSucceed, uniqueSlug } from "./secrets-support";

// A key over its whole life over real HTTP (docs/api.md#keys, docs/crypto.md#key-versions-and-rotation):
// rotation on the server and from a client, re-encrypting history, custody both ways, and the
// refusals — on the embedded database and on PostgreSQL (where concurrent requests really race).

let org: OrganizationFixture;
let api: ApiClient;
const o = () => org.organizationId;

test.beforeAll(async ({}, testInfo) => {
  org = createOrganization(testInfo);
});
test.beforeEach(async ({ request }) => {
  api = apiClient(request, org.token);
});

/** A project with levels project, api, api/prod — each written `writes` times. */
async function project(custody: "server" | "client", writes = 2, key?: Awaited<ReturnType<typeof clientKey>>) {
  const slug = uniqueSlug(custody === "server" ? "rot" : "zk");
  await mustSucceed(api.post(`/${o()}/projects`, { slug, custody, ...(key ? { key: key.setup } : {}) }), "project");
  await mustSucceed(api.post(`/${o()}/projects/${slug}/targets`, { slug: "api" }), "target");
  await mustSucceed(api.post(`/${o()}/projects/${slug}/targets/api/environments`, { slug: "prod" }), "environment");
  const seal = key ? key.seal : await serverSeal(slug);
  for (let round = 1; round <= writes; round++) {
    for (const level of [{}, { target: "api" }, { target: "api", environment: "prod" }]) {
      await mustSucceed(api.post(`/${o()}/secrets/store`, { project: slug, ...level, content: await seal({ ROUND: String(round), LEVEL: JSON.stringify(level) }), ...(key ? { key_proof: key.keyProof } : {}) }), "store");
    }
  }
  return slug;
}

async function serverSeal(slug: string) {
  const key = await mustSucceed(api.post(`/${o()}/secrets/retrieve`, { project: slug, action: "key:retrieve" }), "key:retrieve");
  const dataKey = await importDataKey(key.body.data.data_key);
  return (values: Record<string, string>) => sealBlob(dataKey, values);
}

const read = async (slug: string, query = "") => (await api.get(`/${o()}/${slug}/api/prod/secrets${query}`)).body.data.attributes;
const openAll = async (dataKey: CryptoKey, values: Record<string, string>) =>
  Object.fromEntries(await Promise.all(Object.entries(values).map(async ([name, ciphertext]) => [name, await openValue(dataKey, name, ciphertext)] as const)));
const history = async (slug: string, level = "api/prod") =>
  (await api.get(`/${o()}/${[slug, level].filter(Boolean).join("/")}/secrets/versions`)).body.data as { version: number; key_version: number }[];

test("server-managed: rotate, read old history with decrypt=true, refuse stale ciphertext, re-encrypt history", async () => {
  const slug = await project("server");
  const sealOld = await serverSeal(slug);
  const before = await read(slug, "?decrypt=true&merge=true");

  const rotated = await api.post(`/${o()}/${slug}/keys/rotate`, {});
  expect(rotated.status, rotated.text).toBe(200);
  expect(rotated.headers["cache-control"]).toBe("no-store");
  expect(rotated.body.data).toMatchObject({ version: 2, state: "active", custody: "server", previous_version: 1, levels_reencrypted: 3, stale_versions: 6 });
  expect(rotated.text).not.toMatch(/passphrase|wrapped|proof_hash|v1\./i);

  const after = await read(slug, "?decrypt=true&merge=true");
  expect(after.secrets).toEqual(before.secrets);
  expect(after.key_versions).toEqual({ project: 2, target: 2, environment: 2 });
  expect((await read(slug)).key).toMatchObject({ custody: "server", version: 2 });
  const old = await api.get(`/${o()}/${slug}/api/prod/secrets/versions/1?decrypt=true`);
  expect(old.body.data).toMatchObject({ key_version: 1, secrets: { ROUND: "1" } });

  const stale = await api.post(`/${o()}/secrets/store`, { project: slug, target: "api", environment: "prod", content: await sealOld({ LATE: "x" }) });
  expect(stale.status, stale.text).toBe(409);
  expect(stale.body.error).toBe("key_rotated");
  expect((await read(slug)).versions.environment).toBe(3);

  const keys = (await api.get(`/${o()}/${slug}/keys`)).body;
  expect(keys.data.map((key: { version: number; state: string; rotated_at: string | null }) => [key.version, key.state, key.rotated_at !== null])).toEqual([[2, "active", false], [1, "rotated", true]]);
  expect(keys.meta.stale_versions).toBe(6);

  const batch = await api.post(`/${o()}/${slug}/keys/reencrypt-history`, {});
  expect(batch.status, batch.text).toBe(200);
  expect(batch.body.data).toEqual({ done: true, remaining: 0, re_encrypted: 6, next_cursor: null, active_version: 2 });
  for (const level of ["", "api", "api/prod"]) {
    expect((await history(slug, level)).every((version) => version.key_version === 2)).toBe(true);
  }
  const reopened = await api.get(`/${o()}/${slug}/api/prod/secrets/versions/1?decrypt=true`);
  expect(reopened.body.data).toMatchObject({ key_version: 2, secrets: { ROUND: "1" } });
  expect((await api.post(`/${o()}/${slug}/keys/reencrypt-history`, { cursor: "01ARZ3NDEKTSV4RRFFQ69G5FAV" })).body.data.done).toBe(true);
});

test("client-managed: the client re-encrypts every level; old history opens with the old passphrase until re-encrypted", async () => {
  const oldKey = await clientKey();
  const slug = await project("client", 2, oldKey);
  const newKey = await clientKey();
  const levels = await Promise.all(([["", {}], ["api", { target: "api" }], ["api/prod", { target: "api", environment: "prod" }]] as const).map(async ([path, where]) => {
    const attributes = (await api.get(`/${o()}/${slug}${path ? `/${path}` : ""}/secrets`)).body.data.attributes;
    const name = path === "" ? "project" : path === "api" ? "target" : "environment";
    const values = await openAll(oldKey.dataKey, attributes.levels[name]);
    return { ...where, content: await newKey.seal(values), expected_version: attributes.versions[name] };
  }));

  const partial = await api.post(`/${o()}/${slug}/keys/rotate`, { key_proof: oldKey.keyProof, new: newKey.setup, levels: levels.slice(0, 2) });
  expect(partial.status).toBe(422);
  expect(partial.body.message).toContain("missing: api/prod");
  const wrong = await api.post(`/${o()}/${slug}/keys/rotate`, { key_proof: newKey.keyProof, new: newKey.setup, levels });
  expect([wrong.status, wrong.body.error]).toEqual([422, "key_proof_mismatch"]);
  const serverShaped = await api.post(`/${o()}/${slug}/keys/rotate`, {});
  expect(serverShaped.status).toBe(422);

  const rotated = await api.post(`/${o()}/${slug}/keys/rotate`, { key_proof: oldKey.keyProof, new: newKey.setup, levels });
  expect(rotated.status, rotated.text).toBe(200);
  expect(rotated.body.data).toMatchObject({ version: 2, custody: "client", salt: newKey.setup.salt, levels_reencrypted: 3 });
  const current = await read(slug);
  expect(current.key).toMatchObject({ custody: "client", version: 2, salt: newKey.setup.salt });
  expect(current.key_versions).toEqual({ project: 2, target: 2, environment: 2 });
  expect(await newKey.open("ROUND", current.levels.environment.ROUND)).toBe("2");

  // The old passphrase still opens the old history; the old proof can no longer write.
  const first = (await api.get(`/${o()}/${slug}/api/prod/secrets/versions/1`)).body.data;
  expect(first.key_version).toBe(1);
  expect(await oldKey.open("ROUND", first.secrets.ROUND)).toBe("1");
  const late = await api.post(`/${o()}/secrets/store`, { project: slug, target: "api", content: await oldKey.seal({ LATE: "x" }), key_proof: oldKey.keyProof });
  expect([late.status, late.body.error]).toEqual([409, "key_rotated"]);

  // Re-encrypting history: pending ciphertext in, the client's re-encryption back.
  let batch = (await api.post(`/${o()}/${slug}/keys/reencrypt-history`, { key_proof: newKey.keyProof, versions: [] })).body.data;
  expect(batch).toMatchObject({ done: false, remaining: 6 });
  while (batch.pending.length > 0) {
    const versions = await Promise.all(batch.pending.map(async (item: { target: string | null; environment: string | null; version: number; content: string }) => ({
      target: item.target, environment: item.environment, version: item.version, content: await newKey.seal(Object.fromEntries(await openBlob(oldKey.dataKey, item.content))),
    })));
    const answer = await api.post(`/${o()}/${slug}/keys/reencrypt-history`, { key_proof: newKey.keyProof, versions });
    expect(answer.status, answer.text).toBe(200);
    batch = answer.body.data;
  }
  expect(batch).toMatchObject({ done: true, remaining: 0 });
  const reencrypted = (await api.get(`/${o()}/${slug}/api/prod/secrets/versions/1`)).body.data;
  expect(reencrypted.key_version).toBe(2);
  expect(await newKey.open("ROUND", reencrypted.secrets.ROUND)).toBe("1");
});

test("custody round trip server → client → server leaves every ciphertext byte-identical", async () => {
  const slug = await project("server");
  const snapshot = async () => ({
    current: await read(slug),
    versions: await Promise.all([1, 2].map(async (n) => (await api.get(`/${o()}/${slug}/api/prod/secrets/versions/${n}`)).body.data.secrets)),
  });
  const before = await snapshot();
  const key = (await mustSucceed(api.post(`/${o()}/secrets/retrieve`, { project: slug, action: "key:retrieve" }), "key:retrieve")).body.data;
  expect(key.passphrase).toEqual(expect.any(String));
  const { keyProof } = await deriveProjectKey(key.passphrase, key.salt, key.iterations);

  const toClient = await api.post(`/${o()}/${slug}/keys/custody`, { custody: "client", key_proof: keyProof });
  expect(toClient.status, toClient.text).toBe(200);
  expect(toClient.body.data).toEqual({ custody: "client", previous_custody: "server", version: 1 });
  const asClient = await snapshot();
  expect(asClient.versions).toEqual(before.versions);
  expect(asClient.current.levels).toEqual(before.current.levels);
  expect(asClient.current.key).toMatchObject({ custody: "client", salt: key.salt, iterations: key.iterations });
  expect((await api.get(`/${o()}/${slug}/api/prod/secrets?decrypt=true`)).status).toBe(422);
  const retrieved = (await api.post(`/${o()}/secrets/retrieve`, { project: slug, action: "key:retrieve" })).body.data;
  expect(retrieved).not.toHaveProperty("passphrase");
  expect(retrieved).not.toHaveProperty("data_key");

  const wrongPassphrase = await api.post(`/${o()}/${slug}/keys/custody`, { custody: "server", passphrase: "not it" });
  expect([wrongPassphrase.status, wrongPassphrase.body.error]).toEqual([422, "key_proof_mismatch"]);
  const toServer = await api.post(`/${o()}/${slug}/keys/custody`, { custody: "server", passphrase: key.passphrase });
  expect(toServer.status, toServer.text).toBe(200);
  const back = await snapshot();
  expect(back.versions).toEqual(before.versions);
  expect(back.current.levels).toEqual(before.current.levels);
  expect((await read(slug, "?decrypt=true")).levels.environment).toEqual({ ROUND: "2", LEVEL: JSON.stringify({ target: "api", environment: "prod" }) });

  const audit = (await api.get(`/${o()}/audit?action=key.custody.update`)).text;
  expect(audit).not.toContain(key.passphrase);
});

test("key:retrieve hands out the key material only with key:rotate; key changes need key:rotate, scoped", async ({ request }) => {
  const slug = await project("server", 1);
  const retriever = apiClient(request, await createToken(api, o(), [{ permission: "key:retrieve", scope: { project: slug } }]));
  const material = (await retriever.post(`/${o()}/secrets/retrieve`, { project: slug, action: "key:retrieve" })).body.data;
  expect(material.data_key).toEqual(expect.any(String));
  expect(material).not.toHaveProperty("passphrase");
  for (const [path, body] of [["rotate", {}], ["reencrypt-history", {}], ["custody", { custody: "server", passphrase: "x" }]] as const) {
    const refused = await retriever.post(`/${o()}/${slug}/keys/${path}`, body);
    expect([refused.status, refused.body.error]).toEqual([403, "insufficient_permissions"]);
  }
  const rotator = apiClient(request, await createToken(api, o(), [{ permission: "key:rotate", scope: { project: slug } }, { permission: "key:retrieve", scope: { project: slug } }]));
  expect((await rotator.post(`/${o()}/secrets/retrieve`, { project: slug, action: "key:retrieve" })).body.data.passphrase).toEqual(expect.any(String));
  expect((await rotator.post(`/${o()}/${slug}/keys/rotate`, {})).status).toBe(200);
  expect((await rotator.post(`/${o()}/my-app/keys/rotate`, {})).status).toBe(404);
});

test("bad input is a clear 4xx and changes nothing", async () => {
  const slug = await project("server", 1);
  const cases: [unknown, number, string][] = [
    [{ expected_version: 5 }, 409, "key_rotated"],
    [{ expected_version: "1" }, 422, "validation_failed"],
    [{ key_proof: "A".repeat(43) + "=" }, 422, "validation_failed"],
    [{ surprise: true }, 422, "validation_failed"],
  ];
  for (const [body, status, error] of cases) {
    const response = await api.post(`/${o()}/${slug}/keys/rotate`, body);
    expect([response.status, response.body.error], JSON.stringify(body)).toEqual([status, error]);
  }
  expect((await api.postRaw(`/${o()}/${slug}/keys/rotate`, "{")).status).toBe(400);
  for (const [body, status] of [[{ custody: "server", passphrase: "x" }, 422], [{ custody: "elsewhere" }, 422], [{ custody: "client" }, 422]] as const) {
    expect((await api.post(`/${o()}/${slug}/keys/custody`, body)).status, JSON.stringify(body)).toBe(status);
  }
  for (const [body, status] of [[{ cursor: "nope" }, 422], [{ key_proof: "A".repeat(43) + "=" }, 422], [{ versions: [] }, 422]] as const) {
    expect((await api.post(`/${o()}/${slug}/keys/reencrypt-history`, body)).status, JSON.stringify(body)).toBe(status);
  }
  for (const body of [{ rotation_days: 45 }, { rotation_days: "90" }, {}]) {
    expect((await api.patch(`/${o()}/${slug}/keys`, body)).status, JSON.stringify(body)).toBe(422);
  }
  const keys = (await api.get(`/${o()}/${slug}/keys`)).body;
  expect(keys.data).toHaveLength(1);
  expect(keys.meta.rotation.cadence_days).toBeNull();

  const cadence = await api.patch(`/${o()}/${slug}/keys`, { rotation_days: 90 });
  expect(cadence.status, cadence.text).toBe(200);
  expect(cadence.body.data).toMatchObject({ cadence_days: 90, overdue: false, due_at: expect.any(String) });
  expect((await api.get(`/${o()}/${slug}/keys`)).body.meta.rotation).toMatchObject({ cadence_days: 90, overdue: false });
});

test("two concurrent rotations: exactly one wins, the other is 409 key_rotated", async ({ request }, testInfo) => {
  test.skip(!isPostgres(testInfo), "needs PostgreSQL (real concurrent sessions)");
  const slug = await project("server", 1);
  // Two keys, so neither request waits on the other's rate-limit counter.
  const [first, second] = await Promise.all([0, 1].map(async () => apiClient(request, await createToken(api, o(), [{ permission: "key:rotate" }]))));
  const responses = await Promise.all([first!.post(`/${o()}/${slug}/keys/rotate`, {}), second!.post(`/${o()}/${slug}/keys/rotate`, {})]);
  expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
  expect(responses.find((response) => response.status === 409)!.body.error).toBe("key_rotated");
  expect((await api.get(`/${o()}/${slug}/keys`)).body.data.map((key: { version: number }) => key.version)).toEqual([2, 1]);
});

test("writes racing a rotation: each one lands under the key it checked or is refused; everything still opens", async ({ request }, testInfo) => {
  test.skip(!isPostgres(testInfo), "needs PostgreSQL (real concurrent sessions)");
  const slug = await project("server", 1);
  const seal = await serverSeal(slug);
  const writers = await Promise.all(Array.from({ length: 8 }, async () => apiClient(request, await createToken(api, o(), [{ permission: "secret:write" }]))));
  const contents = await Promise.all(writers.map((_, index) => seal({ WRITER: String(index) })));
  const [rotation, ...writes] = await Promise.all([
    api.post(`/${o()}/${slug}/keys/rotate`, {}),
    ...writers.map((writer, index) => writer.post(`/${o()}/secrets/store`, { project: slug, target: "api", environment: "prod", content: contents[index] })),
  ]);
  expect(rotation!.status, rotation!.text).toBe(200);
  for (const write of writes) expect([200, 409], write.text).toContain(write.status);
  for (const write of writes.filter((candidate) => candidate.status === 409)) expect(write.body.error).toBe("key_rotated");
  const current = await read(slug, "?decrypt=true");
  expect(current.key_versions.environment).toBe(2);
  for (const version of await history(slug)) {
    const opened = await api.get(`/${o()}/${slug}/api/prod/secrets/versions/${version.version}?decrypt=true`);
    expect(opened.status, opened.text).toBe(200);
  }
});
