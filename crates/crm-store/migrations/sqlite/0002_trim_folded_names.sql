-- Folded names drop the surrounding whitespace PHP's trim removes, as
-- crm_core::fold_name does for every write since.
UPDATE clients
SET name_folded = TRIM(name_folded, ' ' || char(9) || char(10) || char(13) || char(11));
