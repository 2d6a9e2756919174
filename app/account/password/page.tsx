import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/auth/password-forms";
import { safeCallbackPath } from "@/server/auth/callback-path";
import { getCurrentUser } from "@/server/auth/guards";
import { homePathFor } from "@/server/auth/permissions";

export const metadata: Metadata = { title: "Choose your password" };

export default async function PasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in?callbackUrl=%2Faccount%2Fpassword");
  const next = safeCallbackPath((await searchParams).callbackUrl) ?? homePathFor(user.role);
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-24">
      <div className="w-full max-w-md">
        <h1 className="text-xl font-semibold text-slate-900">
          {user.mustChangePassword ? "Choose your own password" : "Change your password"}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {user.mustChangePassword
            ? "You signed in with a one-time password. Choose your own to continue."
            : "Your other sessions end when you change it."}
        </p>
        <div className="mt-6">
          <ChangePasswordForm email={user.email} next={next} />
        </div>
      </div>
    </main>
  );
}
