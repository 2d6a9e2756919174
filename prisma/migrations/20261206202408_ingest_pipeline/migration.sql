-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('api', 'chatwoot', 'intercom', 'widget');

-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('given', 'refused', 'unclear', 'not_asked');

-- CreateEnum
CREATE TYPE "LeadKind" AS ENUM ('lead', 'customer');

-- CreateEnum
CREATE TYPE "HandoffStatus" AS ENUM ('open', 'responded', 'closed');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('open', 'resolved');

-- CreateTable
CREATE TABLE "sources" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "previous_key_prefix" TEXT,
    "previous_key_hash" TEXT,
    "previous_key_expires_at" TIMESTAMPTZ(3),
    "signing_secret" TEXT NOT NULL,
    "rate_limit_per_minute" INTEGER NOT NULL DEFAULT 600,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "page_url" TEXT,
    "referrer" TEXT,
    "utm" JSONB,
    "locale" TEXT,
    "visitor_fields" JSONB,
    "consent_events" JSONB,
    "messages" JSONB NOT NULL,
    "message_count" INTEGER NOT NULL,
    "content_hash" TEXT NOT NULL,
    "brief" JSONB NOT NULL,
    "analyzer" TEXT NOT NULL,
    "next_action" TEXT NOT NULL,
    "lead_id" UUID,
    "started_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_records" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "status" "ConsentStatus" NOT NULL,
    "evidence_message" INTEGER,
    "words" TEXT,
    "wording_version" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leads" (
    "id" UUID NOT NULL,
    "kind" "LeadKind" NOT NULL DEFAULT 'lead',
    "name" TEXT,
    "email" TEXT,
    "phone_e164" TEXT,
    "company" TEXT,
    "owner_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoffs" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "owner_id" UUID,
    "team_id" UUID,
    "priority" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "HandoffStatus" NOT NULL DEFAULT 'open',
    "rule_id" TEXT,
    "rule_version" INTEGER,
    "responded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "handoffs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exception_cases" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "reasons" TEXT[],
    "status" "CaseStatus" NOT NULL DEFAULT 'open',
    "priority" TEXT NOT NULL,
    "suggested_owner_id" UUID,
    "suggested_team_id" UUID,
    "rule_id" TEXT,
    "rule_version" INTEGER,
    "matches" JSONB,
    "due_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exception_cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routing_rule_sets" (
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by" UUID,

    CONSTRAINT "routing_rule_sets_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "events" (
    "id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "conversation_id" UUID,
    "source_id" UUID,
    "data" JSONB,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "source_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("source_id","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "sources_name_key" ON "sources"("name");

-- CreateIndex
CREATE UNIQUE INDEX "sources_key_prefix_key" ON "sources"("key_prefix");

-- CreateIndex
CREATE UNIQUE INDEX "sources_previous_key_prefix_key" ON "sources"("previous_key_prefix");

-- CreateIndex
CREATE INDEX "conversations_lead_id_idx" ON "conversations"("lead_id");

-- CreateIndex
CREATE INDEX "conversations_received_at_idx" ON "conversations"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "conversations_source_id_external_id_key" ON "conversations"("source_id", "external_id");

-- CreateIndex
CREATE INDEX "consent_records_conversation_id_recorded_at_idx" ON "consent_records"("conversation_id", "recorded_at");

-- CreateIndex
CREATE INDEX "leads_email_idx" ON "leads"("email");

-- CreateIndex
CREATE INDEX "leads_phone_e164_idx" ON "leads"("phone_e164");

-- CreateIndex
CREATE UNIQUE INDEX "handoffs_conversation_id_key" ON "handoffs"("conversation_id");

-- CreateIndex
CREATE INDEX "handoffs_owner_id_status_due_at_idx" ON "handoffs"("owner_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "handoffs_team_id_status_idx" ON "handoffs"("team_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "exception_cases_conversation_id_key" ON "exception_cases"("conversation_id");

-- CreateIndex
CREATE INDEX "exception_cases_status_due_at_idx" ON "exception_cases"("status", "due_at");

-- CreateIndex
CREATE INDEX "events_type_occurred_at_idx" ON "events"("type", "occurred_at");

-- CreateIndex
CREATE INDEX "events_conversation_id_idx" ON "events"("conversation_id");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exception_cases" ADD CONSTRAINT "exception_cases_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exception_cases" ADD CONSTRAINT "exception_cases_suggested_owner_id_fkey" FOREIGN KEY ("suggested_owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exception_cases" ADD CONSTRAINT "exception_cases_suggested_team_id_fkey" FOREIGN KEY ("suggested_team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
