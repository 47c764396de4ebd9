pub(crate) const INSERT: &str = "INSERT INTO documents (account_id, client_id, kind, title, created_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";

/// Start of the counts of a page; the caller appends `IN (...) GROUP BY`.
pub(crate) const COUNTS: &str = "SELECT client_id, \
     SUM(CASE WHEN kind = 'deal' THEN 1 ELSE 0 END) AS deals, \
     SUM(CASE WHEN kind = 'offer' THEN 1 ELSE 0 END) AS offers, \
     SUM(CASE WHEN kind = 'contract' THEN 1 ELSE 0 END) AS contracts, \
     SUM(CASE WHEN kind = 'invoice' THEN 1 ELSE 0 END) AS invoices \
     FROM documents WHERE account_id = ";
