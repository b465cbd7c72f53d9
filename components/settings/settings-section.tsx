import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

export function SettingsSection({ id, title, description, children }: { id: string; title: string; description: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <Card className="flex flex-col gap-5">
        <div className="flex flex-col gap-1">
          <h2 id={`${id}-heading`} className="text-lg font-semibold tracking-tight">
            {title}
          </h2>
          <div className="text-sm text-stone-600 dark:text-stone-400">{description}</div>
        </div>
        {children}
      </Card>
    </section>
  );
}
