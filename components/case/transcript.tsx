"use client";

import { Bot, Globe, Headset, UserRound } from "lucide-react";
import { useEffect, useRef, type ReactNode } from "react";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import {
  formatDateTime,
  formatTime,
  pagePath,
  ROLE_LABELS,
  type CaseReview,
  type ViewEvidence,
  type ViewMessage,
} from "./labels";

// The conversation as it happened: who said what (visitor, bot, human agent) and when, with the
// page it started on. Masked parts arrive masked from the server. The evidence a reviewer asked
// for is scrolled into view and marked; the bot's promises are marked in the bot's own messages.

export interface Highlight {
  evidence: ViewEvidence;
  /** Changes on every click, so showing the same evidence again scrolls again. */
  key: number;
}

type MarkKind = "evidence" | "promise";

interface Piece {
  text: string;
  mask: string | null;
  marks: MarkKind[];
}

/** Cuts a message's segments where marks start and end; a masked segment is marked whole, never cut. */
function toPieces(segments: ViewMessage["segments"], marks: { start: number; end: number; kind: MarkKind }[]): Piece[] {
  const pieces: Piece[] = [];
  for (const segment of segments) {
    const touching = marks.filter((m) => m.start < segment.end && segment.start < m.end);
    if (segment.mask || touching.length === 0) {
      pieces.push({ text: segment.text, mask: segment.mask, marks: touching.map((m) => m.kind) });
      continue;
    }
    const cuts = new Set([segment.start, segment.end]);
    for (const m of touching) {
      if (m.start > segment.start) cuts.add(m.start);
      if (m.end < segment.end) cuts.add(m.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i < points.length - 1; i++) {
      const [from, to] = [points[i]!, points[i + 1]!];
      pieces.push({
        text: segment.text.slice(from - segment.start, to - segment.start),
        mask: null,
        marks: touching.filter((m) => m.start <= from && to <= m.end).map((m) => m.kind),
      });
    }
  }
  return pieces;
}

const MASK_NAMES: Record<string, string> = { email: "email address", phone: "phone number" };

function PieceView({ piece, revealed }: { piece: Piece; revealed: boolean }) {
  const evidence = piece.marks.includes("evidence");
  const promise = piece.marks.includes("promise");
  let content: ReactNode = piece.text;
  if (piece.mask) {
    const name = MASK_NAMES[piece.mask] ?? piece.mask.replace(/_/g, " ");
    content = (
      <span
        className={cn(
          "rounded px-1 font-mono text-[0.85em]",
          revealed ? "bg-rose-50 text-rose-900 ring-1 ring-rose-200" : "bg-slate-200 text-slate-800",
        )}
        title={revealed ? `Sensitive: ${name} (revealed)` : `Masked ${name}`}
        data-masked={piece.mask}
      >
        {piece.text}
      </span>
    );
  }
  if (!evidence && !promise) return content;
  return (
    <mark
      data-evidence={evidence ? "" : undefined}
      data-promise={promise ? "" : undefined}
      className={cn(
        "rounded-sm text-slate-900",
        evidence ? "bg-yellow-200 ring-1 ring-yellow-400" : "bg-amber-50",
        promise && "underline decoration-amber-600 decoration-wavy underline-offset-4",
      )}
    >
      {content}
    </mark>
  );
}

const ROLE_STYLES = {
  visitor: "bg-white ring-slate-200",
  bot: "bg-slate-100 ring-slate-200",
  agent: "bg-sky-50 ring-sky-200",
} as const;

const ROLE_ICONS = { visitor: UserRound, bot: Bot, agent: Headset } as const;

export function Transcript({
  data,
  highlight,
}: {
  data: Pick<CaseReview, "messages" | "conversation" | "revealed">;
  highlight: Highlight | null;
}) {
  const items = useRef(new Map<number, HTMLLIElement>());
  useEffect(() => {
    if (!highlight) return;
    const target = items.current.get(highlight.evidence.message);
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target?.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
  }, [highlight]);

  const page = pagePath(data.conversation.pageUrl);
  const removed = data.conversation.transcriptRemoved;
  return (
    <ol className="space-y-3" aria-label="Messages" data-testid="transcript">
      {removed ? (
        <li className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="transcript-removed">
          {removed.how === "deleted"
            ? "The transcript was deleted"
            : "Contact details were removed from the transcript"}{" "}
          on {formatDateTime(removed.at)}, at the end of the retention period.
        </li>
      ) : null}
      {page ? (
        <li className="flex items-center gap-2 text-xs text-slate-600" data-testid="page-change">
          <Globe aria-hidden className="h-3.5 w-3.5 shrink-0" />
          <span>
            Visitor on <span className="font-medium text-slate-800">{page}</span>
            {data.conversation.startedAt ? ` · ${formatDateTime(data.conversation.startedAt)}` : null}
          </span>
        </li>
      ) : null}
      {data.messages.map((message) => {
        const marks = [
          ...message.promises.map((p) => ({ ...p, kind: "promise" as const })),
          ...(highlight?.evidence.message === message.index
            ? [{ start: highlight.evidence.start, end: highlight.evidence.end, kind: "evidence" as const }]
            : []),
        ];
        const Icon = ROLE_ICONS[message.role];
        const highlighted = highlight?.evidence.message === message.index;
        return (
          <li
            key={message.index}
            ref={(node) => {
              if (node) items.current.set(message.index, node);
              else items.current.delete(message.index);
            }}
            id={`message-${message.index}`}
            data-testid={`message-${message.index}`}
            data-role={message.role}
            className={cn("flex scroll-my-6", message.role === "visitor" ? "justify-start" : "justify-end")}
          >
            <div
              className={cn(
                "max-w-[88%] rounded-lg px-3 py-2 ring-1 transition-shadow",
                ROLE_STYLES[message.role],
                highlighted && "ring-2 ring-yellow-400",
              )}
            >
              <div className="mb-1 flex flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-slate-600">
                <Icon aria-hidden className="h-3.5 w-3.5" />
                <span className="font-medium text-slate-800">{ROLE_LABELS[message.role]}</span>
                {message.at ? (
                  <time dateTime={message.at} title={formatDateTime(message.at)}>
                    {formatTime(message.at)}
                  </time>
                ) : null}
                {message.promises.length > 0 ? <Badge tone="amber">Bot promise</Badge> : null}
              </div>
              <p className="whitespace-pre-wrap break-words text-sm leading-6 text-slate-900">
                {toPieces(message.segments, marks).map((piece, i) => (
                  <PieceView key={i} piece={piece} revealed={data.revealed} />
                ))}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
