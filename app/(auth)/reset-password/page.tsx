import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default function ResetPasswordPage() {
  return (
    <>
      <h1 className="mb-6 text-lg font-semibold">Choose a new password</h1>
      <ResetPasswordForm />
    </>
  );
}
