-- CreateTable
CREATE TABLE "settings_versions" (
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by" UUID,
    "note" TEXT,
    "restored_from" INTEGER,

    CONSTRAINT "settings_versions_pkey" PRIMARY KEY ("kind","version")
);
