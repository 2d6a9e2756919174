"use client";

import { useState, type ReactNode } from "react";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog, DialogForm } from "../ui/dialog";
import { FIELD } from "../ui/filter-field";
import { StatusMessage } from "../ui/status-message";
import { ConfirmDialog } from "../case/simple-dialogs";
import { Field } from "./fields";
import { formatDateTime } from "./format";

// What every versioned settings page shares (routing rules, escalation policy, approved language):
// the publish dialog that lists what changes first, and the version history with rollback.

/** The body of the publish dialog: the changes (or why it cannot be published), a note, and the buttons. */
export function PublishDialogBody({
  id,
  nextVersion,
  changes,
  loading,
  loadError,
  problems = [],
  publishError,
  busy,
  onCancel,
  onPublish,
}: {
  id: string;
  nextVersion: number;
  /** Undefined while the comparison with the version in force is loading. */
  changes: readonly string[] | undefined;
  loading: boolean;
  loadError: string | null;
  /** What blocks publishing besides "nothing changed" (a team that does not exist, say). */
  problems?: readonly string[];
  publishError: string | null;
  busy: boolean;
  onCancel: () => void;
  onPublish: (note: string | undefined) => void;
}) {
  const [note, setNote] = useState("");
  return (
    <DialogForm
      onSubmit={() => onPublish(note.trim() || undefined)}
      onCancel={onCancel}
      submitLabel={`Publish version ${nextVersion}`}
      busy={busy}
      error={publishError}
      disabled={!changes || changes.length === 0 || problems.length > 0}
    >
      {loading ? <p className="text-sm text-slate-600">Comparing with the version in force…</p> : null}
      {loadError ? (
        <p role="alert" className="text-sm text-red-700" data-testid="publish-error">
          {loadError}
        </p>
      ) : null}
      {changes ? (
        changes.length === 0 ? (
          <p className="text-sm text-slate-700">This is what is in force: there is nothing to publish.</p>
        ) : (
          <div>
            <p className="text-sm font-medium text-slate-900">What changes</p>
            <ul className="mt-1 list-inside list-disc text-sm text-slate-700" data-testid="publish-changes">
              {changes.map((change, index) => (
                <li key={index}>{change}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
      {problems.length ? (
        <ul role="alert" className="text-sm text-red-700">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <Field label="Note (why, for the history)" htmlFor={`${id}-publish-note`}>
        <input
          id={`${id}-publish-note`}
          className={cn(FIELD, "w-full")}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
    </DialogForm>
  );
}

export interface HistoryEntry {
  version: number;
  publishedAt: Date | string;
  publishedBy: string | null;
  note: string | null;
  restoredFrom: number | null;
  /** Null when the version before it is not kept. */
  changes: readonly string[] | null;
  /** More facts for the heading line ("12 decisions"). */
  detail?: ReactNode;
}

/**
 * Every published version, newest first, each with what it changed; any other than the one in force
 * can be rolled back to (published again as a copy). With `builtIn`, version 0 (the built-in
 * document) closes the list and can be rolled back to as well.
 */
export function VersionHistory({
  testId,
  versions,
  currentVersion,
  builtIn,
  loading,
  loadError,
  rollback,
}: {
  testId: string;
  versions: readonly HistoryEntry[] | undefined;
  currentVersion: number;
  builtIn?: boolean;
  loading: boolean;
  loadError: string | null;
  rollback: { busy: boolean; error: string | null; run: (toVersion: number, done: () => void) => void };
}) {
  const [target, setTarget] = useState<number | null>(null);
  if (loading) return <StatusMessage>Loading the versions…</StatusMessage>;
  if (loadError || !versions)
    return <StatusMessage tone="error">Could not load the versions: {loadError}</StatusMessage>;
  const name = (version: number) => (version === 0 ? "the built-in version" : `version ${version}`);
  return (
    <>
      <ol className="space-y-3" data-testid={testId}>
        {versions.map((version) => (
          <li
            key={version.version}
            className="rounded-md border border-slate-200 p-3 text-sm"
            data-testid={`version-${version.version}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900">Version {version.version}</span>
              {version.version === currentVersion ? <Badge tone="green">In force</Badge> : null}
              {version.restoredFrom !== null ? <Badge tone="blue">Copy of {name(version.restoredFrom)}</Badge> : null}
              <span className="text-slate-600">
                {formatDateTime(version.publishedAt)}
                {version.publishedBy ? ` by ${version.publishedBy}` : " (installed)"}
                {version.detail ? <> · {version.detail}</> : null}
              </span>
              {version.version !== currentVersion ? (
                <Button variant="secondary" className="ml-auto" onClick={() => setTarget(version.version)}>
                  Roll back to version {version.version}
                </Button>
              ) : null}
            </div>
            {version.note ? <p className="mt-1 text-slate-700">“{version.note}”</p> : null}
            {version.changes === null ? (
              <p className="mt-1 text-slate-500">The version before it is not kept.</p>
            ) : version.changes.length === 0 ? (
              <p className="mt-1 text-slate-500">No change from the version before.</p>
            ) : (
              <ul className="mt-1 list-inside list-disc text-slate-700">
                {version.changes.map((change, index) => (
                  <li key={index}>{change}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {builtIn ? (
          <li className="flex flex-wrap items-center gap-2 rounded-md border border-dashed border-slate-200 p-3 text-sm text-slate-600">
            <span>The built-in version (0)</span>
            {currentVersion !== 0 ? (
              <Button variant="secondary" className="ml-auto" onClick={() => setTarget(0)}>
                Roll back to the built-in version
              </Button>
            ) : (
              <Badge tone="green">In force</Badge>
            )}
          </li>
        ) : null}
      </ol>
      <Dialog
        open={target !== null}
        onClose={() => setTarget(null)}
        title={target === null ? "" : `Roll back to ${name(target)}?`}
      >
        <ConfirmDialog
          text={`It is published again as version ${currentVersion + 1} and used from the next conversation. Versions in between stay in the history, and decisions they made keep their version.`}
          submitLabel={target === null ? "Roll back" : `Roll back to ${name(target)}`}
          busy={rollback.busy}
          error={rollback.error}
          onSubmit={() => target !== null && rollback.run(target, () => setTarget(null))}
          onCancel={() => setTarget(null)}
        />
      </Dialog>
    </>
  );
}
