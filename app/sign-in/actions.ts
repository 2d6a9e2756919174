"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { OIDC_PROVIDER_ID, signIn } from "@/server/auth/config";
import { safeCallbackPath } from "@/server/auth/callback-path";
import { SIGN_IN_MESSAGES, type SignInFailure } from "@/server/services/sign-in";

export interface SignInFormState {
  error: string | null;
  email: string;
  /** Counts answered attempts, so the form (and its tests) can tell one refusal from the next. */
  attempts: number;
}

export async function signInWithPassword(previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const email = String(formData.get("email") ?? "");
  const attempts = previous.attempts + 1;
  try {
    await signIn("credentials", {
      email,
      password: String(formData.get("password") ?? ""),
      redirectTo: safeCallbackPath(formData.get("callbackUrl")) ?? "/",
    });
    return { error: null, email, attempts };
  } catch (error) {
    // signIn redirects by throwing; only Auth.js errors are ours to turn into a message.
    if (!(error instanceof AuthError)) throw error;
    const code = error instanceof CredentialsSignin ? (error.code as SignInFailure) : undefined;
    return { error: (code && SIGN_IN_MESSAGES[code]) ?? "Sign-in failed. Try again.", email, attempts };
  }
}

export async function signInWithSso(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeCallbackPath(formData.get("callbackUrl")) ?? "/" });
}
