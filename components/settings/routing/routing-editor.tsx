"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { ZRoutingConfig, type RoutingConfig, type RoutingRule } from "@/server/domain/routing/rules";
import { Button } from "../../ui/button";
import { Dialog } from "../../ui/dialog";
import { StatusMessage } from "../../ui/status-message";
import { formatDateTime } from "../format";
import { BusinessHoursEditor } from "./business-hours-editor";
import { issuesOf, issuesUnder } from "../fields";
import { ReplayPanel } from "./replay-panel";
import { ResponseTargetsEditor } from "./response-targets-editor";
import { RuleCard, type RuleChoices } from "./rule-card";
import { TestPanel } from "./test-panel";
import { PublishDialogBody } from "../version-history";
import { VersionsPanel } from "./versions-panel";

// The routing rules editor. The rules being edited live here, in the browser, checked on every
// change by the schema the server uses; "Save draft" stores them for later (and for other admins),
// the test and replay boxes run exactly what is on screen, and publishing makes it the next version.

type Editor = ReturnType<typeof useEditorQuery>["data"] & {};

function useEditorQuery() {
  const trpc = useTRPC();
  // Not refetched behind the admin's back: a refetch would replace the rules being edited.
  return useQuery({ ...trpc.routing.editor.queryOptions(), staleTime: Infinity, refetchOnWindowFocus: false });
}

export function RoutingEditor() {
  const editor = useEditorQuery();
  const [notice, setNotice] = useState<string | null>(null);
  if (editor.isPending) return <StatusMessage>Loading the routing rules…</StatusMessage>;
  if (editor.isError)
    return <StatusMessage tone="error">Could not load the routing rules: {editor.error.message}</StatusMessage>;
  const data = editor.data;
  // A publish, a rollback or a discard reloads the editor with the new state.
  const key = `${data.published.version}:${data.draftRevision ?? "none"}`;
  return <EditorForm key={key} data={data} notice={notice} onNotice={setNotice} />;
}

function newRuleId(rules: RoutingRule[]): string {
  for (let n = rules.length + 1; ; n++) if (!rules.some((rule) => rule.id === `rule-${n}`)) return `rule-${n}`;
}

