macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl $name {
            /// The number as the database and the wire see it.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// One tenant: a company using the gateway. Every query is scoped by it.
    AccountId
);
id_type!(
    /// One client record; the same number in every dialect.
    ClientId
);
id_type!(
    /// One way to reach a client (a phone, an e-mail, a messenger id).
    ContactPointId
);
id_type!(
    /// One employee of an account.
    UserId
);
id_type!(
    /// One entry of a per-account catalogue (loyalty, source, contact group).
    CatalogueEntryId
);
id_type!(
    /// One deal, offer, contract or invoice.
    DocumentId
);
