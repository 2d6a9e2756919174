import type { Role } from "./permissions";

// Demo mode only (`npm run demo`, DEMO_MODE=true on the embedded database). These accounts are
// never created anywhere else; the README lists them.

export interface DemoAccount {
  role: Role;
  name: string;
  email: string;
  password: string;
  teams: string[];
}

export const DEMO_TEAMS = [
  { name: "Sales", description: "New business: quotes, demos and consultations" },
  { name: "Support", description: "Help for customers with something they bought or use" },
  { name: "Customer Success", description: "Existing accounts: renewals, expansions and escalations" },
  { name: "Intake", description: "Anything no other team takes: press, partnerships, job applications" },
] as const;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: "admin", name: "Ada Admin", email: "admin@demo.handoffdesk.test", password: "handoff-demo-admin", teams: [] },
  {
    role: "manager",
    name: "Morgan Manager",
    email: "manager@demo.handoffdesk.test",
    password: "handoff-demo-manager",
    teams: ["Sales", "Support", "Customer Success"],
  },
  {
    role: "reviewer",
    name: "Riley Reviewer",
    email: "reviewer@demo.handoffdesk.test",
    password: "handoff-demo-reviewer",
    teams: ["Intake"],
  },
  {
    role: "owner",
    name: "Owen Owner",
    email: "owner@demo.handoffdesk.test",
    password: "handoff-demo-owner",
    teams: ["Sales"],
  },
  {
    role: "owner",
    name: "Sam Support",
    email: "support@demo.handoffdesk.test",
    password: "handoff-demo-support",
    teams: ["Support"],
  },
];

/** The demo's chat source: its key is in the README so `curl` can post a conversation at once. */
export const DEMO_SOURCE = {
  name: "Demo website chat",
  apiKey: "hd_demo0001_demo-key-for-the-embedded-demo-only",
  signingSecret: "whsec_ZGVtby1zaWduaW5nLXNlY3JldC1mb3ItdGhlLWRlbW8=",
} as const;

/** The demo's chat widget, shown on the sample site at /sample-site (demo mode and the browser tests). */
export const DEMO_WIDGET = {
  name: "Ridge Roofing website",
  publicId: "wgt_demo-ridge-roofing",
  settings: {
    title: "Ridge Roofing",
    launcherLabel: "Chat with us",
    accentColor: "#9a3412",
    allowedOrigins: [] as string[],
    faq: [
      "Ridge Roofing repairs and replaces pitched and flat roofs (felt, EPDM rubber and fibreglass), chimneys, gutters, fascias and skylights.",
      "We work across West Yorkshire: Leeds, Bradford, Wakefield, Huddersfield and Halifax.",
      "Every job starts with a survey by one of our roofers. We are members of the National Federation of Roofing Contractors.",
    ].join("\n"),
  },
} as const;
