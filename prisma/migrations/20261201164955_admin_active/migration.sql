-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Board" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "autoTrmsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoTrmsUrl" TEXT,
    "autoTrmsSecret" TEXT,
    "escalationEmail" TEXT,
    "slaAlertedAt" DATETIME,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Board" ("autoTrmsEnabled", "autoTrmsSecret", "autoTrmsUrl", "createdAt", "escalationEmail", "id", "language", "nameEn", "nameFr", "number", "slaAlertedAt", "updatedAt") SELECT "autoTrmsEnabled", "autoTrmsSecret", "autoTrmsUrl", "createdAt", "escalationEmail", "id", "language", "nameEn", "nameFr", "number", "slaAlertedAt", "updatedAt" FROM "Board";
DROP TABLE "Board";
ALTER TABLE "new_Board" RENAME TO "Board";
CREATE UNIQUE INDEX "Board_number_key" ON "Board"("number");
CREATE TABLE "new_School" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mident" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "city" TEXT,
    "boardId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "School_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_School" ("boardId", "city", "createdAt", "id", "mident", "nameEn", "nameFr") SELECT "boardId", "city", "createdAt", "id", "mident", "nameEn", "nameFr" FROM "School";
DROP TABLE "School";
ALTER TABLE "new_School" RENAME TO "School";
CREATE UNIQUE INDEX "School_mident_key" ON "School"("mident");
CREATE INDEX "School_boardId_idx" ON "School"("boardId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

