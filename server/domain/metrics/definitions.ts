// The dashboards' metrics as data: what each is called, what it counts and which way is good.
// docs/METRICS.md defines each in full (numerator, denominator, exclusions, time basis); the SQL that
// counts them is server/services/dashboards/metric-sql.ts, where each metric is one pair of
// predicates, so a number and the list of conversations behind it can never disagree.

export const METRIC_IDS = [
  "conversations",
  "conversion",
  "complete_handoff",
  "pilot_coverage",
  "response_time",
  "unresolved",
  "wrong_owner",
  "exception_rate",
  "sla_breach",
  "review_time",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** The pilot's bar: this share of sales-relevant chats ends in a complete handoff or a documented exception. */
export const PILOT_THRESHOLD = 0.8;

/** The pilot report's window, in days. */
export const PILOT_DAYS = 14;

export interface MetricDefinition {
  id: MetricId;
  label: string;
  /** One line for a card's tooltip and the report. */
  description: string;
  /** A rate is numerator / denominator; a duration is a median and p90 over the numerator's rows. */
  kind: "rate" | "duration" | "count";
  better: "higher" | "lower";
  numerator: string;
  denominator: string;
}

export const METRICS: Readonly<Record<MetricId, MetricDefinition>> = {
  conversations: {
    id: "conversations",
    label: "Conversations",
    description: "Chats first received in the period.",
    kind: "count",
    better: "higher",
    numerator: "conversations",
    denominator: "conversations",
  },
  conversion: {
    id: "conversion",
    label: "Chat-to-lead conversion",
    description: "Sales-relevant chats that produced a lead record (a new or known contact).",
    kind: "rate",
    better: "higher",
    numerator: "sales chats with a lead",
    denominator: "sales chats",
  },
  complete_handoff: {
    id: "complete_handoff",
    label: "Complete handoff rate",
    description: "Sales chats handed to an owner with contact, consent, stated need and the unresolved question.",
    kind: "rate",
    better: "higher",
    numerator: "complete handoffs",
    denominator: "sales chats",
  },
  pilot_coverage: {
    id: "pilot_coverage",
    label: "Pilot coverage",
    description: "Sales chats ending in a complete handoff or a documented exception (pilot bar: 80%).",
    kind: "rate",
    better: "higher",
    numerator: "complete handoffs or documented exceptions",
    denominator: "sales chats",
  },
  response_time: {
    id: "response_time",
    label: "Owner response time",
    description: "From the handoff reaching its owner to their first response; bot time never counts.",
    kind: "duration",
    better: "lower",
    numerator: "responded handoffs",
    denominator: "handoffs with an owner",
  },
  unresolved: {
    id: "unresolved",
    label: "Unresolved question rate",
    description: "Chats (spam aside) that ended with a visitor question nobody answered.",
    kind: "rate",
    better: "lower",
    numerator: "chats with an unresolved question",
    denominator: "chats, spam aside",
  },
  wrong_owner: {
    id: "wrong_owner",
    label: "Wrong-owner rate",
    description: "Handoffs a reviewer reassigned away from the owner routing chose.",
    kind: "rate",
    better: "lower",
    numerator: "reassigned handoffs",
    denominator: "handoffs",
  },
  exception_rate: {
    id: "exception_rate",
    label: "Exception rate",
    description: "Chats that needed a human review before anyone contacted the visitor.",
    kind: "rate",
    better: "lower",
    numerator: "chats with an exception",
    denominator: "chats",
  },
  sla_breach: {
    id: "sla_breach",
    label: "SLA breaches",
    description: "Handoffs whose owner had not responded by the due time.",
    kind: "rate",
    better: "lower",
    numerator: "breached handoffs",
    denominator: "handoffs with an owner",
  },
  review_time: {
    id: "review_time",
    label: "Review time to decision",
    description: "From an exception being raised to a reviewer's decision (approve, reassign or spam).",
    kind: "duration",
    better: "lower",
    numerator: "decided exceptions",
    denominator: "exceptions",
  },
};

export const DIMENSIONS = [
  "page",
  "campaign",
  "topic",
  "team",
  "owner",
  "source",
  "rule",
  "reviewer",
  "reason",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  page: "Page",
  campaign: "Campaign",
  topic: "Topic",
  team: "Team",
  owner: "Owner",
  source: "Source",
  rule: "Routing rule",
  reviewer: "Reviewer",
  reason: "Exception reason",
};

/** numerator / denominator, or null when there is nothing to divide (never a fake 0%). */
export function rateOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The change from the previous period: null when either side has no data. */
export function changeOf(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return current - previous;
}

export type Verdict = "met" | "not_met" | "no_data";

/** The pilot verdict on a coverage rate. */
export function pilotVerdict(coverage: number | null, threshold = PILOT_THRESHOLD): Verdict {
  if (coverage === null) return "no_data";
  return coverage >= threshold ? "met" : "not_met";
}
