"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { useOrganization } from "@/components/dashboard/organization-context";
import { UnlockDialog } from "@/components/secrets/unlock";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { apiData, apiPath, errorMessage } from "@/lib/client/api";
import { effectiveSecrets, filterSecrets, LEVELS, type InheritanceFilter, type LevelEntries, type LevelName } from "@/lib/client/inheritance";
import { levelBody, levelApiPath, levelLabel, levelPages, type LevelPath } from "@/lib/client/levels";
import { InheritanceFilters } from "./inheritance-filters";
import { InheritanceRow, levelPathOf } from "./inheritance-row";
import { useRevealableValues, type CipherGroup } from "./use-revealable-values";
import { downloadEffectiveEnv } from "./download-effective";
import { useProjectKey } from "@/components/secrets/project-keys";

// Every effective name of an environment, where its value comes from and what it overrides.
// Names and provenance come from one ciphertext read (GET …/secrets?merge=both); values are
// revealed per row or all at once, decrypted by the server (audited, names asked for only) or in
// this browser tab with the unlocked client-managed key.

interface SecretsResponse {
  attributes: {
    levels: LevelEntries;
    key_versions: Partial<Record<LevelName, number>>;
  };
}

export interface InheritanceViewProps {
  path: LevelPath & { target: string; environment: string };
  project: { slug: string; name: string; custody: "server" | "client" };
  canDecrypt: boolean;
}

