import type { Endpoint } from "./endpoint";

// Matches "/a/b/c" against templates like "/{organization}/{project}/secrets". Where several match,
// static segments win over parameters, position by position ("/{org}/projects" beats
// "/{org}/{project}"), which is why such names are reserved as slugs.

export interface Match {
  endpoint: Endpoint;
  params: Record<string, string>;
}

export function splitPath(path: string): string[] | null {
  const segments = path.split("/").filter((segment) => segment !== "");
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return null; // malformed percent-encoding
  }
}

interface Template {
  endpoint: Endpoint;
  /** Per segment: the parameter's name, or the literal segment. */
  parts: { param: string | null; literal: string }[];
}

// Templates split once per endpoint list, grouped by segment count, most specific first: matching
// runs on every API request (splitting every template each time cost ~1.5% of a secrets read).
const compiled = new WeakMap<readonly Endpoint[], Map<number, Template[]>>();

function compile(endpoints: readonly Endpoint[]): Map<number, Template[]> {
  const templates = endpoints
    .map((endpoint) => ({
      endpoint,
      parts: endpoint.path.split("/").filter(Boolean).map((part) => (part.startsWith("{") ? { param: part.slice(1, -1), literal: "" } : { param: null, literal: part })),
    }))
    .sort((a, b) => specificity(a).localeCompare(specificity(b)));
  const byLength = new Map<number, Template[]>();
  for (const template of templates) byLength.set(template.parts.length, [...(byLength.get(template.parts.length) ?? []), template]);
  return byLength;
}

function specificity(template: Template): string {
  return template.parts.map((part) => (part.param === null ? "0" : "1")).join("");
}

function matchTemplate(template: Template, segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index++) {
    const part = template.parts[index]!;
    if (part.param !== null) params[part.param] = segments[index]!;
    else if (part.literal !== segments[index]) return null;
  }
  return params;
}

/** Endpoints whose path matches, most specific first, whatever their method. */
export function matchPath(endpoints: readonly Endpoint[], segments: string[]): Match[] {
  let byLength = compiled.get(endpoints);
  if (!byLength) compiled.set(endpoints, (byLength = compile(endpoints)));
  const matches: Match[] = [];
  for (const template of byLength.get(segments.length) ?? []) {
    const params = matchTemplate(template, segments);
    if (params) matches.push({ endpoint: template.endpoint, params });
  }
  return matches;
}
