use thiserror::Error;

/// What went wrong, in the domain's terms. Every dialect maps each variant to
/// its own wire error with an exhaustive match.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CoreError {
    /// The record does not exist in the caller's account (or is deleted and the
    /// dialect does not show deleted records). Foreign ids land here too.
    #[error("{entity} not found")]
    NotFound {
        /// What was looked for: "client", "contact point", "user", ...
        entity: &'static str,
    },
    /// A value the caller sent breaks a rule of the model.
    #[error("{field}: {message}")]
    Invalid {
        /// The model's name for the field.
        field: &'static str,
        /// A sentence a client developer can act on.
        message: String,
    },
    /// A record with the same identifying data already exists.
    #[error("duplicate {entity}")]
    Duplicate {
        /// What already exists.
        entity: &'static str,
        /// The id of the record that already holds the data, when known.
        existing: Option<i64>,
    },
    /// The record cannot be deleted because other records depend on it.
    #[error("{entity} has {dependents}")]
    HasDependents {
        /// What the caller tried to delete.
        entity: &'static str,
        /// What blocks the delete ("deals").
        dependents: &'static str,
    },
    /// The credentials are missing, unknown or expired.
    #[error("unauthenticated: {0}")]
    Unauthenticated(&'static str),
    /// The caller is known but may not do this.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The database is busy: no connection or lock came free within the
    /// configured wait. The same request may succeed later, so dialects answer
    /// their own "try later" error; logged where it is answered.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A fault of the gateway or its database, never of the caller. Logged
    /// where it happens; dialects answer their generic error without detail.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result of a domain operation.
pub type CoreResult<T> = Result<T, CoreError>;

impl CoreError {
    /// Shorthand for [`CoreError::NotFound`].
    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }

    /// Shorthand for [`CoreError::Invalid`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }
}
