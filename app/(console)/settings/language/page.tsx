import type { Metadata } from "next";
import { ApprovedLanguageEditor } from "@/components/settings/approved-language";
import { requirePagePermission } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Approved language" };

export default async function LanguagePage() {
  await requirePagePermission("settings:manage", "/settings/language");
  return <ApprovedLanguageEditor />;
}
