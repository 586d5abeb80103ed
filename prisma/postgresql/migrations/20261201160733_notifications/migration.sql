-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "escalationEmail" TEXT,
ADD COLUMN     "slaAlertedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "NotificationSetting" ADD COLUMN     "digestSince" TIMESTAMP(3),
ADD COLUMN     "slaAlertedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "sealed" TEXT;

-- AlterTable
ALTER TABLE "AppSetting" ADD COLUMN     "businessHoursEnd" INTEGER NOT NULL DEFAULT 17,
ADD COLUMN     "businessHoursStart" INTEGER NOT NULL DEFAULT 8;

-- CreateTable
CREATE TABLE "NotificationMark" (
    "userId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationMark_pkey" PRIMARY KEY ("userId","kind","threshold","requestId")
);

-- CreateIndex
CREATE INDEX "NotificationMark_requestId_idx" ON "NotificationMark"("requestId");

-- AddForeignKey
ALTER TABLE "NotificationMark" ADD CONSTRAINT "NotificationMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationMark" ADD CONSTRAINT "NotificationMark_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

