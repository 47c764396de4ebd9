//! The fields every dialect shares (docs/mapping.md): what a writer sends and
//! a reader must see.

/// A person as the shared part of every dialect sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Family name; the full name is `"<last> <given>"`.
    pub last: String,
    /// Given name.
    pub given: String,
    /// A phone number, as written.
    pub phone: String,
    /// An e-mail address.
    pub email: String,
}

impl Person {
    /// A person with a name unique to `tag`.
    pub fn sample(tag: &str) -> Self {
        Self {
            last: "Петров".to_owned(),
            given: format!("Иван {tag}"),
            phone: "+79001234567".to_owned(),
            email: format!("ivan.{}@example.com", tag.to_lowercase().replace(' ', "-")),
        }
    }

    /// `"<last> <given>"`, the one-string name of Eadesk, REST and SalesMan.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.last, self.given)
    }
}

/// What a reader saw: the full name and every phone and e-mail it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The full name, `"<last> <given>"`.
    pub name: String,
    /// Phones as the reader shows them.
    pub phones: Vec<String>,
    /// E-mails as the reader shows them.
    pub emails: Vec<String>,
}

impl Seen {
    /// True when the reader shows `person`'s name, phone and e-mail.
    pub fn shows(&self, person: &Person) -> bool {
        self.name == person.full_name()
            && self
                .phones
                .iter()
                .any(|p| digits(p) == digits(&person.phone))
            && self.emails.iter().any(|e| e == &person.email)
    }
}

/// Phones compare by their digits: dialects format them differently.
pub fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}
