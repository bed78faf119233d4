"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { signUpSchema } from "@/lib/schemas/auth";
import { PASSWORD_HINT } from "@/lib/schemas/password-policy";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { safeCallback } from "@/lib/client/safe-callback";
import { useHydrated } from "@/lib/client/use-hydrated";

type SignUpForm = z.input<typeof signUpSchema>;

export function SignUpForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignUpForm>({ resolver: zodResolver(signUpSchema) });
  const hydrated = useHydrated();

  async function onSubmit(values: SignUpForm) {
    setFailure(null);
    const response = await fetch("/api/auth/signup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(values),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null;
      setFailure(body?.message ?? "Could not create your account. Try again.");
      return;
    }
    const result = await signIn("credentials", { redirect: false, email: values.email, password: values.password });
    if (!result || result.error) {
      // The sign-up answer is the same whether or not the address already had an account; if it
      // had one, its own password still applies (and its owner was told by mail).
      setFailure("We could not sign you in with this password. If this address already has an account, sign in with its password or reset it.");
      return;
    }
    router.replace(safeCallback(params.get("callbackUrl")));
    router.refresh();
  }

  return (
    <form method="post" onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label="Create account">
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <Field label="Name" autoComplete="name" autoFocus {...register("name")} error={formState.errors.name?.message} />
      <Field label="Email" type="email" autoComplete="email" {...register("email")} error={formState.errors.email?.message} />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        {...register("password")}
        error={formState.errors.password?.message}
      />
      <Button type="submit" className="w-full" disabled={!hydrated || formState.isSubmitting}>
        {formState.isSubmitting ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Sign in
        </Link>
      </p>
    </form>
  );
}
