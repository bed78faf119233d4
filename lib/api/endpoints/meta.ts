import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { anyCaller } from "@/lib/services/access/plan";
import { buildOpenApiDocument } from "../openapi";

/** The OpenAPI document lists every endpoint, this one included: the list is handed in, not imported. */
export const openApiEndpoint = (everyEndpoint: () => readonly Endpoint[]) =>
  defineEndpoint({
    id: "meta.openapi",
    method: "GET",
    path: "/openapi.json",
    tag: "Meta",
    summary: "This API's OpenAPI 3.1 document",
    requires: () => anyCaller(),
    public: true,
    params: z.object({}),
    handle: async () => Response.json(buildOpenApiDocument(everyEndpoint())),
  });
