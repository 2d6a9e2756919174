import type { Metadata } from "next";
import { loadQueueView, type PageSearchParams } from "@/components/queue/load-queue-view";
import { QueueView } from "@/components/queue/queue-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await requirePagePermission("queue:work", "/queue");
  // The first page is read before the HTML is sent, so the rows arrive with the page.
  const initial = await loadQueueView("queue", user, await searchParams);
  return (
    <>
      <PageHeader title="Queue" description="Conversations waiting for a human decision, soonest SLA first." />
      <QueueView scope="queue" viewerId={user.id} initial={initial} />
    </>
  );
}
