import type { Endpoint } from "@/lib/api/endpoint";

export const secretsEndpoints: Endpoint[] = [];
