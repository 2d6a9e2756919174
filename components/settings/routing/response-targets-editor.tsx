"use client";

import type { ResponseTargets } from "@/server/domain/routing/rules";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { FIELD } from "../../ui/filter-field";
import { Field, FieldError, type Issues } from "../fields";

// Response targets (SLAs) per team and intent, for rules that set no SLA of their own. The most
// specific target wins: team and intent, then team, then intent, then the default.

export function ResponseTargetsEditor({
  targets,
  teams,
  intents,
  issues,
  onChange,
}: {
  targets: ResponseTargets | undefined;
  teams: string[];
  intents: readonly string[];
  /** Errors keyed by the path inside `responseTargets`. */
  issues: Issues;
  onChange: (next: ResponseTargets | undefined) => void;
}) {
  if (!targets)
    return (
      <div className="space-y-2 text-sm text-slate-700">
        <p>Every rule sets its own SLA. Response targets let rules leave it to a table per team and intent.</p>
        <Button variant="secondary" onClick={() => onChange({ defaultMinutes: 240, targets: [] })}>
          Use response targets
        </Button>
      </div>
    );
  const update = (index: number, patch: Partial<ResponseTargets["targets"][number]>) =>
    onChange({ ...targets, targets: targets.targets.map((t, i) => (i === index ? { ...t, ...patch } : t)) });
  return (
    <div className="space-y-3">
      <Field
        label="Default (minutes)"
        htmlFor="targets-default"
        error={issues.get("defaultMinutes")}
        hint="When no target below fits."
        className="max-w-[12rem]"
      >
        <input
          id="targets-default"
          type="number"
          min={1}
          className={cn(FIELD, "w-full")}
          value={Number.isNaN(targets.defaultMinutes) ? "" : targets.defaultMinutes}
          onChange={(e) =>
            onChange({ ...targets, defaultMinutes: e.target.value === "" ? Number.NaN : Number(e.target.value) })
          }
        />
      </Field>
      {targets.targets.length > 0 ? (
        <table className="text-sm" data-testid="response-targets">
          <caption className="sr-only">Response targets</caption>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="pb-1 pr-3 font-medium">
                Team
              </th>
              <th scope="col" className="pb-1 pr-3 font-medium">
                Intent
              </th>
              <th scope="col" className="pb-1 pr-3 font-medium">
                Minutes
              </th>
              <th scope="col" className="pb-1">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {targets.targets.map((target, index) => {
              const error = issues.get(`targets.${index}`) ?? issues.get(`targets.${index}.minutes`);
              return (
                <tr key={index} className="align-top">
                  <td className="py-1 pr-3">
                    <select
                      aria-label={`Target ${index + 1}: team`}
                      className={cn(FIELD, "w-40")}
                      value={target.team ?? ""}
                      onChange={(e) => update(index, { team: e.target.value || undefined })}
                    >
                      <option value="">Any team</option>
                      {target.team && !teams.includes(target.team) ? (
                        <option value={target.team}>{target.team}</option>
                      ) : null}
                      {teams.map((team) => (
                        <option key={team} value={team}>
                          {team}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 pr-3">
                    <select
                      aria-label={`Target ${index + 1}: intent`}
                      className={cn(FIELD, "w-32")}
                      value={target.intent ?? ""}
                      onChange={(e) =>
                        update(index, {
                          intent: (e.target.value || undefined) as ResponseTargets["targets"][number]["intent"],
                        })
                      }
                    >
                      <option value="">Any intent</option>
                      {intents.map((intent) => (
                        <option key={intent} value={intent}>
                          {intent}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-1 pr-3">
                    <input
                      type="number"
                      min={1}
                      aria-label={`Target ${index + 1}: minutes`}
                      className={cn(FIELD, "w-24")}
                      value={Number.isNaN(target.minutes) ? "" : target.minutes}
                      onChange={(e) =>
                        update(index, { minutes: e.target.value === "" ? Number.NaN : Number(e.target.value) })
                      }
                    />
                    <FieldError id={`target-${index}-error`} message={error} />
                  </td>
                  <td className="py-1">
                    <Button
                      variant="ghost"
                      aria-label={`Remove target ${index + 1}`}
                      onClick={() => onChange({ ...targets, targets: targets.targets.filter((_, i) => i !== index) })}
                    >
                      ✕
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onClick={() =>
            onChange({ ...targets, targets: [...targets.targets, { team: teams[0], intent: undefined, minutes: 60 }] })
          }
        >
          Add a target
        </Button>
        <Button variant="ghost" onClick={() => onChange(undefined)}>
          Stop using response targets
        </Button>
      </div>
      <FieldError id="targets-error" message={issues.get("") ?? issues.get("targets")} />
    </div>
  );
}
