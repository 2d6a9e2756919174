import { FolderOpen } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage() {
  await requirePagePermission("cases:read", "/cases");
  return (
    <>
      <PageHeader title="Cases" description="Every conversation that needed a human, open and resolved." />
      <EmptyState icon={<FolderOpen className="h-5 w-5" />} title="No cases yet">
        <p>
          Each case keeps the transcript beside its brief (stated need, unresolved question, urgency, contact and
          consent with the message that proves it), the decision taken and who took it.
        </p>
      </EmptyState>
    </>
  );
}
