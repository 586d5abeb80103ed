-- CreateTable
CREATE TABLE "TransmissionEntry" (
    "batchId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "referenceNumber" TEXT NOT NULL,
    "transmissionType" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,

    PRIMARY KEY ("batchId", "sequence"),
    CONSTRAINT "TransmissionEntry_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransmissionEntry_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "TransmissionItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TransmissionReceipt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "referenceNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "via" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TransmissionReceipt_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_College" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "deliveryUrl" TEXT,
    "deliverySecret" TEXT,
    "secretSetAt" DATETIME,
    "deliveryDisabledAt" DATETIME,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_College" ("code", "createdAt", "deliverySecret", "deliveryUrl", "id", "nameEn", "nameFr") SELECT "code", "createdAt", "deliverySecret", "deliveryUrl", "id", "nameEn", "nameFr" FROM "College";
DROP TABLE "College";
ALTER TABLE "new_College" RENAME TO "College";
CREATE UNIQUE INDEX "College_code_key" ON "College"("code");
CREATE TABLE "new_TransmissionBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "night" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'BUILDING',
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "byteSize" INTEGER NOT NULL DEFAULT 0,
    "sha256" TEXT,
    "storedName" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "builtAt" DATETIME,
    "deliveredAt" DATETIME,
    "downloadedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TransmissionBatch_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TransmissionBatch" ("collegeId", "createdAt", "deliveredAt", "id", "itemCount", "night", "status", "storedName") SELECT "collegeId", "createdAt", "deliveredAt", "id", "itemCount", "night", "status", "storedName" FROM "TransmissionBatch";
DROP TABLE "TransmissionBatch";
ALTER TABLE "new_TransmissionBatch" RENAME TO "TransmissionBatch";
CREATE UNIQUE INDEX "TransmissionBatch_batchId_key" ON "TransmissionBatch"("batchId");
CREATE UNIQUE INDEX "TransmissionBatch_storedName_key" ON "TransmissionBatch"("storedName");
CREATE INDEX "TransmissionBatch_status_idx" ON "TransmissionBatch"("status");
CREATE INDEX "TransmissionBatch_night_idx" ON "TransmissionBatch"("night");
CREATE UNIQUE INDEX "TransmissionBatch_collegeId_night_sequence_key" ON "TransmissionBatch"("collegeId", "night", "sequence");
CREATE TABLE "new_TransmissionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "transcriptId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "transmissionType" TEXT NOT NULL,
    "batchId" TEXT,
    "deliveredAt" DATETIME,
    "receipt" TEXT,
    "receiptReason" TEXT,
    "receiptAt" DATETIME,
    "resubmits" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TransmissionItem_transcriptId_fkey" FOREIGN KEY ("transcriptId") REFERENCES "StoredTranscript" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransmissionItem_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransmissionItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransmissionItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_TransmissionItem" ("batchId", "collegeId", "deliveredAt", "id", "status", "transcriptId") SELECT "batchId", "collegeId", "deliveredAt", "id", "status", "transcriptId" FROM "TransmissionItem";
DROP TABLE "TransmissionItem";
ALTER TABLE "new_TransmissionItem" RENAME TO "TransmissionItem";
CREATE INDEX "TransmissionItem_collegeId_status_createdAt_id_idx" ON "TransmissionItem"("collegeId", "status", "createdAt", "id");
CREATE INDEX "TransmissionItem_status_idx" ON "TransmissionItem"("status");
CREATE INDEX "TransmissionItem_requestId_idx" ON "TransmissionItem"("requestId");
CREATE INDEX "TransmissionItem_batchId_idx" ON "TransmissionItem"("batchId");
CREATE UNIQUE INDEX "TransmissionItem_transcriptId_collegeId_key" ON "TransmissionItem"("transcriptId", "collegeId");
CREATE TABLE "new_TransmissionAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "attemptedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "httpStatus" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "TransmissionAttempt_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TransmissionAttempt" ("batchId", "error", "httpStatus", "id") SELECT "batchId", "error", "httpStatus", "id" FROM "TransmissionAttempt";
DROP TABLE "TransmissionAttempt";
ALTER TABLE "new_TransmissionAttempt" RENAME TO "TransmissionAttempt";
CREATE INDEX "TransmissionAttempt_batchId_attemptedAt_idx" ON "TransmissionAttempt"("batchId", "attemptedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TransmissionEntry_itemId_idx" ON "TransmissionEntry"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionEntry_batchId_itemId_key" ON "TransmissionEntry"("batchId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionEntry_batchId_referenceNumber_key" ON "TransmissionEntry"("batchId", "referenceNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionReceipt_batchId_referenceNumber_key" ON "TransmissionReceipt"("batchId", "referenceNumber");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_idx" ON "AuditEvent"("entity", "entityId");

