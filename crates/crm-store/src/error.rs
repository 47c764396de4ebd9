use crm_core::CoreError;

/// A database error the caller could not have caused: logged by the dialect
/// that answers it, with no detail on the wire. A busy database is
/// `Unavailable`, so each dialect answers its own "try later" error.
pub(crate) fn db(err: sqlx::Error) -> CoreError {
    if is_busy(&err) {
        CoreError::Unavailable(format!("database: {err}"))
    } else {
        CoreError::Internal(format!("database: {err}"))
    }
}

/// Errors that a later attempt of the same request may not meet: no pooled
/// connection within `acquire_timeout`, a lock still held after the busy or
/// statement timeout, a PostgreSQL server refusing connections for now.
pub(crate) fn is_busy(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                sqlite_busy(&code)
            } else {
                postgres_busy(&code)
            }
        }
        _ => false,
    }
}

/// SQLITE_BUSY and SQLITE_LOCKED, plain or extended.
fn sqlite_busy(code: &str) -> bool {
    code.parse::<i32>()
        .is_ok_and(|code| matches!(code & 0xff, 5 | 6))
}

/// lock_not_available, query_canceled (statement_timeout),
/// serialization_failure, deadlock_detected, too_many_connections and
/// cannot_connect_now.
fn postgres_busy(code: &str) -> bool {
    matches!(
        code,
        "55P03" | "57014" | "40001" | "40P01" | "53300" | "57P03"
    )
}

/// Maps a unique-constraint violation to `Duplicate`, anything else to [`db`].
pub(crate) fn unique(entity: &'static str) -> impl Fn(sqlx::Error) -> CoreError {
    move |err| match &err {
        sqlx::Error::Database(e) if e.is_unique_violation() => CoreError::Duplicate {
            entity,
            existing: None,
        },
        _ => db(err),
    }
}

/// A value from the database that the model does not know: the schema and
/// the code disagree.
pub(crate) fn corrupt(what: &str, value: &str) -> CoreError {
    CoreError::Internal(format!("stored {what} '{value}' is unknown"))
}

/// A value the gateway could not encode for storage.
pub(crate) fn db_encode(err: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(format!("encoding for the database: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_codes_of_both_backends_are_told_from_faults() {
        for code in ["5", "261", "517", "6", "262"] {
            assert!(sqlite_busy(code), "{code}");
        }
        for code in ["1", "19", "2067", "57014"] {
            assert!(!sqlite_busy(code), "{code}");
        }
        for code in ["55P03", "57014", "40001", "40P01", "53300", "57P03"] {
            assert!(postgres_busy(code), "{code}");
        }
        for code in ["5", "23505", "42601", "XX000"] {
            assert!(!postgres_busy(code), "{code}");
        }
        assert!(matches!(
            db(sqlx::Error::PoolTimedOut),
            CoreError::Unavailable(_)
        ));
        assert!(matches!(
            db(sqlx::Error::RowNotFound),
            CoreError::Internal(_)
        ));
    }
}
