"use client";

import { useEffect, useRef } from "react";

// Focuses a row's name input once that row is rendered: a row just added, or the first row with a
// problem after the filters were cleared.
export function usePendingFocus(): (rowId: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    const input = document.querySelector<HTMLInputElement>(`[data-row-name="${pending.current}"]`);
    if (input) {
      input.focus();
      pending.current = null;
    }
  });
  return (rowId) => {
    pending.current = rowId;
  };
}
