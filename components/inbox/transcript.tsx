import { cn } from "../ui/cn";
import { ROLE_NAMES } from "./format";
import { LocalTime } from "./local-time";

/** The conversation as the owner may read it (sensitive data labelled, contact masked without consent). */
export function Transcript({ messages }: { messages: readonly { role: string; text: string; at: string | null }[] }) {
  if (messages.length === 0)
    return (
      <p className="text-sm text-slate-500">
        The transcript is empty, or was deleted at the end of the retention period.
      </p>
    );
  return (
    <ol className="space-y-2" aria-label="Transcript" data-testid="transcript">
      {messages.map((message, index) => (
        <li
          key={index}
          className={cn(
            "max-w-[46rem] rounded-md px-3 py-2 text-sm",
            message.role === "visitor" ? "bg-sky-50 text-slate-900" : "ml-8 bg-slate-100 text-slate-800",
          )}
        >
          <div className="mb-0.5 flex gap-2 text-xs font-medium text-slate-600">
            <span>{ROLE_NAMES[message.role] ?? message.role}</span>
            {message.at ? <LocalTime value={message.at} /> : null}
          </div>
          <p className="whitespace-pre-wrap break-words leading-6">{message.text}</p>
        </li>
      ))}
    </ol>
  );
}
