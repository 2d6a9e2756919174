import type { Metadata } from "next";
import { InboxList } from "@/components/inbox/inbox-list";
import { PendingReplies } from "@/components/replies/pending-replies";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const user = await requirePagePermission("inbox:read", "/inbox");
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Handoffs assigned to you: open first, most urgent and newest at the top."
      />
      {user.permissions.includes("replies:approve") ? <PendingReplies /> : null}
      <InboxList />
    </>
  );
}
