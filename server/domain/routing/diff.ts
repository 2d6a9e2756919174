import type { Assignment, BusinessHours, ResponseTargets, RoutingConfig, RoutingRule, RuleConditions } from "./rules";

// What a new version of the routing rules changes, in sentences an admin can check before publishing
// and read later in the version history. Pure, so the editor shows the same diff the server stores.

export interface RoutingChange {
  kind: "added" | "removed" | "changed" | "moved" | "targets" | "hours";
  /** The rule it is about; absent for business hours. */
  ruleId?: string;
  text: string;
}

export function describeAssignment(assign: Assignment): string {
  switch (assign.to) {
    case "account_owner":
      return "the customer's account owner";
    case "user":
      return `user ${assign.email}`;
    case "team":
      return `team ${assign.team} (${assign.strategy === "round_robin" ? "round robin" : "fewest open handoffs"})`;
  }
}

/** "60 min", or "from the response targets" for a rule without its own SLA. */
export function describeSla(minutes: number | undefined): string {
  return minutes === undefined ? "from the response targets" : `${minutes} min`;
}

const CONDITION_LABELS: Record<keyof RuleConditions, string> = {
  intent: "intent",
  customerStatus: "customer status",
  topic: "topic",
  pagePath: "page",
  utmCampaign: "campaign",
  territory: "territory",
  businessHours: "business hours",
  keywords: "keywords",
};

function conditionValue(value: RuleConditions[keyof RuleConditions]): string {
  if (value === undefined) return "any";
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Each condition of a rule in words ("intent is sales; page matches /pricing*"); "every conversation" for none. */
export function describeConditions(when: RuleConditions): string {
  const parts = (Object.keys(CONDITION_LABELS) as (keyof RuleConditions)[])
    .filter((key) => when[key] !== undefined)
    .map((key) => `${CONDITION_LABELS[key]}: ${conditionValue(when[key])}`);
  return parts.length ? parts.join("; ") : "every conversation";
}

function ruleChanges(before: RoutingRule, after: RoutingRule): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`renamed from "${before.name}"`);
  if (before.enabled !== after.enabled) changes.push(after.enabled ? "enabled" : "disabled");
  for (const key of Object.keys(CONDITION_LABELS) as (keyof RuleConditions)[]) {
    const was = conditionValue(before.when[key]);
    const now = conditionValue(after.when[key]);
    if (was !== now) changes.push(`${CONDITION_LABELS[key]} ${was} → ${now}`);
  }
  const wasAssign = describeAssignment(before.assign);
  const nowAssign = describeAssignment(after.assign);
  if (wasAssign !== nowAssign) changes.push(`assigns to ${nowAssign} instead of ${wasAssign}`);
  if ((before.priority ?? "from the conversation") !== (after.priority ?? "from the conversation"))
    changes.push(
      `priority ${before.priority ?? "from the conversation"} → ${after.priority ?? "from the conversation"}`,
    );
  if (before.slaMinutes !== after.slaMinutes)
    changes.push(`SLA ${describeSla(before.slaMinutes)} → ${describeSla(after.slaMinutes)}`);
  return changes;
}

function hoursChanges(before: BusinessHours, after: BusinessHours): string[] {
  const changes: string[] = [];
  if (before.timeZone !== after.timeZone) changes.push(`time zone ${before.timeZone} → ${after.timeZone}`);
  const days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
  for (const day of days) {
    const show = (hours: BusinessHours) => {
      const open = hours.days[day];
      return open ? `${open[0]}–${open[1]}` : "closed";
    };
    if (show(before) !== show(after)) changes.push(`${day} ${show(before)} → ${show(after)}`);
  }
  const was = new Set(before.holidays ?? []);
  const now = new Set(after.holidays ?? []);
  const added = [...now].filter((d) => !was.has(d)).sort();
  const removed = [...was].filter((d) => !now.has(d)).sort();
  if (added.length) changes.push(`holidays added: ${added.join(", ")}`);
  if (removed.length) changes.push(`holidays removed: ${removed.join(", ")}`);
  return changes;
}

