"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TypedConfirmDialog } from "@/components/ui/typed-confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { apiData, apiRequest } from "@/lib/client/api";
import { displayNameSchema, slugSchema } from "@/lib/schemas/common";
import type { RenameInput } from "@/lib/schemas/projects";
import { applyApiError } from "./form-errors";
import { Spinner } from "./spinner";
import { KIND_LABELS, type NodeInfo, type NodeKind } from "./types";

// Rename and delete for any level of the hierarchy. Both talk to the REST API (PATCH / DELETE on
// the node's path), so the server's authorize() and audit trail apply exactly as for API keys.

const renameForm = z.object({ name: displayNameSchema, slug: slugSchema });
type RenameValues = z.infer<typeof renameForm>;

export function RenameDialog({
  kind,
  node,
  path,
  open,
  onClose,
  onRenamed,
}: {
  kind: NodeKind;
  node: NodeInfo;
  path: string;
  open: boolean;
  onClose: () => void;
  onRenamed: (renamed: { slug: string; name: string }) => void;
}) {
  const noun = KIND_LABELS[kind];
  return (
    <Dialog open={open} onClose={onClose} title={`Rename ${noun} ${node.slug}`} description="Its contents, secrets and history stay as they are.">
      {/* Mounted only while open, so every opening starts from the current values. */}
      {open ? <RenameForm kind={kind} node={node} path={path} onClose={onClose} onRenamed={onRenamed} /> : null}
    </Dialog>
  );
}

function RenameForm({ kind, node, path, onClose, onRenamed }: { kind: NodeKind; node: NodeInfo; path: string; onClose: () => void; onRenamed: (renamed: { slug: string; name: string }) => void }) {
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const { register, handleSubmit, setError, control, formState } = useForm<RenameValues>({
    resolver: zodResolver(renameForm),
    defaultValues: { name: node.name, slug: node.slug },
  });
  const slug = useWatch({ control, name: "slug" });
  const rename = useMutation({ mutationFn: (body: RenameInput) => apiData<{ slug: string; name: string }>(path, { method: "PATCH", body }) });

  async function submit(values: RenameValues) {
    const body: RenameInput = {
      ...(values.name !== node.name ? { name: values.name } : {}),
      ...(values.slug !== node.slug ? { slug: values.slug } : {}),
    };
    if (Object.keys(body).length === 0) return onClose();
    setFailure(null);
    try {
      const renamed = await rename.mutateAsync(body);
      toast.success(`Renamed ${KIND_LABELS[kind]} to ${renamed.name === renamed.slug ? renamed.slug : `${renamed.name} (${renamed.slug})`}.`);
      onRenamed(renamed);
    } catch (error) {
      setFailure(applyApiError(error, setError, ["name", "slug"]));
    }
  }

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-4" aria-label={`Rename ${KIND_LABELS[kind]}`}>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <Field label="Display name" autoComplete="off" autoFocus {...register("name")} error={formState.errors.name?.message} />
      <Field label="Slug" autoComplete="off" spellCheck={false} className="font-mono" {...register("slug")} error={formState.errors.slug?.message} />
      {slug !== node.slug ? (
        <Alert tone="info">
          Changing the slug changes URLs and API paths. Update CLI configs, scripts and CI jobs that use <code className="font-mono">{node.slug}</code>.
        </Alert>
      ) : null}
      <DialogActions>
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? <Spinner /> : null}
          Save
        </Button>
      </DialogActions>
    </form>
  );
}

export function DeleteDialog({
  kind,
  node,
  path,
  consequences,
  open,
  onClose,
  onDeleted,
}: {
  kind: NodeKind;
  node: NodeInfo;
  path: string;
  /** What disappears with it, in plain words, one item per line. */
  consequences: ReactNode[];
  open: boolean;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const toast = useToast();
  const noun = KIND_LABELS[kind];
  return (
    <TypedConfirmDialog
      open={open}
      onClose={onClose}
      title={`Delete ${noun} ${node.slug}?`}
      description="This cannot be undone."
      phrase={node.slug}
      actionLabel={`Delete ${noun}`}
      onConfirm={async () => {
        await apiRequest(path, { method: "DELETE" });
        toast.success(`Deleted ${noun} ${node.slug}.`);
        onDeleted();
      }}
    >
      <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100">
        <p className="font-medium">Deleting it permanently removes:</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          {consequences.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      </div>
    </TypedConfirmDialog>
  );
}
