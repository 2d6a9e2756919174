"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ZApprovedLanguage, type ApprovedLanguage } from "@/server/domain/replies/approved-language";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog } from "../ui/dialog";
import { FIELD } from "../ui/filter-field";
import { StatusMessage } from "../ui/status-message";
import { Field } from "./fields";
import { formatDateTime } from "./format";
import { VersionedEditor } from "./versioned-editor";

// Approved language: what the bot says at each step, the consent wordings (a new version for every
// change, so each consent record names the words the visitor saw), the clarifying question per topic,
// and the first-reply templates. The server refuses any sentence that could make a promise.

const BOT_MESSAGES = [
  ["handoff", "After a handoff (someone will be in touch)"],
  ["escalate", "When a person must answer (pricing, scope, legal, emergencies, guarantees)"],
  ["stopBot", "When the bot stops (frustration, repetition)"],
  ["collectContact", "Asking for contact details"],
  ["greeting", "Chat widget: the greeting"],
  ["passedOn", "Chat widget: a message passed on without a handoff (no contact details, or consent unclear)"],
  ["consentRefused", "Chat widget: the visitor said not to contact them"],
  ["addedToRequest", "Chat widget: a message added after the handoff"],
] as const;

export function ApprovedLanguageEditor() {
  const trpc = useTRPC();
  const editor = useQuery({ ...trpc.language.editor.queryOptions(), staleTime: Infinity, refetchOnWindowFocus: false });
  if (editor.isPending) return <StatusMessage>Loading approved language…</StatusMessage>;
  if (editor.isError) return <StatusMessage tone="error">{editor.error.message}</StatusMessage>;
  const data = editor.data;
  const publishedVersions = new Set(data.published.document.consentWordings.map((w) => w.version));
  return (
    <>
      <VersionedEditor<ApprovedLanguage, typeof data>
        key={`${data.published.version}:${data.draftRevision}`}
        kind="language"
        schema={ZApprovedLanguage}
        editor={data}
      >
        {({ document, setDocument, issues }) => (
          <>
            <section aria-labelledby="bot-heading" className="max-w-3xl space-y-3">
              <h2 id="bot-heading" className="text-base font-semibold text-slate-900">
                What the bot says
              </h2>
              {BOT_MESSAGES.map(([key, label]) => (
                <Field key={key} label={label} htmlFor={`bot-${key}`} error={issues.get(`botReplies.${key}`)}>
                  <textarea
                    id={`bot-${key}`}
                    rows={2}
                    className={cn(FIELD, "h-auto w-full py-1.5")}
                    value={document.botReplies[key]}
                    onChange={(e) =>
                      setDocument({ ...document, botReplies: { ...document.botReplies, [key]: e.target.value } })
                    }
                  />
                </Field>
              ))}
            </section>

            <section aria-labelledby="consent-heading" className="max-w-3xl space-y-3">
              <h2 id="consent-heading" className="text-base font-semibold text-slate-900">
                Consent wording
              </h2>
              <p className="text-sm text-slate-600">
                Visitors are asked with the newest wording. Each consent record keeps the version the visitor saw, so a
                published wording never changes: add a new version instead.
              </p>
              <ol className="space-y-2" data-testid="consent-wordings">
                {document.consentWordings.map((wording, index) => {
                  const locked = publishedVersions.has(wording.version);
                  const current = index === document.consentWordings.length - 1;
                  return (
                    <li key={index} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                      <div className="flex items-center gap-2">
                        <code className="text-xs">{wording.version}</code>
                        {current ? <Badge tone="green">Asked now</Badge> : null}
                        {locked ? <Badge>Shown to visitors</Badge> : <Badge tone="blue">New</Badge>}
                        {!locked ? (
                          <Button
                            variant="ghost"
                            className="ml-auto"
                            onClick={() =>
                              setDocument({
                                ...document,
                                consentWordings: document.consentWordings.filter((_, i) => i !== index),
                              })
                            }
                          >
                            Remove
                          </Button>
                        ) : null}
                      </div>
                      {locked ? (
                        <p className="mt-1 text-slate-800">{wording.text}</p>
                      ) : (
                        <Field
                          label={`Wording ${wording.version}`}
                          htmlFor={`consent-${index}`}
                          error={issues.get(`consentWordings.${index}.text`)}
                        >
                          <textarea
                            id={`consent-${index}`}
                            rows={2}
                            className={cn(FIELD, "h-auto w-full py-1.5")}
                            value={wording.text}
                            onChange={(e) =>
                              setDocument({
                                ...document,
                                consentWordings: document.consentWordings.map((w, i) =>
                                  i === index ? { ...w, text: e.target.value } : w,
                                ),
                              })
                            }
                          />
                        </Field>
                      )}
                    </li>
                  );
                })}
              </ol>
              <Button
                variant="secondary"
                onClick={() => {
                  let n = document.consentWordings.length + 1;
                  while (document.consentWordings.some((w) => w.version === `consent-${n}`)) n++;
                  setDocument({
                    ...document,
                    consentWordings: [
                      ...document.consentWordings,
                      { version: `consent-${n}`, text: document.consentWordings.at(-1)?.text ?? "" },
                    ],
                  });
                }}
              >
                Add a new wording
              </Button>
            </section>

            <section aria-labelledby="clarify-heading" className="max-w-3xl space-y-3">
              <h2 id="clarify-heading" className="text-base font-semibold text-slate-900">
                Clarifying questions
              </h2>
              <p className="text-sm text-slate-600">
                When a visitor&apos;s need is vague, the bot asks one question, chosen by the topic. Empty: the built-in
                question (shown greyed).
              </p>
              {data.topics.map((topic) => (
                <Field
                  key={topic.id}
                  label={topic.label}
                  htmlFor={`clarify-${topic.id}`}
                  error={issues.get(`clarifyingQuestions.${topic.id}`)}
                >
                  <input
                    id={`clarify-${topic.id}`}
                    className={cn(FIELD, "w-full")}
                    placeholder={topic.clarifyingQuestion}
                    value={document.clarifyingQuestions[topic.id] ?? ""}
                    onChange={(e) => {
                      const questions = { ...document.clarifyingQuestions };
                      if (e.target.value) questions[topic.id] = e.target.value;
                      else delete questions[topic.id];
                      setDocument({ ...document, clarifyingQuestions: questions });
                    }}
                  />
                </Field>
              ))}
              <Field label="Any other topic" htmlFor="clarify-default" error={issues.get("defaultClarifyingQuestion")}>
                <input
                  id="clarify-default"
                  className={cn(FIELD, "w-full")}
                  placeholder={data.builtInDefaultQuestion}
                  value={document.defaultClarifyingQuestion ?? ""}
                  onChange={(e) => setDocument({ ...document, defaultClarifyingQuestion: e.target.value || undefined })}
                />
              </Field>
            </section>
          </>
        )}
      </VersionedEditor>
      <section aria-labelledby="templates-heading" className="max-w-3xl space-y-3 px-6 pb-8">
        <h2 id="templates-heading" className="text-base font-semibold text-slate-900">
          First-reply templates
        </h2>
        <p className="text-sm text-slate-600">
          Owners start their first email to a visitor from one of these. Placeholders: {"{{name}}"}, {"{{need}}"} and{" "}
          {"{{owner}}"}. Saved at once (not part of the draft above), and checked for promises.
        </p>
        <Templates />
      </section>
    </>
  );
}

