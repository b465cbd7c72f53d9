"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useEffect, useState } from "react";
import { cn } from "@/lib/cn";
import { applyTheme, type ThemeChoice } from "@/lib/theme/apply-theme";

const OPTIONS = [
  { theme: "system", label: "System", Icon: Monitor },
  { theme: "light", label: "Light", Icon: Sun },
  { theme: "dark", label: "Dark", Icon: Moon },
] as const;

/** System, light or dark: three icon radio buttons; the choice is remembered in this browser. */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<ThemeChoice>("system");
  useEffect(() => setTheme(applyTheme()), []);

  return (
    <div role="radiogroup" aria-label="Theme" className="inline-flex rounded-lg bg-stone-100 p-0.5 dark:bg-stone-800">
      {OPTIONS.map(({ theme: option, label, Icon }) => (
        <label key={option} title={label} className="relative">
          <input
            type="radio"
            name="theme"
            value={option}
            checked={theme === option}
            onChange={() => setTheme(applyTheme(option))}
            aria-label={`${label} theme`}
            className="peer absolute inset-0 size-full cursor-pointer appearance-none opacity-0"
          />
          <span
            className={cn(
              "flex size-7 items-center justify-center rounded-md text-stone-500 transition-colors dark:text-stone-400",
              "peer-checked:bg-white peer-checked:text-stone-900 peer-checked:shadow-xs dark:peer-checked:bg-stone-950 dark:peer-checked:text-stone-100",
              "peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-sky-600",
            )}
          >
            <Icon aria-hidden className="size-4" />
          </span>
        </label>
      ))}
    </div>
  );
}