function targetChanges(before: ResponseTargets | undefined, after: ResponseTargets | undefined): string[] {
  const changes: string[] = [];
  const label = (t: { team?: string; intent?: string }) =>
    [t.team ? `team ${t.team}` : "any team", t.intent ? `${t.intent}` : "any intent"].join(" + ");
  if (before?.defaultMinutes !== after?.defaultMinutes)
    changes.push(
      `default ${before ? `${before.defaultMinutes} min` : "none"} → ${after ? `${after.defaultMinutes} min` : "none"}`,
    );
  const index = (targets: ResponseTargets | undefined) =>
    new Map((targets?.targets ?? []).map((t) => [label(t), t.minutes]));
  const was = index(before);
  const now = index(after);
  for (const [key, minutes] of now) {
    const old = was.get(key);
    if (old === undefined) changes.push(`added ${key}: ${minutes} min`);
    else if (old !== minutes) changes.push(`${key} ${old} → ${minutes} min`);
  }
  for (const key of was.keys()) if (!now.has(key)) changes.push(`removed ${key}`);
  return changes;
}

/** What `after` changes from `before`: rules added, removed, edited and moved, then business hours. */
export function diffRoutingConfigs(before: RoutingConfig, after: RoutingConfig): RoutingChange[] {
  const changes: RoutingChange[] = [];
  const beforeById = new Map(before.rules.map((rule) => [rule.id, rule]));
  const afterById = new Map(after.rules.map((rule) => [rule.id, rule]));
  for (const rule of before.rules)
    if (!afterById.has(rule.id))
      changes.push({ kind: "removed", ruleId: rule.id, text: `Removed rule "${rule.name}" (${rule.id})` });
  after.rules.forEach((rule, index) => {
    const old = beforeById.get(rule.id);
    if (!old) {
      changes.push({
        kind: "added",
        ruleId: rule.id,
        text: `Added rule "${rule.name}" (${rule.id}) at position ${index + 1}: ${describeConditions(rule.when)} → ${describeAssignment(rule.assign)}, SLA ${describeSla(rule.slaMinutes)}`,
      });
      return;
    }
    const edits = ruleChanges(old, rule);
    if (edits.length)
      changes.push({ kind: "changed", ruleId: rule.id, text: `Rule "${rule.name}": ${edits.join("; ")}` });
  });
  // Order among the rules both versions have: the fewest rules that, moved, give the new order are
  // the ones outside the longest run kept in the old order (a longest increasing subsequence).
  const kept = after.rules.filter((rule) => beforeById.has(rule.id));
  const stayed = longestIncreasingRun(kept.map((rule) => before.rules.findIndex((r) => r.id === rule.id)));
  kept.forEach((rule, index) => {
    if (stayed.has(index)) return;
    const position = after.rules.indexOf(rule);
    const previous = after.rules[position - 1];
    changes.push({
      kind: "moved",
      ruleId: rule.id,
      text: `Moved rule "${rule.name}" to position ${position + 1}${previous ? `, after "${previous.name}"` : ", first"}`,
    });
  });
  const targets = targetChanges(before.responseTargets, after.responseTargets);
  if (targets.length) changes.push({ kind: "targets", text: `Response targets: ${targets.join("; ")}` });
  const hours = hoursChanges(before.businessHours, after.businessHours);
  if (hours.length) changes.push({ kind: "hours", text: `Business hours: ${hours.join("; ")}` });
  return changes;
}

/** Indexes into `values` of one longest strictly increasing subsequence. */
function longestIncreasingRun(values: number[]): Set<number> {
  const length = values.map(() => 1);
  const previous = values.map(() => -1);
  for (let i = 0; i < values.length; i++)
    for (let j = 0; j < i; j++)
      if (values[j]! < values[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
  let end = -1;
  for (let i = 0; i < values.length; i++) if (end === -1 || length[i]! > length[end]!) end = i;
  const run = new Set<number>();
  for (let i = end; i !== -1; i = previous[i]!) run.add(i);
  return run;
}
