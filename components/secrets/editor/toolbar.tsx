"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import type { RowAccess } from "./secret-row";

// Search (with "/" to focus), tag filter, and the level-wide actions: add, import, reveal/mask
// all, text view, export. Controls a user may not use are not shown at all.

interface EditorToolbarProps {
  search: string;
  onSearch: (search: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  tags: string[];
  tagFilter: string;
  onTagFilter: (tag: string) => void;
  access: RowAccess;
  mode: "table" | "text";
  anyRevealed: boolean;
  hasSecrets: boolean;
  /** Every value is visible to this user (or can be revealed), so the level can be edited as text. */
  canText: boolean;
  canExport: boolean;
  onAdd: () => void;
  onImport: () => void;
  onRevealAll: () => void;
  onMaskAll: () => void;
  onText: () => void;
  onTable: () => void;
  onExport: () => void;
}

export function EditorToolbar({ searchRef, ...props }: EditorToolbarProps) {
  const { access, mode } = props;
  return (
    <div className="flex flex-wrap items-end gap-2">
      {mode === "table" ? (
        <>
          <div className="min-w-[12rem] flex-1">
            <label htmlFor="secret-search" className="sr-only">
              Search names and tags
            </label>
            <input
              id="secret-search"
              ref={searchRef}
              type="search"
              value={props.search}
              onChange={(event) => props.onSearch(event.target.value)}
              placeholder="Search names and tags  ( / )"
              autoComplete="off"
              className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
          </div>
          {props.tags.length > 0 ? (
            <div>
              <label htmlFor="tag-filter" className="sr-only">
                Filter by tag
              </label>
              <select
                id="tag-filter"
                value={props.tagFilter}
                onChange={(event) => props.onTagFilter(event.target.value)}
                className="rounded-md border border-zinc-300 bg-white px-2 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              >
                <option value="">All tags</option>
                {props.tags.map((tag) => (
                  <option key={tag} value={tag}>
                    {tag}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </>
      ) : (
        <div className="flex-1" />
      )}
      <div className="flex flex-wrap gap-2">
        {access.edit && mode === "table" ? (
          <>
            <Button onClick={props.onAdd}>Add secret</Button>
            <Button variant="secondary" onClick={props.onImport}>
              Import .env
            </Button>
          </>
        ) : null}
        {access.reveal && props.hasSecrets && mode === "table" ? (
          props.anyRevealed ? (
            <Button variant="secondary" onClick={props.onMaskAll}>
              Mask all
            </Button>
          ) : (
            <Button variant="secondary" onClick={props.onRevealAll}>
              Reveal all
            </Button>
          )
        ) : null}
        {access.edit && props.canText ? (
          mode === "table" ? (
            <Button variant="secondary" onClick={props.onText}>
              Edit as text
            </Button>
          ) : (
            <Button variant="secondary" onClick={props.onTable}>
              Back to table
            </Button>
          )
        ) : null}
        {props.canExport ? (
          <Button variant="ghost" onClick={props.onExport}>
            Export .env
          </Button>
        ) : null}
      </div>
    </div>
  );
}
