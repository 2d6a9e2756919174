"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { WEBHOOK_EVENT_TYPES } from "@/server/services/outbound/webhook-events";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Dialog } from "../ui/dialog";
import { FIELD } from "../ui/filter-field";
import { StatusMessage } from "../ui/status-message";
import { Cell, DataTable } from "../ui/table";
import { ChatWidgets } from "./chat-widgets";
import { CheckboxGroup, Field } from "./fields";
import { formatDateTime } from "./format";
import { SecretOnce, SHOWN_ONCE } from "./secret-reveal";

// Sources (the chat platforms and sites that send conversations, each with an API key) and webhook
// endpoints (the systems told about handoffs and cases), for admins. Keys and secrets are shown once.

type FieldErrors = Record<string, string[] | undefined> | null | undefined;

interface Shown {
  title: string;
  secrets: { label: string; value: string }[];
  note?: string;
}

export function SourcesAndWebhooks() {
  const [shown, setShown] = useState<Shown | null>(null);
  return (
    <div className="space-y-8 px-6 py-4">
      <section aria-labelledby="sources-heading" className="space-y-3">
        <h2 id="sources-heading" className="text-base font-semibold text-slate-900">
          Sources and API keys
        </h2>
        <Sources onShow={setShown} />
      </section>
      <section aria-labelledby="widgets-heading" className="space-y-3">
        <h2 id="widgets-heading" className="text-base font-semibold text-slate-900">
          Chat widgets
        </h2>
        <ChatWidgets />
      </section>
      <section aria-labelledby="webhooks-heading" className="space-y-3">
        <h2 id="webhooks-heading" className="text-base font-semibold text-slate-900">
          Webhook endpoints
        </h2>
        <Webhooks onShow={setShown} />
      </section>
      <Dialog open={shown !== null} onClose={() => setShown(null)} title={shown?.title ?? ""}>
        {shown ? (
          <div className="space-y-3 text-sm" data-testid="secrets-shown">
            <p className="text-amber-900">{SHOWN_ONCE}</p>
            {shown.secrets.map((secret) => (
              <SecretOnce
                key={secret.label}
                label={secret.label}
                value={secret.value}
                testId={`secret-${secret.label}`}
              />
            ))}
            {shown.note ? <p className="text-slate-600">{shown.note}</p> : null}
            <div className="flex justify-end">
              <Button onClick={() => setShown(null)}>Done</Button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}

function Sources({ onShow }: { onShow: (shown: Shown) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sources = useQuery(trpc.integrations.sources.queryOptions());
  const [form, setForm] = useState({ name: "", kind: "api" as "api" | "chatwoot" | "intercom" | "widget" });
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.integrations.sources.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.integrations.widgets.queryKey() }),
    ]);
  const create = useMutation(
    trpc.integrations.createSource.mutationOptions({
      onSuccess: async (issued) => {
        setForm({ name: "", kind: "api" });
        await invalidate();
        // A widget needs no key on the page: its script tag and settings appear under Chat widgets.
        if (issued.kind === "widget") return;
        onShow({
          title: `Source ${issued.name} created`,
          secrets: [
            { label: "API key", value: issued.apiKey },
            { label: "Signing secret", value: issued.signingSecret },
            ...(issued.webhookUrl ? [{ label: "Webhook URL", value: issued.webhookUrl }] : []),
          ],
          note: "Senders put the key in the Authorization header: Bearer <key>.",
        });
      },
    }),
  );
  const rotate = useMutation(
    trpc.integrations.rotateSourceKey.mutationOptions({
      onSuccess: async (issued) => {
        await invalidate();
        onShow({
          title: `New key for ${issued.name}`,
          secrets: [{ label: "API key", value: issued.apiKey }],
          note: "The old key keeps working for 60 minutes, so senders can switch over.",
        });
      },
    }),
  );
  const revoke = useMutation(
    trpc.integrations.revokeSource.mutationOptions({
      onSuccess: async () => {
        setConfirmRevoke(null);
        await invalidate();
      },
    }),
  );
  const errors = create.error?.data?.fieldErrors as FieldErrors;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(form);
  };
  if (sources.isPending) return <StatusMessage>Loading sources…</StatusMessage>;
  if (sources.isError) return <StatusMessage tone="error">{sources.error.message}</StatusMessage>;
  return (
    <div className="space-y-3">
      <DataTable
        caption="Sources"
        testId="sources-table"
        columns={[
          { label: "Name" },
          { label: "Kind" },
          { label: "Key" },
          { label: "Last used" },
          { label: "Created" },
          { label: "Status" },
          { label: "", srLabel: "Actions" },
        ]}
      >
        {sources.data.map((source) => (
          <tr
            key={source.id}
            data-testid={`source-${source.name}`}
            className={source.revokedAt ? "text-slate-500" : ""}
          >
            <Cell className="font-medium">{source.name}</Cell>
            <Cell>{source.kind}</Cell>
            <Cell className="font-mono text-xs">{source.keyPrefix}…</Cell>
            <Cell className="tabular-nums">{formatDateTime(source.lastUsedAt)}</Cell>
            <Cell className="tabular-nums">{formatDateTime(source.createdAt)}</Cell>
            <Cell>{source.revokedAt ? <Badge>Revoked</Badge> : <Badge tone="green">Active</Badge>}</Cell>
            <Cell className="whitespace-nowrap text-right">
              {source.revokedAt ? null : (
                <>
                  <Button
                    variant="ghost"
                    aria-label={`Rotate the key of ${source.name}`}
                    disabled={rotate.isPending}
                    onClick={() => rotate.mutate({ name: source.name, graceMinutes: 60 })}
                  >
                    Rotate key
                  </Button>
                  <Button
                    variant="danger"
                    aria-label={`Revoke ${source.name}`}
                    onClick={() => setConfirmRevoke(source.name)}
                  >
                    Revoke
                  </Button>
                </>
              )}
            </Cell>
          </tr>
        ))}
      </DataTable>
      {rotate.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {rotate.error.message}
        </p>
      ) : null}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2" noValidate>
        <Field
          label="New source"
          htmlFor="source-name"
          error={errors?.name?.[0] ?? (errors ? undefined : create.error?.message)}
        >
          <input
            id="source-name"
            className={cn(FIELD, "w-56")}
            placeholder="Website chat"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </Field>
        <Field label="Kind" htmlFor="source-kind">
          <select
            id="source-kind"
            className={cn(FIELD, "w-40")}
            value={form.kind}
            onChange={(e) => setForm({ ...form, kind: e.target.value as typeof form.kind })}
          >
            <option value="api">API (any platform)</option>
            <option value="chatwoot">Chatwoot</option>
            <option value="intercom">Intercom</option>
            <option value="widget">Chat widget</option>
          </select>
        </Field>
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          Create source
        </Button>
      </form>
      <Dialog open={confirmRevoke !== null} onClose={() => setConfirmRevoke(null)} title={`Revoke ${confirmRevoke}?`}>
        <div className="space-y-3 text-sm text-slate-700">
          <p>Its key stops working at once: conversations it sends are refused. Conversations already received stay.</p>
          {revoke.isError ? (
            <p role="alert" className="text-red-700">
              {revoke.error.message}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirmRevoke(null)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              disabled={revoke.isPending}
              onClick={() => confirmRevoke && revoke.mutate({ name: confirmRevoke })}
            >
              Revoke {confirmRevoke}
            </Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}

function Webhooks({ onShow }: { onShow: (shown: Shown) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.integrations.endpoints.queryOptions());
  const [form, setForm] = useState({ url: "", events: ["handoff.created"] as string[], description: "" });
  const [log, setLog] = useState<{ id: string; url: string } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.integrations.endpoints.queryKey() });
  const create = useMutation(
    trpc.integrations.createEndpoint.mutationOptions({
      onSuccess: async (endpoint) => {
        setForm({ url: "", events: ["handoff.created"], description: "" });
        await invalidate();
        onShow({
          title: "Webhook endpoint added",
          secrets: [{ label: "Signing secret", value: endpoint.secret }],
          note: "The receiver checks each delivery's Standard Webhooks signature with it.",
        });
      },
    }),
  );
  const setEnabled = useMutation(trpc.integrations.setEndpointEnabled.mutationOptions({ onSuccess: invalidate }));
  const rotate = useMutation(
    trpc.integrations.rotateEndpointSecret.mutationOptions({
      onSuccess: async (result) => {
        await invalidate();
        onShow({
          title: "New signing secret",
          secrets: [{ label: "Signing secret", value: result.secret }],
          note: result.rotationEndsAt
            ? `Until ${formatDateTime(result.rotationEndsAt)}, deliveries are signed with the old secret too.`
            : undefined,
        });
      },
    }),
  );
  const test = useMutation(
    trpc.integrations.sendTestEvent.mutationOptions({
      onSuccess: async (_result, variables) => {
        await invalidate();
        const endpoint = endpoints.data?.find((e) => e.id === variables.id);
        if (endpoint) setLog({ id: endpoint.id, url: endpoint.url });
      },
    }),
  );
  const errors = create.error?.data?.fieldErrors as FieldErrors;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      url: form.url,
      events: form.events as (typeof WEBHOOK_EVENT_TYPES)[number][],
      description: form.description || undefined,
    });
  };
  if (endpoints.isPending) return <StatusMessage>Loading webhook endpoints…</StatusMessage>;
  if (endpoints.isError) return <StatusMessage tone="error">{endpoints.error.message}</StatusMessage>;
  const actionError = setEnabled.error ?? rotate.error ?? test.error;
  return (
    <div className="space-y-3">
      {endpoints.data.length === 0 ? <p className="text-sm text-slate-600">No endpoints yet.</p> : null}
      <ul className="space-y-2">
        {endpoints.data.map((endpoint) => (
          <li
            key={endpoint.id}
            className="rounded-md border border-slate-200 bg-white p-3 text-sm"
            data-testid={`endpoint-${endpoint.url}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs text-slate-900">{endpoint.url}</span>
              {endpoint.enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}
              {endpoint.rotationEndsAt ? (
                <Badge tone="amber">Rotating until {formatDateTime(endpoint.rotationEndsAt)}</Badge>
              ) : null}
              <span className="text-slate-600">
                {endpoint.deliveries.delivered ?? 0} delivered · {endpoint.deliveries.pending ?? 0} pending ·{" "}
                {endpoint.deliveries.dead ?? 0} failed
              </span>
            </div>
            <p className="mt-1 text-slate-600">
              Receives {endpoint.events.join(", ")}
              {endpoint.description ? ` · ${endpoint.description}` : ""}
              {!endpoint.enabled && endpoint.disabledReason ? ` · off because ${endpoint.disabledReason}` : ""}
            </p>
            <div className="mt-2 flex flex-wrap gap-1">
              <Button
                variant="secondary"
                disabled={!endpoint.enabled || test.isPending}
                onClick={() => test.mutate({ id: endpoint.id })}
              >
                Send a test event
              </Button>
              <Button variant="secondary" onClick={() => setLog({ id: endpoint.id, url: endpoint.url })}>
                Delivery log
              </Button>
              <Button variant="ghost" onClick={() => rotate.mutate({ id: endpoint.id })}>
                Rotate secret
              </Button>
              <Button
                variant="ghost"
                onClick={() => setEnabled.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}
              >
                {endpoint.enabled ? "Switch off" : "Switch on"}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {actionError ? (
        <p role="alert" className="text-sm text-red-700">
          {actionError.message}
        </p>
      ) : null}
      <form onSubmit={submit} className="space-y-2 rounded-md border border-dashed border-slate-300 p-3" noValidate>
        <p className="text-sm font-medium text-slate-900">Add an endpoint</p>
        <div className="flex flex-wrap items-end gap-2">
          <Field
            label="URL"
            htmlFor="endpoint-url"
            error={errors?.url?.[0] ?? (errors ? undefined : create.error?.message)}
          >
            <input
              id="endpoint-url"
              type="url"
              className={cn(FIELD, "w-96")}
              placeholder="https://crm.example.com/hooks/handoff-desk"
              value={form.url}
              onChange={(e) => setForm({ ...form, url: e.target.value })}
            />
          </Field>
          <Field label="Description (optional)" htmlFor="endpoint-description">
            <input
              id="endpoint-description"
              className={cn(FIELD, "w-56")}
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.target.value })}
            />
          </Field>
        </div>
        <div>
          <p className="text-xs font-medium text-slate-600">Events</p>
          <CheckboxGroup
            legend="Events"
            options={WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: type }))}
            value={form.events}
            error={errors?.events?.[0]}
            onChange={(events) => setForm({ ...form, events })}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={create.isPending}>
          Add endpoint
        </Button>
      </form>
      <Dialog open={log !== null} onClose={() => setLog(null)} title={`Deliveries to ${log?.url ?? ""}`}>
        {log ? <DeliveryLog endpointId={log.id} /> : null}
      </Dialog>
    </div>
  );
}

function DeliveryLog({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    ...trpc.integrations.deliveries.queryOptions({ endpointId }),
    // While something is on its way, look again every two seconds.
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending") ? 2_000 : false),
  });
  const redeliver = useMutation(
    trpc.integrations.redeliver.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.integrations.deliveries.queryKey({ endpointId }) }),
    }),
  );
  if (deliveries.isPending) return <StatusMessage>Loading…</StatusMessage>;
  if (deliveries.isError) return <StatusMessage tone="error">{deliveries.error.message}</StatusMessage>;
  if (deliveries.data.length === 0) return <p className="text-sm text-slate-600">Nothing sent yet.</p>;
  return (
    <div className="max-h-[60vh] space-y-2 overflow-y-auto" data-testid="delivery-log">
      {redeliver.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {redeliver.error.message}
        </p>
      ) : null}
      <DataTable
        caption="Deliveries, newest first"
        columns={[
          { label: "Event" },
          { label: "Created" },
          { label: "Status" },
          { label: "Attempts" },
          { label: "", srLabel: "Actions" },
        ]}
      >
        {deliveries.data.map((delivery) => (
          <tr key={delivery.id} data-testid="delivery-row">
            <Cell className="font-mono text-xs">{delivery.eventType}</Cell>
            <Cell className="whitespace-nowrap tabular-nums">{formatDateTime(delivery.createdAt)}</Cell>
            <Cell>
              {delivery.status === "delivered" ? (
                <Badge tone="green">Delivered</Badge>
              ) : delivery.status === "dead" ? (
                <Badge tone="red">Failed</Badge>
              ) : (
                <Badge tone="blue">Pending</Badge>
              )}
            </Cell>
            <Cell className="text-xs">
              {delivery.attempts.map((attempt) => (
                <div key={attempt.number}>
                  #{attempt.number} {attempt.statusCode ? `HTTP ${attempt.statusCode}` : "no answer"} in{" "}
                  {attempt.durationMs} ms
                  {attempt.error ? ` · ${attempt.error.slice(0, 80)}` : ""}
                </div>
              ))}
            </Cell>
            <Cell>
              {delivery.status !== "pending" ? (
                <Button
                  variant="ghost"
                  disabled={redeliver.isPending}
                  onClick={() => redeliver.mutate({ deliveryId: delivery.id })}
                >
                  Redeliver
                </Button>
              ) : null}
            </Cell>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
