import { redirect } from "next/navigation";
import { requirePagePermission } from "@/server/auth/guards";

export default async function SettingsIndex() {
  await requirePagePermission("settings:manage", "/settings");
  redirect("/settings/users");
}
