-- Edited by hand after generation: the folded name columns use the C collation, so that the prefix ranges of the
-- name search (lib/server/requests/request-where.ts) follow code-point order and use the indexes.
-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OCAS_ADMIN', 'BOARD_ADMIN', 'BOARD_USER', 'SCHOOL_USER');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('ACTION_REQUIRED', 'AUTO_PROCESS_ERROR', 'INCOMPLETE_ACTION_REQUIRED', 'FINANCIAL_HOLD', 'NO_ACADEMIC_DATA', 'STUDENT_NOT_FOUND', 'FILE_UPLOAD_ERROR', 'TRANSCRIPT_UPLOADED', 'E_TRANSCRIPT_SENT', 'PAPER_TRANSCRIPT_SENT', 'REQUEST_CANCELLED');

-- CreateEnum
CREATE TYPE "RequestTab" AS ENUM ('TODO', 'INCOMPLETE', 'IN_PROGRESS', 'COMPLETE');

-- CreateEnum
CREATE TYPE "RequestType" AS ENUM ('ORIGINAL', 'REISSUE');

-- CreateEnum
CREATE TYPE "SendOption" AS ENUM ('SEND_NOW', 'END_OF_SEMESTER');

-- CreateEnum
CREATE TYPE "FileKind" AS ENUM ('XML', 'PDF');

-- CreateEnum
CREATE TYPE "TranscriptSource" AS ENUM ('MANUAL', 'AUTO_TRMS', 'BULK');

-- CreateTable
CREATE TABLE "Board" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "autoTrmsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoTrmsUrl" TEXT,
    "autoTrmsSecret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Board_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL,
    "mident" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "College" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameFr" TEXT NOT NULL,
    "deliveryUrl" TEXT,
    "deliverySecret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "College_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "boardId" TEXT,
    "schoolId" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Applicant" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Applicant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TranscriptRequest" (
    "id" TEXT NOT NULL,
    "referenceNumber" TEXT NOT NULL,
    "requestNumber" TEXT NOT NULL,
    "accountNumber" TEXT NOT NULL,
    "intakeHash" TEXT,
    "applicantId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "boardId" TEXT NOT NULL,
    "requestType" "RequestType" NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "sendOption" "SendOption" NOT NULL,
    "sendAfter" TIMESTAMP(3),
    "lastAttended" TEXT NOT NULL,
    "status" "RequestStatus" NOT NULL,
    "tab" "RequestTab" NOT NULL,
    "statusReason" TEXT,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "firstNameFolded" TEXT COLLATE "C" NOT NULL,
    "lastNameFolded" TEXT COLLATE "C" NOT NULL,
    "oen" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TranscriptRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestDestination" (
    "requestId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,

    CONSTRAINT "RequestDestination_pkey" PRIMARY KEY ("requestId","collegeId")
);

-- CreateTable
CREATE TABLE "UploadedFile" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "kind" "FileKind" NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UploadedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingUpload" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "FileKind" NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "parsed" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingUpload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredTranscript" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "fileId" TEXT,
    "format" "FileKind" NOT NULL,
    "source" "TranscriptSource" NOT NULL,
    "isReissue" BOOLEAN NOT NULL DEFAULT false,
    "isCurrent" BOOLEAN NOT NULL DEFAULT true,
    "sha256" TEXT NOT NULL,
    "content" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "StoredTranscript_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "data" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimelineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutoMatchAttempt" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "outcome" TEXT,
    "reason" TEXT,
    "httpStatus" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AutoMatchAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationSetting" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "summaryEnabled" BOOLEAN NOT NULL DEFAULT false,
    "completedEnabled" BOOLEAN NOT NULL DEFAULT false,
    "days" TEXT NOT NULL DEFAULT '',
    "time" TEXT,
    "emails" TEXT NOT NULL DEFAULT '',
    "pendingHours" INTEGER,
    "eachRequest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailOutbox" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "EmailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransmissionBatch" (
    "id" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "night" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "manifest" TEXT,
    "storedName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "TransmissionBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransmissionItem" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "transcriptId" TEXT NOT NULL,
    "collegeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "TransmissionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransmissionAttempt" (
    "id" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransmissionAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "id" TEXT NOT NULL,
    "slaBusinessDays" INTEGER NOT NULL DEFAULT 5,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "functionId" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "output" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "TranscriptRequest_boardId_tab_lastNameFolded_firstNameFolde_idx" ON "TranscriptRequest"("boardId", "tab", "lastNameFolded", "firstNameFolded", "id");

-- CreateIndex
CREATE INDEX "TranscriptRequest_schoolId_tab_lastNameFolded_firstNameFold_idx" ON "TranscriptRequest"("schoolId", "tab", "lastNameFolded", "firstNameFolded", "id");

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

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranscriptRequest" ADD CONSTRAINT "TranscriptRequest_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "Applicant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranscriptRequest" ADD CONSTRAINT "TranscriptRequest_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranscriptRequest" ADD CONSTRAINT "TranscriptRequest_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestDestination" ADD CONSTRAINT "RequestDestination_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestDestination" ADD CONSTRAINT "RequestDestination_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UploadedFile" ADD CONSTRAINT "UploadedFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UploadedFile" ADD CONSTRAINT "UploadedFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingUpload" ADD CONSTRAINT "PendingUpload_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PendingUpload" ADD CONSTRAINT "PendingUpload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredTranscript" ADD CONSTRAINT "StoredTranscript_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredTranscript" ADD CONSTRAINT "StoredTranscript_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "UploadedFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEvent" ADD CONSTRAINT "TimelineEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutoMatchAttempt" ADD CONSTRAINT "AutoMatchAttempt_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "TranscriptRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationSetting" ADD CONSTRAINT "NotificationSetting_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionBatch" ADD CONSTRAINT "TransmissionBatch_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionItem" ADD CONSTRAINT "TransmissionItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionItem" ADD CONSTRAINT "TransmissionItem_transcriptId_fkey" FOREIGN KEY ("transcriptId") REFERENCES "StoredTranscript"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionItem" ADD CONSTRAINT "TransmissionItem_collegeId_fkey" FOREIGN KEY ("collegeId") REFERENCES "College"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransmissionAttempt" ADD CONSTRAINT "TransmissionAttempt_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "TransmissionBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

