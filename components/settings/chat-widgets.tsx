"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC } from "@/components/providers/trpc";
import type { AppRouter } from "@/server/api/root";
import { ZWidgetSettings } from "@/server/domain/bot/widget-settings";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { FIELD } from "../ui/filter-field";
import { StatusMessage } from "../ui/status-message";
import { Field, issuesOf } from "./fields";

// The chat widget sources: the script tag to paste into a site, and the widget's title, colour,
// allowed sites and FAQ text. The bot's words themselves are approved language (/settings/language).

type Widget = inferRouterOutputs<AppRouter>["integrations"]["widgets"][number];

export function ChatWidgets() {
  const trpc = useTRPC();
  const widgets = useQuery(trpc.integrations.widgets.queryOptions());
  if (widgets.isPending) return <StatusMessage>Loading chat widgets…</StatusMessage>;
  if (widgets.isError) return <StatusMessage tone="error">{widgets.error.message}</StatusMessage>;
  if (widgets.data.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No chat widget yet. Create a source of kind “Chat widget” above to get a script tag for your site.
      </p>
    );
  return (
    <div className="space-y-6">
      {widgets.data.map((widget) => (
        <WidgetCard key={widget.id} widget={widget} />
      ))}
    </div>
  );
}

function WidgetCard({ widget }: { widget: Widget }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    ...widget.settings,
    allowedOrigins: widget.settings.allowedOrigins.join("\n"),
  });
  const [copied, setCopied] = useState(false);
  const save = useMutation(
    trpc.integrations.updateWidget.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.integrations.widgets.queryKey() }),
    }),
  );
  const document = {
    ...draft,
    allowedOrigins: draft.allowedOrigins
      .split(/\s+/)
      .map((line) => line.trim())
      .filter(Boolean),
  };
  const issues = issuesOf(ZWidgetSettings, document);
  const [submitted, setSubmitted] = useState(false);
  const shownIssue = (path: string) =>
    submitted ? (issues.get(path) ?? [...issues].find(([p]) => p.startsWith(`${path}.`))?.[1]) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (issues.size === 0) save.mutate({ sourceId: widget.id, settings: document });
  };
  const id = (field: string) => `widget-${widget.id}-${field}`;
  return (
    <article
      aria-labelledby={id("heading")}
      className="space-y-4 rounded-lg border border-slate-200 p-4"
      data-testid={`widget-${widget.name}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={id("heading")} className="text-sm font-semibold text-slate-900">
          {widget.name}
        </h3>
        <a
          href={widget.previewPath}
          target="_blank"
          rel="noopener"
          className="text-sm text-blue-700 underline underline-offset-2"
        >
          Try it on a sample page
        </a>
      </div>
      <div className="space-y-1">
        <label htmlFor={id("snippet")} className="text-xs font-medium text-slate-700">
          Add this to every page that should show the chat (before &lt;/body&gt;)
        </label>
        <div className="flex gap-2">
          <input
            id={id("snippet")}
            readOnly
            value={widget.snippet}
            className={cn(FIELD, "w-full font-mono text-xs")}
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button
            variant="secondary"
            onClick={() =>
              navigator.clipboard?.writeText(widget.snippet).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
        <p className="text-xs text-slate-600">
          The id in it is public: it lets a page start a chat and nothing else. No key goes in the page.
        </p>
      </div>
      <form onSubmit={submit} noValidate className="grid max-w-3xl gap-3 sm:grid-cols-3">
        <Field label="Title" htmlFor={id("title")} error={shownIssue("title")}>
          <input
            id={id("title")}
            className={FIELD}
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          />
        </Field>
        <Field label="Launcher label" htmlFor={id("launcher")} error={shownIssue("launcherLabel")}>
          <input
            id={id("launcher")}
            className={FIELD}
            value={draft.launcherLabel}
            onChange={(e) => setDraft({ ...draft, launcherLabel: e.target.value })}
          />
        </Field>
        <Field label="Colour" htmlFor={id("colour")} error={shownIssue("accentColor")}>
          <div className="flex gap-2">
            <input
              type="color"
              aria-label="Pick the colour"
              className="h-9 w-10 rounded border border-slate-300"
              value={/^#[0-9a-fA-F]{6}$/.test(draft.accentColor) ? draft.accentColor : "#1d4ed8"}
              onChange={(e) => setDraft({ ...draft, accentColor: e.target.value })}
            />
            <input
              id={id("colour")}
              className={cn(FIELD, "w-28 font-mono")}
              value={draft.accentColor}
              onChange={(e) => setDraft({ ...draft, accentColor: e.target.value })}
            />
          </div>
        </Field>
        <Field
          label="Sites allowed to show it"
          htmlFor={id("origins")}
          hint="One address per line, like https://www.example.com. Empty: any site."
          error={shownIssue("allowedOrigins")}
          className="sm:col-span-3"
        >
          <textarea
            id={id("origins")}
            rows={3}
            className={cn(FIELD, "h-auto py-1.5 font-mono text-xs")}
            value={draft.allowedOrigins}
            onChange={(e) => setDraft({ ...draft, allowedOrigins: e.target.value })}
          />
        </Field>
        <Field
          label="FAQ text"
          htmlFor={id("faq")}
          hint="With a language model set up, the bot may answer general questions from this text only. Every answer passes the promise check; prices, timing, availability and results are never stated."
          error={shownIssue("faq")}
          className="sm:col-span-3"
        >
          <textarea
            id={id("faq")}
            rows={6}
            className={cn(FIELD, "h-auto py-1.5")}
            value={draft.faq}
            onChange={(e) => setDraft({ ...draft, faq: e.target.value })}
          />
        </Field>
        <div className="flex items-center gap-3 sm:col-span-3">
          <Button type="submit" disabled={save.isPending}>
            Save widget
          </Button>
          {save.isSuccess && !save.isPending ? (
            <span role="status" className="text-sm text-green-800">
              Saved. Sites pick it up within a minute.
            </span>
          ) : null}
          {save.isError ? (
            <span role="alert" className="text-sm text-red-700">
              {save.error.message}
            </span>
          ) : null}
        </div>
      </form>
    </article>
  );
}
