"use client";

import { useMemo, useState } from "react";
import type { BusinessHours } from "@/server/domain/routing/rules";
import { Button } from "../../ui/button";
import { cn } from "../../ui/cn";
import { FIELD } from "../../ui/filter-field";
import { Field, FieldError, type Issues } from "../fields";

// Business hours, their time zone and holidays: what "inside business hours" means for routing and
// what the owner's response time in business hours counts. Part of the routing draft.

const DAYS = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
] as const;

export function BusinessHoursEditor({
  hours,
  issues,
  onChange,
}: {
  hours: BusinessHours;
  /** Errors keyed by the path inside `businessHours`. */
  issues: Issues;
  onChange: (next: BusinessHours) => void;
}) {
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const [holiday, setHoliday] = useState("");
  const holidays = hours.holidays ?? [];
  const setDay = (day: (typeof DAYS)[number][0], value: [string, string] | undefined) => {
    const days = { ...hours.days };
    if (value) days[day] = value;
    else delete days[day];
    onChange({ ...hours, days });
  };
  const holidayError = [...issues.entries()].find(([path]) => path.startsWith("holidays"))?.[1];
  return (
    <div className="space-y-4">
      <Field
        label="Time zone"
        htmlFor="hours-zone"
        error={issues.get("timeZone")}
        hint="Days on the dashboards and SLA clocks use it too."
        className="max-w-xs"
      >
        <input
          id="hours-zone"
          list="hours-zones"
          className={cn(FIELD, "w-full")}
          value={hours.timeZone}
          onChange={(e) => onChange({ ...hours, timeZone: e.target.value })}
        />
        <datalist id="hours-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </Field>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Open hours</legend>
        <table className="mt-1 text-sm">
          <caption className="sr-only">Open hours per weekday</caption>
          <tbody>
            {DAYS.map(([day, label]) => {
              const open = hours.days[day];
              return (
                <tr key={day} data-testid={`hours-${day}`}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-700">
                    <label className="inline-flex items-center gap-1.5">
                      <input
                        type="checkbox"
                        checked={Boolean(open)}
                        onChange={(e) => setDay(day, e.target.checked ? ["09:00", "17:00"] : undefined)}
                      />
                      {label}
                    </label>
                  </th>
                  <td className="py-1 pr-2">
                    {open ? (
                      <input
                        type="time"
                        aria-label={`${label} opens`}
                        className={FIELD}
                        value={open[0]}
                        onChange={(e) => setDay(day, [e.target.value, open[1]])}
                      />
                    ) : (
                      <span className="text-slate-500">Closed</span>
                    )}
                  </td>
                  <td className="py-1">
                    {open ? (
                      <input
                        type="time"
                        aria-label={`${label} closes`}
                        className={FIELD}
                        value={open[1]}
                        onChange={(e) => setDay(day, [open[0], e.target.value])}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FieldError
          id="hours-days-error"
          message={issues.get("days") ?? [...issues.entries()].find(([p]) => p.startsWith("days."))?.[1]}
        />
      </fieldset>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Holidays</legend>
        <p className="text-xs text-slate-500">Closed all day, whatever the weekday.</p>
        <ul className="mt-1 flex flex-wrap gap-2" aria-label="Holidays">
          {holidays.length === 0 ? <li className="text-sm text-slate-600">None.</li> : null}
          {holidays.map((day) => (
            <li key={day} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-sm">
              {day}
              <button
                type="button"
                className="text-slate-500 hover:text-slate-900"
                aria-label={`Remove holiday ${day}`}
                onClick={() => onChange({ ...hours, holidays: holidays.filter((d) => d !== day) })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <div className="mt-2 flex items-end gap-2">
          <Field label="Add a holiday" htmlFor="hours-holiday">
            <input
              id="hours-holiday"
              type="date"
              className={FIELD}
              value={holiday}
              onChange={(e) => setHoliday(e.target.value)}
            />
          </Field>
          <Button
            variant="secondary"
            disabled={!holiday || holidays.includes(holiday)}
            onClick={() => {
              onChange({ ...hours, holidays: [...holidays, holiday].sort() });
              setHoliday("");
            }}
          >
            Add holiday
          </Button>
        </div>
        <FieldError id="hours-holidays-error" message={holidayError} />
      </fieldset>
    </div>
  );
}
