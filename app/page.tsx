import { redirect } from "next/navigation";
import { getSessionState } from "@/lib/auth/session";

export default async function Home() {
  const session = await getSessionState();
  redirect(session.kind === "active" ? "/dashboard" : session.kind === "pending" ? "/login/two-factor" : "/login");
}
