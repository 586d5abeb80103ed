-- CreateIndex
CREATE INDEX "TranscriptRequest_boardId_updatedAt_idx" ON "TranscriptRequest"("boardId", "updatedAt");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_updatedAt_idx" ON "TranscriptRequest"("schoolId", "updatedAt");

-- CreateIndex
CREATE INDEX "TranscriptRequest_updatedAt_idx" ON "TranscriptRequest"("updatedAt");

