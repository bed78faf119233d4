// The DotEnv mark: a padlock drawn inline (no emoji font or image request needed).
export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-bold tracking-tight ${className}`}>
      <svg viewBox="0 0 24 24" aria-hidden="true" className="h-[1.1em] w-[1.1em] text-indigo-600 dark:text-indigo-400" fill="none" stroke="currentColor" strokeWidth="2">
        <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor" fillOpacity="0.15" />
        <path d="M8 10V7a4 4 0 0 1 8 0v3" strokeLinecap="round" />
        <circle cx="12" cy="15.5" r="1.5" fill="currentColor" stroke="none" />
      </svg>
      DotEnv
    </span>
  );
}
