import { COMMON_PASSWORDS_TEXT } from "./common-passwords";

// The password policy (NIST SP 800-63B §5.1.1.2), the same in the browser and on the server: at
// least 12 characters (NIST's floor is 8; a secrets manager deserves more), at most 256 (hashing
// cost stays bounded), none of the 1,000 most common passwords, and not the account's own email.
// No composition rules and no forced rotation, as NIST advises.

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const COMMON_PASSWORDS = new Set(COMMON_PASSWORDS_TEXT.split("\n").filter(Boolean));

export const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters, not a common password and not your email address. A passphrase of several words is easy to remember.`;

/** Why a password is refused by the rules that need no account (length, common list); null when it passes. */
export function passwordRuleIssue(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (COMMON_PASSWORDS.has(password.trim().toLowerCase())) return "This is one of the most common passwords. Choose another one.";
  return null;
}

/** Why a password is refused for the account with this email; null when it passes. */
export function passwordPolicyIssue(password: string, email: string): string | null {
  const rules = passwordRuleIssue(password);
  if (rules) return rules;
  const candidate = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split("@")[0] ?? "";
  if (candidate === address || candidate.includes(address) || (localPart.length >= 4 && candidate === localPart)) {
    return "Don't use your email address as your password.";
  }
  return null;
}
