-- CreateTable
CREATE TABLE "AutoMatchRun" (
    "id" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "activeBoardId" TEXT,
    "requestedById" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "matched" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutoMatchRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AutoMatchRun_activeBoardId_key" ON "AutoMatchRun"("activeBoardId");

-- CreateIndex
CREATE INDEX "AutoMatchRun_boardId_startedAt_idx" ON "AutoMatchRun"("boardId", "startedAt");

-- AddForeignKey
ALTER TABLE "AutoMatchRun" ADD CONSTRAINT "AutoMatchRun_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

