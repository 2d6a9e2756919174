import type { Metadata } from "next";
import { TeamsList } from "@/components/settings/teams-list";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  await requirePagePermission("users:manage", "/settings/teams");
  return <TeamsList />;
}
