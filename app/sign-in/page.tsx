import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import { safeCallbackPath } from "@/server/auth/callback-path";
import { auth } from "@/server/auth/config";
import { DEMO_ACCOUNTS } from "@/server/auth/demo-accounts";
import { getCurrentUser } from "@/server/auth/guards";
import { homePathFor } from "@/server/auth/permissions";
import { getEnv } from "@/server/env";
import { SIGN_IN_MESSAGES } from "@/server/services/sign-in";
import { signInWithSso } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  signed_out: "You are signed out.",
  session_ended: "Your session has ended. Sign in again to continue.",
  password_set: "Your password is set. Sign in with it.",
};

const ERRORS: Record<string, string> = {
  sso_unknown_user: "Your single sign-on account is not linked to a Handoff Desk user. Ask an admin to add you.",
  account_disabled: SIGN_IN_MESSAGES.account_disabled,
  AccessDenied: "Sign-in was refused.",
  Configuration: "Sign-in is misconfigured on the server. Tell your admin.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const user = await getCurrentUser();
  if (user) redirect(callbackUrl ?? homePathFor(user.role));

  const env = getEnv();
  const ssoEnabled = Boolean(env.AUTH_OIDC_ISSUER);
  // A session cookie that no longer maps to an active user: expired, revoked or deactivated.
  const staleSession = Boolean((await auth())?.sid);
  const reason = typeof params.reason === "string" ? params.reason : staleSession ? "session_ended" : undefined;
  const notice = reason ? NOTICES[reason] : undefined;
  const error = typeof params.error === "string" ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : undefined;

  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-24">
      <div className="w-full max-w-md">
        <h1 className="text-xl font-semibold text-slate-900">Sign in to Handoff Desk</h1>
        <p className="mt-1 text-sm text-slate-500">Website chat, turned into sales and support handoffs.</p>
        {notice ? (
          <p className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="sign-in-notice">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="sign-in-sso-error">
            {error}
          </p>
        ) : null}
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm callbackUrl={callbackUrl} />
          {ssoEnabled ? (
            <form action={signInWithSso} className="mt-4 border-t border-slate-100 pt-4">
              {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
              <button
                type="submit"
                className="flex h-9 w-full items-center justify-center rounded-md border border-slate-300 text-sm font-medium hover:bg-slate-50"
              >
                Sign in with {env.AUTH_OIDC_NAME}
              </button>
            </form>
          ) : null}
        </div>
        {env.DEMO_MODE ? (
          <DemoAccounts accounts={DEMO_ACCOUNTS.map(({ role, email, password }) => ({ role, email, password }))} />
        ) : null}
      </div>
    </main>
  );
}
