-- Guarantees that hold whatever code touches the database (SPEC §2, §7).

-- A rotated key version is frozen: its salt, iterations and proof can never change, and it can
-- never become active again. (Deleting a whole project still cascades.)
CREATE FUNCTION "dotenv_freeze_rotated_key"() RETURNS trigger AS $$
BEGIN
  IF OLD."state" = 'ROTATED' AND (
       NEW."salt" IS DISTINCT FROM OLD."salt"
    OR NEW."iterations" IS DISTINCT FROM OLD."iterations"
    OR NEW."proofHash" IS DISTINCT FROM OLD."proofHash"
    OR NEW."version" IS DISTINCT FROM OLD."version"
    OR NEW."projectId" IS DISTINCT FROM OLD."projectId"
    OR NEW."state" IS DISTINCT FROM OLD."state"
  ) THEN
    RAISE EXCEPTION 'dotenv: rotated key versions are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ProjectKeyVersion_freeze_rotated"
  BEFORE UPDATE ON "ProjectKeyVersion"
  FOR EACH ROW EXECUTE FUNCTION "dotenv_freeze_rotated_key"();

-- Exactly one active key version per project.
CREATE UNIQUE INDEX "ProjectKeyVersion_one_active_key" ON "ProjectKeyVersion"("projectId") WHERE "state" = 'ACTIVE';

-- Audit events are append-only.
CREATE FUNCTION "dotenv_audit_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'dotenv: audit events are append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "dotenv_audit_append_only"();
