import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";

export const metaEndpoints = [
  defineEndpoint({
    id: "meta.openapi",
    method: "GET",
    path: "/openapi.json",
    tag: "Meta",
    summary: "This API's OpenAPI 3.1 document",
    permission: null,
    public: true,
    params: z.object({}),
    handle: async () => {
      // Imported here, not at the top: the document lists every endpoint, this one included.
      const [{ ENDPOINTS }, { buildOpenApiDocument }] = await Promise.all([import("../endpoints"), import("../openapi")]);
      return Response.json(buildOpenApiDocument(ENDPOINTS));
    },
  }),
];
