"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Keyboard, X } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { StatusMessage } from "../ui/status-message";
import { useHotkeys } from "../ui/use-hotkeys";
import { ActionBar } from "./action-bar";
import { BriefPanel } from "./brief-panel";
import { Dialog } from "../ui/dialog";
import { CaseBodySkeleton, CaseHeaderSkeleton } from "./case-skeleton";
import { LeadPanel, RoutingPanel } from "./context-panel";
import { EditBriefDialog } from "./edit-brief-dialog";
import { Section } from "./evidence";
import { HandOffDialog } from "./hand-off-dialog";
import { HistoryPanel, NotesPanel } from "./history-panel";
import { ClaimBanner } from "./claim-banner";
import { type CaseReview, type DialogName, type EditableField, type ViewEvidence } from "./labels";
import { MergeDialog } from "./merge-dialog";
import { ConfirmDialog, HelpContent, TextDialog } from "./simple-dialogs";
import { Transcript, type Highlight } from "./transcript";
import { readError, useCaseMutations, useClaimHeartbeat } from "./use-case-actions";
import { FirstReplyComposer } from "@/components/replies/first-reply-composer";

// The case page: transcript on the left, brief on the right, the claim line and the actions above.
// Opening it claims an unclaimed case. Every action sends the version on screen; when someone else
// got there first the server's message is shown and the case is loaded again.

interface Notice {
  tone: "success" | "error";
  text: string;
}

const DIALOG_TITLES: Record<DialogName, string> = {
  approve: "Approve the handoff",
  reassign: "Reassign to another owner",
  merge: "Merge with an existing lead",
  spam: "Mark as spam",
  consent: "Request consent",
  edit: "Edit the brief",
  note: "Add a note",
  escalate: "Escalate to a manager",
  help: "Keyboard shortcuts",
};

