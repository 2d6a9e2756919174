"use client";

import { useId, useState } from "react";
import { describeAssignment, describeConditions, describeSla } from "@/server/domain/routing/diff";
import { PRIORITIES, type RoutingRule, type RuleConditions } from "@/server/domain/routing/rules";
import { Badge } from "../../ui/badge";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { FIELD } from "../../ui/filter-field";
import { CheckboxGroup, Field, FieldError, ListInput, type Issues } from "../fields";

// One routing rule: a summary line ("when … → whom, SLA"), and when opened, the condition builder
// and the action. Changes go straight into the editor's draft; nothing here talks to the server.

export interface RuleChoices {
  intents: readonly string[];
  topics: { id: string; label: string }[];
  teams: string[];
  users: { email: string; name: string }[];
}

type ConditionKey = keyof RuleConditions;

const CONDITIONS: { key: ConditionKey; label: string; initial: (choices: RuleChoices) => unknown }[] = [
  { key: "intent", label: "Intent", initial: () => ["sales"] },
  { key: "customerStatus", label: "Customer status", initial: () => ["existing"] },
  { key: "topic", label: "Topic", initial: (choices) => (choices.topics[0] ? [choices.topics[0].id] : []) },
  { key: "pagePath", label: "Page URL pattern", initial: () => "/" },
  { key: "utmCampaign", label: "UTM campaign", initial: () => [] },
  { key: "territory", label: "Territory", initial: () => [] },
  { key: "businessHours", label: "Business hours", initial: () => "inside" },
  { key: "keywords", label: "Keywords", initial: () => [] },
];

const CUSTOMER_STATUSES = [
  { value: "existing", label: "Existing customer" },
  { value: "new_or_unknown", label: "New or unknown" },
] as const;

