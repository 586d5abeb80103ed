-- AlterTable
ALTER TABLE "Board" ADD COLUMN "escalationEmail" TEXT;
ALTER TABLE "Board" ADD COLUMN "slaAlertedAt" DATETIME;

-- AlterTable
ALTER TABLE "NotificationSetting" ADD COLUMN "digestSince" DATETIME;
ALTER TABLE "NotificationSetting" ADD COLUMN "slaAlertedAt" DATETIME;

-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN "sealed" TEXT;

-- CreateTable
CREATE TABLE "NotificationMark" (
    "userId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "kind", "threshold", "requestId"),
    CONSTRAINT "NotificationMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NotificationMark_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AppSetting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slaBusinessDays" INTEGER NOT NULL DEFAULT 5,
    "businessHoursStart" INTEGER NOT NULL DEFAULT 8,
    "businessHoursEnd" INTEGER NOT NULL DEFAULT 17,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_AppSetting" ("id", "slaBusinessDays", "updatedAt") SELECT "id", "slaBusinessDays", "updatedAt" FROM "AppSetting";
DROP TABLE "AppSetting";
ALTER TABLE "new_AppSetting" RENAME TO "AppSetting";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "NotificationMark_requestId_idx" ON "NotificationMark"("requestId");

