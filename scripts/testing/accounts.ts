import { getDb } from "@/lib/data/db";
import { signUp } from "@/lib/services/accounts/accounts";
import type { RequestContext } from "@/lib/services/context";

/**
 * Signs a person up as the sign-up endpoint does, and returns their user row (the endpoint's answer
 * deliberately carries no id: it is the same whether or not the address already had an account).
 */
export async function signUpAccount(input: { name: string; email: string; password: string }, context: RequestContext) {
  await signUp(input, context);
  const db = await getDb();
  return db.user.findUniqueOrThrow({ where: { email: input.email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
}
