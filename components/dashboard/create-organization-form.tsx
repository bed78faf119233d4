"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createOrganizationAction } from "@/app/dashboard/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { createOrganizationSchema, type CreateOrganizationInput } from "@/lib/schemas/organization";

export function CreateOrganizationForm() {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<CreateOrganizationInput>({ resolver: zodResolver(createOrganizationSchema) });

  async function onSubmit(values: CreateOrganizationInput) {
    setFailure(null);
    const result = await createOrganizationAction(values);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    router.push("/dashboard");
    router.refresh();
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-4" aria-label="Create organization">
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <Field label="Organization name" placeholder="Acme Inc." autoFocus {...register("name")} error={formState.errors.name?.message} />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
