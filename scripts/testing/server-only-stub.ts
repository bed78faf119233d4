// Stand-in for the "server-only" guard outside the Next.js bundler (vitest, tsx scripts).
export {};
