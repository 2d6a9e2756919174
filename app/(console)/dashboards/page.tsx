import type { Metadata } from "next";
import { getDb } from "@/server/db/client";
import { businessToday } from "@/server/services/dashboards/dashboards";
import { DashboardView } from "@/components/dashboards/dashboard-view";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  await requirePagePermission("dashboards:read", "/dashboards");
  return <DashboardView today={await businessToday(getDb())} />;
}
