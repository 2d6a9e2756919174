"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/password-rules";
import { Button } from "../ui/button";

// Choosing a password: from an invitation link (no session yet), or after signing in with a
// one-time password. The server checks the same rules; its refusal names the field.

const INPUT = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-blue-600";

function NewPasswordFields({
  value,
  onChange,
}: {
  value: { next: string; again: string };
  onChange: (v: { next: string; again: string }) => void;
}) {
  return (
    <>
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium text-slate-700">
          New password
        </label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          className={INPUT}
          value={value.next}
          onChange={(e) => onChange({ ...value, next: e.target.value })}
        />
        <p className="mt-1 text-xs text-slate-500">At least {MIN_PASSWORD_LENGTH} characters.</p>
      </div>
      <div>
        <label htmlFor="new-password-again" className="block text-sm font-medium text-slate-700">
          New password, again
        </label>
        <input
          id="new-password-again"
          type="password"
          autoComplete="new-password"
          className={INPUT}
          value={value.again}
          onChange={(e) => onChange({ ...value, again: e.target.value })}
        />
      </div>
    </>
  );
}

function localProblem(value: { next: string; again: string }): string | null {
  if (value.next.length < MIN_PASSWORD_LENGTH)
    return `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (value.next !== value.again) return "The two passwords differ.";
  return null;
}

function Problem({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="password-error">
      {text}
    </p>
  );
}

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState({ next: "", again: "" });
  const [problem, setProblem] = useState<string | null>(null);
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: () => router.push(`/sign-in?reason=password_set`),
      onError: (error) => setProblem(error.message),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = localProblem(value);
    setProblem(local);
    if (!local) accept.mutate({ token, password: value.next });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordFields value={value} onChange={setValue} />
      <Problem text={problem} />
      <Button type="submit" className="w-full" disabled={accept.isPending}>
        {accept.isPending ? "Saving…" : "Set my password"}
      </Button>
    </form>
  );
}

export function ChangePasswordForm({ email, next }: { email: string; next: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [current, setCurrent] = useState("");
  const [value, setValue] = useState({ next: "", again: "" });
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(
    trpc.viewer.changePassword.mutationOptions({
      onSuccess: () => {
        router.push(next);
        router.refresh();
      },
      onError: (error) => setProblem(error.message),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local = current ? localProblem(value) : "Enter the password you signed in with.";
    setProblem(local);
    if (!local) change.mutate({ current, next: value.next });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="current-password" className="block text-sm font-medium text-slate-700">
          Current password
        </label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          className={INPUT}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </div>
      <NewPasswordFields value={value} onChange={setValue} />
      <Problem text={problem} />
      <Button type="submit" className="w-full" disabled={change.isPending}>
        {change.isPending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
