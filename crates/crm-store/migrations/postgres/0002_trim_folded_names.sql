-- Folded names drop the surrounding whitespace PHP's trim removes, as
-- crm_core::fold_name does for every write since.
UPDATE clients
SET name_folded = BTRIM(name_folded, E' \t\n\r\x0B');
