-- AlterTable
ALTER TABLE "conversations" ADD COLUMN     "campaign" TEXT,
ADD COLUMN     "consent_status" "ConsentStatus",
ADD COLUMN     "has_contact" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "intent" TEXT,
ADD COLUMN     "need_stated" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "page_path" TEXT,
ADD COLUMN     "unresolved" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "handoffs" ADD COLUMN     "response_business_seconds" INTEGER;


-- Backfill: what ingest now writes for each conversation, from what earlier versions stored.
UPDATE "conversations" c SET
  "intent" = c."brief"->'intent'->>'value',
  -- As pagePathOf() (server/domain/metrics/page-path.ts): null without an absolute URL.
  "page_path" = CASE WHEN c."page_url" ~ '^[A-Za-z][A-Za-z0-9+.-]*://' THEN
    COALESCE(NULLIF(rtrim(substring(c."page_url" FROM '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^?#]*)'), '/'), ''), '/') END,
  "campaign" = NULLIF(c."brief"->'source'->'campaign'->>'campaign', ''),
  -- As ingest: an email, or a phone number that could be normalised. (A valid phone typed only into
  -- a form field cannot be checked here, so older conversations with nothing else count as without.)
  "has_contact" = (jsonb_typeof(c."brief"->'contact'->'email') = 'object'
    OR COALESCE(c."brief"->'contact'->'phone'->>'e164', '') <> ''
    OR COALESCE(c."visitor_fields"->>'email', '') <> ''),
  "consent_status" = COALESCE(
    (SELECT r."status" FROM "consent_records" r WHERE r."conversation_id" = c."id"
      ORDER BY r."recorded_at" DESC, r."id" DESC LIMIT 1),
    (c."brief"->'consent'->>'status')::"ConsentStatus"),
  "need_stated" = CASE WHEN c."brief_edits" ? 'statedNeed' THEN btrim(c."brief_edits"->'statedNeed'->>'value') <> ''
    ELSE jsonb_typeof(c."brief"->'statedNeed') = 'object' END,
  "unresolved" = CASE WHEN c."brief_edits" ? 'unresolvedQuestion'
    THEN btrim(c."brief_edits"->'unresolvedQuestion'->>'value') <> ''
    ELSE jsonb_typeof(c."brief"->'unresolvedQuestion') = 'object' END;
