-- PostgreSQL's row-level security policies (its migration 0012). SQLite has
-- no such thing: every statement's own account condition, and the tenant
-- tests, are what separate accounts here. Kept so that both backends count
-- the same migrations.
SELECT 1;
