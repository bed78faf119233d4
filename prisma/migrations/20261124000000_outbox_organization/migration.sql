-- The development outbox keeps which organization a message was sent for (invitations), so that
-- organization's admins can read it in the dashboard.
ALTER TABLE "OutboxMessage" ADD COLUMN "organizationId" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_organizationId_createdAt_idx" ON "OutboxMessage"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
