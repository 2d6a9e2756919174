/*
  Warnings:

  - A unique constraint covering the columns `[public_id]` on the table `sources` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "sources" ADD COLUMN     "public_id" TEXT,
ADD COLUMN     "widget_settings" JSONB;

-- CreateTable
CREATE TABLE "widget_sessions" (
    "id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "messages" JSONB NOT NULL,
    "message_count" INTEGER NOT NULL,
    "page_url" TEXT,
    "referrer" TEXT,
    "utm" JSONB,
    "locale" TEXT,
    "visitor" JSONB,
    "consent_events" JSONB,
    "progress" JSONB NOT NULL,
    "spam_reason" TEXT,
    "ingested_count" INTEGER NOT NULL DEFAULT 0,
    "ingest_failures" INTEGER NOT NULL DEFAULT 0,
    "last_turn" JSONB,
    "conversation_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 0,
    "left_at" TIMESTAMPTZ(3),
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "widget_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "widget_sessions_last_activity_at_idx" ON "widget_sessions"("last_activity_at");

-- CreateIndex
CREATE INDEX "widget_sessions_conversation_id_idx" ON "widget_sessions"("conversation_id");

-- CreateIndex
CREATE UNIQUE INDEX "sources_public_id_key" ON "sources"("public_id");

-- AddForeignKey
ALTER TABLE "widget_sessions" ADD CONSTRAINT "widget_sessions_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;
