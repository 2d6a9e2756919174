import { LayoutDashboard } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  await requirePagePermission("dashboards:read", "/dashboards");
  return (
    <>
      <PageHeader
        title="Dashboards"
        description="Whether chat produces good handoffs, and whether owners answer them in time."
      />
      <EmptyState icon={<LayoutDashboard className="h-5 w-5" />} title="No conversations measured yet">
        <p>
          Once conversations arrive you will see chat-to-lead conversion, complete-handoff rate, owner response time,
          unresolved-question rate, wrong-owner rate and exception rate by page and topic.
        </p>
      </EmptyState>
    </>
  );
}
