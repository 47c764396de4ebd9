/// Records that hang off a client. The gateway keeps just enough of them to
/// count them and to refuse deleting a client that has deals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// A deal.
    Deal,
    /// A commercial offer.
    Offer,
    /// A contract.
    Contract,
    /// An invoice.
    Invoice,
}

impl DocumentKind {
    /// The name the store keeps.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Deal => "deal",
            Self::Offer => "offer",
            Self::Contract => "contract",
            Self::Invoice => "invoice",
        }
    }
}

/// How many documents of each kind a client has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocumentCounts {
    /// Deals.
    pub deals: i64,
    /// Commercial offers.
    pub offers: i64,
    /// Contracts.
    pub contracts: i64,
    /// Invoices.
    pub invoices: i64,
}
