"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const links = [
  { href: "/new", label: "New lip sync" },
  { href: "/tasks", label: "History" },
  { href: "/uploads", label: "Uploads" },
  { href: "/settings", label: "Settings" },
  { href: "/docs/api", label: "API" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
      {links.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-lg px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-sky-600",
              active
                ? "bg-stone-200/80 text-stone-900 dark:bg-stone-800 dark:text-stone-50"
                : "text-stone-600 hover:bg-stone-200/50 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800/60 dark:hover:text-stone-100",
            )}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
