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
    teams: [],
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
