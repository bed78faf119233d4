import { z } from "zod";
import { displayNameSchema, emailSchema } from "./common";

// Passwords: at least 12 characters (NIST 800-63B allows 8; secrets managers deserve more), at
// most 256 so hashing cost stays bounded.
export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters.")
  .max(256, "Use at most 256 characters.");

export const signUpSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

// Sign-in accepts any password length within bounds: the rules may have changed since sign-up.
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(256, "Incorrect email or password."),
});
export type SignInInput = z.infer<typeof signInSchema>;
