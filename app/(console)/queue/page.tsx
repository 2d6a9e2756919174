import type { Metadata } from "next";
import { Suspense } from "react";
import { QueueSkeleton } from "@/components/queue/queue-skeleton";
import { QueueView } from "@/components/queue/queue-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  const user = await requirePagePermission("queue:work", "/queue");
  return (
    <>
      <PageHeader title="Queue" description="Conversations waiting for a human decision, soonest SLA first." />
      <Suspense fallback={<QueueSkeleton />}>
        <QueueView scope="queue" viewerId={user.id} />
      </Suspense>
    </>
  );
}
