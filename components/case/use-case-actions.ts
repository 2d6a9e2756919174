"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc";

// The case's mutations, the way their errors read to a person, and the heartbeat that keeps the
// reviewer's claim alive while they work.

export function useCaseMutations() {
  const trpc = useTRPC();
  return {
    claim: useMutation(trpc.cases.claim.mutationOptions()),
    release: useMutation(trpc.cases.release.mutationOptions()),
    touch: useMutation(trpc.cases.touch.mutationOptions()),
    reveal: useMutation(trpc.cases.reveal.mutationOptions()),
    approve: useMutation(trpc.cases.approve.mutationOptions()),
    reassign: useMutation(trpc.cases.reassign.mutationOptions()),
    mergeLead: useMutation(trpc.cases.mergeLead.mutationOptions()),
    undoMerge: useMutation(trpc.cases.undoMerge.mutationOptions()),
    markSpam: useMutation(trpc.cases.markSpam.mutationOptions()),
    requestConsent: useMutation(trpc.cases.requestConsent.mutationOptions()),
    editBrief: useMutation(trpc.cases.editBrief.mutationOptions()),
    addNote: useMutation(trpc.cases.addNote.mutationOptions()),
    escalate: useMutation(trpc.cases.escalate.mutationOptions()),
  };
}

/** The server's code and message; for invalid input, the messages naming each field. */
export function readError(error: unknown): { code: string | null; message: string } {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; fieldErrors?: Record<string, string[] | undefined> | null } | undefined;
    const fields = Object.values(data?.fieldErrors ?? {}).flatMap((messages) => messages ?? []);
    return { code: data?.code ?? null, message: fields.length > 0 ? fields.join(" ") : error.message };
  }
  return { code: null, message: "Something went wrong. Try again." };
}

const TOUCH_EVERY_MS = 60_000;

/**
 * While the viewer holds the claim, any key press, click or scroll refreshes it, at most once a
 * minute; `onLost` runs when the server says the claim is no longer theirs.
 */
export function useClaimHeartbeat(
  caseId: string,
  holding: boolean,
  touch: (caseId: string) => Promise<{ held: boolean }>,
  onLost: () => void,
) {
  const latest = useRef({ touch, onLost });
  useEffect(() => {
    latest.current = { touch, onLost };
  });
  useEffect(() => {
    if (!holding) return;
    let last = Date.now();
    const onActivity = () => {
      if (Date.now() - last < TOUCH_EVERY_MS) return;
      last = Date.now();
      latest.current
        .touch(caseId)
        .then((result) => {
          if (!result.held) latest.current.onLost();
        })
        .catch(() => latest.current.onLost());
    };
    const events = ["keydown", "pointerdown", "scroll", "focusin"] as const;
    for (const type of events) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of events) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [caseId, holding]);
}
