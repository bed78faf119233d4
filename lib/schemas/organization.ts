import { z } from "zod";
import { displayNameSchema } from "./common";

export const createOrganizationSchema = z.object({ name: displayNameSchema });
export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;
