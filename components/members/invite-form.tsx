"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { useOrganization } from "@/components/dashboard/organization-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath, errorMessage } from "@/lib/client/api";
import { createMemberSchema } from "@/lib/schemas/members";
import { RoleSelect } from "./role-select";
import { apiRoleOf, roleLabelOf, roleOptions } from "./roles";

type InviteInput = z.input<typeof createMemberSchema>;
type InviteOutput = z.output<typeof createMemberSchema>;
type Invited = { status: "invited"; email: string; role: string };

export function InviteForm({ outbox }: { outbox: boolean }) {
  const organization = useOrganization();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [sent, setSent] = useState<string | null>(null);
  const options = roleOptions(organization.role);
  const { register, handleSubmit, formState, reset, control, setError } = useForm<InviteInput, unknown, InviteOutput>({
    resolver: zodResolver(createMemberSchema),
    defaultValues: { email: "", role: "developer" },
  });
  const role = useWatch({ control, name: "role" });
  const invite = useMutation({
    mutationFn: (values: InviteOutput) => apiData<Invited>(apiPath(organization.id, "members"), { method: "POST", body: { email: values.email, role: apiRoleOf(values.role) } }),
    onSuccess: (invited) => {
      // Everyone joins by accepting an invitation, whether or not they already have an account.
      setSent(invited.email);
      toast.success(`Invitation sent to ${invited.email} as ${roleLabelOf(invited.role)}.`);
      void queryClient.invalidateQueries({ queryKey: ["invitations", organization.id] });
      reset({ email: "", role });
    },
    onError: (error) => setError("root", { message: errorMessage(error) }),
  });

  return (
    <form onSubmit={handleSubmit((values) => invite.mutate(values))} noValidate aria-label="Invite a member" className="space-y-4">
      <div className="grid gap-4 md:grid-cols-[1fr_16rem_auto] md:items-start">
        <Field label="Email address" type="email" autoComplete="off" placeholder="teammate@example.com" {...register("email")} error={formState.errors.email?.message} />
        <RoleSelect label="Role" options={options} selected={role} {...register("role")} error={formState.errors.role?.message} />
        <Button type="submit" disabled={invite.isPending} className="md:mt-7">
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
      </div>
      {formState.errors.root ? <Alert tone="error">{formState.errors.root.message}</Alert> : null}
      {sent ? (
        <Alert tone="success">
          An invitation link was sent to {sent}; it works once and expires in 7 days.
          {outbox ? (
            <>
              {" "}
              No mail server is configured, so it is in the{" "}
              <Link href="/dashboard/outbox" className="font-medium underline">
                development outbox
              </Link>
              .
            </>
          ) : null}
        </Alert>
      ) : null}
    </form>
  );
}
