import { describe, expect, it } from "vitest";
import { changePasswordSchema, signUpSchema } from "./auth";
import { COMMON_PASSWORDS_TEXT } from "./common-passwords";
import { passwordPolicyIssue } from "./password-policy";

describe("password policy (NIST 800-63B)", () => {
  it("ships exactly 1,000 distinct lower-case common passwords", () => {
    const entries = COMMON_PASSWORDS_TEXT.split("\n").filter(Boolean);
    expect(entries).toHaveLength(1000);
    expect(new Set(entries).size).toBe(1000);
    expect(entries.every((entry) => entry === entry.toLowerCase())).toBe(true);
    expect(entries.slice(0, 3)).toEqual(["123456", "password", "12345678"]);
  });

  it("refuses short, common (in any case) and own-email passwords; accepts a passphrase", () => {
    expect(passwordPolicyIssue("short", "a@b.co")).toMatch(/at least 12/);
    expect(passwordPolicyIssue("x".repeat(257), "a@b.co")).toMatch(/at most 256/);
    expect(passwordPolicyIssue("1QAZ2WSX3EDC", "a@b.co")).toMatch(/most common/);
    expect(passwordPolicyIssue("123qweasdzxc", "a@b.co")).toMatch(/most common/);
    expect(passwordPolicyIssue("Grace.Hopper@Example.TEST", "grace.hopper@example.test")).toMatch(/email/);
    expect(passwordPolicyIssue("grace.hopper", "grace.hopper@example.test")).toMatch(/email/);
    expect(passwordPolicyIssue("correct horse battery staple", "grace.hopper@example.test")).toBeNull();
  });

  it("is what sign-up and password change validate with", () => {
    expect(signUpSchema.safeParse({ name: "A", email: "someone.long@example.test", password: "someone.long@example.test" }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: "A", email: "a@example.test", password: "1qaz2wsx3edc" }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: "A", email: "a@example.test", password: "correct horse battery staple" }).success).toBe(true);
    expect(changePasswordSchema.safeParse({ current_password: "x", new_password: "123qweasdzxc" }).success).toBe(false);
  });
});
