import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { isAppError } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { findSession, revokeSession, signIn, SESSION_LIFETIME_SECONDS } from "@/lib/services/accounts/accounts";
import { authSecret } from "../config/auth-secret";
import { publicOrigin, redirectTarget } from "./redirect";

// next-auth v4 with credentials needs JWT sessions; the JWT carries only the user id and the id of
// a Session row. Every request re-reads that row (lib/auth/session.ts), so signing out — here or
// "everywhere" — takes effect on the server at once, whatever the cookie says.

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", rateLimited: "RateLimited" } as const;

/** `requestUrl`: the URL of the request being served, so redirects stay on its origin when NEXTAUTH_URL is unset. */
export function authOptions(requestUrl?: string): NextAuthOptions {
  const origin = publicOrigin(requestUrl);
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const headers = (request?.headers ?? {}) as Record<string, string | undefined>;
          const context = { ip: clientIp({ get: (name) => headers[name] }), userAgent: headers["user-agent"] ?? null };
          try {
            const { userId, sessionId } = await signIn({ email: credentials?.email, password: credentials?.password }, context);
            return { id: userId, sessionId };
          } catch (error) {
            if (isAppError(error) && error.code === "rate_limited") throw new Error(SIGN_IN_ERRORS.rateLimited);
            if (isAppError(error)) return null;
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      // Redirects stay on the origin the request came to, with or without NEXTAUTH_URL (./redirect.ts).
      redirect: ({ url, baseUrl }) => redirectTarget(url, origin, baseUrl),
      jwt({ token, user }) {
        if (user?.sessionId) token.sid = user.sessionId;
        return { sub: token.sub, sid: token.sid, iat: token.iat, exp: token.exp, jti: token.jti };
      },
      async session({ session, token }) {
        // /api/auth/session tells the truth about revocation too, and exposes no session id. A
        // session waiting for its second factor has no user yet, only `two_factor: "pending"`.
        const live = token.sid ? await findSession(token.sid) : null;
        if (!live) return { expires: session.expires } as typeof session;
        if (live.pending) return { expires: session.expires, two_factor: "pending" } as typeof session;
        return { expires: session.expires, user: { name: live.user.name, email: live.user.email, image: null, id: live.user.id } } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSession(token.sid);
      },
    },
  };
}
