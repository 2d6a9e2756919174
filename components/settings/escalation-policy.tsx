"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ESCALATION_FLAGS } from "@/server/domain/analysis/decide";
import { ZPolicySettings, type PhraseChanges, type PolicySettings } from "@/server/domain/analysis/policy-settings";
import { FLAGS, type Flag } from "@/server/domain/analysis/types";
import { FLAG_LABELS } from "../case/labels";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { FIELD } from "../ui/filter-field";
import { StatusMessage } from "../ui/status-message";
import { Field, FieldError } from "./fields";
import { VersionedEditor } from "./versioned-editor";

// The escalation policy: phrases per flag, what counts as high value, which flags stop the bot, and
// the topics; each section with a test box running the draft on sample text beside the policy in force.

type Issues = Map<string, string>;
const NO_CHANGES: PhraseChanges = { add: [], remove: [] };

export function EscalationPolicyEditor() {
  const trpc = useTRPC();
  const editor = useQuery({ ...trpc.policy.editor.queryOptions(), staleTime: Infinity, refetchOnWindowFocus: false });
  if (editor.isPending) return <StatusMessage>Loading the escalation policy…</StatusMessage>;
  if (editor.isError) return <StatusMessage tone="error">{editor.error.message}</StatusMessage>;
  const data = editor.data;
  const reference = data.reference;
  return (
    <VersionedEditor<PolicySettings, typeof data>
      key={`${data.published.version}:${data.draftRevision}`}
      kind="policy"
      schema={ZPolicySettings}
      editor={data}
    >
      {({ document, setDocument, issues }) => {
        const setFlag = (flag: Flag, changes: PhraseChanges) =>
          setDocument({ ...document, flags: { ...document.flags, [flag]: changes } });
        return (
          <>
            <section aria-labelledby="flags-heading" className="space-y-3">
              <h2 id="flags-heading" className="text-base font-semibold text-slate-900">
                Phrases per flag
              </h2>
              <p className="max-w-3xl text-sm text-slate-600">
                A phrase matches whole words in what the visitor writes, whatever the case. Add the words your visitors
                use; switch off a built-in pattern that misfires for your business.
              </p>
              <div className="space-y-2">
                {FLAGS.map((flag) => (
                  <PhraseList
                    key={flag}
                    id={`flag-${flag}`}
                    title={FLAG_LABELS[flag] ?? flag}
                    builtIn={reference.flags[flag] ?? []}
                    changes={document.flags[flag] ?? NO_CHANGES}
                    issues={issues}
                    issuePath={`flags.${flag}`}
                    onChange={(changes) => setFlag(flag, changes)}
                  />
                ))}
              </div>
              <TestBox document={document} focus="flags" />
            </section>

            <section aria-labelledby="high-value-heading" className="space-y-3">
              <h2 id="high-value-heading" className="text-base font-semibold text-slate-900">
                High value
              </h2>
              <div className="grid max-w-xl gap-3 sm:grid-cols-2">
                <Field
                  label="Company size from (people)"
                  htmlFor="hv-size"
                  error={issues.get("highValue.minCompanySize")}
                  hint={`Built in: ${reference.highValue.minCompanySize}`}
                >
                  <input
                    id="hv-size"
                    type="number"
                    className={cn(FIELD, "w-full")}
                    value={document.highValue.minCompanySize ?? ""}
                    placeholder={String(reference.highValue.minCompanySize)}
                    onChange={(e) =>
                      setDocument({
                        ...document,
                        highValue: {
                          ...document.highValue,
                          minCompanySize: e.target.value === "" ? undefined : Number(e.target.value),
                        },
                      })
                    }
                  />
                </Field>
                <Field
                  label="Budget from"
                  htmlFor="hv-budget"
                  error={issues.get("highValue.minBudget")}
                  hint={`Built in: ${reference.highValue.minBudget.toLocaleString("en-GB")}`}
                >
                  <input
                    id="hv-budget"
                    type="number"
                    className={cn(FIELD, "w-full")}
                    value={document.highValue.minBudget ?? ""}
                    placeholder={String(reference.highValue.minBudget)}
                    onChange={(e) =>
                      setDocument({
                        ...document,
                        highValue: {
                          ...document.highValue,
                          minBudget: e.target.value === "" ? undefined : Number(e.target.value),
                        },
                      })
                    }
                  />
                </Field>
              </div>
              <PhraseList
                id="hv-pages"
                title="Pages whose visitors are high value"
                addLabel="Add a page path (use * for any characters)"
                placeholder="/enterprise/*"
                builtIn={reference.highValue.pages}
                changes={document.highValue.pages}
                issues={issues}
                issuePath="highValue.pages"
                open
                onChange={(pages) => setDocument({ ...document, highValue: { ...document.highValue, pages } })}
              />
              <TestBox document={document} focus="highValue" />
            </section>

            <section aria-labelledby="stop-heading" className="space-y-3">
              <h2 id="stop-heading" className="text-base font-semibold text-slate-900">
                When the bot stops
              </h2>
              <p className="max-w-3xl text-sm text-slate-600">
                The bot always stops and hands to a person when the visitor is frustrated or repeats themselves. On the
                flags below it escalates (a person answers the question); tick one to have the bot stop at once instead.
              </p>
              <div
                className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800"
                role="group"
                aria-label="Flags that stop the bot"
              >
                {(["frustration", "repetition"] as const).map((flag) => (
                  <label key={flag} className="inline-flex items-center gap-1.5 text-slate-500">
                    <input type="checkbox" checked disabled /> {FLAG_LABELS[flag]} (always)
                  </label>
                ))}
                {ESCALATION_FLAGS.map((flag) => (
                  <label key={flag} className="inline-flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      checked={document.stopBotAlso.includes(flag)}
                      onChange={(e) =>
                        setDocument({
                          ...document,
                          stopBotAlso: e.target.checked
                            ? [...document.stopBotAlso, flag]
                            : document.stopBotAlso.filter((f) => f !== flag),
                        })
                      }
                    />
                    {FLAG_LABELS[flag] ?? flag}
                  </label>
                ))}
              </div>
              <TestBox document={document} focus="nextAction" />
            </section>

            <section aria-labelledby="topics-heading" className="space-y-3">
              <h2 id="topics-heading" className="text-base font-semibold text-slate-900">
                Topics
              </h2>
              <Topics document={document} setDocument={setDocument} issues={issues} reference={reference.topics} />
              <TestBox document={document} focus="topic" />
            </section>
          </>
        );
      }}
    </VersionedEditor>
  );
}

