"use client";

import { useEffect, useRef, useState } from "react";
import { parseTags, type DraftRow } from "@/lib/client/secret-draft";

// Search (names, stored names and tags) and the tag filter; "/" focuses the search box unless the
// user is typing somewhere or a dialog is open. `focusName` (the page's ?name=) starts the search
// at one name, and moves it when a link opens the editor at another.

export function useRowFilter(rows: DraftRow[], focusName?: string) {
  const [search, setSearch] = useState(focusName ?? "");
  const [focused, setFocused] = useState(focusName);
  if (focused !== focusName) {
    setFocused(focusName);
    setSearch(focusName ?? "");
  }
  const [tagFilter, setTagFilter] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== "/" || target.closest("input, textarea, select, [contenteditable=true]") || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const needle = search.trim().toLowerCase();
  const shownRows = rows.filter(
    (row) =>
      (!needle || row.name.toLowerCase().includes(needle) || (row.original ?? "").toLowerCase().includes(needle) || row.tagsText.includes(needle)) &&
      (!tagFilter || parseTags(row.tagsText).includes(tagFilter)),
  );

  return {
    search,
    setSearch,
    tagFilter,
    setTagFilter,
    searchRef,
    /** Every tag used in the draft, sorted. */
    tags: [...new Set(rows.flatMap((row) => parseTags(row.tagsText)))].sort(),
    shownRows,
    /** Shows every row again. */
    clear() {
      setSearch("");
      setTagFilter("");
    },
  };
}
