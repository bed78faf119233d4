import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Reset password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-lg font-semibold">Reset your password</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">We email you a link to choose a new one. Two-factor authentication still applies when you sign in.</p>
      <ForgotPasswordForm />
    </>
  );
}
