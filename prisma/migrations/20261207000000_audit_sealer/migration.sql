-- Audit events are written without a lock on the request path (docs/audit.md#sealing): a request
-- inserts its event (durably, before it answers) with no place in the chain yet; one sealer at a
-- time (an advisory lock, on any instance) gives unsealed events, in append order, their sequence,
-- previous hash, hash and anchor, moves the chain head and writes checkpoints.

-- Append order: what the sealer walks. Existing events get numbers too (they are sealed already).
ALTER TABLE "AuditEvent" ADD COLUMN "appendOrder" BIGSERIAL NOT NULL;
ALTER TABLE "AuditEvent" ALTER COLUMN "sequence" DROP NOT NULL;
ALTER TABLE "AuditEvent" ALTER COLUMN "prevHash" DROP NOT NULL;
ALTER TABLE "AuditEvent" ALTER COLUMN "hash" DROP NOT NULL;
-- The sealer's queue: only unsealed events, in append order (empty most of the time).
CREATE INDEX "AuditEvent_unsealed_idx" ON "AuditEvent"("appendOrder") WHERE "hash" IS NULL;

-- Still append-only: the one update allowed gives an unsealed event its place in the chain, once,
-- and changes nothing else.
CREATE FUNCTION "dotenv_audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD."hash" IS NULL AND OLD."sequence" IS NULL AND OLD."prevHash" IS NULL
       AND NEW."hash" IS NOT NULL AND NEW."sequence" IS NOT NULL AND NEW."prevHash" IS NOT NULL
       AND (NEW."id", NEW."chainKey", NEW."organizationId", NEW."createdAt", NEW."actorType", NEW."actorId", NEW."actorLabel",
            NEW."source", NEW."action", NEW."resourcePath", NEW."outcome", NEW."status", NEW."ip", NEW."userAgent", NEW."metadata", NEW."appendOrder")
           IS NOT DISTINCT FROM
           (OLD."id", OLD."chainKey", OLD."organizationId", OLD."createdAt", OLD."actorType", OLD."actorId", OLD."actorLabel",
            OLD."source", OLD."action", OLD."resourcePath", OLD."outcome", OLD."status", OLD."ip", OLD."userAgent", OLD."metadata", OLD."appendOrder") THEN
      RETURN NEW;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD."organizationId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Organization" WHERE "id" = OLD."organizationId") THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'dotenv: audit events are append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER "AuditEvent_append_only" ON "AuditEvent";
CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "dotenv_audit_event_append_only"();

-- Caches of who a caller is (lib/services/shared/access-cache.ts) hold for a few seconds at most,
-- and every instance drops them the moment one of these tables changes: the change notifies
-- channel dotenv_cache (delivered when its transaction commits) with the table's name.
CREATE FUNCTION "dotenv_cache_notify"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('dotenv_cache', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ApiToken_cache_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ApiToken"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_cache_notify"();
CREATE TRIGGER "Membership_cache_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_cache_notify"();
CREATE TRIGGER "TeamMember_cache_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "TeamMember"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_cache_notify"();
CREATE TRIGGER "Organization_cache_notify" AFTER UPDATE OR DELETE OR TRUNCATE ON "Organization"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_cache_notify"();
