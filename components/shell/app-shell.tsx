import { LogOut } from "lucide-react";
import type { ReactNode } from "react";
import { navigationFor, ROLE_LABELS } from "@/server/auth/permissions";
import type { SessionUser } from "@/server/services/session-user";
import { NavLinks } from "./nav-links";

/** The signed-in frame: navigation for what this role may use, who is signed in, sign out. */
export function AppShell({
  user,
  demoMode,
  signOutAction,
  children,
}: {
  user: SessionUser;
  demoMode: boolean;
  signOutAction: () => Promise<void>;
  children: ReactNode;
}) {
  const items = navigationFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-screen bg-slate-50 print:block print:bg-white">
      <a
        href="#main"
        className="sr-only print:hidden focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <nav aria-label="Main" className="flex w-52 shrink-0 print:hidden flex-col bg-slate-900 px-3 py-4 text-slate-100">
        <div className="mb-6 px-2.5">
          <div className="text-sm font-semibold tracking-tight text-white">Handoff Desk</div>
          {demoMode ? (
            <div className="mt-1 text-[11px] font-medium uppercase tracking-wide text-amber-300">Demo data</div>
          ) : null}
        </div>
        <NavLinks items={items} />
        <div className="mt-auto border-t border-slate-800 px-2.5 pt-3">
          <div className="truncate text-sm font-medium text-white" data-testid="current-user-name">
            {user.name}
          </div>
          <div className="truncate text-xs text-slate-400" data-testid="current-user-role">
            {ROLE_LABELS[user.role]}
          </div>
          <form action={signOutAction} className="mt-3">
            <button
              type="submit"
              className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-300 hover:bg-slate-800 hover:text-white"
            >
              <LogOut aria-hidden className="h-4 w-4" />
              Sign out
            </button>
          </form>
        </div>
      </nav>
      <main id="main" className="min-w-0 flex-1">
        {children}
      </main>
    </div>
  );
}
