-- What share of entitlements each entitlementType holds (access/entitlement-kinds.ts filters on it). Without it
-- the planner guesses 0.5% for the jsonb expression, expects ~10 of a permission set's 1,000 entitlements at
-- 1M grants, and sorts them all after a sequential scan instead of reading the first page in index order.
CREATE STATISTICS IF NOT EXISTS "entitlements_type_stats" ON ("attributes"->>'entitlementType') FROM "entitlements";
