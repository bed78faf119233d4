import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { expect } from "@playwright/test";
import { createOrganization, joinOrganization, signInWithCredentials, type OrganizationFixture } from "../api/support";
import { strongPassword, uniqueEmail } from "./index";

// Fixtures for dashboard journeys. Organizations come from the seed command (as an operator makes
// them: Owner + allow-all token + demo project my-app → backend → production); people sign in
// through next-auth's credentials endpoint (the form itself is driven by e2e/accounts.spec.ts,
// two-factor.spec.ts and security-headers.spec.ts); extra members are real accounts added through
// the public API.

export { createOrganization, type OrganizationFixture };

/** Signs in through the login form and waits for the dashboard. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

/**
 * Signs in on `page`'s own cookie jar the way the login form does (next-auth's credentials
 * callback), without loading /login and the dashboard it lands on: two page renders per sign-in
 * that journeys about other pages do not need. The page stays where it was: go somewhere next.
 */
export async function signInQuickly(page: Page, email: string, password: string): Promise<void> {
  await signInWithCredentials(page.request, { email, password });
}

/** A fresh organization whose Owner is signed in on `page` (see signInQuickly: the page has not navigated). */
export async function ownerSession(page: Page, testInfo: TestInfo, name?: string): Promise<OrganizationFixture> {
  const organization = createOrganization(testInfo, name);
  await signInQuickly(page, organization.owner.email, organization.owner.password);
  return organization;
}

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** A new account (signed up through the public signup endpoint) that belongs to no organization yet. */
export async function signUpPerson(request: APIRequestContext, name = "Grace Hopper"): Promise<Person> {
  const person = { name, email: uniqueEmail(name), password: strongPassword() };
  const response = await request.post("/api/auth/signup", { data: person });
  if (response.status() !== 201) throw new Error(`signup failed: ${response.status()} ${await response.text()}`);
  return person;
}

/** A new account that joined the organization with `role` (lowercase API role, e.g. "member", "auditor") by accepting an invitation. */
export async function addPerson(request: APIRequestContext, organization: OrganizationFixture, role: string, name?: string): Promise<Person> {
  const person = await signUpPerson(request, name ?? `${role} person`);
  await joinOrganization(organization, person, role);
  return person;
}
