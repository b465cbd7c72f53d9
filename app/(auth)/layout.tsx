import type { ReactNode } from "react";
import { ThemeSwitch } from "@/components/layout/theme-switch";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center gap-8 px-6 py-12">
      <div className="flex items-center gap-3">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <span className="text-lg font-semibold tracking-tight">Lipsync Studio</span>
      </div>
      {children}
      <div className="flex justify-center">
        <ThemeSwitch />
      </div>
    </main>
  );
}
