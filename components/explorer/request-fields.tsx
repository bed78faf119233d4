"use client";

import type { Operation, Parameter, RequestDraft } from "./openapi";

const INPUT = "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900";

// Path and query parameters and the JSON body, from the operation's schema.
export function RequestFields({ operation, draft, onChange, bodyInvalid }: { operation: Operation; draft: RequestDraft; onChange: (next: RequestDraft) => void; bodyInvalid: boolean }) {
  const path = operation.parameters.filter((parameter) => parameter.in === "path");
  const query = operation.parameters.filter((parameter) => parameter.in === "query");
  const field = (parameter: Parameter, value: string, set: (value: string) => void) => {
    const id = `param-${parameter.in}-${parameter.name}`;
    const choices = parameter.schema.enum as string[] | undefined;
    return (
      <div key={id}>
        <label htmlFor={id} className="text-xs font-medium">
          {parameter.name}
          {parameter.required ? <span className="text-red-600" aria-hidden> *</span> : null}
          {parameter.description ? <span className="ml-1 font-normal text-zinc-500">{parameter.description}</span> : null}
        </label>
        {choices ? (
          <select id={id} className={INPUT} value={value} onChange={(event) => set(event.target.value)} required={parameter.required}>
            <option value="">(not set)</option>
            {choices.map((choice) => <option key={choice} value={choice}>{choice}</option>)}
          </select>
        ) : (
          <input id={id} className={INPUT} value={value} onChange={(event) => set(event.target.value)} required={parameter.required} autoComplete="off" spellCheck={false} />
        )}
      </div>
    );
  };
  return (
    <div className="space-y-4">
      {path.length ? (
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-semibold">Path</legend>
          {path.map((parameter) => field(parameter, draft.params[parameter.name] ?? "", (value) => onChange({ ...draft, params: { ...draft.params, [parameter.name]: value } })))}
        </fieldset>
      ) : null}
      {query.length ? (
        <fieldset className="grid gap-3 sm:grid-cols-3">
          <legend className="mb-1 text-sm font-semibold">Query</legend>
          {query.map((parameter) => field(parameter, draft.query[parameter.name] ?? "", (value) => onChange({ ...draft, query: { ...draft.query, [parameter.name]: value } })))}
        </fieldset>
      ) : null}
      {operation.body ? (
        <div>
          <label htmlFor="request-body" className="text-sm font-semibold">Body (JSON)</label>
          <textarea
            id="request-body"
            rows={Math.min(16, Math.max(4, draft.body.split("\n").length + 1))}
            value={draft.body}
            onChange={(event) => onChange({ ...draft, body: event.target.value })}
            aria-invalid={bodyInvalid || undefined}
            aria-describedby={bodyInvalid ? "request-body-error" : undefined}
            spellCheck={false}
            className={`${INPUT} ${bodyInvalid ? "border-red-500" : ""}`}
          />
          {bodyInvalid ? <p id="request-body-error" className="text-sm text-red-600 dark:text-red-400">Not valid JSON.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
