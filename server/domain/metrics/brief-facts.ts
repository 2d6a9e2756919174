import type { Brief } from "../analysis/types";

// What the dashboards read from a brief (docs/METRICS.md), written beside it on the conversation by
// whoever writes the brief: ingest (the rules), the model's second look, and reviewers' corrections.

export interface BriefFacts {
  intent: string;
  topic: string | null;
  needStated: boolean;
  unresolved: boolean;
}

/** A reviewer's correction of a brief field: it outlives any new analysis. */
type Edits = Partial<Record<string, { value: string }>> | null | undefined;

export function briefFacts(
  brief: Pick<Brief, "intent" | "topic" | "statedNeed" | "unresolvedQuestion">,
  edits?: Edits,
): BriefFacts {
  const edited = (field: string, analysed: boolean) => {
    const edit = edits?.[field];
    return edit ? edit.value.trim() !== "" : analysed;
  };
  return {
    intent: brief.intent.value,
    topic: brief.topic?.id ?? null,
    needStated: edited("statedNeed", brief.statedNeed !== null),
    unresolved: edited("unresolvedQuestion", brief.unresolvedQuestion !== null),
  };
}
