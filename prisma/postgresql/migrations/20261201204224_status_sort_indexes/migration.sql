-- CreateIndex
CREATE INDEX "TranscriptRequest_boardId_tab_status_paidAt_id_idx" ON "TranscriptRequest"("boardId", "tab", "status", "paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_tab_status_paidAt_id_idx" ON "TranscriptRequest"("schoolId", "tab", "status", "paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_tab_status_paidAt_id_idx" ON "TranscriptRequest"("tab", "status", "paidAt", "id");

