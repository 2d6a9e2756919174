import type { Metadata } from "next";
import { EscalationPolicyEditor } from "@/components/settings/escalation-policy";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Escalation policy" };

export default async function EscalationPage() {
  await requirePagePermission("settings:manage", "/settings/escalation");
  return <EscalationPolicyEditor />;
}
