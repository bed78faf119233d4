-- The audit log proves itself and is harder to erase; organizations can be deleted; history
-- retention by age (docs/audit.md, docs/hierarchy.md#versions-and-history).

-- Trigram indexes serve the free-text filters of the audit log (resource path, actor label).
-- pg_trgm is a trusted extension: the database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- History retention by age, beside the existing count.
ALTER TABLE "Organization" ADD COLUMN "historyRetentionDays" INTEGER;

-- Anchors: every event names the chain's latest checkpoint at the time it was appended (null
-- before the first), and its hash covers that anchor.
ALTER TABLE "AuditEvent" ADD COLUMN "anchorSequence" INTEGER;
ALTER TABLE "AuditEvent" ADD COLUMN "anchorHash" TEXT;
ALTER TABLE "AuditChainHead" ADD COLUMN "anchorSequence" INTEGER;
ALTER TABLE "AuditChainHead" ADD COLUMN "anchorHash" TEXT;

-- An organization's events go with it, and only with it (see the trigger below).
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every N events of a chain, its sequence and hash (docs/audit.md#checkpoints).
CREATE TABLE "AuditCheckpoint" (
    "chainKey" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "organizationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("chainKey", "sequence")
);
ALTER TABLE "AuditCheckpoint" ADD CONSTRAINT "AuditCheckpoint_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Unauthenticated refusals counted per address, action and minute; each closed window becomes
-- one audit event with its count (docs/audit.md#unauthenticated-refusals).
CREATE TABLE "AuditRefusalWindow" (
    "key" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "source" "Source" NOT NULL,
    "status" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT '{}',
    "resources" JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT "AuditRefusalWindow_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "AuditRefusalWindow_windowStart_idx" ON "AuditRefusalWindow"("windowStart");

-- The project, target and environment an event is about: the slugs its metadata names, or for
-- events of a project, target or environment itself, its `slug`. One definition, used by the
-- filters of the audit log and by the indexes that serve them.
CREATE FUNCTION "dotenv_audit_project"("action" TEXT, "metadata" JSONB) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT COALESCE("metadata"->>'project', CASE WHEN "action" LIKE 'project.%' THEN "metadata"->>'slug' END) $$;
CREATE FUNCTION "dotenv_audit_target"("action" TEXT, "metadata" JSONB) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT COALESCE("metadata"->>'target', CASE WHEN "action" LIKE 'target.%' THEN "metadata"->>'slug' END) $$;
CREATE FUNCTION "dotenv_audit_environment"("action" TEXT, "metadata" JSONB) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT COALESCE("metadata"->>'environment', CASE WHEN "action" LIKE 'environment.%' THEN "metadata"->>'slug' END) $$;

-- The log is listed newest first within one chain; each filter has an index that yields its
-- matches already in that order, so a first page reads about one page of rows.
CREATE INDEX "AuditEvent_chainKey_createdAt_sequence_idx" ON "AuditEvent"("chainKey", "createdAt", "sequence");
CREATE INDEX "AuditEvent_chainKey_actorId_createdAt_sequence_idx" ON "AuditEvent"("chainKey", "actorId", "createdAt", "sequence");
CREATE INDEX "AuditEvent_chainKey_action_createdAt_sequence_idx" ON "AuditEvent"("chainKey", "action" text_pattern_ops, "createdAt", "sequence");
CREATE INDEX "AuditEvent_chainKey_outcome_createdAt_sequence_idx" ON "AuditEvent"("chainKey", "outcome", "createdAt", "sequence");
CREATE INDEX "AuditEvent_chainKey_source_createdAt_sequence_idx" ON "AuditEvent"("chainKey", "source", "createdAt", "sequence");
CREATE INDEX "AuditEvent_project_idx" ON "AuditEvent"("chainKey", "dotenv_audit_project"("action", "metadata"), "createdAt", "sequence");
CREATE INDEX "AuditEvent_level_idx" ON "AuditEvent"(
  "chainKey", "dotenv_audit_project"("action", "metadata"), "dotenv_audit_target"("action", "metadata"),
  "dotenv_audit_environment"("action", "metadata"), "createdAt", "sequence");
CREATE INDEX "AuditEvent_resourcePath_trgm_idx" ON "AuditEvent" USING gin ("resourcePath" gin_trgm_ops);
CREATE INDEX "AuditEvent_actorLabel_trgm_idx" ON "AuditEvent" USING gin ("actorLabel" gin_trgm_ops);

-- Append-only, now also against TRUNCATE. The one way an event or checkpoint can go is with its
-- organization: a row may be deleted only once its organization no longer exists, which is what
-- the foreign key's cascade does when the organization itself is deleted (and nothing else can).
CREATE OR REPLACE FUNCTION "dotenv_audit_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."organizationId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Organization" WHERE "id" = OLD."organizationId") THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'dotenv: audit events are append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_audit_append_only"();

CREATE TRIGGER "AuditCheckpoint_append_only"
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "dotenv_audit_append_only"();
CREATE TRIGGER "AuditCheckpoint_no_truncate"
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_audit_append_only"();

-- A chain head only moves forward; it is removed only with its organization.
CREATE FUNCTION "dotenv_audit_head_forward"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW."chainKey" = OLD."chainKey" AND (NEW."sequence" > OLD."sequence"
       OR (NEW."sequence" = OLD."sequence" AND NEW."hash" = OLD."hash"
           AND NEW."anchorSequence" IS NOT DISTINCT FROM OLD."anchorSequence" AND NEW."anchorHash" IS NOT DISTINCT FROM OLD."anchorHash")) THEN
      RETURN NEW;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD."chainKey" <> '-' AND NOT EXISTS (SELECT 1 FROM "Organization" WHERE "id" = OLD."chainKey") THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'dotenv: audit chain heads only move forward' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditChainHead_forward"
  BEFORE UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION "dotenv_audit_head_forward"();
CREATE TRIGGER "AuditChainHead_no_truncate"
  BEFORE TRUNCATE ON "AuditChainHead"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_audit_head_forward"();
