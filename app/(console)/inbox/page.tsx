import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  await requirePagePermission("inbox:read", "/inbox");
  return (
    <>
      <PageHeader title="Inbox" description="Handoffs assigned to you, most urgent first." />
      <EmptyState icon={<Inbox className="h-5 w-5" />} title="No handoffs for you yet">
        <p>
          When a conversation is routed to you, it appears here with a short summary and the question the visitor is
          still waiting on, so you can answer without reading the whole transcript.
        </p>
        <p>Your response time is measured from the moment the handoff reaches you.</p>
      </EmptyState>
    </>
  );
}
