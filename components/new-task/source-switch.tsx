"use client";

import { Link2, Upload } from "lucide-react";
import { cn } from "@/lib/cn";

export type SourceMode = "upload" | "link";

const OPTIONS = [
  { mode: "upload", label: "Upload", Icon: Upload },
  { mode: "link", label: "Link", Icon: Link2 },
] as const;

/** Two radio buttons, "Upload" and "Link", drawn as a segmented control. */
export function SourceSwitch({ name, value, onChange, disabled }: { name: string; value: SourceMode; onChange: (mode: SourceMode) => void; disabled?: boolean }) {
  return (
    <div className="inline-flex rounded-lg bg-stone-100 p-1 dark:bg-stone-800">
      {OPTIONS.map(({ mode, label, Icon }) => (
        <label key={mode} className="relative">
          <input
            type="radio"
            name={name}
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
            disabled={disabled}
            className="peer absolute inset-0 h-full w-full cursor-pointer appearance-none opacity-0 disabled:cursor-not-allowed"
          />
          <span
            className={cn(
              "flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium text-stone-600 transition-colors dark:text-stone-400",
              "peer-checked:bg-white peer-checked:text-stone-900 peer-checked:shadow-xs dark:peer-checked:bg-stone-950 dark:peer-checked:text-stone-100",
              "peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-sky-600",
            )}
          >
            <Icon aria-hidden className="size-4" />
            {label}
          </span>
        </label>
      ))}
    </div>
  );
}
