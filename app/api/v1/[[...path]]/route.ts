import { handleApiRequest } from "@/lib/api/router";

// Every /api/v1 endpoint is declared in lib/api/endpoints and served through one pipeline.
export const GET = handleApiRequest;
export const POST = handleApiRequest;
export const PATCH = handleApiRequest;
export const PUT = handleApiRequest;
export const DELETE = handleApiRequest;
