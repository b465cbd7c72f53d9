-- CreateTable
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- Counts of the current minute only: no WAL, so counting a request never waits for a disk flush
-- (a crash empties the table, which only forgives the current minute). Prisma does not model this.
ALTER TABLE "RateLimit" SET UNLOGGED;
