import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, authOptions(request.url));
}

export { handler as GET, handler as POST };
