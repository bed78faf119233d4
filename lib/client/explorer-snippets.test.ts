import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildSnippets, cliSnippet, curlSnippet, fetchSnippet, pythonSnippet, requestUrl, shellQuote, type SnippetRequest } from "./explorer-snippets";

const TOKEN = "dtk_abcdefghijklmnopqrstuvwxyz0123456789ABCD";
const ORG = "01HZZZZZZZZZZZZZZZZZZZZZZZ";

const read: SnippetRequest = {
  method: "GET", origin: "https://dotenv.example.com", path: `/${ORG}/my-app/backend/production/secrets`,
  query: { merge: "true", decrypt: "" }, endpointId: "secrets.read.environment",
  params: { organization: ORG, project: "my-app", target: "backend", environment: "production" },
};
const store: SnippetRequest = {
  method: "POST", origin: "https://dotenv.example.com", path: `/${ORG}/secrets/store`, query: {},
  body: { project: "my-app", content: "A=it's \"quoted\" $HOME", no_backup: false, expected_version: null }, endpointId: "secrets.store",
  params: { organization: ORG },
};

describe("explorer snippets", () => {
  it("never embed a token, and always read DOTENV_API_KEY", () => {
    for (const request of [read, store]) {
      const snippets = buildSnippets(request);
      for (const text of Object.values(snippets)) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toMatch(/dtk_/);
      }
      expect(snippets.curl).toContain("$DOTENV_API_KEY");
      expect(snippets.fetch).toContain("process.env.DOTENV_API_KEY");
      expect(snippets.python).toContain("os.environ['DOTENV_API_KEY']");
    }
  });

  it("leave empty query values out of the URL", () => {
    expect(requestUrl(read)).toBe(`https://dotenv.example.com/api/v1/${ORG}/my-app/backend/production/secrets?merge=true`);
  });

  it("quote bodies so a shell passes them through byte for byte", () => {
    const quoted = shellQuote(JSON.stringify(store.body));
    const echoed = execFileSync("sh", ["-c", `printf %s ${quoted}`], { encoding: "utf8" });
    expect(JSON.parse(echoed)).toEqual(store.body);
    expect(curlSnippet(store)).toContain(`-H "Content-Type: application/json"`);
    expect(curlSnippet(read)).not.toContain("--data");
  });

  it("write a fetch call whose body is the same JSON", () => {
    const code = fetchSnippet(store);
    expect(code).toContain(`method: "POST"`);
    const body = /JSON\.stringify\(([\s\S]*)\),\n\}\);/.exec(code)?.[1];
    expect(JSON.parse(body!)).toEqual(store.body);
  });

  it("write Python literals for JSON values", () => {
    const code = pythonSnippet(store);
    expect(code).toContain(`"no_backup": False`);
    expect(code).toContain(`"expected_version": None`);
    expect(pythonSnippet(read)).toContain(`"merge": "true"`);
    expect(pythonSnippet(read)).not.toContain(`"decrypt"`);
  });

  it("offer the CLI only for calls it makes", () => {
    expect(cliSnippet(read)).toBe(
      "DOTENV_API_URL=https://dotenv.example.com dotenv export my-app/backend/production --format=json\n" +
        "DOTENV_API_URL=https://dotenv.example.com dotenv pull my-app/backend/production --output=.env",
    );
    expect(cliSnippet({ ...read, query: { raw: "true" } })).toContain("--format=dotenv");
    expect(cliSnippet({ ...read, endpointId: "versions.list.target", params: { organization: ORG, project: "my-app", target: "backend" } })).toBe(
      "DOTENV_API_URL=https://dotenv.example.com dotenv history my-app/backend",
    );
    expect(cliSnippet({ ...read, endpointId: "organization.whoami", params: { organization: ORG } })).toBe("DOTENV_API_URL=https://dotenv.example.com dotenv whoami");
    expect(cliSnippet(store)).toBeNull();
    expect(buildSnippets(store).cli).toBeUndefined();
  });
});
