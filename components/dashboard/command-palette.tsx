"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { applyTheme, type Theme } from "@/lib/client/theme";

// ⌘K / Ctrl+K: jump to any project, target or environment the user can read, or run a common
// command (new project, invite, API key, theme). Destinations come from the server, already
// filtered by authorize(); the palette only searches them.

export interface PaletteDestination {
  label: string;
  /** Shown dimmed after the label, e.g. "Environment" or "my-app/backend". */
  hint: string;
  href: string;
}

type Command = { label: string; hint: string } & ({ href: string } | { theme: Theme });

const THEME_COMMANDS: Command[] = [
  { label: "Switch to light theme", hint: "Theme", theme: "light" },
  { label: "Switch to dark theme", hint: "Theme", theme: "dark" },
  { label: "Use the system theme", hint: "Theme", theme: "system" },
];

const MAX_RESULTS = 50;

export function CommandPalette({ destinations }: { destinations: PaletteDestination[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKey(event: globalThis.KeyboardEvent) {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen((wasOpen) => !wasOpen);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const results = useMemo(() => {
    const all: Command[] = [...destinations, ...THEME_COMMANDS];
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return all.filter((command) => words.every((word) => `${command.label} ${command.hint}`.toLowerCase().includes(word))).slice(0, MAX_RESULTS);
  }, [destinations, query]);

  function close() {
    setOpen(false);
    setQuery("");
    setActive(0);
  }

  function run(command: Command | undefined) {
    if (!command) return;
    close();
    if ("theme" in command) applyTheme(command.theme);
    else router.push(command.href);
  }

  function onInputKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((index) => Math.min(index + 1, results.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      run(results[active]);
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-2 rounded-md border border-zinc-300 px-2 py-1.5 text-xs text-zinc-500 hover:bg-zinc-100 md:py-1 dark:border-zinc-700 dark:hover:bg-zinc-800"
        aria-label="Open the command palette"
      >
        Jump to… <kbd className="hidden font-sans md:inline">⌘K</kbd>
      </button>
      <Dialog open={open} onClose={close} title="Go to or do">
        <input
          ref={inputRef}
          autoFocus
          role="combobox"
          aria-expanded
          aria-controls={listId}
          aria-activedescendant={results[active] ? `${listId}-${active}` : undefined}
          aria-label="Search projects, environments and commands"
          placeholder="Project, environment or command…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onInputKey}
          className="block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <ul id={listId} role="listbox" aria-label="Results" className="max-h-80 overflow-y-auto">
          {results.length === 0 ? <li className="px-3 py-2 text-sm text-zinc-500">Nothing matches “{query}”.</li> : null}
          {results.map((command, index) => (
            <li
              key={`${command.hint}:${command.label}:${"href" in command ? command.href : command.theme}`}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseEnter={() => setActive(index)}
              onClick={() => run(command)}
              className={`flex cursor-pointer items-baseline justify-between gap-3 rounded-md px-3 py-2 text-sm ${
                index === active ? "bg-indigo-600 text-white" : ""
              }`}
            >
              <span>{command.label}</span>
              <span className={`text-xs ${index === active ? "text-indigo-100" : "text-zinc-500"}`}>{command.hint}</span>
            </li>
          ))}
        </ul>
      </Dialog>
    </>
  );
}
