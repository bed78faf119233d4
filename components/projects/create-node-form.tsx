"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { apiData } from "@/lib/client/api";
import { slugSchema } from "@/lib/schemas/common";
import type { CreateNodeInput } from "@/lib/schemas/projects";
import { applyApiError } from "./form-errors";
import { Spinner } from "./spinner";
import { KIND_LABELS, type NodeKind } from "./types";

// The inline "add a target / add an environment" form: a slug (the name people and the CLI use)
// and an optional display name. Validated with the API's own slug schema, then by the API.

const formSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().max(100, "Use at most 100 characters."),
});
type FormValues = z.infer<typeof formSchema>;

const INPUT =
  "block w-full rounded-md border bg-white px-3 py-1.5 text-sm shadow-sm placeholder:text-zinc-400 dark:bg-zinc-900";

export function CreateNodeForm({
  kind,
  path,
  parentLabel,
  placeholder,
  suggestions = [],
  onDone,
}: {
  kind: Exclude<NodeKind, "project">;
  /** The collection to POST to (…/targets or …/environments). */
  path: string;
  /** For labels: "my-app" or "backend". */
  parentLabel: string;
  placeholder: string;
  /** One-click slugs offered while the parent is empty (e.g. development, staging, production). */
  suggestions?: string[];
  onDone?: () => void;
}) {
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<FormValues>({ resolver: zodResolver(formSchema), defaultValues: { slug: "", name: "" } });
  const create = useMutation({
    mutationFn: (body: CreateNodeInput) => apiData<{ slug: string; name: string }>(path, { method: "POST", body }),
  });
  const noun = KIND_LABELS[kind];

  async function submit(values: FormValues) {
    setFailure(null);
    try {
      const created = await create.mutateAsync({ slug: values.slug, ...(values.name ? { name: values.name } : {}) });
      toast.success(`Created ${noun} ${created.slug}.`);
      reset();
      router.refresh();
      onDone?.();
    } catch (error) {
      const message = applyApiError(error, setError, ["slug", "name"]);
      if (message) setFailure(message);
    }
  }

  async function quickAdd(slug: string) {
    await submit({ slug, name: "" });
  }

  const slugError = formState.errors.slug?.message;
  const nameError = formState.errors.name?.message;
  const busy = formState.isSubmitting || create.isPending;

  return (
    <form onSubmit={handleSubmit(submit)} noValidate aria-label={`Add ${noun} to ${parentLabel}`} className="space-y-2">
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-40 flex-1 space-y-1">
          <label htmlFor={`${id}-slug`} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
            New {noun} slug
          </label>
          <input
            id={`${id}-slug`}
            placeholder={placeholder}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={slugError ? true : undefined}
            aria-describedby={slugError ? `${id}-slug-error` : undefined}
            className={`${INPUT} font-mono ${slugError ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
            {...register("slug")}
          />
          {slugError ? (
            <p id={`${id}-slug-error`} className="text-xs text-red-600 dark:text-red-400">
              {slugError}
            </p>
          ) : null}
        </div>
        <div className="min-w-40 flex-1 space-y-1">
          <label htmlFor={`${id}-name`} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
            Display name <span className="font-normal text-zinc-500">(optional)</span>
          </label>
          <input
            id={`${id}-name`}
            autoComplete="off"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
            className={`${INPUT} ${nameError ? "border-red-500" : "border-zinc-300 dark:border-zinc-700"}`}
            {...register("name")}
          />
          {nameError ? (
            <p id={`${id}-name-error`} className="text-xs text-red-600 dark:text-red-400">
              {nameError}
            </p>
          ) : null}
        </div>
        <div className="space-y-1">
          <span aria-hidden="true" className="block text-xs">
            &nbsp;
          </span>
          <Button type="submit" variant="secondary" disabled={busy} className="py-1.5">
            {busy ? <Spinner /> : null}
            Add {noun}
          </Button>
        </div>
      </div>
      {suggestions.length > 0 ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
          Quick add:
          {suggestions.map((slug) => (
            <button
              key={slug}
              type="button"
              disabled={busy}
              onClick={() => quickAdd(slug)}
              aria-label={`Add ${noun} ${slug}`}
              className="rounded-full border border-dashed border-zinc-300 px-2 py-0.5 text-zinc-700 hover:border-indigo-400 hover:text-indigo-700 dark:border-zinc-700 dark:text-zinc-300 dark:hover:text-indigo-300"
            >
              + {slug}
            </button>
          ))}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {failure}
        </p>
      ) : null}
    </form>
  );
}
