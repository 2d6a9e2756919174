import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InboxItemView } from "@/components/inbox/inbox-item-view";
import { requirePagePermission } from "@/server/auth/guards";
import { getDb } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { getInboxItem } from "@/server/services/inbox/inbox";

export const metadata: Metadata = { title: "Handoff" };

export default async function InboxItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission("inbox:read", `/inbox/${encodeURIComponent(id)}`);
  // Another owner's handoff is a 404 page, exactly like one that does not exist.
  const item = await getInboxItem(getDb(), user, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <InboxItemView initial={item} />;
}
