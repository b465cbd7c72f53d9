import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "@/components/layout/nav-links";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ThemeSwitch } from "@/components/layout/theme-switch";
import { Providers } from "@/components/providers";
import { requireUser } from "@/lib/auth/require-user";

export const dynamic = "force-dynamic";

/** Every studio page needs a session; the header shows where you are and who is signed in. */
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-stone-900">
        Skip to content
      </a>
      <header className="border-b border-stone-200 bg-white/80 backdrop-blur dark:border-stone-800 dark:bg-stone-950/80">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <Link href="/new" className="flex items-center gap-2 font-semibold tracking-tight">
              <img src="/favicon.svg" alt="" width={24} height={24} />
              Lipsync Studio
            </Link>
            <NavLinks />
          </div>
          <div className="flex items-center gap-2 text-sm text-stone-600 dark:text-stone-400">
            <span className="max-w-48 truncate" title={user.email}>
              {user.email}
            </span>
            <ThemeSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </Providers>
  );
}
