//! The pieces of a list's `WHERE` that read other tables: subqueries the
//! filter and prefilter builders append, each closed by the builder after
//! its own conditions. Each names `account_id`, as every statement here
//! does, save the index of trigrams (`tests.rs` lists why).

/// Opens `EXISTS` over a client's live contact points; the builder adds
/// the point's conditions and the closing parenthesis.
pub(crate) const CONTACT_EXISTS: &str = " AND EXISTS (SELECT 1 FROM contact_points cp \
     WHERE cp.client_id = c.id AND cp.account_id = c.account_id AND cp.status = 'active'";

/// Opens `EXISTS` over the live companies a person is linked to; the
/// builder adds the company's id and the closing parenthesis.
pub(crate) const MEMBER_OF: &str = " AND EXISTS (SELECT 1 FROM client_companies cc JOIN clients co \
     ON co.id = cc.company_id AND co.status = 'active' WHERE cc.person_id = c.id \
     AND cc.account_id = c.account_id AND cc.company_id = ";

/// Opens `EXISTS` over a client's value of one custom field; the builder
/// adds the field's number, its `LIKE` and the closing parenthesis.
pub(crate) const FIELD_EXISTS: &str = " AND EXISTS (SELECT 1 FROM client_fields f \
     WHERE f.client_id = c.id AND f.account_id = c.account_id AND f.number = ";

/// The clients an FTS5 query over their own columns matches, in every
/// account: the list around it is scoped, and the index has no account.
pub(crate) const CLIENTS_MATCHING: &str =
    "SELECT rowid FROM clients_trgm WHERE clients_trgm MATCH ";

/// The clients of an account (PostgreSQL's trigram prefilter, whose
/// `LIKE` conditions the builder appends).
pub(crate) const CLIENTS_OF_ACCOUNT: &str = "SELECT n.id FROM clients n WHERE n.account_id = ";

/// The contact points an FTS5 query matches. `CROSS JOIN` keeps the index
/// of trigrams in the outer loop: the other way round SQLite would run the
/// whole `MATCH` again for every contact point of the account. The builder
/// appends the account.
pub(crate) const POINTS_MATCHING: &str = "SELECT cp.client_id FROM contact_points_trgm t \
     CROSS JOIN contact_points cp ON cp.id = t.rowid WHERE cp.account_id = ";

/// The contact points of PostgreSQL's trigram prefilter; the builder
/// appends the account and the `LIKE` conditions.
pub(crate) const POINTS_OF_ACCOUNT: &str =
    "SELECT cp.client_id FROM contact_points cp WHERE cp.account_id = ";
