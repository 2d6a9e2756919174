"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc";
import type { AppRouter } from "@/server/api/root";
import type { inferRouterOutputs } from "@trpc/server";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { FIELD } from "../ui/filter-field";
import { StatusMessage } from "../ui/status-message";
import { Field } from "./fields";

// Email (SMTP), alerts and the language model, each with a "send test" button. Saved settings win
// over the environment's; secrets are write-only (the page knows whether one is set, never what).

type Settings = inferRouterOutputs<AppRouter>["integrations"]["settings"];
type FieldErrors = Record<string, string[] | undefined> | null | undefined;

const SOURCE_LABEL = { settings: "Set here", environment: "From the environment", none: "Not set up" } as const;

export function IntegrationsSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.integrations.settings.queryOptions());
  if (settings.isPending) return <StatusMessage>Loading…</StatusMessage>;
  if (settings.isError) return <StatusMessage tone="error">{settings.error.message}</StatusMessage>;
  return (
    <div className="space-y-8 px-6 py-4">
      <EmailSection key={`email-${JSON.stringify(settings.data.email)}`} value={settings.data.email} />
      <AlertsSection key={`alerts-${JSON.stringify(settings.data.alerts)}`} value={settings.data.alerts} />
      <ModelSection key={`model-${JSON.stringify(settings.data.model)}`} value={settings.data.model} />
    </div>
  );
}

function Section({
  id,
  title,
  source,
  children,
}: {
  id: string;
  title: string;
  source: keyof typeof SOURCE_LABEL;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="max-w-2xl space-y-3" data-testid={`${id}-settings`}>
      <div className="flex items-center gap-2">
        <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <Badge tone={source === "none" ? "neutral" : "green"}>{SOURCE_LABEL[source]}</Badge>
      </div>
      {children}
    </section>
  );
}

