"use client";

import type { DotenvProblem } from "@/lib/dotenv/parse";

// The whole level as .env text. Problems are listed with their line numbers; the table view is
// only taken back once the text reads cleanly, so a half-typed line never loses the draft.
export function RawEditor({ text, problems, readOnly, onChange }: { text: string; problems: DotenvProblem[]; readOnly: boolean; onChange: (text: string) => void }) {
  return (
    <div className="space-y-2">
      <label htmlFor="raw-env" className="block text-sm font-medium">
        This level as .env text
      </label>
      <textarea
        id="raw-env"
        value={text}
        readOnly={readOnly}
        onChange={(event) => onChange(event.target.value)}
        rows={Math.min(24, Math.max(8, text.split("\n").length + 1))}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={problems.length ? "raw-env-problems" : undefined}
        aria-invalid={problems.length ? true : undefined}
        className="secret block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
      />
      {problems.length > 0 ? (
        <div id="raw-env-problems" role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          <p className="font-medium">Fix these lines to go back to the table:</p>
          <ul className="list-inside list-disc">
            {problems.map((problem) => (
              <li key={`${problem.line}-${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
