//! Writes of a client's children inside an open transaction, shared by
//! creation and update. Macros because the transaction's type differs per
//! backend (see `in_write_tx!`).

/// Inserts one contact point of client `$client` after its others;
/// evaluates to its new id.
macro_rules! insert_contact_point {
    ($tx:expr, $account:expr, $client:expr, $point:expr, $origin:expr, $now:expr) => {
        insert_contact_point!(@ $crate::sql::contacts::INSERT, $tx, $account, $client, $point, $origin, $now)
            .fetch_one(&mut *$tx)
            .await
            .map_err($crate::error::db)?
    };
    (@ $sql:expr, $tx:expr, $account:expr, $client:expr, $point:expr, $origin:expr, $now:expr) => {{
        let point: &crm_core::NewContactPoint = $point;
        sqlx::query_scalar::<_, i64>($sql)
            .bind($account.get())
            .bind($client)
            .bind(point.kind.as_str())
            .bind(point.service.as_str())
            .bind(point.label.map(|l| l.as_str()))
            .bind(&point.value)
            .bind(crm_core::normalize_search(point.kind, &point.value))
            .bind(point.origin.as_ref().unwrap_or(&$origin).as_str())
            .bind($now.millis())
    }};
}

/// Writes every attribute of the existing contact point `$point`.
macro_rules! rewrite_contact_point {
    ($tx:expr, $account:expr, $point:expr, $now:expr) => {{
        let point: &crm_core::ContactPoint = $point;
        sqlx::query($crate::sql::contacts::UPDATE)
            .bind($account.get())
            .bind(point.id.get())
            .bind(point.kind.as_str())
            .bind(point.service.as_str())
            .bind(point.label.map(|l| l.as_str()))
            .bind(&point.value)
            .bind(crm_core::normalize_search(point.kind, &point.value))
            .bind($now.millis())
            .execute(&mut *$tx)
            .await
            .map_err($crate::error::db)?;
    }};
}

/// Writes the custom-field values of client `$client`.
macro_rules! insert_field_values {
    ($tx:expr, $account:expr, $client:expr, $fields:expr) => {
        for field in $fields {
            sqlx::query($crate::sql::clients::INSERT_FIELD_VALUE)
                .bind($account.get())
                .bind($client)
                .bind(field.number)
                .bind(&field.value)
                .bind(field.value.to_lowercase())
                .execute(&mut *$tx)
                .await
                .map_err($crate::error::db)?;
        }
    };
}

/// Links client `$client` to the companies `$companies` (ids), in order.
macro_rules! insert_company_links {
    ($tx:expr, $account:expr, $client:expr, $companies:expr) => {
        for (position, company) in $companies.enumerate() {
            sqlx::query($crate::sql::clients::INSERT_COMPANY_LINK)
                .bind($account.get())
                .bind($client)
                .bind(company)
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .execute(&mut *$tx)
                .await
                .map_err($crate::error::db)?;
        }
    };
}

pub(crate) use {
    insert_company_links, insert_contact_point, insert_field_values, rewrite_contact_point,
};
