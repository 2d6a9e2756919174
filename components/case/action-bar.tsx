"use client";

import { Ban, Check, GitMerge, MailQuestion, MessageSquarePlus, Pencil, Shuffle, ShieldAlert } from "lucide-react";
import type { LucideIcon } from "lucide-react";
import { Button } from "../ui/button";
import type { CaseReview, DialogName } from "./labels";

// Every action on the case, with its shortcut, on one line (it scrolls sideways on a narrow screen
// rather than growing). Unavailable actions stay visible but disabled; the claim banner says why.

const ACTIONS: {
  name: Exclude<DialogName, "help">;
  label: string;
  key?: string;
  icon: LucideIcon;
  primary?: boolean;
}[] = [
  { name: "approve", label: "Approve", key: "a", icon: Check, primary: true },
  { name: "reassign", label: "Reassign", key: "r", icon: Shuffle },
  { name: "merge", label: "Merge lead", key: "m", icon: GitMerge },
  { name: "spam", label: "Spam", key: "s", icon: Ban },
  { name: "consent", label: "Request consent", icon: MailQuestion },
  { name: "edit", label: "Edit brief", icon: Pencil },
  { name: "note", label: "Add note", icon: MessageSquarePlus },
  { name: "escalate", label: "Escalate", icon: ShieldAlert },
];

export function ActionBar({
  data,
  busy,
  onOpen,
}: {
  data: CaseReview;
  busy: boolean;
  onOpen: (dialog: Exclude<DialogName, "help">) => void;
}) {
  const enabled = data.allowed.act && !busy;
  return (
    <div
      role="toolbar"
      aria-label="Case actions"
      className="flex min-h-12 items-center gap-1.5 overflow-x-auto border-b border-slate-200 bg-white px-6 py-2"
      data-testid="action-bar"
    >
      {ACTIONS.map(({ name, label, key, icon: Icon, primary }) => (
        <Button
          key={name}
          variant={primary ? "primary" : name === "spam" ? "danger" : "secondary"}
          disabled={!enabled || (name === "escalate" && Boolean(data.case.escalatedAt))}
          onClick={() => onOpen(name)}
          className="shrink-0"
          aria-keyshortcuts={key}
          data-testid={`action-${name}`}
        >
          <Icon aria-hidden className="h-4 w-4" />
          {label}
          {key ? <kbd className="ml-0.5 font-mono text-[10px] opacity-70">{key}</kbd> : null}
        </Button>
      ))}
    </div>
  );
}
