"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { LEVEL_LABELS, overridesText, type EffectiveSecret, type LevelName } from "@/lib/client/inheritance";
import { levelPages, type LevelPath } from "@/lib/client/levels";
import { LevelBadge } from "./level-badge";
import { SecretValue } from "@/components/secrets/secret-value";
import type { RevealableValues } from "./use-revealable-values";
import { CopyButton } from "@/components/ui/copy-button";

// One effective name: its value, the level it comes from (linked to that level's editor) and the
// less specific levels it overrides, whose values open on demand beneath the row.

export function levelPathOf(path: LevelPath, level: LevelName): LevelPath {
  if (level === "project") return { project: path.project };
  if (level === "target") return { project: path.project, target: path.target };
  return path;
}

export function InheritanceRow({
  secret,
  path,
  values,
  revealed,
  onToggleReveal,
}: {
  secret: EffectiveSecret;
  path: LevelPath;
  values: RevealableValues;
  revealed: boolean;
  onToggleReveal: () => void;
}) {
  const [showOverridden, setShowOverridden] = useState(false);
  const overriddenId = useId();
  const canReveal = values.access === "server" || values.access === "browser";
  const overrides = overridesText(secret.overrides);
  const note = values.unavailable(secret.source);

  return (
    <>
      <tr data-testid="effective-row" data-name={secret.name} className="border-t border-zinc-200 align-top dark:border-zinc-800">
        <th scope="row" className="px-3 py-2.5 text-left font-normal">
          <code className="font-mono text-sm font-medium break-all">{secret.name}</code>
        </th>
        <td className="px-3 py-2.5">
          <SecretValue value={values.plaintext(secret.source, secret.name)} shown={revealed} label={`${secret.name} value`} />
          {revealed && note ? <p className="mt-1 text-xs text-zinc-500">{note}</p> : null}
        </td>
        <td className="px-3 py-2.5 whitespace-nowrap">
          <div className="flex flex-col items-start gap-1">
            <span data-testid="source-level">
              <LevelBadge level={secret.source} />
            </span>
            <Link
              href={levelPages.secretsAt(levelPathOf(path, secret.source), secret.name)}
              className="text-xs text-indigo-600 hover:underline dark:text-indigo-400"
              aria-label={`Edit ${secret.name} in the ${secret.source} editor`}
            >
              Edit at {secret.source}
            </Link>
          </div>
        </td>
        <td className="px-3 py-2.5 text-sm">
          {overrides ? (
            <div className="flex flex-col items-start gap-1">
              <span data-testid="overrides">{overrides}</span>
              <button
                type="button"
                aria-expanded={showOverridden}
                aria-controls={overriddenId}
                onClick={() => setShowOverridden((open) => !open)}
                className="text-xs text-indigo-600 hover:underline dark:text-indigo-400"
              >
                {showOverridden ? "Hide overridden values" : `Show overridden values (${secret.overrides.length})`}
                <span className="sr-only"> of {secret.name}</span>
              </button>
            </div>
          ) : (
            <span className="text-zinc-500">—</span>
          )}
        </td>
        <td className="px-3 py-2.5 text-right whitespace-nowrap">
          {revealed && values.plaintext(secret.source, secret.name) !== undefined ? (
            <CopyButton value={values.plaintext(secret.source, secret.name)!} label={`Copy ${secret.name}`} />
          ) : null}
          {canReveal ? (
            <Button variant="ghost" className="px-2 py-1" aria-pressed={revealed} aria-label={`${revealed ? "Hide" : "Reveal"} ${secret.name}`} onClick={onToggleReveal} disabled={values.revealing}>
              {revealed ? "Hide" : "Reveal"}
            </Button>
          ) : null}
        </td>
      </tr>
      {showOverridden ? (
        <tr id={overriddenId} className="bg-zinc-50 dark:bg-zinc-900/60" data-testid="overridden-values" data-name={secret.name}>
          <td />
          <td colSpan={4} className="px-3 pb-3 pt-1">
            <ul className="space-y-2" aria-label={`Values of ${secret.name} that are overridden`}>
              {secret.overrides.map((level) => (
                <li key={level} className="flex flex-wrap items-start gap-3 text-sm">
                  <LevelBadge level={level} />
                  <span className="text-zinc-500">overridden {LEVEL_LABELS[level].toLowerCase()} value:</span>
                  <SecretValue value={values.plaintext(level, secret.name)} shown={revealed} label={`${secret.name} ${level} value`} />
                  {revealed && values.unavailable(level) ? <span className="text-xs text-zinc-500">{values.unavailable(level)}</span> : null}
                  <Link href={levelPages.secrets(levelPathOf(path, level))} className="text-xs text-indigo-600 hover:underline dark:text-indigo-400">
                    Open {level} editor
                  </Link>
                </li>
              ))}
              {!revealed && canReveal ? <li className="text-xs text-zinc-500">Reveal {secret.name} to see these values.</li> : null}
            </ul>
          </td>
        </tr>
      ) : null}
    </>
  );
}
