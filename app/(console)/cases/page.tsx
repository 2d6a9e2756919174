import type { Metadata } from "next";
import { loadQueueView, type PageSearchParams } from "@/components/queue/load-queue-view";
import { QueueView } from "@/components/queue/queue-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Cases" };

export default async function CasesPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const user = await requirePagePermission("cases:read", "/cases");
  // The first page is read before the HTML is sent, so the rows arrive with the page.
  const initial = await loadQueueView("cases", user, await searchParams);
  return (
    <>
      <PageHeader title="Cases" description="Every conversation that needed a human, open and resolved." />
      <QueueView scope="cases" viewerId={user.id} initial={initial} />
    </>
  );
}
