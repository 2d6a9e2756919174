import type { Metadata } from "next";
import { businessToday } from "@/components/dashboards/business-today";
import { DashboardView } from "@/components/dashboards/dashboard-view";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  await requirePagePermission("dashboards:read", "/dashboards");
  return <DashboardView today={await businessToday()} />;
}
