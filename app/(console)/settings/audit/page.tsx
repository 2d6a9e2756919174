import type { Metadata } from "next";
import { AuditLogTable } from "@/components/settings/audit-log-table";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requirePagePermission("audit:read", "/settings/audit");
  return <AuditLogTable />;
}
