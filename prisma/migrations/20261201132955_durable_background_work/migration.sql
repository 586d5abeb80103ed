-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "subject" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "availableAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispatchedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT
);

-- CreateTable
CREATE TABLE "CronState" (
    "functionId" TEXT NOT NULL PRIMARY KEY,
    "lastTickAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EmailOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "locale" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "providerId" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" DATETIME,
    "requestId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_EmailOutbox" ("createdAt", "dedupeKey", "error", "html", "id", "locale", "providerId", "requestId", "sentAt", "status", "subject", "template", "text", "to") SELECT "createdAt", "dedupeKey", "error", "html", "id", "locale", "providerId", "requestId", "sentAt", "status", "subject", "template", "text", "to" FROM "EmailOutbox";
DROP TABLE "EmailOutbox";
ALTER TABLE "new_EmailOutbox" RENAME TO "EmailOutbox";
CREATE UNIQUE INDEX "EmailOutbox_dedupeKey_key" ON "EmailOutbox"("dedupeKey");
CREATE INDEX "EmailOutbox_createdAt_idx" ON "EmailOutbox"("createdAt");
CREATE INDEX "EmailOutbox_to_idx" ON "EmailOutbox"("to");
CREATE INDEX "EmailOutbox_status_createdAt_idx" ON "EmailOutbox"("status", "createdAt");
CREATE TABLE "new_JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "functionId" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "eventName" TEXT NOT NULL DEFAULT '',
    "eventData" TEXT NOT NULL DEFAULT '{}',
    "eventTs" DATETIME,
    "subject" TEXT,
    "concurrencyKey" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 4,
    "availableAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "claimedAt" DATETIME,
    "steps" TEXT,
    "error" TEXT,
    "output" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);
INSERT INTO "new_JobRun" ("attempts", "error", "finishedAt", "functionId", "id", "output", "runKey", "startedAt", "status", "trigger") SELECT "attempts", "error", "finishedAt", "functionId", "id", "output", "runKey", "startedAt", "status", "trigger" FROM "JobRun";
DROP TABLE "JobRun";
ALTER TABLE "new_JobRun" RENAME TO "JobRun";
CREATE INDEX "JobRun_status_availableAt_idx" ON "JobRun"("status", "availableAt");
CREATE INDEX "JobRun_concurrencyKey_status_idx" ON "JobRun"("concurrencyKey", "status");
CREATE INDEX "JobRun_subject_status_idx" ON "JobRun"("subject", "status");
CREATE INDEX "JobRun_createdAt_idx" ON "JobRun"("createdAt");
CREATE UNIQUE INDEX "JobRun_functionId_runKey_key" ON "JobRun"("functionId", "runKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "OutboxEvent_dispatchedAt_availableAt_idx" ON "OutboxEvent"("dispatchedAt", "availableAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_subject_idx" ON "OutboxEvent"("subject");


-- Runs recorded before the durable runner: their queue time is their start, and a run still RUNNING was cut short.
UPDATE "JobRun" SET "createdAt" = "startedAt" WHERE "startedAt" IS NOT NULL;
UPDATE "JobRun" SET "status" = 'FAILED', "error" = 'interrupted: the process stopped during the run', "finishedAt" = CURRENT_TIMESTAMP WHERE "status" = 'RUNNING';
