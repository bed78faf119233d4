"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { useOrganization } from "@/components/dashboard/organization-context";
import { applyApiError } from "@/components/projects/form-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath } from "@/lib/client/api";
import { displayNameSchema } from "@/lib/schemas/common";
import type { OrganizationView } from "@/lib/schemas/organization";
import { SettingsSection } from "./section";

// Renaming the organization (PATCH /api/v1/{organization}, organization:update). Without that
// permission the name is shown, not editable.

const formSchema = z.object({ name: displayNameSchema });
type FormValues = z.infer<typeof formSchema>;

export function GeneralSection({ name, id, canUpdate }: { name: string; id: string; canUpdate: boolean }) {
  const organization = useOrganization();
  const router = useRouter();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { name } });

  async function submit(values: FormValues) {
    setFailure(null);
    try {
      const updated = await apiData<OrganizationView>(apiPath(organization.id), { method: "PATCH", body: { name: values.name } });
      reset({ name: updated.name });
      toast.success(`Renamed the organization to ${updated.name}.`);
      router.refresh();
    } catch (error) {
      const message = applyApiError(error, setError, ["name"]);
      if (message) setFailure(message);
    }
  }

  return (
    <SettingsSection title="General" description={<>The organization&apos;s id is <code className="font-mono">{id}</code> (the CLI and the API use it).</>}>
      {canUpdate ? (
        <form onSubmit={handleSubmit(submit)} aria-label="Rename the organization" className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <Field label="Organization name" autoComplete="off" error={formState.errors.name?.message} {...register("name")} />
          </div>
          <Button type="submit" disabled={formState.isSubmitting || !formState.isDirty}>
            {formState.isSubmitting ? "Saving…" : "Rename"}
          </Button>
        </form>
      ) : (
        <p className="text-sm">
          Name: <span className="font-medium">{name}</span>. Renaming needs the organization:update permission.
        </p>
      )}
      {failure ? <Alert tone="error">{failure}</Alert> : null}
    </SettingsSection>
  );
}
