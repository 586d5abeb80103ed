-- AlterTable
ALTER TABLE "StoredTranscript" ADD COLUMN     "storedName" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "StoredTranscript_storedName_key" ON "StoredTranscript"("storedName");

