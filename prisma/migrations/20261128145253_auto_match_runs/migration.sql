-- CreateTable
CREATE TABLE "AutoMatchRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "boardId" TEXT NOT NULL,
    "activeBoardId" TEXT,
    "requestedById" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AutoMatchRun_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AutoMatchRun_activeBoardId_key" ON "AutoMatchRun"("activeBoardId");

-- CreateIndex
CREATE INDEX "AutoMatchRun_boardId_startedAt_idx" ON "AutoMatchRun"("boardId", "startedAt");

