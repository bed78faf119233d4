"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

// A modal on the native <dialog> element: the browser traps focus, Escape closes it, and focus
// returns to whatever opened it. Content is only rendered while open.

export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  wide = false,
  side = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** For side-by-side content such as diffs and conflicts. */
  wide?: boolean;
  /** A drawer along the right edge (details of a row), instead of a centred modal. */
  side?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === ref.current) onClose();
      }}
      className={`w-full border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-black/50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100 ${
        side ? "my-0 mr-0 ml-auto h-dvh max-h-dvh max-w-2xl overflow-y-auto" : `m-auto rounded-lg ${wide ? "max-w-4xl" : "max-w-lg"}`
      }`}
    >
      {open ? (
        <div className="space-y-4 p-6">
          <div>
            <h2 id={titleId} className="text-lg font-semibold">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {description}
              </div>
            ) : null}
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** The row of buttons at the bottom of a dialog. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap justify-end gap-2 pt-2">{children}</div>;
}
