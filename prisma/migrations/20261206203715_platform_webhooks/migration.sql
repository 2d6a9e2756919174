-- AlterTable
ALTER TABLE "sources" ADD COLUMN     "platform_secret" TEXT,
ADD COLUMN     "url_token_hash" TEXT;
