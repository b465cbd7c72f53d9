export type ThemeChoice = "system" | "light" | "dark";

/**
 * Stores `choice` (when given) and applies the remembered theme to <html>: the `dark` class
 * (Tailwind's dark variant) and color-scheme. Returns the remembered choice. It also runs as an
 * inline script before the page paints (THEME_SCRIPT), so it must use nothing but browser globals.
 */
export function applyTheme(choice?: ThemeChoice): ThemeChoice {
  const key = "lipsync-theme";
  let stored: string | null;
  try {
    if (choice) localStorage.setItem(key, choice);
    stored = choice ?? localStorage.getItem(key);
  } catch {
    stored = choice ?? null; // storage blocked: this page only
  }
  const theme: ThemeChoice = stored === "light" || stored === "dark" ? stored : "system";
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
  return theme;
}

/** Runs before the first paint (no flash of the wrong theme) and follows the system's changes. */
export const THEME_SCRIPT = `(function(){var apply=${applyTheme.toString()};apply();window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change",function(){apply()})})()`;
