pub(crate) const SQLITE_JOURNAL: &str = "SELECT journal_mode FROM pragma_journal_mode";
pub(crate) const SQLITE_SYNCHRONOUS: &str =
    "SELECT CAST(synchronous AS TEXT) FROM pragma_synchronous";
/// A consistent copy of a SQLite database into a new file, the one bound.
pub(crate) const BACKUP: &str = "VACUUM INTO ?";
pub(crate) const PG_FSYNC: &str = "SELECT current_setting('fsync')";
pub(crate) const PG_SYNCHRONOUS_COMMIT: &str = "SELECT current_setting('synchronous_commit')";

/// The durability settings of a backend, as (name, query) pairs.
pub(crate) fn of(backend: &str) -> &'static [(&'static str, &'static str)] {
    match backend {
        "sqlite" => &[
            ("journal_mode", SQLITE_JOURNAL),
            ("synchronous", SQLITE_SYNCHRONOUS),
        ],
        _ => &[
            ("fsync", PG_FSYNC),
            ("synchronous_commit", PG_SYNCHRONOUS_COMMIT),
        ],
    }
}
