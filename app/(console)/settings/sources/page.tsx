import type { Metadata } from "next";
import { SourcesAndWebhooks } from "@/components/settings/sources-and-webhooks";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Sources and webhooks" };

export default async function SourcesPage() {
  await requirePagePermission("settings:manage", "/settings/sources");
  return <SourcesAndWebhooks />;
}
