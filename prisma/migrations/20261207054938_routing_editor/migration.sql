-- AlterTable
ALTER TABLE "routing_rule_sets" ADD COLUMN     "note" TEXT,
ADD COLUMN     "restored_from" INTEGER;

-- CreateTable
CREATE TABLE "settings_drafts" (
    "kind" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "base_version" INTEGER NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_drafts_pkey" PRIMARY KEY ("kind")
);
