-- Stamping an API key's lastUsedAt (at most once a minute per key, lib/services/tokens/authenticate.ts)
-- no longer tells every instance to drop its caches: with a few hundred keys in use, those stamps
-- alone emptied every instance's key cache several times a second. Any other change to a key still
-- notifies, including columns added later: the comparison leaves out only the stamp and Prisma's
-- updatedAt, which moves with it.
DROP TRIGGER "ApiToken_cache_notify" ON "ApiToken";
CREATE TRIGGER "ApiToken_cache_notify" AFTER INSERT OR DELETE OR TRUNCATE ON "ApiToken"
  FOR EACH STATEMENT EXECUTE FUNCTION "dotenv_cache_notify"();
CREATE TRIGGER "ApiToken_cache_notify_update" AFTER UPDATE ON "ApiToken"
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'lastUsedAt' - 'updatedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt' - 'updatedAt'))
  EXECUTE FUNCTION "dotenv_cache_notify"();
