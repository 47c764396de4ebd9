macro_rules! client_columns {
    () => {
        "SELECT c.id, c.kind, c.name, c.given_name, c.middle_name, c.last_name, c.position, \
         c.description, c.address, c.company_address, c.bank_details, c.person_details, c.role, \
         c.sex, c.birthday, c.responsible_id, c.loyalty_id, l.title AS loyalty_title, \
         c.source_id, s.title AS source_title, c.group_id, g.title AS group_title, c.segments, \
         c.main_contact, (c.avatar IS NOT NULL) AS has_avatar, c.portal_login, c.portal_role, \
         c.portal_status, c.portal_email, c.origin, c.status, c.created_at, c.updated_at "
    };
}

/// The catalogue titles a client shows and may be sorted by.
macro_rules! client_joins {
    () => {
        "LEFT JOIN catalogue_entries l ON l.id = c.loyalty_id \
         LEFT JOIN catalogue_entries s ON s.id = c.source_id \
         LEFT JOIN catalogue_entries g ON g.id = c.group_id "
    };
}

macro_rules! select_client {
    () => {
        concat!(client_columns!(), "FROM clients c ", client_joins!())
    };
}

/// The start of every client read; lists append their own `WHERE`.
pub(crate) const SELECT: &str = select_client!();

/// A page is chosen on ids alone, then its rows are read: the inner query
/// (the caller appends `WHERE`, `ORDER BY`, `LIMIT` and `OFFSET`) walks an
/// index, where reading whole rows would fetch every skipped row from the
/// table. The caller closes it with [`PAGE_ROWS`] and the order once more.
pub(crate) const PAGE_IDS: &str = concat!(
    client_columns!(),
    "FROM (SELECT c.id FROM clients c ",
    client_joins!()
);

/// Closes [`PAGE_IDS`]: the page's ids joined back to their rows.
pub(crate) const PAGE_ROWS: &str =
    concat!(") page JOIN clients c ON c.id = page.id ", client_joins!());

/// `$3`: true to see deleted clients too.
pub(crate) const BY_ID: &str = concat!(
    select_client!(),
    "WHERE c.account_id = $1 AND c.id = $2 AND ($3 OR c.status = 'active')"
);

/// `$3..$30` are the columns of [`UPDATE`] in the same order.
pub(crate) const INSERT: &str = "INSERT INTO clients (account_id, kind, name, name_folded, \
     given_name, middle_name, last_name, position, position_folded, description, \
     description_folded, address, address_folded, company_address, bank_details, person_details, \
     role, role_folded, sex, birthday, responsible_id, loyalty_id, source_id, group_id, segments, \
     main_contact, portal_login, portal_role, portal_status, portal_email, avatar, origin, status, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
     $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, \
     'active', $33, $34) RETURNING id";

/// Locks the row for the rest of the transaction (a no-op write takes
/// PostgreSQL's row lock; SQLite's `BEGIN IMMEDIATE` already holds the file).
pub(crate) const LOCK: &str = "UPDATE clients SET updated_at = updated_at \
     WHERE account_id = $1 AND id = $2 AND ($3 OR status = 'active')";

/// Writes every attribute but the avatar; `$1` account, `$2` id.
pub(crate) const UPDATE: &str = "UPDATE clients SET name = $3, name_folded = $4, given_name = $5, \
     middle_name = $6, last_name = $7, position = $8, position_folded = $9, description = $10, \
     description_folded = $11, address = $12, address_folded = $13, company_address = $14, \
     bank_details = $15, person_details = $16, role = $17, role_folded = $18, sex = $19, \
     birthday = $20, responsible_id = $21, loyalty_id = $22, source_id = $23, group_id = $24, \
     segments = $25, main_contact = $26, portal_login = $27, portal_role = $28, \
     portal_status = $29, portal_email = $30, updated_at = $31 \
     WHERE account_id = $1 AND id = $2";

pub(crate) const SET_AVATAR: &str =
    "UPDATE clients SET avatar = $3 WHERE account_id = $1 AND id = $2";

pub(crate) const AVATAR: &str =
    "SELECT avatar FROM clients WHERE account_id = $1 AND id = $2 AND status = 'active'";

/// `$3`: true to accept a client that is already deleted.
pub(crate) const EXISTS: &str = "SELECT COUNT(*) FROM clients \
     WHERE account_id = $1 AND id = $2 AND ($3 OR status = 'active')";

pub(crate) const USER_EXISTS: &str = "SELECT COUNT(*) FROM users WHERE account_id = $1 AND id = $2";

pub(crate) const DEALS: &str =
    "SELECT COUNT(*) FROM documents WHERE account_id = $1 AND client_id = $2 AND kind = 'deal'";

pub(crate) const MARK_DELETED: &str = "UPDATE clients SET status = 'deleted', updated_at = $3 \
     WHERE account_id = $1 AND id = $2";

pub(crate) const INSERT_COMPANY_LINK: &str = "INSERT INTO client_companies \
     (account_id, person_id, company_id, position) VALUES ($1, $2, $3, $4)";

pub(crate) const DELETE_COMPANY_LINKS: &str =
    "DELETE FROM client_companies WHERE account_id = $1 AND person_id = $2";

pub(crate) const INSERT_FIELD_VALUE: &str = "INSERT INTO client_fields \
     (account_id, client_id, number, value, value_folded) VALUES ($1, $2, $3, $4, $5)";

pub(crate) const DELETE_FIELD_VALUES: &str =
    "DELETE FROM client_fields WHERE account_id = $1 AND client_id = $2";

/// Start of the live companies of a page's persons: a deleted company does
/// not exist for the dialects that show links, so its links are not shown
/// (they stay stored until the person's companies are replaced); the list
/// appends `IN (...)`.
pub(crate) const COMPANIES_OF: &str = "SELECT cc.person_id, cc.company_id, co.name \
     FROM client_companies cc JOIN clients co ON co.id = cc.company_id AND co.status = 'active' \
     WHERE cc.account_id = ";

/// Start of the field values of a page; the list appends `IN (...)`.
pub(crate) const FIELDS_OF: &str =
    "SELECT client_id, number, value FROM client_fields WHERE account_id = ";

/// Start of the regex candidates: names of the clients passing the filters.
pub(crate) const SEARCH_NAMES: &str = "SELECT c.id, c.name FROM clients c \
     LEFT JOIN catalogue_entries l ON l.id = c.loyalty_id \
     LEFT JOIN catalogue_entries s ON s.id = c.source_id ";

/// Every contact value of the account, for regex search.
/// `$2`: true to match deleted points too (Eadesk shows them).
pub(crate) const SEARCH_VALUES: &str = "SELECT client_id, value FROM contact_points \
     WHERE account_id = $1 AND ($2 OR status = 'active')";

pub(crate) const COUNT: &str = "SELECT COUNT(*) FROM clients c \
     LEFT JOIN catalogue_entries l ON l.id = c.loyalty_id \
     LEFT JOIN catalogue_entries s ON s.id = c.source_id ";