/** The save error (when no field is named), then the save, test and reset row, with what the test said. */
function FormFooter({
  which,
  source,
  save,
  test,
}: {
  which: "email" | "alerts" | "model";
  source: keyof typeof SOURCE_LABEL;
  save: { pending: boolean; error: { message: string; data?: { fieldErrors?: unknown } | null } | null };
  test: { label: string; run: () => void; pending: boolean; result: { ok: boolean; message: string } | undefined };
}) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.integrations.reset.mutationOptions({ onSuccess: useSettingsSaved() }));
  return (
    <div className="space-y-2">
      {save.error && !save.error.data?.fieldErrors ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Saving…" : "Save"}
        </Button>
        <Button variant="secondary" disabled={test.pending || source === "none"} onClick={test.run}>
          {test.pending ? "Testing…" : test.label}
        </Button>
        {source === "settings" ? (
          <Button variant="ghost" disabled={reset.isPending} onClick={() => reset.mutate({ which })}>
            Use the environment&apos;s settings
          </Button>
        ) : null}
      </div>
      {test.result ? (
        <p
          role="status"
          className={cn("text-sm", test.result.ok ? "text-emerald-800" : "text-red-700")}
          data-testid={`${which}-test-result`}
        >
          {test.result.message}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled text or number input with its error; a number field holds NaN while empty. */
function InputField<T extends string | number>({
  id,
  label,
  error,
  className,
  value,
  onValue,
  ...input
}: {
  id: string;
  label: string;
  error?: string;
  className?: string;
  placeholder?: string;
  disabled?: boolean;
  autoComplete?: string;
  value: T;
  onValue: (value: T) => void;
}) {
  const numeric = typeof value === "number";
  return (
    <Field label={label} htmlFor={id} error={error} className={className}>
      <input
        id={id}
        type={numeric ? "number" : "text"}
        className={cn(FIELD, "w-full")}
        {...input}
        value={numeric && Number.isNaN(value) ? "" : value}
        onChange={(e) => {
          const raw = e.target.value;
          onValue((numeric ? (raw === "" ? Number.NaN : Number(raw)) : raw) as T);
        }}
      />
    </Field>
  );
}

/** What a save answers: the settings as they now stand, put straight into the page's data. */
function useSettingsSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (data: Settings) => queryClient.setQueryData(trpc.integrations.settings.queryKey(), data);
}

/** A write-only secret: empty keeps what is stored; the checkbox clears it. */
function SecretField({
  id,
  label,
  isSet,
  value,
  clear,
  error,
  onValue,
  onClear,
}: {
  id: string;
  label: string;
  isSet: boolean;
  value: string;
  clear: boolean;
  error?: string;
  onValue: (value: string) => void;
  onClear: (clear: boolean) => void;
}) {
  return (
    <Field
      label={label}
      htmlFor={id}
      error={error}
      hint={
        isSet ? "Set. Leave empty to keep it (pointing at another server clears it); it is never shown." : "Not set."
      }
    >
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        className={cn(FIELD, "w-full")}
        value={value}
        disabled={clear}
        placeholder={isSet ? "••••••••" : ""}
        onChange={(e) => onValue(e.target.value)}
      />
      {isSet ? (
        <label className="mt-1 inline-flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" checked={clear} onChange={(e) => onClear(e.target.checked)} /> Clear it
        </label>
      ) : null}
    </Field>
  );
}

const secretInput = (value: string, clear: boolean) => (clear ? null : value ? value : undefined);

function EmailSection({ value }: { value: Settings["email"] }) {
  const trpc = useTRPC();
  const onSuccess = useSettingsSaved();
  const [form, setForm] = useState({
    host: value.host,
    port: value.port,
    secure: value.secure,
    username: value.username ?? "",
    password: "",
    clearPassword: false,
    from: value.from,
  });
  const save = useMutation(trpc.integrations.setEmail.mutationOptions({ onSuccess }));
  const test = useMutation(trpc.integrations.testEmail.mutationOptions());
  const errors = save.error?.data?.fieldErrors as FieldErrors;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      host: form.host,
      port: form.port,
      secure: form.secure,
      username: form.username || undefined,
      password: secretInput(form.password, form.clearPassword),
      from: form.from,
    });
  };
  return (
    <Section id="email" title="Email (SMTP)" source={value.source}>
      <p className="text-sm text-slate-600">
        Owner emails, first replies to visitors and invitations go out through it.
      </p>
      {value.passwordUnreadable ? (
        <p role="alert" className="text-sm text-amber-800">
          The stored password cannot be read (AUTH_SECRET changed). Enter it again.
        </p>
      ) : null}
      <form onSubmit={submit} className="space-y-3" noValidate>
        <div className="grid gap-3 sm:grid-cols-3">
          <InputField
            id="smtp-host"
            label="Server"
            error={errors?.host?.[0]}
            className="sm:col-span-2"
            placeholder="smtp.example.com"
            value={form.host}
            onValue={(host) => setForm({ ...form, host })}
          />
          <InputField
            id="smtp-port"
            label="Port"
            error={errors?.port?.[0]}
            value={form.port}
            onValue={(port) => setForm({ ...form, port })}
          />
        </div>
        <label className="inline-flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={form.secure}
            onChange={(e) => setForm({ ...form, secure: e.target.checked })}
          />
          TLS from the start (usually port 465; otherwise STARTTLS is used when offered)
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          <InputField
            id="smtp-username"
            label="Username"
            autoComplete="off"
            error={errors?.username?.[0]}
            value={form.username}
            onValue={(username) => setForm({ ...form, username })}
          />
          <SecretField
            id="smtp-password"
            label="Password"
            isSet={value.source === "settings" && value.hasPassword}
            value={form.password}
            clear={form.clearPassword}
            error={errors?.password?.[0]}
            onValue={(password) => setForm({ ...form, password })}
            onClear={(clearPassword) => setForm({ ...form, clearPassword })}
          />
        </div>
        <InputField
          id="smtp-from"
          label="From"
          error={errors?.from?.[0]}
          value={form.from}
          onValue={(from) => setForm({ ...form, from })}
        />
        <FormFooter
          which="email"
          save={{ pending: save.isPending, error: save.error }}
          source={value.source}
          test={{
            label: "Send a test email to me",
            run: () => test.mutate(),
            pending: test.isPending,
            result: test.data,
          }}
        />
      </form>
    </Section>
  );
}

