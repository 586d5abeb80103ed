-- CreateTable
CREATE TABLE "Board" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "autoTrmsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoTrmsUrl" TEXT,
    "autoTrmsSecret" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mident" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "School_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "College" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "deliveryUrl" TEXT,
    "deliverySecret" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "boardId" TEXT,
    "schoolId" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "lastLoginAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" DATETIME NOT NULL,
    "blockedUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Applicant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountNumber" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "middleName" TEXT,
    "lastName" TEXT NOT NULL,
    "formerLastName" TEXT,
    "dateOfBirth" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "oen" TEXT,
    "studentNumber" TEXT,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "preferredLanguage" TEXT NOT NULL DEFAULT 'en',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TranscriptRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "referenceNumber" TEXT NOT NULL,
    "requestNumber" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL,
    "intakeHash" TEXT,
    "applicantId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "requestType" TEXT NOT NULL,
    "paidAt" DATETIME NOT NULL,
    "sendOption" TEXT NOT NULL,
    "sendAfter" DATETIME,
    "lastAttended" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "tab" TEXT NOT NULL,
    "statusReason" TEXT,
    "statusChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstNameFolded" TEXT NOT NULL,
    "lastNameFolded" TEXT NOT NULL,
    "oen" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TranscriptRequest_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "Applicant" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TranscriptRequest_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TranscriptRequest_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestDestination" (
    "requestId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,

    PRIMARY KEY ("requestId", "collegeId"),
    CONSTRAINT "RequestDestination_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RequestDestination_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UploadedFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UploadedFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "UploadedFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PendingUpload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "parsed" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PendingUpload_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PendingUpload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StoredTranscript" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "fileId" TEXT,
    "format" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "isReissue" BOOLEAN NOT NULL DEFAULT false,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "sha256" TEXT NOT NULL,
    "content" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" DATETIME,
    CONSTRAINT "StoredTranscript_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StoredTranscript_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "UploadedFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "data" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TimelineEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimelineEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AutoMatchAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT,
    "reason" TEXT,
    "httpStatus" INTEGER,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "AutoMatchAttempt_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationSetting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "summaryEnabled" BOOLEAN NOT NULL DEFAULT false,
    "completedEnabled" BOOLEAN NOT NULL DEFAULT false,
    "days" TEXT NOT NULL DEFAULT '',
    "time" TEXT,
    "emails" TEXT NOT NULL DEFAULT '',
    "pendingHours" INTEGER,
    "eachRequest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NotificationSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailOutbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "locale" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "providerId" TEXT,
    "error" TEXT,
    "requestId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "TransmissionBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "collegeId" TEXT NOT NULL,
    "night" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "manifest" TEXT,
    "storedName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" DATETIME,
    CONSTRAINT "TransmissionBatch_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TransmissionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "transcriptId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "deliveredAt" DATETIME,
    CONSTRAINT "TransmissionItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransmissionItem_transcriptId_fkey" FOREIGN KEY ("transcriptId") REFERENCES "StoredTranscript" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TransmissionItem_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TransmissionAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "batchId" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TransmissionAttempt_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slaBusinessDays" INTEGER NOT NULL DEFAULT 5,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "functionId" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "output" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "Board_number_key" ON "Board"("number");

-- CreateIndex
CREATE UNIQUE INDEX "School_mident_key" ON "School"("mident");

-- CreateIndex
CREATE INDEX "School_boardId_idx" ON "School"("boardId");

-- CreateIndex
CREATE UNIQUE INDEX "College_code_key" ON "College"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_boardId_idx" ON "User"("boardId");

-- CreateIndex
CREATE INDEX "User_schoolId_idx" ON "User"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordResetToken_userId_idx" ON "PasswordResetToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Applicant_accountNumber_key" ON "Applicant"("accountNumber");

-- CreateIndex
CREATE INDEX "Applicant_oen_idx" ON "Applicant"("oen");

