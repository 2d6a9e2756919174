"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";

export function SettingsNav({ sections }: { sections: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="w-44 shrink-0 border-r border-slate-200 px-3 py-4">
      <ul className="space-y-0.5">
        {sections.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              aria-current={pathname === section.href ? "page" : undefined}
              className={cn(
                "block rounded-md px-2.5 py-1.5 text-sm",
                pathname === section.href
                  ? "bg-slate-200/70 font-medium text-slate-900"
                  : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