export function RuleCard({
  rule,
  index,
  count,
  choices,
  issues,
  onChange,
  onMove,
  onRemove,
}: {
  rule: RoutingRule;
  index: number;
  count: number;
  choices: RuleChoices;
  /** Errors for this rule, keyed by the path inside it ("when.intent", "slaMinutes"). */
  issues: Issues;
  onChange: (next: RoutingRule) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const hasErrors = issues.size > 0;
  const set = (patch: Partial<RoutingRule>) => onChange({ ...rule, ...patch });
  const setWhen = (key: ConditionKey, value: unknown) => {
    const when = { ...rule.when } as Record<string, unknown>;
    if (value === undefined) delete when[key];
    else when[key] = value;
    set({ when: when as RuleConditions });
  };
  const missing = CONDITIONS.filter((c) => rule.when[c.key] === undefined);
  const error = (path: string) => issues.get(path);

  return (
    <li
      className={cn("rounded-lg border bg-white", hasErrors ? "border-red-300" : "border-slate-200")}
      data-testid={`rule-${rule.id}`}
      aria-labelledby={`${id}-name`}
    >
      <div className="flex flex-wrap items-start gap-3 px-4 py-3">
        <span className="mt-0.5 w-6 shrink-0 text-sm tabular-nums text-slate-500">{index + 1}.</span>
        <div className="min-w-0 flex-1">
          <p id={`${id}-name`} className="text-sm font-medium text-slate-900">
            {rule.name || "Unnamed rule"} {!rule.enabled ? <Badge>Disabled</Badge> : null}
            {hasErrors ? <Badge tone="red">Needs fixing</Badge> : null}
          </p>
          <p className="text-sm text-slate-600" data-testid="rule-summary">
            {Object.keys(rule.when).length > 0 ? `When ${describeConditions(rule.when)}` : "Every conversation"} →{" "}
            {describeAssignment(rule.assign)}, SLA {describeSla(rule.slaMinutes)}
            {rule.priority ? `, priority ${rule.priority}` : ""}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <label className="mr-2 inline-flex items-center gap-1 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={rule.enabled}
              onChange={(e) => set({ enabled: e.target.checked })}
              aria-label={`Enabled: ${rule.name}`}
            />
            Enabled
          </label>
          <Button
            variant="ghost"
            aria-label={`Move up: ${rule.name}`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </Button>
          <Button
            variant="ghost"
            aria-label={`Move down: ${rule.name}`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </Button>
          <Button variant="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? "Close" : "Edit"}
          </Button>
          <Button variant="danger" aria-label={`Remove: ${rule.name}`} disabled={count === 1} onClick={onRemove}>
            Remove
          </Button>
        </div>
      </div>
      {error("") ? (
        <p className="px-4 pb-2 text-xs text-red-700" data-testid="field-error">
          {error("")}
        </p>
      ) : null}
      {open ? (
        <div className="space-y-4 border-t border-slate-100 px-4 py-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Name" htmlFor={`${id}-rule-name`} error={error("name")}>
              <input
                id={`${id}-rule-name`}
                className={cn(FIELD, "w-full")}
                value={rule.name}
                onChange={(e) => set({ name: e.target.value })}
              />
            </Field>
            <Field
              label="Rule id"
              htmlFor={`${id}-rule-id`}
              error={error("id")}
              hint="Kept with every decision this rule makes."
            >
              <input
                id={`${id}-rule-id`}
                className={cn(FIELD, "w-full font-mono")}
                value={rule.id}
                onChange={(e) => set({ id: e.target.value })}
              />
            </Field>
          </div>

          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold text-slate-900">When</legend>
            {Object.keys(rule.when).length === 0 ? (
              <p className="text-sm text-slate-600">Every conversation (no conditions).</p>
            ) : null}
            <ul className="space-y-2">
              {CONDITIONS.filter((c) => rule.when[c.key] !== undefined).map((condition) => (
                <li key={condition.key} className="flex items-start gap-2" data-testid={`condition-${condition.key}`}>
                  <span className="w-36 shrink-0 pt-1.5 text-sm text-slate-700">{condition.label}</span>
                  <div className="min-w-0 flex-1">
                    <ConditionInput
                      id={`${id}-${condition.key}`}
                      conditionKey={condition.key}
                      label={condition.label}
                      value={rule.when[condition.key]}
                      choices={choices}
                      error={error(`when.${condition.key}`)}
                      onChange={(value) => setWhen(condition.key, value)}
                    />
                  </div>
                  <Button
                    variant="ghost"
                    aria-label={`Remove condition: ${condition.label}`}
                    onClick={() => setWhen(condition.key, undefined)}
                  >
                    ✕
                  </Button>
                </li>
              ))}
            </ul>
            {missing.length > 0 ? (
              <div className="flex items-center gap-2">
                <label htmlFor={`${id}-add-condition`} className="text-sm text-slate-700">
                  Add a condition
                </label>
                <select
                  id={`${id}-add-condition`}
                  className={cn(FIELD, "w-48")}
                  value=""
                  onChange={(e) => {
                    const condition = CONDITIONS.find((c) => c.key === e.target.value);
                    if (condition) setWhen(condition.key, condition.initial(choices));
                  }}
                >
                  <option value="">Choose…</option>
                  {missing.map((condition) => (
                    <option key={condition.key} value={condition.key}>
                      {condition.label}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <FieldError id={`${id}-when-error`} message={error("when")} />
          </fieldset>

          <fieldset className="space-y-2">
            <legend className="text-sm font-semibold text-slate-900">Then</legend>
            <AssignmentInput
              id={id}
              rule={rule}
              choices={choices}
              error={error}
              onChange={(assign) => set({ assign })}
            />
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label="Priority" htmlFor={`${id}-priority`} error={error("priority")}>
                <select
                  id={`${id}-priority`}
                  className={cn(FIELD, "w-full")}
                  value={rule.priority ?? ""}
                  onChange={(e) =>
                    set({ priority: (e.target.value || undefined) as RoutingRule["priority"] | undefined })
                  }
                >
                  <option value="">From the conversation</option>
                  {PRIORITIES.map((priority) => (
                    <option key={priority} value={priority}>
                      At least {priority}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label="SLA (minutes to respond)"
                htmlFor={`${id}-sla`}
                error={error("slaMinutes")}
                hint="Empty: the response targets decide."
              >
                <input
                  id={`${id}-sla`}
                  type="number"
                  min={1}
                  className={cn(FIELD, "w-full")}
                  value={rule.slaMinutes === undefined || Number.isNaN(rule.slaMinutes) ? "" : rule.slaMinutes}
                  onChange={(e) => set({ slaMinutes: e.target.value === "" ? undefined : Number(e.target.value) })}
                />
              </Field>
            </div>
          </fieldset>
        </div>
      ) : null}
    </li>
  );
}

function ConditionInput({
  id,
  conditionKey,
  label,
  value,
  choices,
  error,
  onChange,
}: {
  id: string;
  conditionKey: ConditionKey;
  label: string;
  value: unknown;
  choices: RuleChoices;
  error?: string;
  onChange: (value: unknown) => void;
}) {
  const list = (value as string[] | undefined) ?? [];
  switch (conditionKey) {
    case "intent":
      return (
        <CheckboxGroup
          legend={label}
          options={choices.intents.map((intent) => ({ value: intent, label: intent }))}
          value={list}
          error={error}
          onChange={onChange}
        />
      );
    case "customerStatus":
      return (
        <CheckboxGroup legend={label} options={CUSTOMER_STATUSES} value={list} error={error} onChange={onChange} />
      );
    case "topic":
      return (
        <CheckboxGroup
          legend={label}
          options={choices.topics.map((topic) => ({ value: topic.id, label: topic.label }))}
          value={list}
          error={error}
          onChange={onChange}
        />
      );
    case "pagePath":
      return (
        <>
          <input
            id={id}
            aria-label={label}
            className={cn(FIELD, "w-full font-mono")}
            value={String(value ?? "")}
            placeholder="/pricing*"
            onChange={(e) => onChange(e.target.value)}
          />
          <p className="text-xs text-slate-500">The page&apos;s path; * matches anything (/services/*).</p>
          <FieldError id={`${id}-error`} message={error} />
        </>
      );
    case "businessHours":
      return (
        <select
          id={id}
          aria-label={label}
          className={cn(FIELD, "w-48")}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="inside">Inside business hours</option>
          <option value="outside">Outside business hours</option>
        </select>
      );
    case "utmCampaign":
    case "territory":
    case "keywords":
      return (
        <ListInput
          id={id}
          label={label}
          value={list}
          error={error}
          {...LIST_INPUTS[conditionKey]}
          onChange={onChange}
        />
      );
  }
}

/** The conditions written as comma-separated lists: what each suggests, and whether it is upper case. */
const LIST_INPUTS: Record<"utmCampaign" | "territory" | "keywords", { placeholder: string; upperCase?: boolean }> = {
  utmCampaign: { placeholder: "spring-sale, webinar" },
  territory: { placeholder: "GB, IE", upperCase: true },
  keywords: { placeholder: "solar, heat pump" },
};

function AssignmentInput({
  id,
  rule,
  choices,
  error,
  onChange,
}: {
  id: string;
  rule: RoutingRule;
  choices: RuleChoices;
  error: (path: string) => string | undefined;
  onChange: (assign: RoutingRule["assign"]) => void;
}) {
  const assign = rule.assign;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <Field label="Assign to" htmlFor={`${id}-assign`} error={error("assign")}>
        <select
          id={`${id}-assign`}
          className={cn(FIELD, "w-full")}
          value={assign.to}
          onChange={(e) => {
            const to = e.target.value;
            if (to === "account_owner") onChange({ to: "account_owner" });
            if (to === "user") onChange({ to: "user", email: choices.users[0]?.email ?? "" });
            if (to === "team") onChange({ to: "team", team: choices.teams[0] ?? "", strategy: "least_open" });
          }}
        >
          <option value="team">A team</option>
          <option value="user">A person</option>
          <option value="account_owner">The customer&apos;s account owner</option>
        </select>
      </Field>
      {assign.to === "team" ? (
        <>
          <Field label="Team" htmlFor={`${id}-team`} error={error("assign.team")}>
            <select
              id={`${id}-team`}
              className={cn(FIELD, "w-full")}
              value={assign.team}
              onChange={(e) => onChange({ ...assign, team: e.target.value })}
            >
              {!choices.teams.includes(assign.team) ? (
                <option value={assign.team}>{assign.team || "Choose…"}</option>
              ) : null}
              {choices.teams.map((team) => (
                <option key={team} value={team}>
                  {team}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Within the team" htmlFor={`${id}-strategy`} error={error("assign.strategy")}>
            <select
              id={`${id}-strategy`}
              className={cn(FIELD, "w-full")}
              value={assign.strategy}
              onChange={(e) => onChange({ ...assign, strategy: e.target.value as "round_robin" | "least_open" })}
            >
              <option value="round_robin">Round robin</option>
              <option value="least_open">Fewest open handoffs</option>
            </select>
          </Field>
        </>
      ) : null}
      {assign.to === "user" ? (
        <Field label="Person" htmlFor={`${id}-user`} error={error("assign.email")}>
          <select
            id={`${id}-user`}
            className={cn(FIELD, "w-full")}
            value={assign.email}
            onChange={(e) => onChange({ to: "user", email: e.target.value })}
          >
            {!choices.users.some((u) => u.email === assign.email) ? (
              <option value={assign.email}>{assign.email || "Choose…"}</option>
            ) : null}
            {choices.users.map((user) => (
              <option key={user.email} value={user.email}>
                {user.name} ({user.email})
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {assign.to === "account_owner" ? (
        <p className="self-end pb-1.5 text-xs text-slate-600 sm:col-span-2">
          Skipped when the customer has no account owner: the next matching rule decides.
        </p>
      ) : null}
    </div>
  );
}
