"use client";

import { useEffect, useRef } from "react";
import { LEVEL_LABELS, LEVELS, type InheritanceFilter } from "@/lib/client/inheritance";

// Filter chips (all / overridden / by level, with counts) and the name search; "/" focuses the
// search from anywhere on the page that is not already a text field.

export function InheritanceFilters({
  filter,
  onFilter,
  search,
  onSearch,
  counts,
}: {
  filter: InheritanceFilter;
  onFilter: (filter: InheritanceFilter) => void;
  search: string;
  onSearch: (search: string) => void;
  counts: Record<InheritanceFilter, number>;
}) {
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      // Radios and buttons don't take text, so "/" from a filter chip still jumps to the search.
      const typing = target?.closest(
        "input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit]), textarea, select, [contenteditable=true]",
      );
      if (event.key === "/" && !typing && !event.metaKey && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const options: { id: InheritanceFilter; label: string }[] = [
    { id: "all", label: "All" },
    { id: "overridden", label: "Overridden" },
    ...LEVELS.map((level) => ({ id: level, label: `From ${LEVEL_LABELS[level].toLowerCase()}` })),
  ];

  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <fieldset>
        <legend className="sr-only">Show</legend>
        <div className="flex flex-wrap gap-1.5">
          {options.map((option) => (
            <label
              key={option.id}
              className={`cursor-pointer rounded-full border px-3 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
                filter === option.id
                  ? "border-indigo-600 bg-indigo-600 text-white dark:border-indigo-500 dark:bg-indigo-500"
                  : "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              <input type="radio" name="inheritance-filter" value={option.id} checked={filter === option.id} onChange={() => onFilter(option.id)} className="sr-only" />
              {option.label} <span className="tabular-nums opacity-80">({counts[option.id]})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="w-full sm:w-64">
        <label htmlFor="inheritance-search" className="sr-only">
          Search names
        </label>
        <input
          ref={searchRef}
          id="inheritance-search"
          type="search"
          value={search}
          onChange={(event) => onSearch(event.target.value)}
          placeholder="Search names  ( / )"
          autoComplete="off"
          spellCheck={false}
          className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm shadow-sm placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
    </div>
  );
}
