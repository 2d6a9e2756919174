import type { Metadata } from "next";
import { RoutingEditor } from "@/components/settings/routing/routing-editor";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Routing rules" };

export default async function RoutingPage() {
  await requirePagePermission("settings:manage", "/settings/routing");
  return <RoutingEditor />;
}
