-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "previewStatus" TEXT;
