"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { useOrganization } from "@/components/dashboard/organization-context";
import { apiData, apiPath } from "@/lib/client/api";
import { generatePassphrase } from "@/lib/crypto";
import { CUSTODIES, type CreateProjectInput } from "@/lib/schemas/projects";
import { displayNameSchema, slugSchema } from "@/lib/schemas/common";
import { levelPages } from "@/lib/client/levels";
import { applyApiError } from "./form-errors";
import { PassphraseSetup, checkPassphrase, type PassphraseState } from "./passphrase-setup";
import { suggestSlug } from "./slug";
import { Spinner } from "./spinner";
import { deriveKeySetup } from "./key-setup";
import { useRememberProjectKey } from "@/components/secrets/project-keys";
import type { UnlockedProjectKey } from "@/lib/client/project-key";

// Creating a project: name, slug (suggested from the name until edited), and who holds the key.
// For client custody the passphrase is generated or typed here and turned into salt + iterations +
// key proof by the browser's WebCrypto; only those three leave the page (docs/crypto.md#wire-format, docs/dashboard.md#pages).

const formSchema = z.object({ name: displayNameSchema, slug: slugSchema, custody: z.enum(CUSTODIES) });
type FormValues = z.infer<typeof formSchema>;

const CUSTODY_CHOICES = [
  {
    value: "server",
    title: "Server-managed",
    summary: "Convenient. DotEnv keeps the project key, encrypted under this server's master key.",
    details:
      "People you allow can reveal values in the browser, and CI jobs can fetch decrypted values with an API key. Whoever runs this server could decrypt them too.",
  },
  {
    value: "client",
    title: "Client-managed (zero-knowledge)",
    summary: "Only people who know the project passphrase can read values.",
    details:
      "Values are encrypted and decrypted in the browser or the CLI. The server stores ciphertext it can never read, even if its database leaks. Lose the passphrase and the values are lost.",
  },
] as const;

type Phase = "idle" | "deriving" | "saving";

const subscribeNothing = () => () => {};

export function NewProjectForm() {
  const router = useRouter();
  const toast = useToast();
  const organization = useOrganization();
  const rememberKey = useRememberProjectKey();
  // The submit button stays disabled until React runs: a native (pre-hydration) submit must never
  // post a form, and the passphrase fields carry no `name`, so they could never be submitted anyway.
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const [slugEdited, setSlugEdited] = useState(false);
  const [phase, setPhase] = useState<Phase>("idle");
  const [failure, setFailure] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState<PassphraseState>({ mode: "generate", generated: "", typed: "", confirm: "", saved: false });
  const [passphraseError, setPassphraseError] = useState<string | null>(null);

  const { register, handleSubmit, setValue, setError, control, formState } = useForm<FormValues>({
    resolver: zodResolver(formSchema),
    defaultValues: { name: "", slug: "", custody: "server" },
  });
  const custody = useWatch({ control, name: "custody" });
  const busy = phase !== "idle";

  async function onSubmit(values: FormValues) {
    setFailure(null);
    let key: CreateProjectInput["key"];
    let derived: Omit<UnlockedProjectKey, "version"> | null = null;
    if (values.custody === "client") {
      const problem = checkPassphrase(passphrase);
      setPassphraseError(problem);
      if (problem) return;
      setPhase("deriving");
      try {
        const setup = await deriveKeySetup(passphrase.mode === "generate" ? passphrase.generated : passphrase.typed);
        key = setup.setup;
        derived = { dataKey: setup.dataKey, keyProof: setup.keyProof };
      } catch {
        setPhase("idle");
        setFailure("Your browser could not derive the key. Try again in an up-to-date browser.");
        return;
      }
    }
    setPhase("saving");
    const body: CreateProjectInput = { slug: values.slug, name: values.name, custody: values.custody, ...(key ? { key } : {}) };
    try {
      const project = await apiData<{ slug: string; name: string; key_version: number | null }>(apiPath(organization.id, "projects"), { method: "POST", body });
      // Forget the passphrase as soon as it has done its job; the key derived from it stays in this
      // tab's memory (like an Unlock), so the new project opens unlocked.
      setPassphrase({ mode: "generate", generated: "", typed: "", confirm: "", saved: false });
      if (derived && project.key_version !== null) rememberKey(project.slug, { ...derived, version: project.key_version });
      toast.success(`Created project ${project.name}.`);
      router.push(levelPages.project(project.slug));
      router.refresh();
    } catch (error) {
      setPhase("idle");
      setFailure(applyApiError(error, setError, ["name", "slug", "custody"]));
    }
  }

  const nameField = register("name", {
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      if (!slugEdited) setValue("slug", suggestSlug(event.target.value), { shouldValidate: formState.isSubmitted });
    },
  });
  const slugField = register("slug", { onChange: () => setSlugEdited(true) });
  const custodyField = register("custody", {
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      setPassphraseError(null);
      if (event.target.value === "client") setPassphrase((current) => ensureGenerated(current));
    },
  });

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="New project" className="space-y-8" aria-busy={busy}>
      {failure ? <Alert tone="error">{failure}</Alert> : null}

      <fieldset className="space-y-4" disabled={busy}>
        <legend className="sr-only">Name</legend>
        <Field label="Project name" placeholder="Billing API" autoFocus autoComplete="off" {...nameField} error={formState.errors.name?.message} />
        <Field
          label="Slug"
          placeholder="billing-api"
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          hint="Used in URLs, the API and the CLI. Lowercase letters, digits and hyphens; you can change it later."
          {...slugField}
          error={formState.errors.slug?.message}
        />
      </fieldset>

      <fieldset className="space-y-3" disabled={busy}>
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">Who holds the encryption key?</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {CUSTODY_CHOICES.map((choice) => (
            <label
              key={choice.value}
              className={`flex cursor-pointer gap-3 rounded-lg border p-4 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
                custody === choice.value
                  ? "border-indigo-500 bg-indigo-50/60 dark:border-indigo-500 dark:bg-indigo-950/40"
                  : "border-zinc-300 hover:border-zinc-400 dark:border-zinc-700 dark:hover:border-zinc-600"
              }`}
            >
              <input type="radio" value={choice.value} {...custodyField} className="mt-1 accent-indigo-600" />
              <span className="space-y-1">
                <span className="block font-semibold">{choice.title}</span>
                <span className="block text-zinc-700 dark:text-zinc-300">{choice.summary}</span>
                <span className="block text-zinc-500 dark:text-zinc-400">{choice.details}</span>
              </span>
            </label>
          ))}
        </div>
        <p className="text-xs text-zinc-500">Values are encrypted with AES-256-GCM either way. Custody can be switched later without re-encrypting.</p>
      </fieldset>

      {custody === "client" ? (
        <PassphraseSetup value={passphrase} onChange={setPassphrase} error={passphraseError} disabled={busy} />
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={!hydrated || busy || (custody === "client" && !passphrase.saved)} aria-describedby="create-project-status">
          {busy ? <Spinner /> : null}
          {phase === "deriving" ? "Deriving key…" : phase === "saving" ? "Creating…" : "Create project"}
        </Button>
        <p id="create-project-status" role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {phase === "deriving"
            ? "Deriving the project key in your browser (600,000 PBKDF2 rounds). This takes a moment."
            : custody === "client" && !passphrase.saved
              ? "Confirm you have saved the passphrase to continue."
              : ""}
        </p>
      </div>
    </form>
  );
}

function ensureGenerated(current: PassphraseState): PassphraseState {
  return current.generated ? current : { ...current, generated: generatePassphrase() };
}
