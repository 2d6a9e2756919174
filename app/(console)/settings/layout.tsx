import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="Who can use Handoff Desk, and what they did." />
      <div className="flex">
        <SettingsNav />
        <section className="min-w-0 flex-1">{children}</section>
      </div>
    </>
  );
}
