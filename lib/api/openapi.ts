import { z } from "zod";
import { ERROR_STATUS } from "@/lib/errors";
import { documentedPermission, type Endpoint } from "./endpoint";

// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

function parameters(endpoint: Endpoint) {
  const path = Object.entries(shapeOf(endpoint.params)).map(([name, schema]) => ({
    name, in: "path", required: true, schema: jsonSchema(schema), description: schema.description,
  }));
  const query = Object.entries(shapeOf(endpoint.query)).map(([name, schema]) => ({
    name, in: "query", required: !schema.safeParse(undefined).success, schema: jsonSchema(schema), description: schema.description,
  }));
  return [...path, ...query];
}

const ERROR_RESPONSE = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };

/** The `{"data": …}` envelope, or the content types of an endpoint that answers something else (a streamed export). */
function successContent(endpoint: Endpoint) {
  if (endpoint.produces) return Object.fromEntries(endpoint.produces.map((type) => [type, { schema: { type: "string" } }]));
  return { "application/json": { schema: { type: "object", properties: { data: {} } } } };
}

function operation(endpoint: Endpoint) {
  const status = String(endpoint.status ?? 200);
  return {
    operationId: endpoint.id,
    summary: endpoint.summary,
    ...(endpoint.description ? { description: endpoint.description } : {}),
    tags: [endpoint.tag],
    ...(endpoint.public ? { security: [] } : {}),
    "x-permission": documentedPermission(endpoint),
    parameters: parameters(endpoint),
    ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(endpoint.body) } } } } : {}),
    responses: {
      [status]: status === "204" ? { description: "No content" } : { description: "Success", content: successContent(endpoint) },
      "4XX": ERROR_RESPONSE,
      "503": ERROR_RESPONSE,
    },
  };
}

export function buildOpenApiDocument(endpoints: readonly Endpoint[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    (paths[endpoint.path] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "DotEnv API",
      version: "1",
      description: "Secrets for teams. Authenticate with `Authorization: Bearer <token>` (an organization API key).",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key: dtk_ followed by 40 characters." } },
      schemas: {
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: { error: { type: "string", enum: Object.keys(ERROR_STATUS) }, message: { type: "string" }, details: {} },
        },
      },
    },
    paths,
  };
}
