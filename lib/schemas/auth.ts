import { z } from "zod";
import { displayNameSchema, emailSchema } from "./common";
import { PASSWORD_MAX, passwordPolicyIssue, passwordRuleIssue } from "./password-policy";

// A new password: the policy of ./password-policy.ts. Checks that need the account's email are
// added where the email is known (sign-up here; password change and reset in the services).
export const passwordSchema = z.string().superRefine((password, context) => {
  const issue = passwordRuleIssue(password);
  if (issue) context.addIssue({ code: "custom", message: issue });
});

export const signUpSchema = z
  .object({
    name: displayNameSchema,
    email: emailSchema,
    password: passwordSchema,
  })
  .superRefine((input, context) => {
    const issue = passwordPolicyIssue(input.password, input.email);
    if (issue && !passwordRuleIssue(input.password)) context.addIssue({ code: "custom", path: ["password"], message: issue });
  });
export type SignUpInput = z.infer<typeof signUpSchema>;

// Sign-in accepts any password length within bounds: the rules may have changed since sign-up.
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX, "Incorrect email or password."),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Account page: the current password proves it is the person, the new one follows the policy. */
export const changePasswordSchema = z.strictObject({
  current_password: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX, "Your current password is not correct."),
  new_password: passwordSchema,
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const passwordResetRequestSchema = z.strictObject({ email: emailSchema });

/** The secret of a reset link (base64url of 32 bytes), from the link's fragment. */
export const passwordResetSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is not valid. Request a new one."),
  password: passwordSchema,
});
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;
