use super::{ClientId, ContactPointId, Origin, Status, Timestamp};
use crate::Patch;

/// How a contact value is to be read (Eadesk `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactKind {
    /// An e-mail address.
    Mail,
    /// A telephone number.
    Phone,
    /// An identifier in some service (a messenger handle, a profile URL).
    Id,
}

/// The service a contact value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    /// E-mail.
    Mail,
    /// Telephone.
    Phone,
    /// Skype.
    Skype,
    /// ICQ.
    Icq,
    /// Telegram.
    Telegram,
    /// WhatsApp.
    Whatsapp,
    /// VKontakte.
    Vk,
    /// Facebook.
    Facebook,
    /// Chatra chat widget.
    Chatra,
    /// Twitter.
    Twitter,
    /// A blog URL.
    Blog,
    /// A web site URL.
    Site,
    /// Google account.
    Google,
    /// Yandex (Я.ru).
    Yandex,
    /// Мой круг.
    Mykrug,
}

/// Which of a client's numbers or addresses this is (SalesMan `tel`/`mob`/`fax`,
/// Planfix phone types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Work.
    Work,
    /// Mobile.
    Mobile,
    /// Home.
    Home,
    /// Fax.
    Fax,
    /// Anything else.
    Other,
}

macro_rules! wire_names {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// The lowercase name every dialect and the store use.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }

            /// Parses the lowercase name; `None` for anything else.
            pub fn parse(name: &str) -> Option<Self> {
                match name { $($name => Some(Self::$variant),)* _ => None }
            }
        }
    };
}

wire_names!(ContactKind { Mail => "mail", Phone => "phone", Id => "id" });
wire_names!(Service {
    Mail => "mail", Phone => "phone", Skype => "skype", Icq => "icq", Telegram => "telegram",
    Whatsapp => "whatsapp", Vk => "vk", Facebook => "facebook", Chatra => "chatra",
    Twitter => "twitter", Blog => "blog", Site => "site", Google => "google",
    Yandex => "yandex", Mykrug => "mykrug",
});
wire_names!(Label { Work => "work", Mobile => "mobile", Home => "home", Fax => "fax", Other => "other" });

impl Service {
    /// The kind a value of this service naturally has.
    pub fn natural_kind(self) -> ContactKind {
        match self {
            Self::Mail => ContactKind::Mail,
            Self::Phone | Self::Whatsapp => ContactKind::Phone,
            _ => ContactKind::Id,
        }
    }
}

/// One way to reach a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactPoint {
    /// Its id (Eadesk contact data `id`).
    pub id: ContactPointId,
    /// The client it belongs to.
    pub client: ClientId,
    /// How to read the value.
    pub kind: ContactKind,
    /// Which service the value is for.
    pub service: Service,
    /// Work, mobile, home, fax, other, or none.
    pub label: Option<Label>,
    /// The value exactly as written.
    pub value: String,
    /// Who created it.
    pub origin: Origin,
    /// Active or deleted (soft).
    pub status: Status,
    /// Order among the client's points; lower first.
    pub position: i64,
    /// When it was created.
    pub created_at: Timestamp,
}

/// A contact point to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContactPoint {
    /// How to read the value.
    pub kind: ContactKind,
    /// Which service the value is for.
    pub service: Service,
    /// Work, mobile, home, fax, other, or none.
    pub label: Option<Label>,
    /// The value exactly as written.
    pub value: String,
    /// Who created it; `None` stamps the writing dialect.
    pub origin: Option<Origin>,
}

impl NewContactPoint {
    /// A point whose origin the writing dialect stamps.
    pub fn new(kind: ContactKind, service: Service, label: Option<Label>, value: &str) -> Self {
        Self {
            kind,
            service,
            label,
            value: value.to_owned(),
            origin: None,
        }
    }
}

/// A change to one contact point.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactPointPatch {
    /// New kind.
    pub kind: Patch<ContactKind>,
    /// New service.
    pub service: Patch<Service>,
    /// New label.
    pub label: Patch<Label>,
    /// New value.
    pub value: Patch<String>,
}

/// Selects some of a client's live contact points, for slot-wise replacement
/// (SalesMan `tel`, `socials[skype]`; Planfix `phones`, `email`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactSelector {
    /// Kind the points must have.
    pub kind: ContactKind,
    /// Service the points must have, or any.
    pub service: Option<Service>,
    /// Label the points must have, or any (`Some(None)`: unlabelled only).
    pub label: Option<Option<Label>>,
}

impl ContactSelector {
    /// True when `point` is in the slot.
    pub fn matches(&self, point: &ContactPoint) -> bool {
        point.kind == self.kind
            && self.service.is_none_or(|s| s == point.service)
            && self.label.is_none_or(|l| l == point.label)
    }
}

/// The folded form of a value that searches compare against: lowercase, and
/// for phones without the `+ ( ) -` and spaces that SalesMan's `word` ignores
/// (reference/salesman.md §6 "list").
pub fn normalize_search(kind: ContactKind, value: &str) -> String {
    let lower = value.to_lowercase();
    match kind {
        ContactKind::Phone => lower
            .chars()
            .filter(|c| !matches!(c, '+' | '(' | ')' | '-' | ' '))
            .collect(),
        ContactKind::Mail | ContactKind::Id => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_search_form_drops_punctuation() {
        assert_eq!(
            normalize_search(ContactKind::Phone, "+7 (342) 250-50-50"),
            "73422505050"
        );
    }

    #[test]
    fn mail_search_form_folds_case_beyond_ascii() {
        assert_eq!(
            normalize_search(ContactKind::Mail, "Иван@Почта.РФ"),
            "иван@почта.рф"
        );
    }
}
