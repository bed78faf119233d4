"use client";

import { useOrigin } from "./use-origin";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useTransition } from "react";
import { runPreflight } from "@/app/dashboard/organizations/api-keys/[token]/explore/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BlastRadius } from "@/lib/schemas/explorer";
import type { Verdict } from "@/lib/schemas/explorer";
import { buildSnippets } from "@/lib/client/explorer-snippets";
import { BlastRadiusPanel } from "./blast-radius-panel";
import { EndpointPicker } from "./endpoint-picker";
import { fillPath, operationsOf, skeleton, type Operation, type RequestDraft } from "./openapi";
import { initialCall } from "./initial-call";
import { forgetHandedOffToken, handedOffToken } from "@/lib/client/explorer-handoff";
import type { GrantView } from "@/lib/schemas/tokens";
import { PreflightPanel } from "./preflight-panel";
import { RequestFields } from "./request-fields";
import { ResponsePanel, type ExplorerResponse } from "./response-panel";
import { SnippetTabs } from "./snippet-tabs";

// The API Explorer: real requests with one key, from this browser to /api/v1. The token pasted here
// lives in this component's state only — never stored, never sent anywhere but the API, never put
// in a URL or a snippet. Each request says X-DotEnv-Client: explorer, so the audit log records it
// with source "explorer".

