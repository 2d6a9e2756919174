import type { Metadata } from "next";
import { DataProtection } from "@/components/settings/data-protection";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Data protection" };

export default async function DataProtectionPage() {
  await requirePagePermission("settings:manage", "/settings/data-protection");
  return <DataProtection />;
}
