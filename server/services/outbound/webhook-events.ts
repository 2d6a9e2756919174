// The events a webhook endpoint can subscribe to (shared with the settings page in the browser).
export const WEBHOOK_EVENT_TYPES = ["handoff.created", "case.created", "case.resolved", "lead.updated"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
