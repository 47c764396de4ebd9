use super::CatalogueEntryId;

/// The per-account catalogues a client refers to by entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CatalogueKind {
    /// Loyalty (SalesMan `loyalty`).
    Loyalty,
    /// Where the client came from (SalesMan `clientpath`).
    Source,
    /// Contact group (Planfix `group`).
    Group,
}

impl CatalogueKind {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Loyalty => "loyalty",
            Self::Source => "source",
            Self::Group => "group",
        }
    }
}

/// One entry of a catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// Its id.
    pub id: CatalogueEntryId,
    /// Its title, as clients read it.
    pub title: String,
}

/// How a writer names an entry: SalesMan sends titles (created on first use)
/// or numeric ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueRef {
    /// An existing entry by id.
    Id(CatalogueEntryId),
    /// An entry by title, created when missing.
    Title(String),
}
