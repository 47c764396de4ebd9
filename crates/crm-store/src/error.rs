use crm_core::CoreError;

/// A database error the caller could not have caused: logged by the dialect
/// that answers it, with no detail on the wire.
pub(crate) fn db(err: sqlx::Error) -> CoreError {
    CoreError::Internal(format!("database: {err}"))
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
