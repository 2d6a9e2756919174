import { forbidden, redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/guards";
import { settingsSectionsFor } from "@/server/auth/permissions";

/** Opens the first settings section this role may use. */
export default async function SettingsIndex() {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Fsettings");
  const first = settingsSectionsFor(user.role)[0];
  if (!first) forbidden();
  redirect(first.href);
}
