import type { z } from "zod";
import { AppError } from "@/lib/errors";

// The one way input is validated, at the boundary, by the schema that also documents it: the API
// router (path, query, body), server actions and the few route handlers outside /api/v1 all call
// this. A failure is 400 `invalid_request` (query strings) or 422 `validation_failed` (bodies), with
// every issue in `details` and the first one in the message.
//
// Before any schema runs, every string in the input must be text PostgreSQL can store: no NUL
// character and no lone UTF-16 surrogate. Checked here once, for every field of every schema, so
// no name, slug, cursor or filter can reach the database and come back as a 5xx.

export type InputProblem = "invalid_request" | "validation_failed";

interface Issue {
  path: string;
  message: string;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, code: InputProblem = "validation_failed"): z.infer<S> {
  const unstorable = unstorableText(value);
  if (unstorable) refuse(code, [unstorable]);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  refuse(code, result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
}

function refuse(code: InputProblem, details: Issue[]): never {
  const first = details[0];
  const message = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : code === "invalid_request" ? "The query string is not valid." : "The request body is not valid.";
  throw new AppError(code, message, { details });
}

// A NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (or object key) in `value` that is not storable text, as an issue naming where. */
export function unstorableText(value: unknown, path: string[] = []): Issue | null {
  if (typeof value === "string") {
    return UNSTORABLE.test(value) ? { path: path.join("."), message: "Text may not contain NUL characters or unpaired surrogates." } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableText(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableText(key, path) ?? unstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