-- CreateIndex
CREATE UNIQUE INDEX "TranscriptRequest_referenceNumber_key" ON "TranscriptRequest"("referenceNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TranscriptRequest_requestNumber_key" ON "TranscriptRequest"("requestNumber");

-- CreateIndex
CREATE INDEX "TranscriptRequest_boardId_tab_paidAt_id_idx" ON "TranscriptRequest"("boardId", "tab", "paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_tab_paidAt_id_idx" ON "TranscriptRequest"("schoolId", "tab", "paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_tab_paidAt_id_idx" ON "TranscriptRequest"("tab", "paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_boardId_paidAt_id_idx" ON "TranscriptRequest"("boardId", "paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_paidAt_id_idx" ON "TranscriptRequest"("schoolId", "paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_paidAt_id_idx" ON "TranscriptRequest"("paidAt", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_boardId_tab_lastNameFolded_firstNameFolded_id_idx" ON "TranscriptRequest"("boardId", "tab", "lastNameFolded", "firstNameFolded", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_tab_lastNameFolded_firstNameFolded_id_idx" ON "TranscriptRequest"("schoolId", "tab", "lastNameFolded", "firstNameFolded", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_lastNameFolded_firstNameFolded_idx" ON "TranscriptRequest"("lastNameFolded", "firstNameFolded");

-- CreateIndex
CREATE INDEX "TranscriptRequest_firstNameFolded_idx" ON "TranscriptRequest"("firstNameFolded");

-- CreateIndex
CREATE INDEX "TranscriptRequest_oen_idx" ON "TranscriptRequest"("oen");

-- CreateIndex
CREATE INDEX "TranscriptRequest_accountNumber_idx" ON "TranscriptRequest"("accountNumber");

-- CreateIndex
CREATE INDEX "TranscriptRequest_applicantId_idx" ON "TranscriptRequest"("applicantId");

-- CreateIndex
CREATE INDEX "TranscriptRequest_status_sendAfter_idx" ON "TranscriptRequest"("status", "sendAfter");

-- CreateIndex
CREATE INDEX "RequestDestination_collegeId_idx" ON "RequestDestination"("collegeId");

-- CreateIndex
CREATE UNIQUE INDEX "UploadedFile_storedName_key" ON "UploadedFile"("storedName");

-- CreateIndex
CREATE INDEX "UploadedFile_requestId_idx" ON "UploadedFile"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "PendingUpload_storedName_key" ON "PendingUpload"("storedName");

-- CreateIndex
CREATE INDEX "PendingUpload_requestId_userId_idx" ON "PendingUpload"("requestId", "userId");

-- CreateIndex
CREATE INDEX "PendingUpload_expiresAt_idx" ON "PendingUpload"("expiresAt");

-- CreateIndex
CREATE INDEX "StoredTranscript_requestId_idx" ON "StoredTranscript"("requestId");

-- CreateIndex
CREATE INDEX "StoredTranscript_isCurrent_createdAt_idx" ON "StoredTranscript"("isCurrent", "createdAt");

-- CreateIndex
CREATE INDEX "TimelineEvent_requestId_createdAt_idx" ON "TimelineEvent"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "AutoMatchAttempt_requestId_startedAt_idx" ON "AutoMatchAttempt"("requestId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationSetting_userId_key" ON "NotificationSetting"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "EmailOutbox_dedupeKey_key" ON "EmailOutbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "EmailOutbox_createdAt_idx" ON "EmailOutbox"("createdAt");

-- CreateIndex
CREATE INDEX "EmailOutbox_to_idx" ON "EmailOutbox"("to");

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionBatch_idempotencyKey_key" ON "TransmissionBatch"("idempotencyKey");

-- CreateIndex
CREATE INDEX "TransmissionBatch_collegeId_night_idx" ON "TransmissionBatch"("collegeId", "night");

-- CreateIndex
CREATE INDEX "TransmissionItem_batchId_idx" ON "TransmissionItem"("batchId");

-- CreateIndex
CREATE UNIQUE INDEX "TransmissionItem_transcriptId_collegeId_key" ON "TransmissionItem"("transcriptId", "collegeId");

-- CreateIndex
CREATE INDEX "TransmissionAttempt_batchId_idx" ON "TransmissionAttempt"("batchId");

-- CreateIndex
CREATE INDEX "JobRun_startedAt_idx" ON "JobRun"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_functionId_runKey_key" ON "JobRun"("functionId", "runKey");

