"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { getSession, signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInSchema, type SignInInput } from "@/lib/schemas/auth";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { safeCallback } from "@/lib/client/safe-callback";
import { useHydrated } from "@/lib/client/use-hydrated";

const MESSAGES: Record<string, string> = {
  RateLimited: "Too many sign-in attempts. Wait a few minutes and try again.",
  CredentialsSignin: "Incorrect email or password.",
};

export function LoginForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInInput>({ resolver: zodResolver(signInSchema) });
  const hydrated = useHydrated();

  async function onSubmit(values: SignInInput) {
    setFailure(null);
    const result = await signIn("credentials", { redirect: false, email: values.email, password: values.password });
    if (!result || result.error) {
      setFailure(MESSAGES[result?.error ?? ""] ?? MESSAGES.CredentialsSignin!);
      return;
    }
    const callbackUrl = safeCallback(params.get("callbackUrl"));
    // With two-factor authentication the password opened a pending session: the second step follows.
    const session = (await getSession()) as { two_factor?: string } | null;
    if (session?.two_factor === "pending") {
      router.replace(`/login/two-factor?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label="Sign in">
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <Field label="Email" type="email" autoComplete="email" autoFocus {...register("email")} error={formState.errors.email?.message} />
      <Field label="Password" type="password" autoComplete="current-password" {...register("password")} error={formState.errors.password?.message} />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="text-indigo-600 hover:underline dark:text-indigo-400">
          Forgot your password?
        </Link>
      </p>
      <Button type="submit" className="w-full" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        New to DotEnv?{" "}
        <Link href="/signup" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Create an account
        </Link>
      </p>
    </form>
  );
}
