import type { Metadata } from "next";
import { UsersTable } from "@/components/settings/users-table";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePagePermission("users:manage", "/settings/users");
  return <UsersTable currentUserId={user.id} />;
}
