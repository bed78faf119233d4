-- The key lifecycle (issue 12): a rotation cadence per project, and who created each key version.
ALTER TABLE "Project" ADD COLUMN "keyRotationDays" INTEGER;

ALTER TABLE "ProjectKeyVersion" ADD COLUMN "createdByType" "ActorType",
ADD COLUMN "createdByLabel" TEXT;

-- Key versions made before this migration were created by people (project creation): name them.
UPDATE "ProjectKeyVersion" AS k SET "createdByType" = 'USER', "createdByLabel" = u."email"
FROM "User" AS u WHERE u."id" = k."createdById";
