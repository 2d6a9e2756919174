import type { Metadata } from "next";
import { Suspense } from "react";
import { QueueSkeleton } from "@/components/queue/queue-skeleton";
import { QueueView } from "@/components/queue/queue-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage() {
  const user = await requirePagePermission("cases:read", "/cases");
  return (
    <>
      <PageHeader title="Cases" description="Every conversation that needed a human, open and resolved." />
      <Suspense fallback={<QueueSkeleton />}>
        <QueueView scope="cases" viewerId={user.id} />
      </Suspense>
    </>
  );
}
