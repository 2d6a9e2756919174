"use client";

import { Inbox, LayoutDashboard, ListChecks, FolderOpen, Settings, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";

const ICONS: Record<string, LucideIcon> = {
  "/queue": ListChecks,
  "/cases": FolderOpen,
  "/inbox": Inbox,
  "/dashboards": LayoutDashboard,
  "/settings": Settings,
};

export function NavLinks({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5" data-testid="main-nav">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const Icon = ICONS[item.href];
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium",
                active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white",
              )}
            >
              {Icon ? <Icon aria-hidden className="h-4 w-4" /> : null}
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
