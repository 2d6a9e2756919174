import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/password-forms";
import { getDb } from "@/server/db/client";
import { describeInvitation } from "@/server/services/people/people";

export const metadata: Metadata = { title: "Accept your invitation" };
export const dynamic = "force-dynamic";

// The link an admin's invitation sends: the token is the credential, checked again on submit.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(getDb(), token);
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-24">
      <div className="w-full max-w-md">
        <h1 className="text-xl font-semibold text-slate-900">Welcome to Handoff Desk</h1>
        {invitation.valid ? (
          <>
            <p className="mt-1 text-sm text-slate-600">
              {invitation.name}, choose a password for <strong>{invitation.email}</strong>.
            </p>
            <div className="mt-6">
              <AcceptInvitationForm token={token} email={invitation.email} />
            </div>
          </>
        ) : (
          <p className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="invitation-invalid">
            {invitation.reason}{" "}
            <Link href="/sign-in" className="underline">
              Sign in
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
