import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../server/db/client";
import { analyzeWithRules, type Brief, type Conversation } from "../../server/domain/analysis";
import { reloadEnv } from "../../server/env";
import { getJobs } from "../../server/jobs/runtime";
import { ingestConversation } from "../../server/services/ingest/ingest-conversation";
import { runModelFollowUp } from "../../server/services/ingest/model-followup";
import { authenticateSourceKey, createSource, type AuthenticatedSource } from "../../server/services/sources";
import { ensureRoutingTeams } from "../support/teams";

// The language model's second look runs as a job after ingest. The model itself is the one thing
// replaced: `analyze` stands in for the provider (the model analyzer's parsing has its own tests).

let source: AuthenticatedSource;

beforeAll(async () => {
  Object.assign(process.env, {
    ANALYSIS_MODEL_PROVIDER: "openai-compatible",
    ANALYSIS_MODEL: "test-model",
    ANALYSIS_MODEL_BASE_URL: "http://127.0.0.1:9/v1",
  });
  reloadEnv();
  await ensureRoutingTeams();
  const issued = await createSource(getDb(), null, { name: `model-${randomUUID().slice(0, 8)}`, kind: "api" });
  source = (await authenticateSourceKey(getDb(), issued.apiKey))!;
});

const chat = (id = randomUUID()) => ({
  externalId: id,
  messages: [
    { role: "visitor" as const, text: "Hi, we'd like a new flat roof on our garage, about 20 square metres." },
    { role: "bot" as const, text: "Happy to help. Could our surveyor email you to arrange a visit?" },
    { role: "visitor" as const, text: `Yes please, email me at dana-${id.slice(0, 8)}@ruiz.example. I'm Dana Ruiz.` },
  ],
});

/** A stand-in model that rewrites the stated need and adds the flags given. */
const modelSaying =
  (need: string, flags: Brief["flags"] = []) =>
  async (conversation: Conversation): Promise<Brief> => {
    const rules = analyzeWithRules(conversation);
    return {
      ...rules,
      analyzer: "llm",
      statedNeed: { value: need, evidence: rules.statedNeed!.evidence },
      flags: [...rules.flags, ...flags],
    };
  };

async function stored(conversationId: string) {
  return getDb().conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { brief: true, analyzer: true, contentHash: true },
  });
}

describe("the model's follow-up analysis", () => {
  it("is queued by ingest when a model is configured, once per version of the conversation", async () => {
    const posted = chat();
    const outcome = await ingestConversation(getDb(), source, posted);
    await ingestConversation(getDb(), source, posted); // the same post: nothing new to look at
    const { contentHash } = await stored(outcome.conversationId);
    const jobs = await getDb().$queryRaw<{ data: { contentHash: string } }[]>`
      SELECT data FROM pgboss.job WHERE name = 'analysis.model' AND data->>'conversationId' = ${outcome.conversationId}`;
    expect(jobs.map((j) => j.data.contentHash)).toEqual([contentHash]);
  });

  it("replaces the rules' brief with the model's and records the change", async () => {
    const outcome = await ingestConversation(getDb(), source, chat());
    const { contentHash } = await stored(outcome.conversationId);
    const result = await runModelFollowUp(
      getDb(),
      await getJobs(),
      { conversationId: outcome.conversationId, contentHash },
      modelSaying("A new 20 m² flat roof for a garage."),
    );
    expect(result).toBe("updated");
    const after = await stored(outcome.conversationId);
    expect(after.analyzer).toBe("llm");
    expect((after.brief as unknown as Brief).statedNeed?.value).toBe("A new 20 m² flat roof for a garage.");
    const event = await getDb().event.findFirstOrThrow({
      where: { type: "brief.updated", conversationId: outcome.conversationId },
    });
    expect(event.data).toMatchObject({ analyzer: "llm", addedFlags: [] });
  });

  it("puts the model's reading where the dashboards count it", async () => {
    const outcome = await ingestConversation(getDb(), source, chat());
    const { contentHash } = await stored(outcome.conversationId);
    // The model reads it as support, with a question left open.
    const model = async (conversation: Conversation): Promise<Brief> => {
      const rules = analyzeWithRules(conversation);
      return {
        ...rules,
        analyzer: "llm",
        intent: { value: "support", evidence: rules.intent.evidence },
        unresolvedQuestion: { value: "Is the garage roof still under warranty?", evidence: [] },
      };
    };
    expect(
      await runModelFollowUp(getDb(), await getJobs(), { conversationId: outcome.conversationId, contentHash }, model),
    ).toBe("updated");
    const facts = await getDb().conversationFact.findUniqueOrThrow({
      where: { conversationId: outcome.conversationId },
    });
    expect(facts).toMatchObject({ intent: "support", unresolved: true, needStated: true });
  });

  it("leaves a conversation that changed since alone, and ignores a model that failed", async () => {
    const posted = chat();
    const first = await ingestConversation(getDb(), source, posted);
    const { contentHash: oldHash } = await stored(first.conversationId);
    await ingestConversation(getDb(), source, {
      ...posted,
      messages: [...posted.messages, { role: "visitor" as const, text: "Thanks!" }],
    });
    const jobs = await getJobs();
    const stale = await runModelFollowUp(
      getDb(),
      jobs,
      { conversationId: first.conversationId, contentHash: oldHash },
      modelSaying("something else"),
    );
    expect(stale).toBe("stale");
    const { contentHash, brief } = await stored(first.conversationId);
    const fallback = await runModelFollowUp(
      getDb(),
      jobs,
      { conversationId: first.conversationId, contentHash },
      async (c) => ({
        ...analyzeWithRules(c),
        fallbackReason: "timeout",
      }),
    );
    expect(fallback).toBe("fallback");
    expect((await stored(first.conversationId)).brief).toEqual(brief);
  });

  it("alerts when the model finds an emergency the rules missed", async () => {
    const outcome = await ingestConversation(getDb(), source, chat());
    const { contentHash } = await stored(outcome.conversationId);
    await runModelFollowUp(
      getDb(),
      await getJobs(),
      { conversationId: outcome.conversationId, contentHash },
      modelSaying("A flat roof", [{ flag: "emergency", evidence: [] }]),
    );
    const alerts = await getDb().$queryRaw<unknown[]>`
      SELECT id FROM pgboss.job WHERE name = 'alert.send' AND data->>'subjectId' = ${outcome.conversationId}`;
    expect(alerts).toHaveLength(1);
  });
});
