-- DropForeignKey
ALTER TABLE "TransmissionItem" DROP CONSTRAINT "TransmissionItem_batchId_fkey";

-- DropIndex
DROP INDEX "TransmissionBatch_idempotencyKey_key";

-- DropIndex
DROP INDEX "TransmissionBatch_collegeId_night_idx";

-- DropIndex
DROP INDEX "TransmissionAttempt_batchId_idx";

-- AlterTable
ALTER TABLE "College" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "deliveryDisabledAt" TIMESTAMP(3),
ADD COLUMN     "secretSetAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "TransmissionBatch" DROP COLUMN "idempotencyKey",
DROP COLUMN "manifest",
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batchId" TEXT NOT NULL,
ADD COLUMN     "builtAt" TIMESTAMP(3),
ADD COLUMN     "byteSize" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "downloadedAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "sequence" INTEGER NOT NULL,
ADD COLUMN     "sha256" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "status" SET DEFAULT 'BUILDING';

-- AlterTable
ALTER TABLE "TransmissionItem" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "receipt" TEXT,
ADD COLUMN     "receiptAt" TIMESTAMP(3),
ADD COLUMN     "receiptReason" TEXT,
ADD COLUMN     "requestId" TEXT NOT NULL,
ADD COLUMN     "resubmits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "transmissionType" TEXT NOT NULL,
ALTER COLUMN "batchId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "TransmissionAttempt" DROP COLUMN "createdAt",
ADD COLUMN     "attemptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "durationMs" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "TransmissionEntry" (
    "batchId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "referenceNumber" TEXT NOT NULL,
    "transmissionType" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,

    CONSTRAINT "TransmissionEntry_pkey" PRIMARY KEY ("batchId","sequence")
);

-- CreateTable
CREATE TABLE "TransmissionReceipt" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "referenceNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "via" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransmissionReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionBatch_batchId_key" ON "TransmissionBatch"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionBatch_storedName_key" ON "TransmissionBatch"("storedName");

-- CreateIndex
CREATE INDEX "TransmissionBatch_status_idx" ON "TransmissionBatch"("status");

-- CreateIndex
CREATE INDEX "TransmissionBatch_night_idx" ON "TransmissionBatch"("night");

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionBatch_collegeId_night_sequence_key" ON "TransmissionBatch"("collegeId", "night", "sequence");

-- CreateIndex
CREATE INDEX "TransmissionItem_collegeId_status_createdAt_id_idx" ON "TransmissionItem"("collegeId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "TransmissionItem_status_idx" ON "TransmissionItem"("status");

-- CreateIndex
CREATE INDEX "TransmissionItem_requestId_idx" ON "TransmissionItem"("requestId");

-- CreateIndex
CREATE INDEX "TransmissionAttempt_batchId_attemptedAt_idx" ON "TransmissionAttempt"("batchId", "attemptedAt");

-- AddForeignKey
ALTER TABLE "TransmissionItem" ADD CONSTRAINT "TransmissionItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionItem" ADD CONSTRAINT "TransmissionItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionEntry" ADD CONSTRAINT "TransmissionEntry_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionEntry" ADD CONSTRAINT "TransmissionEntry_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "TransmissionItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionReceipt" ADD CONSTRAINT "TransmissionReceipt_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

