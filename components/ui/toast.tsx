"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

// Short confirmations and failures ("Saved version 4", "Could not reach the server"), announced
// through one polite live region (errors assertively) and dismissed after a few seconds. They sit
// at the top, below the header: the bottom belongs to sticky save bars, whose Save and Review
// buttons a toast must never cover.

type Tone = "success" | "error" | "info";
interface Toast {
  id: number;
  tone: Tone;
  message: string;
}

const TONES: Record<Tone, string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  info: "border-zinc-300 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
};
const DURATION_MS = { success: 4000, info: 4000, error: 8000 };

const ToastContext = createContext<((tone: Tone, message: string) => void) | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (tone: Tone, message: string) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { id, tone, message }]);
      setTimeout(() => dismiss(id), DURATION_MS[tone]);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div className="pointer-events-none fixed top-16 right-4 z-50 flex w-80 max-w-[calc(100vw-2rem)] flex-col gap-2" data-testid="toasts">
        <div aria-live="polite" className="flex flex-col gap-2">
          {toasts.filter((toast) => toast.tone !== "error").map((toast) => <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />)}
        </div>
        <div aria-live="assertive" className="flex flex-col gap-2">
          {toasts.filter((toast) => toast.tone === "error").map((toast) => <ToastItem key={toast.id} toast={toast} onDismiss={dismiss} />)}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  return (
    <div data-testid="toast" data-tone={toast.tone} className={`pointer-events-auto flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-lg ${TONES[toast.tone]}`}>
      <p className="flex-1">{toast.message}</p>
      <button type="button" onClick={() => onDismiss(toast.id)} aria-label="Dismiss notification" className="opacity-60 hover:opacity-100">
        ×
      </button>
    </div>
  );
}

/** `const toast = useToast(); toast.success("Saved")`. */
export function useToast() {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs <ToastProvider> (components/providers.tsx)");
  return useMemo(
    () => ({
      success: (message: string) => show("success", message),
      error: (message: string) => show("error", message),
      info: (message: string) => show("info", message),
    }),
    [show],
  );
}
