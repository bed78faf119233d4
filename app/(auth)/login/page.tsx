import type { Metadata } from "next";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default function LoginPage() {
  return (
    <>
      <h1 className="mb-6 text-lg font-semibold">Sign in to DotEnv</h1>
      <Suspense>
        <LoginForm />
      </Suspense>
    </>
  );
}
