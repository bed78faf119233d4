// Reading the API's own OpenAPI document (GET /api/v1/openapi.json) into what the Explorer needs:
// operations grouped by tag, their path/query parameters and a body skeleton from the schema.

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  pattern?: string;
}

export interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  tag: string;
  permission: string | null;
  parameters: Parameter[];
  body: JsonSchema | null;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, {
    operationId: string; summary: string; description?: string; tags?: string[]; "x-permission"?: string | null;
    parameters?: Parameter[]; requestBody?: { content?: { "application/json"?: { schema?: JsonSchema } } };
    security?: unknown[];
  }>>;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      // The document itself needs no key; nothing to explore there.
      .filter(([, operation]) => !(Array.isArray(operation.security) && operation.security.length === 0))
      .map(([method, operation]) => ({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary,
        description: operation.description,
        tag: operation.tags?.[0] ?? "Other",
        permission: operation["x-permission"] ?? null,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.["application/json"]?.schema ?? null,
      })),
  );
}

export function groupByTag(operations: Operation[]): [string, Operation[]][] {
  const groups = new Map<string, Operation[]>();
  for (const operation of operations) groups.set(operation.tag, [...(groups.get(operation.tag) ?? []), operation]);
  return [...groups.entries()];
}

/** Example value for a schema: enums pick their first value, objects list their required fields. */
export function skeleton(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant && !schema.type) return skeleton(variant, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((item) => item !== "null") : schema.type;
  switch (type) {
    case "object": {
      const required = new Set(schema.required ?? []);
      // The level fields are what a reader changes first, so they are offered even when optional.
      const shown = Object.entries(schema.properties ?? {}).filter(([name]) => required.has(name) || ["project", "target", "environment"].includes(name));
      return Object.fromEntries(shown.map(([name, property]) => [name, skeleton(property, depth + 1)]));
    }
    case "array":
      return [];
    case "boolean":
      return false;
    case "integer":
    case "number":
      return 0;
    case "string":
      return "";
    default:
      return null;
  }
}

/** `/{organization}/{project}/secrets` with values filled in, each segment URL-encoded. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}

/** What the Explorer's form holds for one call before it is sent. */
export interface RequestDraft {
  params: Record<string, string>;
  query: Record<string, string>;
  body: string;
}
