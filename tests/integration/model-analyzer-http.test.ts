import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeWithModel } from "@/server/ai/analysis";
import { createAnalysisModel } from "@/server/ai/provider";
import type { Conversation, ModelClaims } from "@/server/domain/analysis";

// The language-model analyzer over real HTTP, against a local server speaking the OpenAI chat
// completions protocol (the edge of the outside world, started here instead of a real provider).

const CARD = "4111 1111 1111 1111";
const conversation: Conversation = {
  pageUrl: "https://studio.example/pricing",
  messages: [
    { role: "bot", text: "Hi! How can we help?" },
    { role: "visitor", text: "How much is a website redesign? I'm Dana, dana@ruiz.example" },
    { role: "bot", text: "May our team email you a quote?" },
    { role: "visitor", text: `Yes please. Can I pay the deposit now? My card is ${CARD}` },
  ],
};

const claims: ModelClaims = {
  intent: "sales",
  intentEvidence: { message: 1, quote: "How much is a website redesign?" },
  customerStatus: "new_or_unknown",
  customerStatusEvidence: null,
  contact: {
    name: { value: "Dana", message: 1, quote: "I'm Dana" },
    email: { value: "dana@ruiz.example", message: 1, quote: "dana@ruiz.example" },
    phone: null,
    company: null,
  },
  consent: { status: "given", evidence: { message: 3, quote: "Yes please." } },
  needClear: true,
  statedNeed: { value: "A quote for a website redesign.", message: 1, quote: "How much is a website redesign?" },
  unresolvedQuestion: { value: "Can the deposit be paid now?", message: 3, quote: "Can I pay the deposit now?" },
  urgency: { level: "normal", reason: "no deadline given" },
  flags: [
    { flag: "pricing_request", message: 1, quote: "How much is a website redesign?" },
    // Made up: these words are nowhere in the transcript, so the claim must be dropped.
    { flag: "guarantee_request", message: 1, quote: "can you guarantee first page on Google" },
  ],
};

type Behaviour = "answer" | "fail" | "garbage" | "slow";
let behaviour: Behaviour = "answer";
const requests: { headers: http.IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
let server: http.Server;
let baseURL: string;

function completion(content: string) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: "test-model",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      requests.push({ headers: req.headers, body: JSON.parse(raw) });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.url !== "/v1/chat/completions") return send(404, { error: { message: "not found" } });
      if (behaviour === "fail") return send(500, { error: { message: "upstream exploded" } });
      if (behaviour === "garbage") return send(200, completion('{"intent": "maybe"}'));
      if (behaviour === "slow") return setTimeout(() => send(200, completion(JSON.stringify(claims))), 2_000);
      send(200, completion(JSON.stringify(claims)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests.length = 0;
  behaviour = "answer";
});

function model() {
  return createAnalysisModel({
    ANALYSIS_MODEL_PROVIDER: "openai-compatible",
    ANALYSIS_MODEL: "test-model",
    ANALYSIS_MODEL_BASE_URL: baseURL,
    ANALYSIS_MODEL_API_KEY: "sk-test-key",
  })!;
}

describe("language-model analyzer over HTTP", () => {
  it("asks for structured output, never sends the card number, and keeps only grounded claims", async () => {
    const brief = await analyzeWithModel(conversation, { model: model(), timeoutMs: 5_000 });

    expect(requests).toHaveLength(1);
    const { headers, body } = requests[0]!;
    expect(headers.authorization).toBe("Bearer sk-test-key");
    expect(body.model).toBe("test-model");
    expect((body.response_format as { type: string }).type).toBe("json_schema");
    const sent = JSON.stringify(body.messages);
    expect(sent).toContain("How much is a website redesign?");
    expect(sent).not.toContain(CARD);

    expect(brief.analyzer).toBe("llm");
    expect(brief.fallbackReason).toBeNull();
    expect(brief.contact.email?.value).toBe("dana@ruiz.example");
    expect(brief.consent.status).toBe("given");
    const flags = brief.flags.map((f) => f.flag);
    expect(flags).toContain("pricing_request");
    expect(flags).not.toContain("guarantee_request"); // its quote was made up
    expect(flags).toContain("sensitive_data"); // the rules' safety finding always stays
    expect(JSON.stringify(brief)).not.toContain(CARD);
  });

  it.each([
    ["fail", "model_error"],
    ["garbage", "invalid_output"],
    ["slow", "timeout"],
  ] as const)("falls back to the rules when the model's server answers %s", async (how, reason) => {
    behaviour = how;
    // Long enough for the SDK's one retry of a server error (after about 2 s), except when slow.
    const brief = await analyzeWithModel(conversation, { model: model(), timeoutMs: how === "slow" ? 500 : 5_000 });
    expect(requests.length).toBe(how === "fail" ? 2 : 1);
    expect(brief.analyzer).toBe("rules");
    expect(brief.fallbackReason).toBe(reason);
    expect(brief.flags.map((f) => f.flag)).toContain("sensitive_data");
    expect(brief.nextAction.action).toBe("escalate");
  });
});
