-- CreateIndex
CREATE INDEX "TranscriptRequest_boardId_oen_tab_idx" ON "TranscriptRequest"("boardId", "oen", "tab");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_oen_tab_idx" ON "TranscriptRequest"("schoolId", "oen", "tab");

-- CreateIndex
CREATE INDEX "TranscriptRequest_boardId_lastNameFolded_firstNameFolded_ta_idx" ON "TranscriptRequest"("boardId", "lastNameFolded", "firstNameFolded", "tab");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_lastNameFolded_firstNameFolded_t_idx" ON "TranscriptRequest"("schoolId", "lastNameFolded", "firstNameFolded", "tab");

