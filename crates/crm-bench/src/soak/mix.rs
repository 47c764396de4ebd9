//! The soak's traffic: what an integration of each dialect sends in a day,
//! in fixed proportions, and the id each create's answer acknowledges.

use serde_json::Value;

use crate::cases::pick;
use crate::load::Check;
use crate::wire::{self, Req, Wire};

/// One kind of request of the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    RestRead,
    EadeskRead,
    SalesmanInfo,
    PlanfixGet,
    PlanfixSigned,
    RestList,
    EadeskSearch,
    SalesmanWord,
    RestUpdate,
    RestCreate,
    EadeskCreate,
    SalesmanAdd,
    PlanfixAdd,
}

/// Request `n` is `MIX[n % MIX.len()]`: half reads, a quarter creates, the
/// rest lists, searches and updates.
const MIX: [Kind; 20] = [
    Kind::RestRead,
    Kind::EadeskRead,
    Kind::SalesmanInfo,
    Kind::PlanfixGet,
    Kind::PlanfixSigned,
    Kind::RestRead,
    Kind::EadeskRead,
    Kind::SalesmanInfo,
    Kind::PlanfixGet,
    Kind::PlanfixSigned,
    Kind::RestList,
    Kind::EadeskSearch,
    Kind::SalesmanWord,
    Kind::RestUpdate,
    Kind::RestCreate,
    Kind::EadeskCreate,
    Kind::SalesmanAdd,
    Kind::PlanfixAdd,
    Kind::RestUpdate,
    Kind::RestList,
];

/// Builds the mix's requests over a seeded base.
#[derive(Debug)]
pub struct Mix {
    wire: Wire,
    ids: (i64, i64),
    pages: (i64, i64),
    /// Tells this run's creates from every other's: SalesMan refuses a
    /// duplicate name, and the check after the run looks for the tag.
    run_tag: String,
}

/// A write the gateway answered as done.
#[derive(Debug, Clone)]
pub struct Ack {
    /// The id its answer carried.
    pub id: i64,
    /// What the stored client's name must contain.
    pub tag: String,
}

impl Mix {
    /// The mix over clients `ids` of `wire`'s account.
    pub fn new(wire: Wire, ids: (i64, i64), clients: u64) -> Self {
        Self {
            wire,
            ids,
            pages: (1, i64::try_from(clients / 50).unwrap_or(1).max(1)),
            run_tag: format!("soak{:x}", std::process::id()),
        }
    }

    /// Every kind of the mix, in the order it first comes.
    pub fn kinds() -> Vec<Kind> {
        let mut kinds = Vec::new();
        for kind in MIX {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds
    }

    /// Kind of request `n`.
    pub fn kind(n: u64) -> Kind {
        MIX[usize::try_from(n % MIX.len() as u64).unwrap_or(0)]
    }

    /// The create tag of request `n`: ASCII, so it reads back the same in
    /// every dialect's encoding.
    pub fn tag(&self, n: u64) -> String {
        format!("{}-{n}", self.run_tag)
    }

    /// Request `n`.
    pub fn request(&self, n: u64) -> Req {
        let w = &self.wire;
        let id = pick(n, self.ids);
        match Self::kind(n) {
            Kind::RestRead => w.rest_read(id),
            Kind::EadeskRead => w.eadesk_read(id),
            Kind::SalesmanInfo => w.salesman_info(id),
            Kind::PlanfixGet => w.planfix_get_token(id),
            Kind::PlanfixSigned => w.planfix_get_signed(id),
            Kind::RestList => w.rest_list(u64::try_from(pick(n, self.pages)).unwrap_or(1)),
            Kind::EadeskSearch => w.eadesk_search(),
            Kind::SalesmanWord => w.salesman_word(),
            Kind::RestUpdate => w.rest_update(id, &self.tag(n)),
            Kind::RestCreate => w.rest_create(&self.tag(n)),
            Kind::EadeskCreate => w.eadesk_create(&self.tag(n)),
            Kind::SalesmanAdd => w.salesman_add(&self.tag(n)),
            Kind::PlanfixAdd => w.planfix_add(&self.tag(n)),
        }
    }

    /// The read-back of an acknowledged create.
    pub fn read_back(&self, ack: &Ack) -> Req {
        self.wire.rest_read(ack.id)
    }
}

impl Kind {
    /// Whether an answer is the dialect's success.
    pub fn check(self) -> Check {
        match self {
            Kind::RestRead | Kind::RestList | Kind::RestUpdate | Kind::RestCreate => wire::http_ok,
            Kind::EadeskRead | Kind::EadeskSearch | Kind::EadeskCreate => wire::eadesk_ok,
            Kind::SalesmanInfo | Kind::SalesmanWord | Kind::SalesmanAdd => wire::salesman_ok,
            Kind::PlanfixGet | Kind::PlanfixSigned | Kind::PlanfixAdd => wire::planfix_ok,
        }
    }

    /// The id a successful create's answer names; `None` for every other kind.
    pub fn created_id(self, body: &[u8]) -> Option<i64> {
        let json = || serde_json::from_slice::<Value>(body).ok();
        match self {
            Kind::RestCreate => json().and_then(|v| number(&v["response"]["id"])),
            Kind::EadeskCreate => json().and_then(|v| number(&v["_id"])),
            Kind::SalesmanAdd => json().and_then(|v| number(&v["data"])),
            Kind::PlanfixAdd => xml_id(body),
            _ => None,
        }
    }
}

/// A number, or a string of one (Eadesk writes ids as strings).
fn number(value: &Value) -> Option<i64> {
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
}

fn xml_id(body: &[u8]) -> Option<i64> {
    let text = std::str::from_utf8(body).ok()?;
    let start = text.find("<id>")? + "<id>".len();
    let end = text[start..].find("</id>")? + start;
    text[start..end].trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dialects_create_answer_names_its_id() {
        let answers: [(Kind, &[u8], i64); 4] = [
            (Kind::RestCreate, br#"{"response":{"id":7,"name":"x"}}"#, 7),
            (Kind::EadeskCreate, br#"{"_id":"8","name":"x"}"#, 8),
            (Kind::SalesmanAdd, br#"{"result":"ok","data":9}"#, 9),
            (
                Kind::PlanfixAdd,
                br#"<response status="ok"><contact><id>10</id></contact></response>"#,
                10,
            ),
        ];
        for (kind, body, id) in answers {
            assert_eq!(kind.created_id(body), Some(id), "{kind:?}");
        }
        assert_eq!(Kind::RestRead.created_id(br#"{"response":{"id":7}}"#), None);
        assert_eq!(Kind::RestCreate.created_id(b"{}"), None);
    }

    #[test]
    fn the_mix_holds_every_kind_of_all_four_dialects() {
        let kinds: Vec<Kind> = (0..MIX.len() as u64).map(Mix::kind).collect();
        for kind in [
            Kind::RestCreate,
            Kind::EadeskCreate,
            Kind::SalesmanAdd,
            Kind::PlanfixAdd,
            Kind::PlanfixSigned,
            Kind::SalesmanWord,
        ] {
            assert!(kinds.contains(&kind), "{kind:?}");
        }
    }
}
