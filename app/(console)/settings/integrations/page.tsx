import type { Metadata } from "next";
import { IntegrationsSettings } from "@/components/settings/integrations-settings";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Email, alerts and model" };

export default async function IntegrationsPage() {
  await requirePagePermission("settings:manage", "/settings/integrations");
  return <IntegrationsSettings />;
}
