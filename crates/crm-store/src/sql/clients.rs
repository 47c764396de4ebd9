/// The columns of a read of whole clients, decoded by `rows::ClientRow`.
macro_rules! read_columns {
    () => {
        concat!(
            "SELECT c.id, c.kind, c.name, c.given_name, c.middle_name, c.last_name, \
             c.loyalty_id, l.title AS loyalty_title, c.source_id, s.title AS source_title, \
             c.group_id, g.title AS group_title, (c.avatar IS NOT NULL) AS has_avatar, \
             c.origin, c.status, c.created_at, c.updated_at",
            attribute_select!(),
            " "
        )
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

/// A client's contact points, companies and field values as three JSON
/// arrays of arrays, so a client and its children are one statement (one
/// round trip) whatever the backend. Decoded by `rows::ClientRow`.
macro_rules! client_children {
    (sqlite) => {
        ", (SELECT json_group_array(json_array(p.id, p.kind, p.service, p.label, p.value, \
         p.origin, p.status, p.position, p.created_at) ORDER BY p.position, p.id) \
         FROM contact_points p WHERE p.account_id = c.account_id AND p.client_id = c.id) \
         AS contacts_json, \
         (SELECT json_group_array(json_array(cc.company_id, co.name) ORDER BY cc.position) \
         FROM client_companies cc JOIN clients co ON co.id = cc.company_id \
         AND co.status = 'active' WHERE cc.account_id = c.account_id AND cc.person_id = c.id) \
         AS companies_json, \
         (SELECT json_group_array(json_array(f.number, f.value) ORDER BY f.number) \
         FROM client_fields f WHERE f.account_id = c.account_id AND f.client_id = c.id) \
         AS fields_json "
    };
    (postgres) => {
        ", (SELECT COALESCE(json_agg(json_build_array(p.id, p.kind, p.service, p.label, \
         p.value, p.origin, p.status, p.position, p.created_at) ORDER BY p.position, p.id)::text, \
         '[]') FROM contact_points p WHERE p.account_id = c.account_id AND p.client_id = c.id) \
         AS contacts_json, \
         (SELECT COALESCE(json_agg(json_build_array(cc.company_id, co.name) \
         ORDER BY cc.position)::text, '[]') \
         FROM client_companies cc JOIN clients co ON co.id = cc.company_id \
         AND co.status = 'active' WHERE cc.account_id = c.account_id AND cc.person_id = c.id) \
         AS companies_json, \
         (SELECT COALESCE(json_agg(json_build_array(f.number, f.value) ORDER BY f.number)::text, \
         '[]') FROM client_fields f WHERE f.account_id = c.account_id AND f.client_id = c.id) \
         AS fields_json "
    };
}

macro_rules! select_client {
    ($backend:ident) => {
        concat!(
            read_columns!(),
            client_children!($backend),
            "FROM clients c ",
            client_joins!()
        )
    };
}

/// The start of a read of whole clients; the caller appends `WHERE`.
pub(crate) const SELECT_SQLITE: &str = select_client!(sqlite);
pub(crate) const SELECT_POSTGRES: &str = select_client!(postgres);

/// A page is chosen on ids alone, then its rows are read: the inner query
/// (the caller appends `WHERE`, `ORDER BY`, `LIMIT` and `OFFSET`) walks an
/// index, where reading whole rows would fetch every skipped row from the
/// table. The caller closes it with [`PAGE_ROWS`] and the order once more.
macro_rules! page_ids {
    ($backend:ident) => {
        concat!(
            read_columns!(),
            client_children!($backend),
            "FROM (SELECT c.id FROM clients c ",
            client_joins!()
        )
    };
}
pub(crate) const PAGE_IDS_SQLITE: &str = page_ids!(sqlite);
pub(crate) const PAGE_IDS_POSTGRES: &str = page_ids!(postgres);

/// Closes [`PAGE_IDS_SQLITE`] and [`PAGE_IDS_POSTGRES`]: the page's ids
/// joined back to their rows.
pub(crate) const PAGE_ROWS: &str =
    concat!(") page JOIN clients c ON c.id = page.id ", client_joins!());

/// Every n-th client of a list, found by a walk that seeks each from the
/// one before it (`seek::Past::Previous`), so that the order's index is
/// read once. The caller pushes, in turn: [`ANCHORS_HEAD`], the spacing, the
/// sort value columns of `c2`, [`ANCHORS_FIRST`], the account,
/// [`ANCHORS_ID`], [`NEXT_ID`] with its `WHERE`, order and offset,
/// [`ANCHORS_STEP`], the spacing, the columns, [`ANCHORS_STEP_ROW`], the
/// account, [`ANCHORS_ID`], [`NEXT_ID`] with its seek, and [`ANCHORS_END`].
pub(crate) const ANCHORS_HEAD: &str = "WITH RECURSIVE a(n, id, instant, text) AS (SELECT ";
pub(crate) const ANCHORS_FIRST: &str = " FROM clients c2 WHERE c2.account_id = ";
pub(crate) const ANCHORS_ID: &str = " AND c2.id = (";
pub(crate) const ANCHORS_STEP: &str = ") UNION ALL SELECT a.n + ";
pub(crate) const ANCHORS_STEP_ROW: &str = " FROM a JOIN clients c2 ON c2.account_id = ";
pub(crate) const ANCHORS_END: &str = ")) SELECT n, id, instant, text FROM a ORDER BY n";
/// The id of one client of a list; the caller appends `WHERE`, the order,
/// `LIMIT 1` and the offset.
pub(crate) const NEXT_ID: &str = "SELECT c.id FROM clients c ";
/// The sort value columns an anchor row has no use for, typed so that
/// PostgreSQL knows what the walk returns.
pub(crate) const NO_INSTANT: &str = "CAST(NULL AS BIGINT)";
pub(crate) const NO_TEXT: &str = "CAST(NULL AS TEXT)";

/// `$3`: true to see deleted clients too.
pub(crate) const BY_ID_SQLITE: &str = concat!(
    select_client!(sqlite),
    "WHERE c.account_id = $1 AND c.id = $2 AND ($3 OR c.status = 'active')"
);
pub(crate) const BY_ID_POSTGRES: &str = concat!(
    select_client!(postgres),
    "WHERE c.account_id = $1 AND c.id = $2 AND ($3 OR c.status = 'active')"
);

/// The reads of whole clients in one backend's SQL.
#[derive(Debug)]
pub(crate) struct Reads {
    pub select: &'static str,
    pub by_id: &'static str,
    pub page_ids: &'static str,
}

pub(crate) static SQLITE_READS: Reads = Reads {
    select: SELECT_SQLITE,
    by_id: BY_ID_SQLITE,
    page_ids: PAGE_IDS_SQLITE,
};

pub(crate) static POSTGRES_READS: Reads = Reads {
    select: SELECT_POSTGRES,
    by_id: BY_ID_POSTGRES,
    page_ids: PAGE_IDS_POSTGRES,
};

/// Start of an insert of new clients: the caller appends
/// [`client_columns::NAMES`](super::client_columns::NAMES), `) `, the rows
/// (these seven values first), and for one row [`RETURNING_ID`].
pub(crate) const INSERT_HEAD: &str =
    "INSERT INTO clients (account_id, kind, avatar, origin, status, created_at, updated_at";

/// Ends a one-row [`INSERT_HEAD`].
pub(crate) const RETURNING_ID: &str = " RETURNING id";

/// Ids for `$1` new clients, taken from the identity's sequence at once.
pub(crate) const RESERVE_IDS_POSTGRES: &str =
    "SELECT nextval(pg_get_serial_sequence('clients', 'id')) FROM generate_series(1, $1)";

/// [`INSERT_HEAD`] with the reserved `id` first.
pub(crate) const INSERT_MANY_HEAD_POSTGRES: &str = "INSERT INTO clients (id, account_id, kind, \
     avatar, origin, status, created_at, updated_at";

/// Locks the row for the rest of the transaction (a no-op write takes
/// PostgreSQL's row lock; SQLite's `BEGIN IMMEDIATE` already holds the file).
pub(crate) const LOCK: &str = "UPDATE clients SET updated_at = updated_at \
     WHERE account_id = $1 AND id = $2 AND ($3 OR status = 'active')";

/// Start of the write of every attribute but the avatar: the caller binds
/// `updated_at`, appends `, column = value` for each attribute, then
/// [`UPDATE_WHERE`] with the account and the id.
pub(crate) const UPDATE_HEAD: &str = "UPDATE clients SET updated_at = ";

/// The scope of [`UPDATE_HEAD`]: the account, then ` AND id = ` and the id.
pub(crate) const UPDATE_WHERE: &str = " WHERE account_id = ";

/// Between the account and the id of [`UPDATE_WHERE`].
pub(crate) const AND_ID: &str = " AND id = ";

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

/// Start of a multi-row [`INSERT_COMPANY_LINK`]; the caller appends `VALUES`.
pub(crate) const INSERT_COMPANY_LINKS_MANY: &str =
    "INSERT INTO client_companies (account_id, person_id, company_id, position) ";

pub(crate) const DELETE_COMPANY_LINKS: &str =
    "DELETE FROM client_companies WHERE account_id = $1 AND person_id = $2";

pub(crate) const INSERT_FIELD_VALUE: &str = "INSERT INTO client_fields \
     (account_id, client_id, number, value, value_folded) VALUES ($1, $2, $3, $4, $5)";

/// Start of a multi-row [`INSERT_FIELD_VALUE`]; the caller appends `VALUES`.
pub(crate) const INSERT_FIELD_VALUES_MANY: &str =
    "INSERT INTO client_fields (account_id, client_id, number, value, value_folded) ";

pub(crate) const DELETE_FIELD_VALUES: &str =
    "DELETE FROM client_fields WHERE account_id = $1 AND client_id = $2";

/// Start of a regex search's scan: each client's id, name and contact
/// values (a JSON array), the values' subquery left open for the caller's
/// status condition and closed by [`SEARCH_END`], then its `WHERE`.
pub(crate) const SEARCH_SQLITE: &str = "SELECT c.id, c.name, \
     (SELECT json_group_array(p.value) FROM contact_points p \
     WHERE p.account_id = c.account_id AND p.client_id = c.id";
pub(crate) const SEARCH_POSTGRES: &str = "SELECT c.id, c.name, \
     (SELECT COALESCE(json_agg(p.value)::text, '[]') FROM contact_points p \
     WHERE p.account_id = c.account_id AND p.client_id = c.id";

/// Closes [`SEARCH_SQLITE`] and [`SEARCH_POSTGRES`].
pub(crate) const SEARCH_END: &str = ") AS values_json FROM clients c \
     LEFT JOIN catalogue_entries l ON l.id = c.loyalty_id \
     LEFT JOIN catalogue_entries s ON s.id = c.source_id ";

pub(crate) const COUNT: &str = "SELECT COUNT(*) FROM clients c \
     LEFT JOIN catalogue_entries l ON l.id = c.loyalty_id \
     LEFT JOIN catalogue_entries s ON s.id = c.source_id ";
