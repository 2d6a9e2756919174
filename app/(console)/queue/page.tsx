import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  await requirePagePermission("queue:work", "/queue");
  return (
    <>
      <PageHeader title="Queue" description="Conversations waiting for a human decision, soonest SLA first." />
      <EmptyState icon={<ListChecks className="h-5 w-5" />} title="Nothing needs review">
        <p>
          When a chat conversation is unclear, sensitive or risky, or is missing consent or contact details, it lands
          here with the reasons, the transcript and a prepared brief.
        </p>
        <p>Claim a case to approve the handoff, reassign it, merge it with an existing lead or mark it as spam.</p>
      </EmptyState>
    </>
  );
}
