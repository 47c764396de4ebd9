//! Person columns and social slots with their wire names and titles
//! (spec/salesman-person.txt, "fields"; reference/salesman.md §5, §7).

use crm_core::Service;

/// One column of a person record, as `fields=` and the answers name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `pid`.
    Pid,
    /// `date_create`.
    DateCreate,
    /// `date_edit`.
    DateEdit,
    /// `clid` (and the companion `client`).
    Clid,
    /// `ptitle`.
    Ptitle,
    /// `person`.
    Person,
    /// `tel`.
    Tel,
    /// `fax`.
    Fax,
    /// `mob`.
    Mob,
    /// `mail`.
    Mail,
    /// `rol`.
    Rol,
    /// `iduser` (and, in lists, the companion `user`).
    Iduser,
    /// `loyalty`.
    Loyalty,
    /// `clientpath`.
    Clientpath,
    /// `input1` .. `input10`.
    Input(u8),
}

impl Column {
    /// What a record shows when no `fields=` is sent: `pid, date_create,
    /// date_edit`, then the active fields in the order of the spec's "fields".
    pub const DEFAULT: [Self; 15] = [
        Self::Pid,
        Self::DateCreate,
        Self::DateEdit,
        Self::Clid,
        Self::Ptitle,
        Self::Person,
        Self::Tel,
        Self::Fax,
        Self::Mob,
        Self::Mail,
        Self::Rol,
        Self::Iduser,
        Self::Loyalty,
        Self::Input(1),
        Self::Clientpath,
    ];

    /// Parses a wire name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "pid" => Self::Pid,
            "date_create" => Self::DateCreate,
            "date_edit" => Self::DateEdit,
            "clid" => Self::Clid,
            "ptitle" => Self::Ptitle,
            "person" => Self::Person,
            "tel" => Self::Tel,
            "fax" => Self::Fax,
            "mob" => Self::Mob,
            "mail" => Self::Mail,
            "rol" => Self::Rol,
            "iduser" => Self::Iduser,
            "loyalty" => Self::Loyalty,
            "clientpath" => Self::Clientpath,
            other => Self::Input(input_number(other)?),
        })
    }

    /// The wire name.
    pub fn name(self) -> String {
        match self {
            Self::Pid => "pid".into(),
            Self::DateCreate => "date_create".into(),
            Self::DateEdit => "date_edit".into(),
            Self::Clid => "clid".into(),
            Self::Ptitle => "ptitle".into(),
            Self::Person => "person".into(),
            Self::Tel => "tel".into(),
            Self::Fax => "fax".into(),
            Self::Mob => "mob".into(),
            Self::Mail => "mail".into(),
            Self::Rol => "rol".into(),
            Self::Iduser => "iduser".into(),
            Self::Loyalty => "loyalty".into(),
            Self::Clientpath => "clientpath".into(),
            Self::Input(n) => format!("input{n}"),
        }
    }
}

/// `input1`..`input10` → 1..10.
pub fn input_number(name: &str) -> Option<u8> {
    let n: u8 = name.strip_prefix("input")?.parse().ok()?;
    let canonical = name.len() == "input".len() + if n >= 10 { 2 } else { 1 };
    ((1..=10).contains(&n) && canonical).then_some(n)
}

/// The `fields` answer, in the spec's order; `input1`'s title comes from the
/// account's custom-field registry.
pub const FIELD_TITLES: [(&str, &str); 24] = [
    ("pid", "Уникальный идентификатор записи контакта"),
    ("date_create", "Дата создания. Timestamp"),
    ("date_edit", "Дата последнего изменения. Timestamp"),
    ("clid", "Клиент"),
    ("ptitle", "Должность"),
    ("person", "Ф.И.О."),
    ("tel", "Тел."),
    ("fax", "Факс"),
    ("mob", "Моб."),
    ("mail", "Почта"),
    ("rol", "Роль"),
    ("social", "Прочее"),
    ("iduser", "Ответственный"),
    ("loyalty", "Лояльность"),
    ("input1", "Дата рождения"),
    ("clientpath", "Источник клиента"),
    ("blog", "Блог"),
    ("mysite", "Сайт"),
    ("twitter", "Twitter"),
    ("icq", "ICQ"),
    ("skype", "Skype"),
    ("google", "Google"),
    ("yandex", "Я.ru"),
    ("mykrug", "Мой круг"),
];

/// One of the eight social slots, in SalesMan's fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Social {
    /// `blog`.
    Blog,
    /// `mysite`.
    Mysite,
    /// `twitter`.
    Twitter,
    /// `icq`.
    Icq,
    /// `skype`.
    Skype,
    /// `google`.
    Google,
    /// `yandex`.
    Yandex,
    /// `mykrug`.
    Mykrug,
}

impl Social {
    /// The slots in the order `socials` lists them.
    pub const ALL: [Self; 8] = [
        Self::Blog,
        Self::Mysite,
        Self::Twitter,
        Self::Icq,
        Self::Skype,
        Self::Google,
        Self::Yandex,
        Self::Mykrug,
    ];

    /// Parses a wire name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Blog => "blog",
            Self::Mysite => "mysite",
            Self::Twitter => "twitter",
            Self::Icq => "icq",
            Self::Skype => "skype",
            Self::Google => "google",
            Self::Yandex => "yandex",
            Self::Mykrug => "mykrug",
        }
    }

    /// The contact-point service the slot reads and writes (DECISIONS.md
    /// "Across dialects": socials are points of type `id`).
    pub fn service(self) -> Service {
        match self {
            Self::Blog => Service::Blog,
            Self::Mysite => Service::Site,
            Self::Twitter => Service::Twitter,
            Self::Icq => Service::Icq,
            Self::Skype => Service::Skype,
            Self::Google => Service::Google,
            Self::Yandex => Service::Yandex,
            Self::Mykrug => Service::Mykrug,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_round_trip() {
        for c in Column::DEFAULT {
            assert_eq!(Column::parse(&c.name()), Some(c));
        }
        assert_eq!(Column::parse("input10"), Some(Column::Input(10)));
    }

    #[test]
    fn unknown_and_odd_input_names_are_refused() {
        for bad in [
            "input0", "input11", "input01", "input", "social", "title", "PID",
        ] {
            assert_eq!(Column::parse(bad), None, "{bad}");
        }
    }
}
