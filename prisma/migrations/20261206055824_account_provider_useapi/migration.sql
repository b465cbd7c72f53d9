-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "provider" TEXT NOT NULL DEFAULT 'local',
ADD COLUMN     "useapiEmail" TEXT,
ADD COLUMN     "useapiTokenEnc" TEXT,
ADD COLUMN     "useapiTokenLast4" TEXT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "upstreamAudioUrl" TEXT,
ADD COLUMN     "upstreamBusyCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "upstreamStatus" TEXT,
ADD COLUMN     "upstreamSubmittedAt" TIMESTAMP(3),
ADD COLUMN     "upstreamTaskId" TEXT,
ADD COLUMN     "upstreamVideoUrl" TEXT;
