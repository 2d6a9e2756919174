import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { signOut } from "@/server/auth/config";
import { getCurrentUser } from "@/server/auth/guards";
import { getEnv } from "@/server/env";

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/sign-in?reason=signed_out" });
}

// Every page below checks its own permission (requirePagePermission) and redirects to sign-in with a
// return address; without a user this layout renders no chrome, so nothing leaks meanwhile.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) return children;
  return (
    <AppShell user={user} demoMode={getEnv().DEMO_MODE} signOutAction={signOutAction}>
      {children}
    </AppShell>
  );
}