function AlertsSection({ value }: { value: Settings["alerts"] }) {
  const trpc = useTRPC();
  const onSuccess = useSettingsSaved();
  const [url, setUrl] = useState("");
  const [clear, setClear] = useState(false);
  const save = useMutation(trpc.integrations.setAlerts.mutationOptions({ onSuccess }));
  const test = useMutation(trpc.integrations.testAlert.mutationOptions());
  const errors = save.error?.data?.fieldErrors as FieldErrors;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ webhookUrl: secretInput(url, clear) });
  };
  return (
    <Section id="alerts" title="Alerts" source={value.source}>
      <p className="text-sm text-slate-600">
        Emergencies and missed response times are posted to a Slack-compatible incoming webhook
        {value.webhookHost ? ` (now: ${value.webhookHost})` : ""}.
      </p>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <SecretField
          id="alert-url"
          label="Incoming webhook URL"
          isSet={value.source === "settings" && value.hasWebhookUrl}
          value={url}
          clear={clear}
          error={errors?.webhookUrl?.[0]}
          onValue={setUrl}
          onClear={setClear}
        />
        <FormFooter
          which="alerts"
          save={{ pending: save.isPending, error: save.error }}
          source={value.source}
          test={{ label: "Send a test alert", run: () => test.mutate(), pending: test.isPending, result: test.data }}
        />
      </form>
    </Section>
  );
}

const PROVIDERS = [
  ["none", "None: the rules analyzer only"],
  ["openai", "OpenAI"],
  ["anthropic", "Anthropic"],
  ["openai-compatible", "OpenAI-compatible server"],
  ["ollama", "Ollama"],
] as const;

function ModelSection({ value }: { value: Settings["model"] }) {
  const trpc = useTRPC();
  const onSuccess = useSettingsSaved();
  const [form, setForm] = useState({
    provider: value.provider,
    model: value.model ?? "",
    baseUrl: value.baseUrl ?? "",
    apiKey: "",
    clearKey: false,
    timeoutMs: value.timeoutMs,
  });
  const save = useMutation(trpc.integrations.setModel.mutationOptions({ onSuccess }));
  const test = useMutation(trpc.integrations.testModel.mutationOptions());
  const errors = save.error?.data?.fieldErrors as FieldErrors;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      provider: form.provider,
      model: form.model || undefined,
      baseUrl: form.baseUrl || undefined,
      apiKey: secretInput(form.apiKey, form.clearKey),
      timeoutMs: form.timeoutMs,
    });
  };
  return (
    <Section id="model" title="Language model" source={value.source}>
      <p className="text-sm text-slate-600">
        Optional: a model takes a second look at each conversation. Without one, the rules analyzer decides alone.
      </p>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Provider" htmlFor="model-provider" error={errors?.provider?.[0]}>
            <select
              id="model-provider"
              className={cn(FIELD, "w-full")}
              value={form.provider}
              onChange={(e) => setForm({ ...form, provider: e.target.value as typeof form.provider })}
            >
              {PROVIDERS.map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <InputField
            id="model-name"
            label="Model"
            error={errors?.model?.[0]}
            disabled={form.provider === "none"}
            placeholder="gpt-4.1-mini"
            value={form.model}
            onValue={(model) => setForm({ ...form, model })}
          />
          <InputField
            id="model-base-url"
            label="Base URL (optional)"
            error={errors?.baseUrl?.[0]}
            disabled={form.provider === "none"}
            placeholder="https://llm.internal.example/v1"
            value={form.baseUrl}
            onValue={(baseUrl) => setForm({ ...form, baseUrl })}
          />
          <SecretField
            id="model-api-key"
            label="API key"
            isSet={value.source === "settings" && value.hasApiKey}
            value={form.apiKey}
            clear={form.clearKey}
            error={errors?.apiKey?.[0]}
            onValue={(apiKey) => setForm({ ...form, apiKey })}
            onClear={(clearKey) => setForm({ ...form, clearKey })}
          />
          <InputField
            id="model-timeout"
            label="Timeout (ms)"
            error={errors?.timeoutMs?.[0]}
            value={form.timeoutMs}
            onValue={(timeoutMs) => setForm({ ...form, timeoutMs })}
          />
        </div>
        <FormFooter
          which="model"
          save={{ pending: save.isPending, error: save.error }}
          source={value.source}
          test={{ label: "Test the connection", run: () => test.mutate(), pending: test.isPending, result: test.data }}
        />
      </form>
    </Section>
  );
}
