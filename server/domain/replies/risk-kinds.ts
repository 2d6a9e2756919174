// The kinds of promise a first reply must not make, with how the console names them. Its own small
// module so the browser can show the labels without loading the analysis.

export const RISK_KINDS = ["pricing", "timing", "scope", "guarantee", "results", "service_fit"] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const RISK_NAMES: Readonly<Record<RiskKind, string>> = {
  pricing: "Pricing",
  timing: "Timing",
  scope: "Scope",
  guarantee: "Guarantee",
  results: "Results",
  service_fit: "Service fit",
};

export const RISK_LABELS: Readonly<Record<RiskKind, string>> = {
  pricing: "states a price or discount",
  timing: "commits to a date or time",
  scope: "promises what is included, or custom work",
  guarantee: "gives a guarantee",
  results: "promises a result",
  service_fit: "says the service is right for them",
};

export interface PromiseRisk {
  kind: RiskKind;
  /** `text.slice(start, end)` of the checked text. */
  quote: string;
  start: number;
  end: number;
}
