import { expect, test } from "@playwright/test";
import { apiClient, createOrganization, isPostgres } from "./support";
import { createToken, mustSucceed, serverSealer, uniqueSlug } from "./secrets-support";

// No lost updates (docs/api.md#secrets, docs/security.md#guarantees): concurrent stores based on the same version — exactly one wins,
// every other one is told version_conflict, and history gains exactly the winner's version.
// PostgreSQL only: the embedded database serves one session at a time, so nothing races there.

test("20 concurrent stores with the same expected_version: one 200, nineteen 409", async ({ request }, testInfo) => {
  test.skip(!isPostgres(testInfo), "needs PostgreSQL (real concurrent sessions)");
  test.setTimeout(120_000);
  const org = createOrganization(testInfo);
  const id = org.organizationId;
  const api = apiClient(request, org.token);
  const sealer = serverSealer(api, id);
  const target = uniqueSlug("race");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets`, { slug: target }), "target");
  await mustSucceed(api.post(`/${id}/secrets/store`, { project: "my-app", target, content: await sealer.seal({ WRITER: "initial" }) }), "first store");

  // One key per writer, so nothing per key (its rate-limit counter) staggers the requests.
  const writers = await Promise.all(Array.from({ length: 20 }, async () => apiClient(request, await createToken(api, id, [{ permission: "secret:write" }]))));
  const contents = await Promise.all(writers.map((_, index) => sealer.seal({ WRITER: `writer-${index}` })));
  const responses = await Promise.all(
    writers.map((writer, index) => writer.post(`/${id}/secrets/store`, { project: "my-app", target, content: contents[index], expected_version: 1 })),
  );
  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  for (const response of responses.filter((candidate) => candidate.status === 409)) expect(response.body.error).toBe("version_conflict");
  const winner = responses.findIndex((response) => response.status === 200);
  expect(responses[winner]!.body.data.version).toBe(2);

  const versions = (await api.get(`/${id}/my-app/${target}/secrets/versions`)).body.data;
  expect(versions.map((version: { version: number }) => version.version)).toEqual([2, 1]);
  const latest = await api.get(`/${id}/my-app/${target}/secrets/versions/2?decrypt=true`);
  expect(latest.body.data.secrets).toEqual({ WRITER: `writer-${winner}` });
  const current = await api.get(`/${id}/my-app/${target}/secrets?decrypt=true`);
  expect(current.body.data.attributes.levels.target).toEqual({ WRITER: `writer-${winner}` });
});

test("concurrent first writes of a new level without expected_version all succeed, one version each", async ({ request }, testInfo) => {
  test.skip(!isPostgres(testInfo), "needs PostgreSQL (real concurrent sessions)");
  const org = createOrganization(testInfo);
  const id = org.organizationId;
  const api = apiClient(request, org.token);
  const sealer = serverSealer(api, id);
  const target = uniqueSlug("first");
  await mustSucceed(api.post(`/${id}/projects/my-app/targets`, { slug: target }), "target");
  const contents = await Promise.all(Array.from({ length: 8 }, (_, index) => sealer.seal({ N: String(index) })));
  const responses = await Promise.all(contents.map((content) => api.post(`/${id}/secrets/store`, { project: "my-app", target, content })));
  expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
  expect(responses.map((response) => response.body.data.version).sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  const versions = (await api.get(`/${id}/my-app/${target}/secrets/versions`)).body.data;
  expect(versions.map((version: { version: number }) => version.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
});