export function InheritanceView({ path, project, canDecrypt }: InheritanceViewProps) {
  const organization = useOrganization();
  const toast = useToast();
  const [filter, setFilter] = useState<InheritanceFilter>("all");
  const [search, setSearch] = useState("");
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [unlockOpen, setUnlockOpen] = useState(false);

  const query = useQuery({
    queryKey: ["secrets", organization.id, levelLabel(path), "both"],
    queryFn: ({ signal }) => apiData<SecretsResponse>(levelApiPath(organization.id, path), { query: { merge: "both" }, signal }),
    // Always refetched on arrival: the editor may have just saved a level this view merges.
    staleTime: 0,
  });

  const levels = query.data?.attributes.levels;
  const keyVersions = query.data?.attributes.key_versions;
  const groups = useMemo<Record<string, CipherGroup>>(
    () => Object.fromEntries(LEVELS.map((level) => [level, { entries: levels?.[level] ?? {}, keyVersion: keyVersions?.[level] ?? null }])),
    [levels, keyVersions],
  );
  const serverDecrypt = useCallback(
    async (names?: string[]) => {
      const data = await apiData<SecretsResponse>(apiPath(organization.id, "secrets", "retrieve"), {
        method: "POST",
        body: { ...levelBody(path), action: "decrypt", merge: "false", ...(names ? { filters: { names } } : {}) },
      });
      return data.attributes.levels as Record<string, Record<string, string>>;
    },
    [organization.id, path],
  );
  const values = useRevealableValues({ project: project.slug, custody: project.custody, canDecrypt, groups, serverDecrypt });
  const { key } = useProjectKey(project.slug);
  const [downloading, setDownloading] = useState(false);

  async function download() {
    setDownloading(true);
    try {
      const result = await downloadEffectiveEnv({
        organizationId: organization.id, path, custody: project.custody, levels: levels ?? {}, keyVersions: keyVersions ?? {}, key,
      });
      if ("refused" in result) toast.error(result.refused);
      else toast.success(`Downloaded ${levelLabel(path).replace(/\//g, "-")}.env (${result.names} ${result.names === 1 ? "value" : "values"}).`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setDownloading(false);
    }
  }

  const secrets = useMemo(() => effectiveSecrets(levels ?? {}), [levels]);
  const shown = filterSecrets(secrets, filter, search);
  const counts = useMemo(
    () =>
      Object.fromEntries((["all", "overridden", ...LEVELS] as InheritanceFilter[]).map((option) => [option, filterSecrets(secrets, option).length])) as Record<
        InheritanceFilter,
        number
      >,
    [secrets],
  );
  const canReveal = values.access === "server" || values.access === "browser";
  const allRevealed = shown.length > 0 && shown.every((secret) => revealed.has(secret.name));

  async function setReveal(names: string[], reveal: boolean) {
    if (reveal) {
      try {
        await values.reveal(names.length === secrets.length ? undefined : names);
      } catch (error) {
        toast.error(errorMessage(error));
        return;
      }
    }
    setRevealed((current) => {
      const next = new Set(current);
      for (const name of names) {
        if (reveal) next.add(name);
        else next.delete(name);
      }
      return next;
    });
  }

  if (query.isPending) {
    return (
      <p role="status" className="py-8 text-center text-sm text-zinc-600 dark:text-zinc-400">
        Loading effective values…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="space-y-3">
        <Alert tone="error">Could not load this environment&apos;s secrets: {errorMessage(query.error)}</Alert>
        <Button variant="secondary" onClick={() => query.refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (secrets.length === 0) {
    return (
      <EmptyState title="No secrets in this environment yet">
        Names set at the project, the target or this environment all end up here. Add some in the{" "}
        {LEVELS.map((level, index) => (
          <span key={level}>
            {index > 0 ? (index === LEVELS.length - 1 ? " or " : ", ") : null}
            <Link className="text-indigo-600 hover:underline dark:text-indigo-400" href={levelPages.secrets(levelPathOf(path, level))}>
              {level} editor
            </Link>
          </span>
        ))}
        .
      </EmptyState>
    );
  }

  return (
    <div className="space-y-4">
      <AccessNote access={values.access} onUnlock={() => setUnlockOpen(true)} />
      <UnlockDialog project={project.slug} projectName={project.name} open={unlockOpen} onClose={() => setUnlockOpen(false)} />
      <InheritanceFilters filter={filter} onFilter={setFilter} search={search} onSearch={setSearch} counts={counts} />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <p aria-live="polite">
          {shown.length === secrets.length ? `${secrets.length} effective ${secrets.length === 1 ? "name" : "names"}` : `Showing ${shown.length} of ${secrets.length} names`}
        </p>
        <span className="flex flex-wrap gap-2">
          {canReveal && shown.length > 0 ? (
            <Button variant="secondary" onClick={() => setReveal(shown.map((secret) => secret.name), !allRevealed)} disabled={values.revealing}>
              {allRevealed ? "Mask all" : "Reveal all"}
            </Button>
          ) : null}
          {canReveal ? (
            <Button variant="secondary" onClick={() => void download()} disabled={downloading}>
              {downloading ? "Preparing…" : "Download .env"}
            </Button>
          ) : null}
        </span>
      </div>
      {shown.length === 0 ? (
        <EmptyState title="No names match">
          Nothing {filter === "all" ? "" : "in this filter "}matches{search ? ` “${search}”` : ""}.{" "}
          <button
            type="button"
            className="text-indigo-600 hover:underline dark:text-indigo-400"
            onClick={() => {
              setFilter("all");
              setSearch("");
            }}
          >
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full min-w-[40rem] text-sm">
            <caption className="sr-only">Effective values of {levelLabel(path)}, with the level each comes from and what it overrides</caption>
            <thead className="bg-zinc-50 text-left text-xs font-medium uppercase tracking-wide text-zinc-600 dark:bg-zinc-800/50 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Effective value
                </th>
                <th scope="col" className="px-3 py-2">
                  Comes from
                </th>
                <th scope="col" className="px-3 py-2">
                  Overrides
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((secret) => (
                <InheritanceRow
                  key={secret.name}
                  secret={secret}
                  path={path}
                  values={values}
                  revealed={revealed.has(secret.name)}
                  onToggleReveal={() => setReveal([secret.name], !revealed.has(secret.name))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function AccessNote({ access, onUnlock }: { access: ReturnType<typeof useRevealableValues>["access"]; onUnlock: () => void }) {
  if (access === "none") {
    return (
      <Alert>
        You can&apos;t view values here: revealing a value of a server-managed project needs the secret:decrypt permission. Names and where
        they come from are shown.
      </Alert>
    );
  }
  if (access === "locked") {
    return (
      <Alert>
        <span className="flex flex-wrap items-center justify-between gap-2">
          <span>Values are encrypted with this project&apos;s passphrase. Unlock it to view them in this tab; names and where they come from are shown meanwhile.</span>
          <Button className="px-2.5 py-1" onClick={onUnlock}>
            Unlock to view values
          </Button>
        </span>
      </Alert>
    );
  }
  return null;
}
