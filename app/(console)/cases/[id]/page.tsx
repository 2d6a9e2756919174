import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { CaseView } from "@/components/case/case-view";
import { getCurrentUser } from "@/server/auth/guards";
import { getDb } from "@/server/db/client";
import { findCaseIdForPage } from "@/server/services/review/case-view";

export const metadata: Metadata = { title: "Case" };

export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ claim?: string }>;
}) {
  const { id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/cases/${id}`)}`);
  if (user.mustChangePassword) redirect(`/account/password?callbackUrl=${encodeURIComponent(`/cases/${id}`)}`);
  // Not a 403: for someone who may not read cases (an owner), no case exists, whatever the id.
  if (!user.permissions.includes("cases:read")) notFound();
  const caseId = await findCaseIdForPage(getDb(), user, id);
  if (!caseId) notFound();
  // Owner emails link the conversation; the case's own address is the one to keep.
  const { claim } = await searchParams;
  if (caseId !== id) redirect(`/cases/${caseId}${claim ? `?claim=${encodeURIComponent(claim)}` : ""}`);
  return <CaseView key={caseId} caseId={caseId} claimOnOpen={claim !== "0"} />;
}
