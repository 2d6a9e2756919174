"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { RetentionSettings } from "@/server/services/data-protection/retention";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog, DialogForm } from "../ui/dialog";
import { FIELD } from "../ui/filter-field";
import { StatusMessage } from "../ui/status-message";
import { Cell, DataTable } from "../ui/table";
import { Field } from "./fields";
import { formatDateTime } from "./format";

// Data protection: how long transcripts are kept, and a contact's data on request (look up, export
// as JSON, erase). Admins only; every change, export and erasure is audited on the server.

export function DataProtection() {
  return (
    <div className="space-y-8 px-6 py-4">
      <section aria-labelledby="retention-heading" className="space-y-3">
        <h2 id="retention-heading" className="text-base font-semibold text-slate-900">
          Retention
        </h2>
        <RetentionForm />
      </section>
      <section aria-labelledby="contact-heading" className="space-y-3">
        <h2 id="contact-heading" className="text-base font-semibold text-slate-900">
          A contact&apos;s data
        </h2>
        <p className="max-w-2xl text-sm text-slate-600">
          Find everything stored about one person by their email or phone number, to send them a copy or to erase it on
          request.
        </p>
        <ContactRequests />
      </section>
    </div>
  );
}

function RetentionForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retention = useQuery(trpc.dataProtection.retention.queryOptions());
  const [draft, setDraft] = useState<RetentionSettings | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.dataProtection.retention.queryKey() });
  const save = useMutation(trpc.dataProtection.setRetention.mutationOptions({ onSuccess: invalidate }));
  const run = useMutation(trpc.dataProtection.runRetention.mutationOptions({ onSuccess: invalidate }));
  if (retention.isPending) return <StatusMessage>Loading…</StatusMessage>;
  if (retention.isError) return <StatusMessage tone="error">{retention.error.message}</StatusMessage>;
  const settings = draft ?? retention.data.settings;
  const set = (patch: Partial<RetentionSettings>) => setDraft({ ...settings, ...patch });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(settings, { onSuccess: () => setDraft(null) });
  };
  const fieldErrors = save.error?.data?.fieldErrors as Record<string, string[]> | null | undefined;
  const lastRun = retention.data.lastRun;
  return (
    <form onSubmit={submit} className="max-w-2xl space-y-3" noValidate data-testid="retention-form">
      <label className="inline-flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" checked={settings.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        Remove transcripts after a retention period
      </label>
      <Field
        label="Keep transcripts for (days)"
        htmlFor="retention-days"
        error={fieldErrors?.days?.[0]}
        className="max-w-[14rem]"
      >
        <input
          id="retention-days"
          type="number"
          min={7}
          max={3650}
          disabled={!settings.enabled}
          className={cn(FIELD, "w-full")}
          value={Number.isNaN(settings.days) ? "" : settings.days}
          onChange={(e) => set({ days: e.target.value === "" ? Number.NaN : Number(e.target.value) })}
        />
      </Field>
      <fieldset className="space-y-1 text-sm text-slate-800" disabled={!settings.enabled}>
        <legend className="text-xs font-medium text-slate-600">Then</legend>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="retention-mode"
            checked={settings.mode === "redact"}
            onChange={() => set({ mode: "redact" })}
          />
          <span>
            <strong>Redact</strong>: keep the messages with every email, phone number, name and company replaced.
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input
            type="radio"
            name="retention-mode"
            checked={settings.mode === "delete"}
            onChange={() => set({ mode: "delete" })}
          />
          <span>
            <strong>Delete</strong>: remove the messages and the quotes from the summary.
          </span>
        </label>
        <p className="text-xs text-slate-500">
          Either way the summary&apos;s facts (intent, topic, outcome) stay, so the dashboards keep counting them.
        </p>
      </fieldset>
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={draft === null || save.isPending}>
          {save.isPending ? "Saving…" : "Save retention"}
        </Button>
        <Button
          variant="secondary"
          disabled={!retention.data.settings.enabled || run.isPending || draft !== null}
          onClick={() => run.mutate()}
        >
          {run.isPending ? "Running…" : "Run now"}
        </Button>
      </div>
      {save.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
      <p className="text-sm text-slate-600" data-testid="retention-status" aria-live="polite">
        {run.data
          ? `Removed ${run.data.removed} transcript${run.data.removed === 1 ? "" : "s"} just now.`
          : lastRun
            ? `Last run ${formatDateTime(lastRun.at)}: ${lastRun.removed} transcript${lastRun.removed === 1 ? "" : "s"} ${lastRun.mode === "delete" ? "deleted" : "redacted"}.`
            : "The job runs daily at 03:17 UTC once retention is on."}{" "}
        {retention.data.removedSoFar} removed so far.
      </p>
    </form>
  );
}

const COUNT_LABELS: Record<string, string> = {
  leads: "Leads",
  conversations: "Conversations (with their transcripts, summaries and consent records)",
  handoffs: "Handoffs",
  cases: "Review cases",
  replies: "First replies",
  webhookDeliveries: "Webhook deliveries (queued or logged)",
  emails: "Emails sent about them",
  auditEntries: "Audit entries about their records (kept, emptied)",
  chatsInProgress: "Chats in progress on the chat widget",
  otherConversations: "Other visitors' conversations that mention them (kept; each mention blanked)",
  otherRecords: "Other records that mention them: notes, deliveries, audit entries, duplicate lists (kept; blanked)",
};

function ContactRequests() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [input, setInput] = useState({ email: "", phone: "" });
  const [subject, setSubject] = useState<{ email?: string; phone?: string } | null>(null);
  const [erasing, setErasing] = useState(false);
  const lookup = useQuery({
    ...trpc.dataProtection.lookupContact.queryOptions(subject ?? {}),
    enabled: subject !== null,
    staleTime: 0,
  });
  const exportContact = useMutation(
    trpc.dataProtection.exportContact.mutationOptions({
      onSuccess: (data) => {
        const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = `contact-export-${data.exportedAt.slice(0, 10)}.json`;
        link.click();
        URL.revokeObjectURL(url);
      },
    }),
  );
  const erase = useMutation(trpc.dataProtection.eraseContact.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    erase.reset();
    exportContact.reset();
    setSubject({ email: input.email.trim() || undefined, phone: input.phone.trim() || undefined });
    // Looking up the same contact again asks the server again (after an erasure, say).
    void queryClient.invalidateQueries({ queryKey: trpc.dataProtection.lookupContact.queryKey() });
  };
  const lookupErrors = lookup.error?.data?.fieldErrors as Record<string, string[]> | null | undefined;
  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
        <Field label="Email" htmlFor="contact-email" error={lookupErrors?.email?.[0]}>
          <input
            id="contact-email"
            type="email"
            autoComplete="off"
            className={cn(FIELD, "w-64")}
            value={input.email}
            onChange={(e) => setInput({ ...input, email: e.target.value })}
          />
        </Field>
        <Field label="or phone" htmlFor="contact-phone" error={lookupErrors?.phone?.[0]}>
          <input
            id="contact-phone"
            type="tel"
            autoComplete="off"
            placeholder="+44 7700 900123"
            className={cn(FIELD, "w-48")}
            value={input.phone}
            onChange={(e) => setInput({ ...input, phone: e.target.value })}
          />
        </Field>
        <Button type="submit" variant="secondary">
          Look up
        </Button>
      </form>
      {lookup.isError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="contact-error">
          {lookup.error.message}
        </p>
      ) : null}
      {erase.data ? (
        <p role="status" className="text-sm text-emerald-800" data-testid="erase-result">
          Erased: {erase.data.counts.conversations} conversation{erase.data.counts.conversations === 1 ? "" : "s"} and{" "}
          {erase.data.counts.leads} lead{erase.data.counts.leads === 1 ? "" : "s"}. Tombstone {erase.data.tombstoneId}.
        </p>
      ) : lookup.data ? (
        lookup.data.found ? (
          <div className="space-y-3" data-testid="contact-found">
            <DataTable caption="What is stored about this contact" columns={[{ label: "Kind" }, { label: "Rows" }]}>
              {Object.entries(lookup.data.counts).map(([kind, count]) => (
                <tr key={kind}>
                  <Cell>{COUNT_LABELS[kind] ?? kind}</Cell>
                  <Cell className="tabular-nums">{count}</Cell>
                </tr>
              ))}
            </DataTable>
            <div className="flex gap-2">
              <Button
                variant="secondary"
                disabled={exportContact.isPending}
                onClick={() => subject && exportContact.mutate(subject)}
              >
                {exportContact.isPending ? "Exporting…" : "Export as JSON"}
              </Button>
              <Button variant="danger" onClick={() => setErasing(true)}>
                Erase…
              </Button>
            </div>
            {exportContact.isError ? (
              <p role="alert" className="text-sm text-red-700">
                {exportContact.error.message}
              </p>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-slate-700" data-testid="contact-not-found">
            Nothing is stored about this contact.
          </p>
        )
      ) : null}
      <Dialog open={erasing} onClose={() => setErasing(false)} title="Erase this contact?">
        {subject ? (
          <EraseForm
            subject={subject}
            busy={erase.isPending}
            error={erase.error?.message ?? null}
            onCancel={() => setErasing(false)}
            onErase={(reason) => erase.mutate({ subject, reason }, { onSuccess: () => setErasing(false) })}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

function EraseForm({
  subject,
  busy,
  error,
  onCancel,
  onErase,
}: {
  subject: { email?: string; phone?: string };
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onErase: (reason: string) => void;
}) {
  const [confirm, setConfirm] = useState("");
  const [reason, setReason] = useState("");
  const expected = subject.email ?? subject.phone ?? "";
  const ready = confirm.trim().toLowerCase() === expected.toLowerCase() && reason.trim().length >= 3;
  return (
    <DialogForm
      onSubmit={() => onErase(reason.trim())}
      onCancel={onCancel}
      submitLabel="Erase for good"
      busy={busy}
      error={error}
      disabled={!ready}
      danger
    >
      <p className="text-sm text-slate-700">
        Their leads and conversations, with every handoff, case, reply, consent record and webhook delivery about them,
        are deleted for good. Only a tombstone with the counts stays. This cannot be undone.
      </p>
      <Field label={`Type ${expected} to confirm`} htmlFor="erase-confirm">
        <input
          id="erase-confirm"
          autoComplete="off"
          className={cn(FIELD, "w-full")}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </Field>
      <Field label="Reason (the request's reference)" htmlFor="erase-reason">
        <input
          id="erase-reason"
          className={cn(FIELD, "w-full")}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
    </DialogForm>
  );
}
