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

function matchTemplate(template: string, segments: string[]): Record<string, string> | null {
  const parts = template.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index]!;
    if (part.startsWith("{")) params[part.slice(1, -1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

function specificity(template: string): string {
  return template.split("/").filter(Boolean).map((part) => (part.startsWith("{") ? "1" : "0")).join("");
}

/** Endpoints whose path matches, most specific first, whatever their method. */
export function matchPath(endpoints: readonly Endpoint[], segments: string[]): Match[] {
  return endpoints
    .map((endpoint) => ({ endpoint, params: matchTemplate(endpoint.path, segments) }))
    .filter((match): match is Match => match.params !== null)
    .sort((a, b) => specificity(a.endpoint.path).localeCompare(specificity(b.endpoint.path)));
}
