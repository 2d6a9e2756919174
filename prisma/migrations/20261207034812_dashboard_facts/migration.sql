-- CreateTable
CREATE TABLE "conversation_facts" (
    "conversation_id" UUID NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "source_id" UUID NOT NULL,
    "page_path" TEXT,
    "campaign" TEXT,
    "topic" TEXT,
    "intent" TEXT,
    "lead_id" UUID,
    "has_contact" BOOLEAN NOT NULL,
    "consent_status" "ConsentStatus",
    "need_stated" BOOLEAN NOT NULL,
    "unresolved" BOOLEAN NOT NULL,
    "h_id" UUID,
    "h_status" "HandoffStatus",
    "h_owner" UUID,
    "h_team" UUID,
    "h_rule" TEXT,
    "response_seconds" INTEGER,
    "response_business_seconds" INTEGER,
    "responded_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3),
    "breached_at" TIMESTAMPTZ(3),
    "e_id" UUID,
    "e_status" "CaseStatus",
    "reasons" TEXT[],
    "resolved_by_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "e_created" TIMESTAMPTZ(3),
    "e_team" UUID,
    "e_rule" TEXT,
    "reassigned" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "conversation_facts_pkey" PRIMARY KEY ("conversation_id")
);

-- CreateIndex
CREATE INDEX "conversation_facts_received_at_idx" ON "conversation_facts"("received_at");

-- AddForeignKey
ALTER TABLE "conversation_facts" ADD CONSTRAINT "conversation_facts_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The facts are written only by these triggers, in the transaction that changed the source row, so
-- the dashboards' numbers are exact without joining four tables on every read.

CREATE FUNCTION "conversation_facts_from_conversation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "conversation_facts" ("conversation_id", "received_at", "source_id", "page_path", "campaign", "topic",
      "intent", "lead_id", "has_contact", "consent_status", "need_stated", "unresolved")
  VALUES (NEW."id", NEW."received_at", NEW."source_id", NEW."page_path", NEW."campaign", NEW."topic", NEW."intent",
      NEW."lead_id", NEW."has_contact", NEW."consent_status", NEW."need_stated", NEW."unresolved")
  ON CONFLICT ("conversation_id") DO UPDATE SET
    "received_at" = EXCLUDED."received_at", "source_id" = EXCLUDED."source_id", "page_path" = EXCLUDED."page_path",
    "campaign" = EXCLUDED."campaign", "topic" = EXCLUDED."topic", "intent" = EXCLUDED."intent",
    "lead_id" = EXCLUDED."lead_id", "has_contact" = EXCLUDED."has_contact",
    "consent_status" = EXCLUDED."consent_status", "need_stated" = EXCLUDED."need_stated",
    "unresolved" = EXCLUDED."unresolved";
  RETURN NULL;
END $$;

CREATE TRIGGER "conversation_facts_conversation" AFTER INSERT OR UPDATE OF "received_at", "source_id", "page_path",
    "campaign", "topic", "intent", "lead_id", "has_contact", "consent_status", "need_stated", "unresolved"
  ON "conversations" FOR EACH ROW EXECUTE FUNCTION "conversation_facts_from_conversation"();

CREATE FUNCTION "conversation_facts_from_handoff"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "conversation_facts" SET "h_id" = NULL, "h_status" = NULL, "h_owner" = NULL, "h_team" = NULL,
        "h_rule" = NULL, "response_seconds" = NULL, "response_business_seconds" = NULL, "responded_at" = NULL,
        "due_at" = NULL, "breached_at" = NULL
      WHERE "conversation_id" = OLD."conversation_id" AND "h_id" = OLD."id";
    RETURN NULL;
  END IF;
  UPDATE "conversation_facts" SET "h_id" = NEW."id", "h_status" = NEW."status", "h_owner" = NEW."owner_id",
      "h_team" = NEW."team_id", "h_rule" = NEW."rule_id", "response_seconds" = NEW."response_seconds",
      "response_business_seconds" = NEW."response_business_seconds", "responded_at" = NEW."responded_at",
      "due_at" = NEW."due_at", "breached_at" = NEW."breached_at"
    WHERE "conversation_id" = NEW."conversation_id";
  RETURN NULL;