function PhraseList({
  id,
  title,
  builtIn,
  changes,
  issues,
  issuePath,
  addLabel = "Add a phrase",
  placeholder,
  open,
  onChange,
}: {
  id: string;
  title: string;
  builtIn: readonly string[];
  changes: PhraseChanges;
  issues: Issues;
  issuePath: string;
  addLabel?: string;
  placeholder?: string;
  open?: boolean;
  onChange: (changes: PhraseChanges) => void;
}) {
  const [phrase, setPhrase] = useState("");
  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = phrase.trim();
    if (!value || changes.add.includes(value)) return;
    onChange({ ...changes, add: [...changes.add, value] });
    setPhrase("");
  };
  const off = new Set(changes.remove);
  const addError = [...issues.entries()].find(([path]) => path.startsWith(`${issuePath}.add`))?.[1];
  return (
    <details className="rounded-md border border-slate-200 bg-white" open={open} data-testid={id}>
      <summary className="cursor-pointer px-3 py-2 text-sm">
        <span className="font-medium text-slate-900">{title}</span>{" "}
        <span className="text-slate-600">
          {builtIn.length - off.size} built-in pattern{builtIn.length - off.size === 1 ? "" : "s"}
          {changes.add.length ? `, ${changes.add.length} added` : ""}
        </span>
      </summary>
      <div className="space-y-2 border-t border-slate-100 px-3 py-2">
        <ul className="flex flex-wrap gap-2" aria-label={`${title}: added`}>
          {changes.add.map((value) => (
            <li
              key={value}
              className="inline-flex items-center gap-1 rounded bg-sky-50 px-2 py-0.5 text-sm text-sky-900"
            >
              {value}
              <button
                type="button"
                aria-label={`Remove ${value}`}
                className="text-sky-700 hover:text-sky-950"
                onClick={() => onChange({ ...changes, add: changes.add.filter((p) => p !== value) })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <div className="flex items-end gap-2">
          <Field label={addLabel} htmlFor={`${id}-add`}>
            <input
              id={`${id}-add`}
              className={cn(FIELD, "w-72")}
              value={phrase}
              placeholder={placeholder}
              onChange={(e) => setPhrase(e.target.value)}
              onKeyDown={(e) => e.key === "Enter" && add(e)}
            />
          </Field>
          <Button variant="secondary" onClick={add}>
            Add
          </Button>
        </div>
        <FieldError id={`${id}-error`} message={addError} />
        {builtIn.length > 0 ? (
          <details>
            <summary className="cursor-pointer text-xs text-slate-600">Built-in patterns</summary>
            <ul className="mt-1 space-y-1">
              {builtIn.map((pattern) => (
                <li key={pattern} className="flex items-start gap-2 text-xs">
                  <input
                    type="checkbox"
                    aria-label={`Use built-in pattern ${pattern.slice(0, 60)}`}
                    checked={!off.has(pattern)}
                    onChange={(e) =>
                      onChange({
                        ...changes,
                        remove: e.target.checked
                          ? changes.remove.filter((p) => p !== pattern)
                          : [...changes.remove, pattern],
                      })
                    }
                  />
                  <code className={cn("break-all text-slate-700", off.has(pattern) && "line-through opacity-60")}>
                    {pattern}
                  </code>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </details>
  );
}

interface ReferenceTopic {
  id: string;
  label: string;
  patterns: string[];
}

function Topics({
  document,
  setDocument,
  issues,
  reference,
}: {
  document: PolicySettings;
  setDocument: (next: PolicySettings) => void;
  issues: Issues;
  reference: ReferenceTopic[];
}) {
  const [newTopic, setNewTopic] = useState({ id: "", label: "", phrase: "" });
  const change = (id: string) => document.topics.find((t) => t.id === id);
  const setTopic = (id: string, patch: Partial<PolicySettings["topics"][number]>) => {
    const existing = change(id) ?? { id, phrases: NO_CHANGES, removed: false };
    const next = { ...existing, ...patch };
    setDocument({ ...document, topics: [...document.topics.filter((t) => t.id !== id), next] });
  };
  const added = document.topics.filter((t) => !reference.some((r) => r.id === t.id));
  return (
    <div className="space-y-2">
      {reference.map((topic) => {
        const current = change(topic.id);
        return (
          <div key={topic.id} className="flex items-start gap-2">
            <label className="mt-2.5 inline-flex items-center gap-1 text-xs text-slate-600">
              <input
                type="checkbox"
                aria-label={`Use topic ${topic.label}`}
                checked={!current?.removed}
                onChange={(e) => setTopic(topic.id, { removed: !e.target.checked })}
              />
            </label>
            <div className="min-w-0 flex-1">
              <PhraseList
                id={`topic-${topic.id}`}
                title={current?.label ?? topic.label}
                builtIn={topic.patterns}
                changes={current?.phrases ?? NO_CHANGES}
                issues={issues}
                issuePath={`topics.${document.topics.indexOf(current!)}.phrases`}
                onChange={(phrases) => setTopic(topic.id, { phrases })}
              />
            </div>
          </div>
        );
      })}
      {added.map((topic) => (
        <div key={topic.id} className="flex items-start gap-2">
          <Badge tone="blue">New</Badge>
          <div className="min-w-0 flex-1">
            <PhraseList
              id={`topic-${topic.id}`}
              title={`${topic.label ?? topic.id} (${topic.id})`}
              builtIn={[]}
              changes={topic.phrases}
              issues={issues}
              issuePath={`topics.${document.topics.indexOf(topic)}.phrases`}
              open
              onChange={(phrases) => setTopic(topic.id, { phrases })}
            />
          </div>
          <Button
            variant="ghost"
            aria-label={`Delete topic ${topic.id}`}
            onClick={() => setDocument({ ...document, topics: document.topics.filter((t) => t.id !== topic.id) })}
          >
            ✕
          </Button>
        </div>
      ))}
      <form
        className="flex flex-wrap items-end gap-2 rounded-md border border-dashed border-slate-300 p-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!newTopic.id || !newTopic.label || !newTopic.phrase) return;
          setDocument({
            ...document,
            topics: [
              ...document.topics,
              {
                id: newTopic.id,
                label: newTopic.label,
                phrases: { add: [newTopic.phrase], remove: [] },
                removed: false,
              },
            ],
          });
          setNewTopic({ id: "", label: "", phrase: "" });
        }}
      >
        <Field label="New topic: id" htmlFor="topic-new-id">
          <input
            id="topic-new-id"
            className={cn(FIELD, "w-32 font-mono")}
            placeholder="solar"
            value={newTopic.id}
            onChange={(e) => setNewTopic({ ...newTopic, id: e.target.value.toLowerCase() })}
          />
        </Field>
        <Field label="Label" htmlFor="topic-new-label">
          <input
            id="topic-new-label"
            className={cn(FIELD, "w-48")}
            placeholder="Solar panels"
            value={newTopic.label}
            onChange={(e) => setNewTopic({ ...newTopic, label: e.target.value })}
          />
        </Field>
        <Field label="First phrase" htmlFor="topic-new-phrase">
          <input
            id="topic-new-phrase"
            className={cn(FIELD, "w-48")}
            placeholder="solar panel"
            value={newTopic.phrase}
            onChange={(e) => setNewTopic({ ...newTopic, phrase: e.target.value })}
          />
        </Field>
        <Button type="submit" variant="secondary" disabled={!newTopic.id || !newTopic.label || !newTopic.phrase}>
          Add topic
        </Button>
      </form>
      <FieldError id="topics-error" message={[...issues.entries()].find(([p]) => p.startsWith("topics"))?.[1]} />
    </div>
  );
}

type Focus = "flags" | "highValue" | "nextAction" | "topic";
const ACTION_WORDS: Record<string, string> = {
  discard: "discard as spam",
  stop_bot: "stop the bot and hand to a person",
  escalate: "escalate to a person",
  handoff: "hand off to an owner",
  clarify: "ask one clarifying question",
  collect_contact: "ask for contact details",
  ask_consent: "ask for consent",
  continue: "carry on",
};

/** Runs the draft and the policy in force on sample text, side by side. */
function TestBox({ document, focus }: { document: PolicySettings; focus: Focus }) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const [pageUrl, setPageUrl] = useState("");
  const test = useMutation(trpc.policy.test.mutationOptions());
  const id = `test-${focus}`;
  return (
    <details className="rounded-md bg-slate-100/70 px-3 py-2" data-testid={id}>
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Test on sample text</summary>
      <form
        className="mt-2 space-y-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          test.mutate({ document, text, pageUrl: pageUrl || undefined });
        }}
      >
        <Field
          label="Sample text"
          htmlFor={`${id}-text`}
          hint='Plain text is one visitor message; or "Visitor:" / "Bot:" lines.'
        >
          <textarea
            id={`${id}-text`}
            rows={3}
            className={cn(FIELD, "h-auto w-full py-1.5")}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        {focus === "highValue" ? (
          <Field label="Page URL (optional)" htmlFor={`${id}-page`}>
            <input
              id={`${id}-page`}
              className={cn(FIELD, "w-full")}
              value={pageUrl}
              onChange={(e) => setPageUrl(e.target.value)}
            />
          </Field>
        ) : null}
        <Button type="submit" variant="secondary" disabled={!text.trim() || test.isPending}>
          {test.isPending ? "Testing…" : "Test"}
        </Button>
      </form>
      {test.isError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {test.error.message}
        </p>
      ) : null}
      {test.data ? (
        <div className="mt-2 grid gap-3 md:grid-cols-2" data-testid={`${id}-result`} aria-live="polite">
          {(["draft", "published"] as const).map((which) => {
            const result = test.data[which];
            return (
              <div
                key={which}
                className="rounded-md border border-slate-200 bg-white p-3 text-sm"
                data-testid={`${id}-${which}`}
              >
                <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">
                  {which === "draft" ? "With the draft" : "With the policy in force"}
                </h4>
                <p className="mt-1">
                  Flags:{" "}
                  {result.flags.length
                    ? result.flags
                        .map((f) => `${FLAG_LABELS[f.flag] ?? f.flag} (“${f.quotes.join("”, “")}”)`)
                        .join("; ")
                    : "none"}
                </p>
                <p>Next: {ACTION_WORDS[result.nextAction.action] ?? result.nextAction.action}</p>
                {result.nextAction.question ? (
                  <p className="text-slate-600">Asks: “{result.nextAction.question}”</p>
                ) : null}
                <p>Topic: {result.topic?.label ?? "none"}</p>
                <p>High value: {result.highValue.value ? `yes (${result.highValue.reasons.join("; ")})` : "no"}</p>
              </div>
            );
          })}
        </div>
      ) : null}
    </details>
  );
}