function draftFor(operation: Operation, organizationId: string, previous?: RequestDraft): RequestDraft {
  const params: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((item) => item.in === "path")) {
    params[parameter.name] = parameter.name === "organization" ? (previous?.params.organization ?? organizationId) : (previous?.params[parameter.name] ?? "");
  }
  return { params, query: {}, body: operation.body ? JSON.stringify(skeleton(operation.body), null, 2) : "" };
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function ApiExplorer({
  keyId, keyStatus, organizationId, radius, availability, grants,
}: {
  keyId: string;
  keyStatus: "active" | "expired" | "revoked";
  organizationId: string;
  radius: BlastRadius;
  availability: Record<string, string>;
  /** The key's grants, to start a handed-over test with a call inside its scope. */
  grants: GrantView[];
}) {
  const documentQuery = useQuery({
    queryKey: ["openapi"],
    queryFn: async () => {
      const response = await fetch("/api/v1/openapi.json", { cache: "no-store" });
      if (!response.ok) throw new Error(`The OpenAPI document answered ${response.status}.`);
      return operationsOf(await response.json());
    },
    staleTime: Infinity,
  });
  const [operation, setOperation] = useState<Operation | null>(null);
  const [draft, setDraft] = useState<RequestDraft>({ params: {}, query: {}, body: "" });
  // Arriving from "Test it in the API Explorer" right after create/rotate: the token came along in
  // memory, and the first call is pre-filled inside the key's scope.
  const [handedOff] = useState(() => handedOffToken(keyId));
  const [token, setToken] = useState(handedOff ?? "");
  const [initialApplied, setInitialApplied] = useState(handedOff === null);
  useEffect(() => () => forgetHandedOffToken(keyId), [keyId]);
  const [showToken, setShowToken] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [preflightError, setPreflightError] = useState<string | null>(null);
  const [checking, startCheck] = useTransition();
  const [sending, setSending] = useState(false);
  const [response, setResponse] = useState<(ExplorerResponse & { expected: number | null }) | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const origin = useOrigin();

  if (!initialApplied && documentQuery.data) {
    setInitialApplied(true);
    const start = initialCall(grants, organizationId);
    const found = documentQuery.data.find((candidate) => candidate.id === start.endpointId);
    if (found) {
      setOperation(found);
      setDraft({ ...draftFor(found, organizationId), params: { ...draftFor(found, organizationId).params, ...start.params } });
    }
  }

  const body = parseBody(draft.body);

  async function check(): Promise<Verdict | null> {
    if (!operation) return null;
    if (!body.ok) {
      setVerdict(null);
      setPreflightError("The body is not valid JSON.");
      return null;
    }
    const result = await runPreflight(keyId, { endpointId: operation.id, params: draft.params, query: draft.query, body: body.value });
    if ("error" in result) {
      setPreflightError(result.error);
      setVerdict(null);
      return null;
    }
    setPreflightError(null);
    setVerdict(result);
    return result;
  }

  // Re-judge whenever the call changes, so the verdict on screen always belongs to what would be sent.
  useEffect(() => {
    if (!operation) return;
    const timer = setTimeout(() => startCheck(async () => void (await check())), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [operation, draft]);

  const select = (next: Operation) => {
    setOperation(next);
    setDraft(draftFor(next, organizationId, draft));
    setVerdict(null);
    setResponse(null);
    setSendError(null);
  };

  const path = operation ? fillPath(operation.path, draft.params) : "";
  const snippets = useMemo(
    () => (operation ? buildSnippets({ method: operation.method, origin, path, query: draft.query, body: body.ok ? body.value : undefined, endpointId: operation.id, params: draft.params }) : null),
    [operation, origin, path, draft.query, draft.params, body.ok, body.ok ? body.value : null], // eslint-disable-line react-hooks/exhaustive-deps
  );

  async function send() {
    if (!operation || !body.ok) return;
    setSending(true);
    setSendError(null);
    try {
      const expected = (await check())?.status ?? null;
      const url = new URL(`/api/v1${path}`, window.location.origin);
      for (const [name, value] of Object.entries(draft.query)) if (value !== "") url.searchParams.set(name, value);
      const hasBody = body.value !== undefined && operation.method !== "GET";
      const started = performance.now();
      const answer = await fetch(url, {
        method: operation.method,
        headers: { Authorization: `Bearer ${token.trim()}`, "X-DotEnv-Client": "explorer", ...(hasBody ? { "Content-Type": "application/json" } : {}) },
        body: hasBody ? JSON.stringify(body.value) : undefined,
        // The key alone must speak: the dashboard session cookie stays out of explorer requests.
        credentials: "omit",
        cache: "no-store",
      });
      const text = await answer.text();
      const ms = Math.round(performance.now() - started);
      let json: unknown = undefined;
      if ((answer.headers.get("content-type") ?? "").includes("json") && text) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      setResponse({ status: answer.status, statusText: answer.statusText, ms, headers: [...answer.headers.entries()], body: text, json, expected });
    } catch {
      setSendError("The request did not reach the server. Check your connection.");
    } finally {
      setSending(false);
    }
  }

  const tokenLooksRight = /^dtk_[0-9A-Za-z]{40}$/.test(token.trim());

  return (
    <div className="space-y-6">
      {keyStatus !== "active" ? <Alert tone="error">This key is {keyStatus}: every request with it is refused with 401.</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <aside className="space-y-6">
          {documentQuery.isPending ? <p className="text-sm text-zinc-500" role="status">Loading the OpenAPI document…</p> : null}
          {documentQuery.isError ? <Alert tone="error">Could not load the OpenAPI document.</Alert> : null}
          {documentQuery.data ? <EndpointPicker operations={documentQuery.data} selected={operation?.id ?? null} onSelect={select} unavailable={availability} /> : null}
        </aside>
        <div className="min-w-0 space-y-6">
          <div className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <label htmlFor="explorer-token" className="block text-sm font-medium">API token of this key</label>
            <div className="flex gap-2">
              <input
                id="explorer-token"
                type={showToken ? "text" : "password"}
                value={token}
                onChange={(event) => setToken(event.target.value)}
                placeholder="dtk_…"
                autoComplete="off"
                spellCheck={false}
                aria-describedby="explorer-token-hint"
                className="ph-no-capture min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <Button type="button" variant="secondary" onClick={() => setShowToken(!showToken)} aria-pressed={showToken}>{showToken ? "Hide" : "Show"}</Button>
            </div>
            <p id="explorer-token-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
              {handedOff ? "Filled in with the token just shown." : "Paste the token you copied when the key was created or rotated."} It stays in this tab&apos;s memory and goes only to the API. Every request
              adds <code className="font-mono">Authorization: Bearer &lt;this key&gt;</code> and <code className="font-mono">X-DotEnv-Client: explorer</code> (audited as source “explorer”).
            </p>
            {token && !tokenLooksRight ? <p className="text-xs text-amber-700 dark:text-amber-300">That does not look like a DotEnv token (dtk_ and 40 characters); the API will answer 401.</p> : null}
          </div>

          {operation ? (
            <>
              <div className="space-y-1">
                <h2 className="font-mono text-sm font-semibold" data-testid="explorer-operation">{operation.method} {operation.path}</h2>
                <p className="text-sm">{operation.summary}{operation.permission ? <> — needs <code className="font-mono">{operation.permission}</code></> : null}</p>
                {operation.description ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{operation.description}</p> : null}
              </div>
              <RequestFields operation={operation} draft={draft} onChange={setDraft} bodyInvalid={!body.ok} />
              <PreflightPanel verdict={verdict} pending={checking} error={preflightError} />
              <div className="flex flex-wrap items-center gap-3">
                <Button type="button" onClick={send} disabled={sending || !token.trim() || !body.ok}>{sending ? "Sending…" : "Send request"}</Button>
                {!token.trim() ? <span className="text-sm text-zinc-500">Paste the key&apos;s token to send.</span> : null}
                <code className="break-all font-mono text-xs text-zinc-500">{operation.method} /api/v1{path}</code>
              </div>
              {sendError ? <Alert tone="error">{sendError}</Alert> : null}
              {response ? <ResponsePanel response={response} expected={response.expected} /> : null}
              {snippets ? <SnippetTabs snippets={snippets} /> : null}
            </>
          ) : (
            <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              Choose an endpoint on the left to build a request.
            </p>
          )}

          <BlastRadiusPanel radius={radius} />
        </div>
      </div>
    </div>
  );
}
