"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import type { z } from "zod";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { formatDateTime } from "./format";
import { issuesOf } from "./fields";
import { PublishDialogBody, VersionHistory } from "./version-history";

// The frame of a versioned settings page (escalation policy, approved language): the document is
// edited in the browser and checked by the server's own schema on every change; "Save draft" keeps
// it for later and for other admins; publishing shows what changes first; older versions can be
// rolled back to (version 0 is the built-in one). The page supplies the form for its document.

type Kind = "policy" | "language";

interface Editor<D> {
  published: { version: number; document: D; publishedAt: Date | null; publishedBy: string | null };
  draft: { document: D; baseVersion: number; updatedAt: Date; updatedBy: string | null } | null;
  draftRevision: string | null;
}

function useApi(kind: Kind) {
  const trpc = useTRPC();
  // Both routers have the same procedures; only their documents differ, and the page knows its own.
  return (kind === "policy" ? trpc.policy : trpc.language) as unknown as typeof trpc.policy;
}

export function VersionedEditor<D, E extends Editor<D>>({
  kind,
  schema,
  editor,
  children,
}: {
  kind: Kind;
  schema: z.ZodType;
  editor: E;
  children: (props: { document: D; setDocument: (next: D) => void; issues: Map<string, string> }) => ReactNode;
}) {
  const api = useApi(kind);
  const queryClient = useQueryClient();
  const initial = editor.draft?.document ?? editor.published.document;
  const [document, setDocument] = useState<D>(initial);
  const [saved, setSaved] = useState(JSON.stringify(initial));
  const [revision, setRevision] = useState(editor.draftRevision);
  const [hasDraft, setHasDraft] = useState(Boolean(editor.draft));
  const [baseVersion, setBaseVersion] = useState(editor.draft?.baseVersion ?? editor.published.version);
  const [publishing, setPublishing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const issues = useMemo(() => issuesOf(schema, document), [schema, document]);
  const dirty = JSON.stringify(document) !== saved;
  const stale = baseVersion !== editor.published.version;
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: api.editor.queryKey() }),
      queryClient.invalidateQueries({ queryKey: api.versions.queryKey() }),
    ]);
  const save = useMutation(
    api.saveDraft.mutationOptions({
      onSuccess: (result) => {
        setSaved(JSON.stringify(document));
        setRevision(result.revision);
        setHasDraft(true);
        setMessage(`Draft saved at ${formatDateTime(result.updatedAt)}.`);
      },
    }),
  );
  const discard = useMutation(api.discardDraft.mutationOptions({ onSuccess: reload }));
  return (
    <div className="space-y-6 px-6 py-4">
      <div
        className="sticky top-0 z-10 -mx-6 flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white/95 px-6 py-3 backdrop-blur"
        data-testid="versioned-toolbar"
      >
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium text-slate-900" data-testid="versioned-status">
            {editor.published.version === 0
              ? "The built-in version is in force"
              : `Version ${editor.published.version} is in force`}
            {editor.published.publishedAt ? (
              <span className="font-normal text-slate-600">
                {" "}
                since {formatDateTime(editor.published.publishedAt)}
                {editor.published.publishedBy ? ` (${editor.published.publishedBy})` : ""}
              </span>
            ) : null}
          </p>
          <p className="text-slate-600" data-testid="draft-status">
            {dirty
              ? "Unsaved changes."
              : hasDraft
                ? "Draft saved, not published."
                : "No draft: this is what is in force."}
            {issues.size > 0 ? ` ${issues.size} problem${issues.size === 1 ? "" : "s"} to fix.` : ""}
          </p>
        </div>
        <Button
          variant="secondary"
          disabled={!dirty || issues.size > 0 || save.isPending}
          onClick={() => save.mutate({ document, baseVersion, draftRevision: revision })}
        >
          {save.isPending ? "Saving…" : "Save draft"}
        </Button>
        <Button
          variant="secondary"
          disabled={(!hasDraft && !dirty) || discard.isPending}
          onClick={() => (hasDraft ? discard.mutate() : setDocument(JSON.parse(saved) as D))}
        >
          Discard draft
        </Button>
        <Button disabled={issues.size > 0 || stale} onClick={() => setPublishing(true)}>
          Review and publish…
        </Button>
      </div>
      {message ? (
        <p role="status" className="text-sm text-emerald-800" data-testid="versioned-notice">
          {message}
        </p>
      ) : null}
      {save.isError || discard.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {(save.error ?? discard.error)?.message}
        </p>
      ) : null}
      {stale ? (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This draft started from version {baseVersion}, but version {editor.published.version} is in force now.{" "}
          <button type="button" className="underline" onClick={() => setBaseVersion(editor.published.version)}>
            Keep these edits on top of version {editor.published.version}
          </button>{" "}
          or discard the draft.
        </div>
      ) : null}

      {children({ document, setDocument, issues })}

      <section aria-labelledby={`${kind}-versions-heading`} className="space-y-3">
        <h2 id={`${kind}-versions-heading`} className="text-base font-semibold text-slate-900">
          Version history
        </h2>
        <Versions kind={kind} currentVersion={editor.published.version} />
      </section>

      <Dialog open={publishing} onClose={() => setPublishing(false)} title={`Publish version ${baseVersion + 1}?`}>
        <PublishForm
          kind={kind}
          document={document}
          baseVersion={baseVersion}
          draftRevision={revision}
          onCancel={() => setPublishing(false)}
          onPublished={async () => {
            setPublishing(false);
            await reload();
          }}
        />
      </Dialog>
    </div>
  );
}

function PublishForm({
  kind,
  document,
  baseVersion,
  draftRevision,
  onCancel,
  onPublished,
}: {
  kind: Kind;
  document: unknown;
  baseVersion: number;
  draftRevision: string | null;
  onCancel: () => void;
  onPublished: () => void;
}) {
  const api = useApi(kind);
  const preview = useQuery({ ...api.preview.queryOptions({ document }), staleTime: 0, gcTime: 0 });
  const publish = useMutation(api.publish.mutationOptions({ onSuccess: onPublished }));
  return (
    <PublishDialogBody
      id={kind}
      nextVersion={baseVersion + 1}
      changes={preview.data?.changes}
      loading={preview.isPending}
      loadError={preview.error?.message ?? null}
      publishError={publish.error?.message ?? null}
      busy={publish.isPending}
      onCancel={onCancel}
      onPublish={(note) => publish.mutate({ document, baseVersion, note, draftRevision })}
    />
  );
}

function Versions({ kind, currentVersion }: { kind: Kind; currentVersion: number }) {
  const api = useApi(kind);
  const queryClient = useQueryClient();
  const versions = useQuery(api.versions.queryOptions());
  const rollback = useMutation(api.rollback.mutationOptions());
  return (
    <VersionHistory
      testId={`${kind}-versions`}
      builtIn
      currentVersion={currentVersion}
      loading={versions.isPending}
      loadError={versions.error?.message ?? null}
      versions={versions.data}
      rollback={{
        busy: rollback.isPending,
        error: rollback.error?.message ?? null,
        run: (toVersion, done) =>
          rollback.mutate(
            { toVersion, currentVersion },
            {
              onSuccess: async () => {
                done();
                await Promise.all([
                  queryClient.invalidateQueries({ queryKey: api.versions.queryKey() }),
                  queryClient.invalidateQueries({ queryKey: api.editor.queryKey() }),
                ]);
              },
            },
          ),
      }}
    />
  );
}
