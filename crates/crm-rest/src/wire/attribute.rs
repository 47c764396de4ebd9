//! The attributes of the spec's `client` entity (spec/yii-rest-client.txt,
//! "Форматы ответов" and table 4), in the order Yii's `fields()` lists them.

use crm_core::{ClientKind, SortKey};

/// One attribute of a client as the wire names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribute {
    /// `id`.
    Id,
    /// `user`: the responsible user's id.
    User,
    /// `name`.
    Name,
    /// `type`: 1 company, 2 person.
    Type,
    /// `email`: the first live e-mail.
    Email,
    /// `phone`: the first live phone.
    Phone,
    /// `real_address`.
    RealAddress,
    /// `description`.
    Description,
    /// `created_at`, `YYYY-MM-DD HH:MM:SS`.
    CreatedAt,
    /// `updated_at`, `YYYY-MM-DD HH:MM:SS`.
    UpdatedAt,
    /// `company_address`, type 1 only.
    CompanyAddress,
    /// `bank_details`, type 1 only.
    BankDetails,
    /// `person_details`, type 2 only.
    PersonDetails,
}

/// The attributes both types share: the only ones a list shows and sorts by.
pub const COMMON: [Attribute; 10] = [
    Attribute::Id,
    Attribute::User,
    Attribute::Name,
    Attribute::Type,
    Attribute::Email,
    Attribute::Phone,
    Attribute::RealAddress,
    Attribute::Description,
    Attribute::CreatedAt,
    Attribute::UpdatedAt,
];

const COMPANY: [Attribute; 2] = [Attribute::CompanyAddress, Attribute::BankDetails];
const PERSON: [Attribute; 1] = [Attribute::PersonDetails];

impl Attribute {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::User => "user",
            Self::Name => "name",
            Self::Type => "type",
            Self::Email => "email",
            Self::Phone => "phone",
            Self::RealAddress => "real_address",
            Self::Description => "description",
            Self::CreatedAt => "created_at",
            Self::UpdatedAt => "updated_at",
            Self::CompanyAddress => "company_address",
            Self::BankDetails => "bank_details",
            Self::PersonDetails => "person_details",
        }
    }

    /// The attribute with this exact wire name.
    pub fn parse(name: &str) -> Option<Self> {
        COMMON
            .iter()
            .chain(COMPANY.iter())
            .chain(PERSON.iter())
            .copied()
            .find(|a| a.name() == name)
    }

    /// Yii's default label (`Inflector::camel2words`), for messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Id => "ID",
            Self::User => "User",
            Self::Name => "Name",
            Self::Type => "Type",
            Self::Email => "Email",
            Self::Phone => "Phone",
            Self::RealAddress => "Real Address",
            Self::Description => "Description",
            Self::CreatedAt => "Created At",
            Self::UpdatedAt => "Updated At",
            Self::CompanyAddress => "Company Address",
            Self::BankDetails => "Bank Details",
            Self::PersonDetails => "Person Details",
        }
    }

    /// The attributes of one client of `kind`, in `fields()` order.
    pub fn of_kind(kind: ClientKind) -> Vec<Self> {
        let extra: &[Self] = match kind {
            ClientKind::Company => &COMPANY,
            ClientKind::Person => &PERSON,
        };
        COMMON.iter().chain(extra).copied().collect()
    }

    /// The type-specific attributes a client of `kind` may write.
    pub fn specific(kind: ClientKind) -> &'static [Self] {
        match kind {
            ClientKind::Company => &COMPANY,
            ClientKind::Person => &PERSON,
        }
    }

    /// The core column a list sorts by; only common attributes sort.
    pub fn sort_key(self) -> Option<SortKey> {
        match self {
            Self::Id => Some(SortKey::Id),
            Self::User => Some(SortKey::Responsible),
            Self::Name => Some(SortKey::Name),
            Self::Type => Some(SortKey::Kind),
            Self::Email => Some(SortKey::Email),
            Self::Phone => Some(SortKey::Phone),
            Self::RealAddress => Some(SortKey::Address),
            Self::Description => Some(SortKey::Description),
            Self::CreatedAt => Some(SortKey::Created),
            Self::UpdatedAt => Some(SortKey::Updated),
            Self::CompanyAddress | Self::BankDetails | Self::PersonDetails => None,
        }
    }
}

/// `type` on the wire (spec table 2: `CLIENT_COMPANY` 0x01, `CLIENT_PERSON` 0x02).
pub fn type_code(kind: ClientKind) -> i64 {
    match kind {
        ClientKind::Company => 1,
        ClientKind::Person => 2,
    }
}

/// The kind a `type` code names.
pub fn kind_of(code: i64) -> Option<ClientKind> {
    match code {
        1 => Some(ClientKind::Company),
        2 => Some(ClientKind::Person),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Attribute::of_kind(ClientKind::Company)
            .into_iter()
            .chain(PERSON)
        {
            assert_eq!(Attribute::parse(a.name()), Some(a));
        }
        assert_eq!(Attribute::parse("Name"), None);
        assert_eq!(Attribute::parse("name; DROP TABLE clients"), None);
    }

    #[test]
    fn only_common_attributes_sort() {
        assert!(COMMON.iter().all(|a| a.sort_key().is_some()));
        assert_eq!(Attribute::BankDetails.sort_key(), None);
    }
}
