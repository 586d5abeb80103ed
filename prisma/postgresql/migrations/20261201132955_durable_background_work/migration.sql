-- DropIndex
DROP INDEX "JobRun_startedAt_idx";

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "concurrencyKey" TEXT,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "eventData" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "eventName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "eventTs" TIMESTAMP(3),
ADD COLUMN     "leaseOwner" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "maxAttempts" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "steps" TEXT,
ADD COLUMN     "subject" TEXT,
ALTER COLUMN "status" SET DEFAULT 'QUEUED',
ALTER COLUMN "startedAt" DROP NOT NULL,
ALTER COLUMN "startedAt" DROP DEFAULT;

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "subject" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CronState" (
    "functionId" TEXT NOT NULL,
    "lastTickAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CronState_pkey" PRIMARY KEY ("functionId")
);

-- CreateIndex
CREATE INDEX "OutboxEvent_dispatchedAt_availableAt_idx" ON "OutboxEvent"("dispatchedAt", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_subject_idx" ON "OutboxEvent"("subject");

-- CreateIndex
CREATE INDEX "EmailOutbox_status_createdAt_idx" ON "EmailOutbox"("status", "createdAt");

-- CreateIndex
CREATE INDEX "JobRun_status_availableAt_idx" ON "JobRun"("status", "availableAt");

-- CreateIndex
CREATE INDEX "JobRun_concurrencyKey_status_idx" ON "JobRun"("concurrencyKey", "status");

-- CreateIndex
CREATE INDEX "JobRun_subject_status_idx" ON "JobRun"("subject", "status");

-- CreateIndex
CREATE INDEX "JobRun_createdAt_idx" ON "JobRun"("createdAt");


-- Runs recorded before the durable runner: their queue time is their start, and a run still RUNNING was cut short.
UPDATE "JobRun" SET "createdAt" = "startedAt" WHERE "startedAt" IS NOT NULL;
UPDATE "JobRun" SET "status" = 'FAILED', "error" = 'interrupted: the process stopped during the run', "finishedAt" = CURRENT_TIMESTAMP WHERE "status" = 'RUNNING';
