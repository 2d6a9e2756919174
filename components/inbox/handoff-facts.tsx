import { Badge } from "../ui/badge";
import { CONSENT_TEXT, formatDue, formatDuration, URGENCY_TONE } from "./format";
import type { InboxCardItem } from "./types";

/** Consent (with the visitor's words), priority, and the SLA or the response time: what comes after the question. */
export function HandoffFacts({ item, now }: { item: InboxCardItem; now: Date | null }) {
  const consent = CONSENT_TEXT[item.consent.status];
  // Before the browser knows the time (server render), the line is kept, empty.
  const due = now ? formatDue(item.dueAt, now) : { text: "", overdue: false };
  return (
    <dl className="grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="font-medium text-slate-600">Consent</dt>
      <dd className="flex flex-wrap items-center gap-2" data-testid="consent">
        <Badge tone={consent.tone}>{consent.label}</Badge>
        {item.consent.quote ? <span className="text-slate-600">“{item.consent.quote}”</span> : null}
      </dd>
      <dt className="font-medium text-slate-600">Urgency</dt>
      <dd className="flex flex-wrap items-center gap-2">
        <Badge tone={URGENCY_TONE[item.priority] ?? "neutral"}>
          {item.priority.charAt(0).toUpperCase() + item.priority.slice(1)} priority
        </Badge>
        <span className="text-slate-600">{item.urgency.reason}</span>
      </dd>
      <dt className="font-medium text-slate-600">{item.status === "responded" ? "Response" : "Respond by"}</dt>
      <dd data-testid="response">
        {item.status === "responded" && item.responseSeconds !== null ? (
          <span className="font-medium text-emerald-800" data-testid="response-time">
            Responded in {formatDuration(item.responseSeconds)}
            {item.respondedVia === "reply" ? " (first reply sent)" : " (marked responded)"}
          </span>
        ) : item.status === "closed" ? (
          <span className="text-slate-600">Withdrawn for review: a reviewer is looking at new messages first.</span>
        ) : (
          <span className={due.overdue || item.breached ? "font-medium text-red-700" : "text-slate-700"}>
            {due.text}
          </span>
        )}
      </dd>
      <dt className="font-medium text-slate-600">Visitor</dt>
      <dd className="text-slate-700" data-testid="contact">
        {[item.contact.name, item.contact.company].filter(Boolean).join(", ") || "Name not given"}
        {item.contact.email ? ` · ${item.contact.email}` : ""}
        {item.contact.phone ? ` · ${item.contact.phone}` : ""}
        {item.contact.masked ? <span className="ml-1 text-amber-800">({item.contact.note})</span> : null}
      </dd>
    </dl>
  );
}
