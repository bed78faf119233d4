import type { Metadata } from "next";
import { Suspense } from "react";
import { SignUpForm } from "@/components/auth/signup-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <>
      <h1 className="mb-6 text-lg font-semibold">Create your account</h1>
      {/* useSearchParams (the callbackUrl) needs a Suspense boundary in a prerendered page. */}
      <Suspense>
        <SignUpForm />
      </Suspense>
    </>
  );
}
