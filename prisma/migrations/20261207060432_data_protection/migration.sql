-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "transcript_removal" TEXT,
ADD COLUMN     "transcript_removed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "app_settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "erasure_tombstones" (
    "id" UUID NOT NULL,
    "subject_hashes" TEXT[],
    "reason" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "erased_by_id" UUID,
    "erased_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "erasure_tombstones_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "erasure_tombstones_erased_at_idx" ON "erasure_tombstones"("erased_at");

-- CreateIndex
CREATE INDEX "conversations_transcript_removed_at_received_at_idx" ON "conversations"("transcript_removed_at", "received_at");
