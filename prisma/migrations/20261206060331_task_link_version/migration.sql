-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "linkVersion" INTEGER NOT NULL DEFAULT 0;