interface TemplateForm {
  id?: string;
  name: string;
  body: string;
  active: boolean;
}

function Templates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.language.templates.queryOptions());
  const [editing, setEditing] = useState<TemplateForm | null>(null);
  const save = useMutation(
    trpc.language.saveTemplate.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        await queryClient.invalidateQueries({ queryKey: trpc.language.templates.queryKey() });
      },
    }),
  );
  const errors = save.error?.data?.fieldErrors as Record<string, string[] | undefined> | null | undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (editing) save.mutate(editing);
  };
  if (templates.isPending) return <StatusMessage>Loading templates…</StatusMessage>;
  if (templates.isError) return <StatusMessage tone="error">{templates.error.message}</StatusMessage>;
  return (
    <>
      <ul className="space-y-2" data-testid="templates">
        {templates.data.map((template) => (
          <li key={template.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
            <div className="flex items-center gap-2">
              <span className="font-medium text-slate-900">{template.name}</span>
              {template.active ? <Badge tone="green">In use</Badge> : <Badge>Off</Badge>}
              <span className="text-slate-600">
                {template._count.replies} repl{template._count.replies === 1 ? "y" : "ies"} · edited{" "}
                {formatDateTime(template.updatedAt)}
              </span>
              <Button
                variant="secondary"
                className="ml-auto"
                aria-label={`Edit template ${template.name}`}
                onClick={() => {
                  save.reset();
                  setEditing({ id: template.id, name: template.name, body: template.body, active: template.active });
                }}
              >
                Edit
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <Button
        variant="secondary"
        onClick={() => {
          save.reset();
          setEditing({ name: "", body: "Hi {{name}},\n\n\n\nBest regards,\n{{owner}}", active: true });
        }}
      >
        New template
      </Button>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.id ? "Edit template" : "New template"}
      >
        {editing ? (
          <form onSubmit={submit} className="space-y-3" noValidate>
            <Field label="Name" htmlFor="template-name" error={errors?.name?.[0]}>
              <input
                id="template-name"
                className={cn(FIELD, "w-full")}
                value={editing.name}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
              />
            </Field>
            <Field label="Body" htmlFor="template-body" error={errors?.body?.[0]}>
              <textarea
                id="template-body"
                rows={10}
                className={cn(FIELD, "h-auto w-full py-1.5 font-mono text-xs")}
                value={editing.body}
                onChange={(e) => setEditing({ ...editing, body: e.target.value })}
              />
            </Field>
            <label className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={editing.active}
                onChange={(e) => setEditing({ ...editing, active: e.target.checked })}
              />
              Offer it to owners
            </label>
            {save.isError && !errors ? (
              <p role="alert" className="text-sm text-red-700">
                {save.error.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setEditing(null)}>
                Cancel
              </Button>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save template"}
              </Button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </>
  );
}
