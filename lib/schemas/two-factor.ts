import { z } from "zod";

// Two-factor authentication (docs/security.md#two-factor-authentication): codes as people type
// them, phone numbers, the sign-in challenge, and the organization's security policy.

export const TWO_FACTOR_METHODS = ["totp", "email", "sms"] as const;
export type TwoFactorMethodType = (typeof TWO_FACTOR_METHODS)[number];

/** A 6-digit code from an authenticator app, an email or an SMS; spaces and dashes are ignored. */
export const sixDigitCodeSchema = z
  .string()
  .max(32, "Enter the 6-digit code.")
  .transform((code) => code.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code."));

/** A recovery code as shown (xxxx-xxxx-xxxx-xxxx); case, spaces and dashes are ignored. */
export const recoveryCodeSchema = z
  .string()
  .max(64, "Enter one of your recovery codes.")
  .transform((code) => code.replace(/[\s-]/g, "").toLowerCase())
  .pipe(z.string().regex(/^[a-z2-9]{16}$/, "Enter one of your recovery codes (16 letters and digits)."));

/** E.164: "+", a country code and the number, 8 to 15 digits in all (spaces, dots and dashes are ignored). */
export const phoneSchema = z
  .string()
  .max(32, "Enter the number in international format, e.g. +14155550123.")
  .transform((phone) => phone.replace(/[\s().-]/g, ""))
  .pipe(z.string().regex(/^\+[1-9]\d{7,14}$/, "Enter the number in international format, e.g. +14155550123."));

/** A second factor as submitted: a method's code, or a recovery code. */
export const secondFactorSchema = z.discriminatedUnion("method", [
  z.strictObject({ method: z.enum(TWO_FACTOR_METHODS), code: sixDigitCodeSchema }),
  z.strictObject({ method: z.literal("recovery"), code: recoveryCodeSchema }),
]);
export type SecondFactorInput = z.infer<typeof secondFactorSchema>;

/** Asking for an email or SMS code (sign-in challenge, re-authentication). */
export const sendCodeSchema = z.strictObject({ method: z.enum(["email", "sms"]) });

/** Removing a method or regenerating recovery codes: the password and a current second factor. */
export const reauthenticationSchema = z.strictObject({
  password: z.string().min(1, "Enter your password.").max(256, "Your password is not correct."),
  second_factor: secondFactorSchema,
});
export type ReauthenticationInput = z.infer<typeof reauthenticationSchema>;

export const enrolConfirmationSchema = z.strictObject({ method_id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/), code: sixDigitCodeSchema });
export const smsEnrolmentSchema = z.strictObject({ phone: phoneSchema });

// ------------------------------------------------------------------------------------------------
// The organization's security policy: GET|PATCH /api/v1/{organization}/security-policy.

export const GRACE_PERIOD_MAX_DAYS = 30;

export const securityPolicyUpdateSchema = z
  .strictObject({
    enforce_two_factor: z.boolean({ error: "Use true or false." }).optional(),
    grace_period_days: z
      .number({ error: `Use a whole number of days from 0 to ${GRACE_PERIOD_MAX_DAYS}.` })
      .int(`Use a whole number of days from 0 to ${GRACE_PERIOD_MAX_DAYS}.`)
      .min(0, `Use a whole number of days from 0 to ${GRACE_PERIOD_MAX_DAYS}.`)
      .max(GRACE_PERIOD_MAX_DAYS, `Use a whole number of days from 0 to ${GRACE_PERIOD_MAX_DAYS}.`)
      .optional(),
  })
  .refine((body) => body.enforce_two_factor !== undefined || body.grace_period_days !== undefined, "Send enforce_two_factor, grace_period_days, or both.")
  .describe("Require two-factor authentication of every member, after a grace period of 0–30 days");
export type SecurityPolicyUpdate = z.infer<typeof securityPolicyUpdateSchema>;

const timestamp = z.iso.datetime();

/** The policy as the API answers it (checked against the use case by lib/services/responses.db.test.ts). */
export const securityPolicyViewSchema = z.strictObject({
  enforce_two_factor: z.boolean(),
  grace_period_days: z.number().int(),
  /** When enforcement was switched on; null while it is off. */
  enforced_from: timestamp.nullable(),
  /** enforced_from + grace_period_days: members without 2FA lose access from here; null while off. */
  grace_ends_at: timestamp.nullable(),
});
export type SecurityPolicyView = z.infer<typeof securityPolicyViewSchema>;
