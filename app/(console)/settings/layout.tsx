import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { getCurrentUser } from "@/server/auth/guards";
import { settingsSectionsFor } from "@/server/auth/permissions";

// Each settings page checks its own permission; this layout only lists the sections the role may open.
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const sections = user ? settingsSectionsFor(user.role).map(({ href, label }) => ({ href, label })) : [];
  return (
    <>
      <PageHeader
        title="Settings"
        description="How Handoff Desk routes conversations, who can use it, and what they did."
      />
      <div className="flex">
        <SettingsNav sections={sections} />
        <section className="min-w-0 flex-1">{children}</section>
      </div>
    </>
  );
}
