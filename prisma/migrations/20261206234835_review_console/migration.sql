-- CreateEnum
CREATE TYPE "ReplyStatus" AS ENUM ('pending_approval', 'rejected', 'sending', 'sent', 'failed');

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "brief_edits" JSONB,
ADD COLUMN     "search" tsvector,
ADD COLUMN     "topic" TEXT;

-- AlterTable
ALTER TABLE "exception_cases" ADD COLUMN     "claim_active_at" TIMESTAMPTZ(3),
ADD COLUMN     "claimed_at" TIMESTAMPTZ(3),
ADD COLUMN     "claimed_by_id" UUID,
ADD COLUMN     "escalated_at" TIMESTAMPTZ(3),
ADD COLUMN     "priority_rank" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "resolution" TEXT,
ADD COLUMN     "resolved_by_id" UUID,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "waiting_for" TEXT;

-- AlterTable
ALTER TABLE "handoffs" ADD COLUMN     "responded_via" TEXT,
ADD COLUMN     "response_seconds" INTEGER,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "merged_into_id" UUID;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "can_reveal_sensitive" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "case_notes" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "author_id" UUID,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_merges" (
    "id" UUID NOT NULL,
    "from_lead_id" UUID NOT NULL,
    "into_lead_id" UUID NOT NULL,
    "case_id" UUID,
    "choices" JSONB NOT NULL,
    "before" JSONB NOT NULL,
    "merged_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undone_at" TIMESTAMPTZ(3),
    "undone_by_id" UUID,

    CONSTRAINT "lead_merges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reply_templates" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reply_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "replies" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "handoff_id" UUID,
    "author_id" UUID,
    "template_id" UUID,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "risks" JSONB NOT NULL,
    "status" "ReplyStatus" NOT NULL,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "review_note" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "replies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_notes_case_id_created_at_idx" ON "case_notes"("case_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_merges_from_lead_id_idx" ON "lead_merges"("from_lead_id");

-- CreateIndex
CREATE INDEX "lead_merges_into_lead_id_idx" ON "lead_merges"("into_lead_id");

-- CreateIndex
CREATE INDEX "lead_merges_case_id_idx" ON "lead_merges"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "reply_templates_name_key" ON "reply_templates"("name");

-- CreateIndex
CREATE INDEX "replies_conversation_id_created_at_idx" ON "replies"("conversation_id", "created_at");

-- CreateIndex
CREATE INDEX "replies_status_created_at_idx" ON "replies"("status", "created_at");

-- CreateIndex
CREATE INDEX "conversations_topic_idx" ON "conversations"("topic");

-- CreateIndex
CREATE INDEX "conversations_page_url_idx" ON "conversations"("page_url");

-- CreateIndex
CREATE INDEX "conversations_search_idx" ON "conversations" USING GIN ("search");

-- CreateIndex
CREATE INDEX "exception_cases_status_created_at_idx" ON "exception_cases"("status", "created_at");

-- CreateIndex
CREATE INDEX "exception_cases_status_priority_rank_due_at_idx" ON "exception_cases"("status", "priority_rank", "due_at");

-- CreateIndex
CREATE INDEX "exception_cases_claimed_by_id_status_idx" ON "exception_cases"("claimed_by_id", "status");

-- CreateIndex
CREATE INDEX "exception_cases_suggested_owner_id_status_idx" ON "exception_cases"("suggested_owner_id", "status");

-- CreateIndex
CREATE INDEX "exception_cases_reasons_idx" ON "exception_cases" USING GIN ("reasons");

-- CreateIndex
CREATE INDEX "handoffs_owner_id_created_at_idx" ON "handoffs"("owner_id", "created_at");

-- AddForeignKey
ALTER TABLE "exception_cases" ADD CONSTRAINT "exception_cases_claimed_by_id_fkey" FOREIGN KEY ("claimed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "exception_cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replies" ADD CONSTRAINT "replies_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replies" ADD CONSTRAINT "replies_handoff_id_fkey" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replies" ADD CONSTRAINT "replies_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "replies" ADD CONSTRAINT "replies_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "reply_templates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill what ingest now writes for every new conversation and case.
UPDATE "exception_cases"
   SET "priority_rank" = CASE "priority" WHEN 'low' THEN 0 WHEN 'high' THEN 2 WHEN 'urgent' THEN 3 ELSE 1 END;
UPDATE "conversations" c
   SET "topic" = c."brief" -> 'topic' ->> 'id',
       "search" = to_tsvector('simple', concat_ws(' ',
         c."brief" -> 'contact' -> 'name' ->> 'value', c."brief" -> 'contact' -> 'email' ->> 'value',
         c."brief" -> 'contact' -> 'phone' ->> 'value', c."brief" -> 'contact' -> 'company' ->> 'value',
         c."visitor_fields" ->> 'name', c."visitor_fields" ->> 'email', c."visitor_fields" ->> 'phone',
         c."visitor_fields" ->> 'company',
         (SELECT string_agg(m ->> 'text', ' ') FROM jsonb_array_elements(c."messages") m)));
