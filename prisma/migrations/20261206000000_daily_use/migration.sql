-- Issue 16. History says which version a restore brought back.
ALTER TABLE "SecretVersion" ADD COLUMN "restoredFrom" INTEGER;

-- API-key rotation with a grace period: the replaced token's hash and when it stops working.
ALTER TABLE "ApiToken" ADD COLUMN "previousTokenHash" TEXT,
ADD COLUMN "previousValidUntil" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_previousTokenHash_key" ON "ApiToken"("previousTokenHash");

-- Expiry reminders sent once per key and kind.
CREATE TABLE "ApiTokenReminder" (
    "tokenId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiTokenReminder_pkey" PRIMARY KEY ("tokenId","kind")
);

-- AddForeignKey
ALTER TABLE "ApiTokenReminder" ADD CONSTRAINT "ApiTokenReminder_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;
