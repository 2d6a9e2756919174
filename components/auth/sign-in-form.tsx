"use client";

import { useActionState } from "react";
import { signInWithPassword, type SignInFormState } from "@/app/sign-in/actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const [state, formAction, pending] = useActionState<SignInFormState, FormData>(signInWithPassword, {
    error: null,
    email: "",
    attempts: 0,
  });
  return (
    <form action={formAction} className="space-y-4" noValidate data-attempts={state.attempts}>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-blue-600"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? "sign-in-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-blue-600"
        />
      </div>
      <p id="sign-in-error" aria-live="assertive" data-testid="sign-in-error" className="min-h-5 text-sm text-red-700">
        {state.error}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="flex h-9 w-full items-center justify-center rounded-md bg-slate-900 text-sm font-medium text-white hover:bg-slate-700 disabled:bg-slate-500"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
