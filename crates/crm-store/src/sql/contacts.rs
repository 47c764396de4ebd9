macro_rules! columns {
    () => {
        "SELECT id, client_id, kind, service, label, value, origin, status, position, created_at \
         FROM contact_points "
    };
}

/// Start of a contact-point list; the caller appends its `WHERE`.
pub(crate) const SELECT: &str = columns!();

pub(crate) const BY_ID: &str = concat!(columns!(), "WHERE account_id = $1 AND id = $2");

pub(crate) const INSERT: &str = "INSERT INTO contact_points (account_id, client_id, kind, service, \
     label, value, value_folded, origin, status, position, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', \
     (SELECT COALESCE(MAX(position), 0) + 1 FROM contact_points WHERE account_id = $1 AND client_id = $2), \
     $9, $9) RETURNING id";

/// Start of a multi-row insert of new clients' points, positions given;
/// the caller appends `VALUES`.
pub(crate) const INSERT_MANY: &str = "INSERT INTO contact_points (account_id, client_id, kind, \
     service, label, value, value_folded, origin, status, position, created_at, updated_at) ";

pub(crate) const UPDATE: &str = "UPDATE contact_points SET kind = $3, service = $4, label = $5, \
     value = $6, value_folded = $7, updated_at = $8 WHERE account_id = $1 AND id = $2";

pub(crate) const MARK_DELETED: &str = "UPDATE contact_points SET status = 'deleted', updated_at = $3 \
     WHERE account_id = $1 AND id = $2";

pub(crate) const TOUCH_CLIENT: &str = "UPDATE clients SET updated_at = $3 \
     WHERE account_id = $1 AND id = (SELECT client_id FROM contact_points WHERE account_id = $1 AND id = $2)";
