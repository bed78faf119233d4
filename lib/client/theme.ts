// Light, dark or the system's choice. The preference (not a secret) lives in localStorage and is
// applied before the first paint by THEME_BOOT_SCRIPT, so pages never flash the wrong colours.

export type Theme = "light" | "dark" | "system";
export const THEME_STORAGE_KEY = "dotenv-theme";

/** Inline <head> script: sets the `dark` class on <html> from the stored preference or the system. */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}`;

export function applyTheme(theme: Theme): void {
  if (theme === "system") localStorage.removeItem(THEME_STORAGE_KEY);
  else localStorage.setItem(THEME_STORAGE_KEY, theme);
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}
