-- AlterTable
ALTER TABLE "School" ADD COLUMN "city" TEXT;