export function CaseView({ caseId, claimOnOpen }: { caseId: string; claimOnOpen: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.cases.get.queryOptions({ caseId }, { refetchInterval: 30_000 }));
  const m = useCaseMutations();
  const [revealed, setRevealed] = useState<CaseReview | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [highlight, setHighlight] = useState<Highlight | null>(null);
  const [editField, setEditField] = useState<EditableField>("statedNeed");
  const [mergeLeadId, setMergeLeadId] = useState<string | null>(null);

  // A reveal shows until the case changes (or the reviewer masks it again); then it must be asked for again.
  const data = revealed && query.data && revealed.case.version === query.data.case.version ? revealed : query.data;

  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.cases.get.queryKey({ caseId }) }),
    [queryClient, trpc, caseId],
  );

  const dialogOpen = useRef(false);
  useEffect(() => {
    dialogOpen.current = dialog !== null;
  }, [dialog]);
  // Confirmations fade after a while; a refusal stays until dismissed.
  useEffect(() => {
    if (notice?.tone !== "success") return;
    const timer = setTimeout(() => setNotice(null), 8_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const perform = useCallback(
    async (run: () => Promise<unknown>, success: string | null) => {
      setBusy(true);
      setDialogError(null);
      try {
        await run();
        setDialog(null);
        if (success) setNotice({ tone: "success", text: success });
      } catch (error) {
        const { code, message } = readError(error);
        // Someone else acted, or the case left the viewer's reach: the dialog no longer applies.
        if (code === "CONFLICT" || code === "FORBIDDEN" || code === "NOT_FOUND" || !dialogOpen.current) {
          setDialog(null);
          setNotice({ tone: "error", text: message });
        } else {
          setDialogError(message);
        }
      } finally {
        setBusy(false);
        await refresh();
      }
    },
    [refresh],
  );

  // Opening an unclaimed case claims it, at the version on screen: of two reviewers opening it at
  // once, one gets it and the other is told who did.
  const autoClaimed = useRef(false);
  useEffect(() => {
    if (!query.data || autoClaimed.current || !claimOnOpen) return;
    autoClaimed.current = true;
    if (!query.data.allowed.claim) return;
    m.claim
      .mutateAsync({ caseId, version: query.data.case.version })
      .catch((error: unknown) => setNotice({ tone: "error", text: readError(error).message }))
      .finally(() => void refresh());
  }, [query.data, claimOnOpen, caseId, m.claim, refresh]);

  useClaimHeartbeat(
    caseId,
    Boolean(data?.claim.mine),
    (id) => m.touch.mutateAsync({ caseId: id }),
    () => void refresh(),
  );

  const showEvidence = useCallback((evidence: ViewEvidence) => {
    setHighlight((current) => ({ evidence, key: (current?.key ?? 0) + 1 }));
  }, []);

  const open = useCallback(
    (name: DialogName) => {
      if (!data) return;
      if (name !== "help" && !data.allowed.act) {
        setNotice({ tone: "error", text: data.blockedReason ?? "You cannot act on this case." });
        return;
      }
      setDialogError(null);
      if (name === "merge") setMergeLeadId(null);
      setDialog(name);
    },
    [data],
  );

  const claim = useCallback(
    (takeover: boolean) => {
      if (!data) return;
      const version = data.case.version;
      void perform(
        () => m.claim.mutateAsync({ caseId, version, takeover }),
        takeover ? "You took over this case." : "You hold this case.",
      );
    },
    [data, perform, m.claim, caseId],
  );

  useHotkeys(
    {
      c: () => {
        if (data?.allowed.claim) claim(false);
        else if (data && !data.claim.mine)
          setNotice({ tone: "error", text: data.blockedReason ?? "You cannot claim this case." });
      },
      a: () => open("approve"),
      r: () => open("reassign"),
      m: () => open("merge"),
      s: () => open("spam"),
      "?": () => setDialog("help"),
    },
    Boolean(data) && dialog === null,
  );

  const reveal = () =>
    perform(
      async () => setRevealed(await m.reveal.mutateAsync({ caseId })),
      "Masked data is shown. The reveal was recorded in the audit log.",
    );

  const header = (
    <header className="flex min-h-16 items-center justify-between gap-4 border-b border-slate-200 bg-white px-6 py-3">
      <div className="min-w-0">
        <p className="text-xs text-slate-600">
          <Link href="/queue" className="hover:underline">
            Queue
          </Link>{" "}
          / Case
        </p>
        {data ? (
          <h1 className="truncate text-lg font-semibold text-slate-900" data-testid="case-title">
            {data.edits.statedNeed?.value ?? data.brief.statedNeed?.value ?? data.brief.summary}
          </h1>
        ) : query.isPending ? (
          <>
            <h1 className="sr-only">Case</h1>
            <CaseHeaderSkeleton />
          </>
        ) : (
          <h1 className="text-lg font-semibold text-slate-900">Case</h1>
        )}
      </div>
      <Button variant="ghost" onClick={() => setDialog("help")} aria-keyshortcuts="?" className="shrink-0">
        <Keyboard aria-hidden className="h-4 w-4" />
        Shortcuts <kbd className="font-mono text-xs">?</kbd>
      </Button>
    </header>
  );

  const noticeRegion = (
    <div className="pointer-events-none fixed bottom-4 right-4 z-40 flex max-w-md flex-col gap-2">
      <div role="status" aria-live="polite" data-testid="case-status">
        {notice?.tone === "success" ? <Toast notice={notice} onDismiss={() => setNotice(null)} /> : null}
      </div>
      <div role="alert" data-testid="case-alert">
        {notice?.tone === "error" ? <Toast notice={notice} onDismiss={() => setNotice(null)} /> : null}
      </div>
    </div>
  );

  if (query.isPending) {
    return (
      <div className="flex h-screen flex-col" aria-busy="true">
        {header}
        <StatusMessage>
          <span className="sr-only">Loading the case…</span>
        </StatusMessage>
        <CaseBodySkeleton />
      </div>
    );
  }
  if (query.isError || !data) {
    const missing = query.error instanceof TRPCClientError && query.error.data?.code === "NOT_FOUND";
    return (
      <div className="flex h-screen flex-col">
        {header}
        {missing ? (
          <EmptyState title="No such case">
            <p>It may have been removed. Go back to the queue to pick another.</p>
          </EmptyState>
        ) : (
          <div className="px-6 py-4">
            <StatusMessage tone="error" testId="case-load-error">
              Could not load the case: {query.error?.message}
            </StatusMessage>
            <button
              type="button"
              onClick={() => void query.refetch()}
              className="mx-6 h-8 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50"
            >
              Try again
            </button>
          </div>
        )}
      </div>
    );
  }

  const version = data.case.version;
  const closeDialog = () => setDialog(null);
  const dialogProps = { busy, error: dialogError, onCancel: closeDialog };

  return (
    <div className="flex h-screen flex-col" data-testid="case-view" data-version={version}>
      {header}
      <ClaimBanner
        data={data}
        busy={busy}
        onClaim={() => claim(false)}
        onTakeover={() => claim(true)}
        onRelease={() => void perform(() => m.release.mutateAsync({ caseId, version }), "You released the case.")}
      />
      <ActionBar data={data} busy={busy} onOpen={open} />
      <div className="grid min-h-0 flex-1 grid-cols-1 overflow-y-auto lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_26rem] lg:overflow-hidden">
        <section
          aria-labelledby="transcript-heading"
          className="min-h-0 px-6 py-4 lg:overflow-y-auto"
          tabIndex={0}
          data-testid="transcript-panel"
        >
          <div className="mb-3 flex items-center justify-between gap-2">
            <h2 id="transcript-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-600">
              Transcript · {data.messages.length} messages
            </h2>
            {data.revealed ? (
              <span className="text-xs font-medium text-rose-800">Masked data shown (audited)</span>
            ) : null}
          </div>
          <Transcript data={data} highlight={highlight} />
        </section>
        <aside
          aria-label="Brief"
          className="min-h-0 border-l border-slate-200 bg-white lg:overflow-y-auto"
          tabIndex={0}
          data-testid="brief-panel"
        >
          <BriefPanel
            data={data}
            onShow={showEvidence}
            onEdit={(field) => {
              setEditField(field);
              open("edit");
            }}
            onReveal={() => void reveal()}
            onHide={() => setRevealed(null)}
            revealing={busy && m.reveal.isPending}
          />
          <LeadPanel
            data={data}
            busy={busy}
            onMerge={(leadId) => {
              open("merge");
              setMergeLeadId(leadId);
            }}
            onUndo={(mergeId) =>
              void perform(() => m.undoMerge.mutateAsync({ caseId, version, mergeId }), "The merge was undone.")
            }
          />
          <RoutingPanel data={data} />
          <Section id="first-reply" title="First reply">
            {data.case.status === "open" && data.claim.mine ? (
              <FirstReplyComposer conversationId={data.conversation.id} caseId={data.case.id} />
            ) : (
              <p className="text-sm text-slate-600">
                {data.case.status === "open"
                  ? "Hold the case to write the first reply from here."
                  : "Handed on: the first reply is written by the owner who has it now."}
              </p>
            )}
          </Section>
          <NotesPanel data={data} onAdd={() => open("note")} />
          <HistoryPanel data={data} />
        </aside>
      </div>

      <Dialog open={dialog === "approve"} onClose={closeDialog} title={DIALOG_TITLES.approve} testId="dialog-approve">
        <HandOffDialog
          mode="approve"
          data={data}
          {...dialogProps}
          onSubmit={(v) =>
            void perform(
              () =>
                m.approve.mutateAsync({ caseId, version, ownerId: v.ownerId, consentConfirmed: v.consentConfirmed }),
              "Approved: the owner has the handoff.",
            )
          }
        />
      </Dialog>
      <Dialog
        open={dialog === "reassign"}
        onClose={closeDialog}
        title={DIALOG_TITLES.reassign}
        testId="dialog-reassign"
      >
        <HandOffDialog
          mode="reassign"
          data={data}
          {...dialogProps}
          onSubmit={(v) =>
            void perform(
              () =>
                m.reassign.mutateAsync({
                  caseId,
                  version,
                  ownerId: v.ownerId,
                  reason: v.reason,
                  consentConfirmed: v.consentConfirmed,
                }),
              "Reassigned: the new owner has the handoff.",
            )
          }
        />
      </Dialog>
      <Dialog open={dialog === "merge"} onClose={closeDialog} title={DIALOG_TITLES.merge} testId="dialog-merge">
        <MergeDialog
          data={data}
          initialLeadId={mergeLeadId}
          {...dialogProps}
          onSubmit={(v) =>
            void perform(
              () => m.mergeLead.mutateAsync({ caseId, version, ...v }),
              "The leads were merged. You can undo it.",
            )
          }
        />
      </Dialog>
      <Dialog open={dialog === "spam"} onClose={closeDialog} title={DIALOG_TITLES.spam} testId="dialog-spam">
        <ConfirmDialog
          text="The case is closed as spam and nobody contacts the visitor."
          submitLabel="Mark as spam"
          danger
          {...dialogProps}
          onSubmit={() => void perform(() => m.markSpam.mutateAsync({ caseId, version }), "Marked as spam.")}
        />
      </Dialog>
      <Dialog open={dialog === "consent"} onClose={closeDialog} title={DIALOG_TITLES.consent} testId="dialog-consent">
        <ConfirmDialog
          text="No owner contacts the visitor until they agree. The case waits for consent and your claim is released; when the visitor agrees in the chat, the conversation is handed off."
          submitLabel="Request consent"
          {...dialogProps}
          onSubmit={() =>
            void perform(
              () => m.requestConsent.mutateAsync({ caseId, version }),
              "Consent requested. The case waits for it.",
            )
          }
        />
      </Dialog>
      <Dialog open={dialog === "edit"} onClose={closeDialog} title={DIALOG_TITLES.edit} testId="dialog-edit">
        <EditBriefDialog
          data={data}
          initialField={editField}
          {...dialogProps}
          onSubmit={(v) =>
            void perform(
              () => m.editBrief.mutateAsync({ caseId, version, ...v }),
              "The edit was saved beside the original.",
            )
          }
        />
      </Dialog>
      <Dialog open={dialog === "note"} onClose={closeDialog} title={DIALOG_TITLES.note} testId="dialog-note">
        <TextDialog
          label="Note"
          help="Visible to everyone who reviews this case."
          minLength={1}
          maxLength={5000}
          submitLabel="Add note"
          {...dialogProps}
          onSubmit={(body) => void perform(() => m.addNote.mutateAsync({ caseId, version, body }), "Note added.")}
        />
      </Dialog>
      <Dialog
        open={dialog === "escalate"}
        onClose={closeDialog}
        title={DIALOG_TITLES.escalate}
        testId="dialog-escalate"
      >
        <TextDialog
          label="Why a manager should look"
          help="3 to 500 characters. Your claim is released; only managers and admins can work on the case afterwards."
          minLength={3}
          maxLength={500}
          submitLabel="Escalate"
          {...dialogProps}
          onSubmit={(reason) =>
            void perform(() => m.escalate.mutateAsync({ caseId, version, reason }), "Escalated to a manager.")
          }
        />
      </Dialog>
      <Dialog open={dialog === "help"} onClose={closeDialog} title={DIALOG_TITLES.help} testId="dialog-help">
        <HelpContent onClose={closeDialog} />
      </Dialog>
      {noticeRegion}
    </div>
  );
}

function Toast({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  return (
    <div
      className={
        notice.tone === "error"
          ? "pointer-events-auto flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 shadow"
          : "pointer-events-auto flex items-start gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 shadow"
      }
    >
      <p className="min-w-0 flex-1" data-testid="case-notice">
        {notice.text}
      </p>
      <button type="button" onClick={onDismiss} className="rounded p-0.5 hover:bg-black/5" aria-label="Dismiss">
        <X aria-hidden className="h-4 w-4" />
      </button>
    </div>
  );
}