function EditorForm({
  data,
  notice,
  onNotice,
}: {
  data: Editor;
  notice: string | null;
  onNotice: (notice: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const initial = data.draft?.config ?? data.published.config;
  const [config, setConfig] = useState<RoutingConfig>(initial);
  const [saved, setSaved] = useState(JSON.stringify(initial));
  const [revision, setRevision] = useState(data.draftRevision);
  const [hasDraft, setHasDraft] = useState(Boolean(data.draft));
  const [baseVersion, setBaseVersion] = useState(data.draft?.baseVersion ?? data.published.version);
  // Stable keys for the rule cards, so an open card stays open when its rule moves or is renamed.
  const [ruleKeys, setRuleKeys] = useState(() => initial.rules.map((_, i) => i));
  const [nextKey, setNextKey] = useState(initial.rules.length);
  const [publishing, setPublishing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const issues = useMemo(() => issuesOf(ZRoutingConfig, config), [config]);
  const valid = issues.size === 0;
  const dirty = JSON.stringify(config) !== saved;
  const stale = baseVersion !== data.published.version;
  const choices: RuleChoices = data.choices;

  const reload = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.routing.editor.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.routing.versions.queryKey() }),
    ]);
  };
  const save = useMutation(
    trpc.routing.saveDraft.mutationOptions({
      onSuccess: (result) => {
        setSaved(JSON.stringify(config));
        setRevision(result.revision);
        setHasDraft(true);
        setMessage(`Draft saved at ${formatDateTime(result.updatedAt)}.`);
      },
    }),
  );
  const discard = useMutation(
    trpc.routing.discardDraft.mutationOptions({
      onSuccess: async () => {
        onNotice("Draft discarded: the editor shows the rules in force.");
        await reload();
      },
    }),
  );

  const setRules = (rules: RoutingRule[]) => setConfig({ ...config, rules });
  const updateRule = (index: number, rule: RoutingRule) =>
    setRules(config.rules.map((r, i) => (i === index ? rule : r)));
  const moveRule = (index: number, by: -1 | 1) => {
    const move = <T,>(list: T[]) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    };
    setRules(move(config.rules));
    setRuleKeys(move(ruleKeys));
  };
  const removeRule = (index: number) => {
    setRules(config.rules.filter((_, i) => i !== index));
    setRuleKeys(ruleKeys.filter((_, i) => i !== index));
  };
  const addRule = () => {
    const rule: RoutingRule = {
      id: newRuleId(config.rules),
      name: "New rule",
      enabled: true,
      when: {},
      assign: { to: "team", team: choices.teams[0] ?? "", strategy: "least_open" },
      slaMinutes: 60,
    };
    // Before the catch-all, which must stay last.
    const at = Math.max(config.rules.length - 1, 0);
    const rules = [...config.rules];
    rules.splice(at, 0, rule);
    setRules(rules);
    const keys = [...ruleKeys];
    keys.splice(at, 0, nextKey);
    setRuleKeys(keys);
    setNextKey(nextKey + 1);
  };

  const ruleErrors = issuesUnder(issues, "rules");

  return (
    <div className="space-y-6 px-6 py-4">
      <div
        className="sticky top-0 z-10 -mx-6 flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white/95 px-6 py-3 backdrop-blur"
        data-testid="routing-toolbar"
      >
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium text-slate-900" data-testid="routing-status">
            Version {data.published.version} is in force
            <span className="font-normal text-slate-600">
              {" "}
              since {formatDateTime(data.published.publishedAt)}
              {data.published.publishedBy ? ` (${data.published.publishedBy})` : ""}
            </span>
          </p>
          <p className="text-slate-600" data-testid="draft-status">
            {dirty
              ? "Unsaved changes."
              : hasDraft
                ? `Draft saved${data.draft?.updatedBy && !save.data ? ` by ${data.draft.updatedBy}` : ""}, not published.`
                : "No draft: these are the rules in force."}
            {!valid ? ` ${issues.size} problem${issues.size === 1 ? "" : "s"} to fix.` : ""}
          </p>
        </div>
        <Button
          variant="secondary"
          disabled={!dirty || !valid || save.isPending}
          onClick={() => save.mutate({ config, baseVersion, draftRevision: revision })}
        >
          {save.isPending ? "Saving…" : "Save draft"}
        </Button>
        <Button
          variant="secondary"
          disabled={(!hasDraft && !dirty) || discard.isPending}
          onClick={() => {
            if (hasDraft) discard.mutate();
            else {
              const undone = JSON.parse(saved) as RoutingConfig;
              setConfig(undone);
              setRuleKeys(undone.rules.map((_, i) => nextKey + i));
              setNextKey(nextKey + undone.rules.length);
              setMessage("Changes undone.");
            }
          }}
        >
          Discard draft
        </Button>
        <Button disabled={!valid || stale} onClick={() => setPublishing(true)}>
          Review and publish…
        </Button>
      </div>

      {notice || message ? (
        <p className="text-sm text-emerald-800" role="status" data-testid="routing-notice">
          {message ?? notice}
        </p>
      ) : null}
      {save.isError || discard.isError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="routing-error">
          {(save.error ?? discard.error)?.message}
        </p>
      ) : null}
      {data.draftUnreadable ? (
        <p role="alert" className="text-sm text-amber-800">
          The saved draft no longer fits the rules&apos; format, so the editor shows the rules in force.
        </p>
      ) : null}
      {stale ? (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This draft started from version {baseVersion}, but version {data.published.version} is in force now. Check the
          version history below, then{" "}
          <button type="button" className="underline" onClick={() => setBaseVersion(data.published.version)}>
            keep these edits on top of version {data.published.version}
          </button>{" "}
          or discard the draft.
        </div>
      ) : null}
      {data.problems.length > 0 ? (
        <ul className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {data.problems.map((problem) => (
            <li key={problem.path}>{problem.message}</li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="rules-heading" className="space-y-3">
        <div className="flex items-baseline justify-between">
          <div>
            <h2 id="rules-heading" className="text-base font-semibold text-slate-900">
              Rules
            </h2>
            <p className="text-sm text-slate-600">
              The first enabled rule whose conditions all hold decides who gets the conversation.
            </p>
          </div>
          <Button variant="secondary" onClick={addRule}>
            Add a rule
          </Button>
        </div>
        {ruleErrors.get("") ? <p className="text-sm text-red-700">{ruleErrors.get("")}</p> : null}
        <ol className="space-y-2" aria-label="Routing rules, in order">
          {config.rules.map((rule, index) => (
            <RuleCard
              key={ruleKeys[index] ?? `extra-${index}`}
              rule={rule}
              index={index}
              count={config.rules.length}
              choices={choices}
              issues={issuesUnder(issues, `rules.${index}`)}
              onChange={(next) => updateRule(index, next)}
              onMove={(by) => moveRule(index, by)}
              onRemove={() => removeRule(index)}
            />
          ))}
        </ol>
      </section>

      <section aria-labelledby="targets-heading" className="space-y-3">
        <h2 id="targets-heading" className="text-base font-semibold text-slate-900">
          Response targets
        </h2>
        <ResponseTargetsEditor
          targets={config.responseTargets}
          teams={choices.teams}
          intents={choices.intents}
          issues={issuesUnder(issues, "responseTargets")}
          onChange={(responseTargets) => setConfig({ ...config, responseTargets })}
        />
      </section>

      <section aria-labelledby="hours-heading" className="space-y-3">
        <h2 id="hours-heading" className="text-base font-semibold text-slate-900">
          Business hours and holidays
        </h2>
        <BusinessHoursEditor
          hours={config.businessHours}
          issues={issuesUnder(issues, "businessHours")}
          onChange={(businessHours) => setConfig({ ...config, businessHours })}
        />
      </section>

      <section aria-labelledby="test-heading" className="space-y-3">
        <h2 id="test-heading" className="text-base font-semibold text-slate-900">
          Test the draft
        </h2>
        <TestPanel config={config} valid={valid} />
      </section>

      <section aria-labelledby="replay-heading" className="space-y-3">
        <h2 id="replay-heading" className="text-base font-semibold text-slate-900">
          Replay recent conversations
        </h2>
        <ReplayPanel config={config} valid={valid} />
      </section>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-base font-semibold text-slate-900">
          Version history
        </h2>
        <VersionsPanel currentVersion={data.published.version} />
      </section>

      <Dialog open={publishing} onClose={() => setPublishing(false)} title={`Publish version ${baseVersion + 1}?`}>
        <PublishForm
          config={config}
          baseVersion={baseVersion}
          draftRevision={revision}
          onCancel={() => setPublishing(false)}
          onPublished={async (version) => {
            setPublishing(false);
            onNotice(`Version ${version} is in force: the next conversation is routed by it.`);
            await reload();
          }}
        />
      </Dialog>
    </div>
  );
}

function PublishForm({
  config,
  baseVersion,
  draftRevision,
  onCancel,
  onPublished,
}: {
  config: RoutingConfig;
  baseVersion: number;
  draftRevision: string | null;
  onCancel: () => void;
  onPublished: (version: number) => void;
}) {
  const trpc = useTRPC();
  const preview = useQuery({ ...trpc.routing.preview.queryOptions({ config }), staleTime: 0, gcTime: 0 });
  const publish = useMutation(
    trpc.routing.publish.mutationOptions({ onSuccess: (result) => onPublished(result.version) }),
  );
  return (
    <PublishDialogBody
      id="routing"
      nextVersion={baseVersion + 1}
      changes={preview.data?.changes.map((change) => change.text)}
      loading={preview.isPending}
      loadError={preview.error?.message ?? null}
      problems={preview.data?.problems.map((problem) => problem.message)}
      publishError={publish.error?.message ?? null}
      busy={publish.isPending}
      onCancel={onCancel}
      onPublish={(note) => publish.mutate({ config, baseVersion, note, draftRevision })}
    />
  );
}
