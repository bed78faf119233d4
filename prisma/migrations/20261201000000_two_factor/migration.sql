-- Two-factor authentication, its enforcement, and password reset (docs/security.md#two-factor-authentication).

-- When enforcement was switched on: the grace period runs from here, so shortening it applies to
-- everyone at once (nobody keeps an older, longer deadline).
ALTER TABLE "SecurityPolicy" ADD COLUMN "enforcedFrom" TIMESTAMP(3);

-- Password reset links are single-use secrets stored hashed, like sign-in codes.
ALTER TYPE "OneTimeCodePurpose" ADD VALUE 'PASSWORD_RESET';

-- The method (an SMS number, the email method) a code was sent for.
ALTER TABLE "OneTimeCode" ADD COLUMN "methodId" TEXT;

-- CreateIndex
CREATE INDEX "OneTimeCode_codeHash_idx" ON "OneTimeCode"("codeHash");