END $$;

-- Only the columns the facts copy: a version bump alone writes nothing.
CREATE TRIGGER "conversation_facts_handoff" AFTER INSERT OR DELETE OR UPDATE OF "conversation_id", "status", "owner_id",
    "team_id", "rule_id", "response_seconds", "response_business_seconds", "responded_at", "due_at", "breached_at"
  ON "handoffs"
  FOR EACH ROW EXECUTE FUNCTION "conversation_facts_from_handoff"();

CREATE FUNCTION "conversation_facts_from_case"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "conversation_facts" SET "e_id" = NULL, "e_status" = NULL, "reasons" = NULL, "resolved_by_id" = NULL,
        "resolved_at" = NULL, "e_created" = NULL, "e_team" = NULL, "e_rule" = NULL
      WHERE "conversation_id" = OLD."conversation_id" AND "e_id" = OLD."id";
    RETURN NULL;
  END IF;
  UPDATE "conversation_facts" SET "e_id" = NEW."id", "e_status" = NEW."status", "reasons" = NEW."reasons",
      "resolved_by_id" = NEW."resolved_by_id", "resolved_at" = NEW."resolved_at", "e_created" = NEW."created_at",
      "e_team" = NEW."suggested_team_id", "e_rule" = NEW."rule_id"
    WHERE "conversation_id" = NEW."conversation_id";
  RETURN NULL;
END $$;

-- Not on a claim's heartbeat (claim_active_at) or a version bump: only the columns the facts copy.
CREATE TRIGGER "conversation_facts_case" AFTER INSERT OR DELETE OR UPDATE OF "conversation_id", "status", "reasons",
    "resolved_by_id", "resolved_at", "created_at", "suggested_team_id", "rule_id"
  ON "exception_cases"
  FOR EACH ROW EXECUTE FUNCTION "conversation_facts_from_case"();

CREATE FUNCTION "conversation_facts_from_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "conversation_facts" SET "reassigned" = true
    WHERE "conversation_id" = NEW."conversation_id" AND NOT "reassigned";
  RETURN NULL;
END $$;

CREATE TRIGGER "conversation_facts_reassigned" AFTER INSERT ON "events"
  FOR EACH ROW WHEN (NEW."type" = 'handoff.reassigned' AND NEW."conversation_id" IS NOT NULL)
  EXECUTE FUNCTION "conversation_facts_from_event"();

-- Backfill from what is stored.
INSERT INTO "conversation_facts" ("conversation_id", "received_at", "source_id", "page_path", "campaign", "topic",
    "intent", "lead_id", "has_contact", "consent_status", "need_stated", "unresolved",
    "h_id", "h_status", "h_owner", "h_team", "h_rule", "response_seconds", "response_business_seconds",
    "responded_at", "due_at", "breached_at",
    "e_id", "e_status", "reasons", "resolved_by_id", "resolved_at", "e_created", "e_team", "e_rule", "reassigned")
SELECT c."id", c."received_at", c."source_id", c."page_path", c."campaign", c."topic", c."intent", c."lead_id",
    c."has_contact", c."consent_status", c."need_stated", c."unresolved",
    h."id", h."status", h."owner_id", h."team_id", h."rule_id", h."response_seconds", h."response_business_seconds",
    h."responded_at", h."due_at", h."breached_at",
    e."id", e."status", e."reasons", e."resolved_by_id", e."resolved_at", e."created_at", e."suggested_team_id",
    e."rule_id",
    EXISTS (SELECT 1 FROM "events" v WHERE v."conversation_id" = c."id" AND v."type" = 'handoff.reassigned')
  FROM "conversations" c
  LEFT JOIN "handoffs" h ON h."conversation_id" = c."id"
  LEFT JOIN "exception_cases" e ON e."conversation_id" = c."id";
