//! The two backends answer alike (G12): random sequences of the service's
//! calls (creates, changes, deletes, contact points, reads, lists in every
//! order, substring filters, regular-expression searches, duplicates) run
//! on two databases side by side, and every answer must be the same.
//!
//! The databases are `TestDb::new()` and `TestDb::other()`: PostgreSQL and
//! SQLite when the suite runs on PostgreSQL (`.ci/run` does), two SQLite
//! files otherwise. Ids are compared by the order their clients and points
//! were created in, so that an id a failed write used up on one backend and
//! not the other does not count as a difference; timestamps are left out.
//! `PROPTEST_CASES` sets the number of sequences (24 by default).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crm_core::{
    Client, ClientFilter, ClientId, ClientKind, ClientPage, ClientPatch, ClientQuery, ContactKind,
    ContactPoint, ContactPointId, CoreError, Crm, Direction, Name, NewClient, NewContactPoint,
    Origin, Page, Patch, Principal, SearchLimits, SearchPattern, Service, SortKey, TextField,
    Timestamp, UserId, Visibility,
};
use crm_testkit::{TestAccount, TestDb};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// One call of the service; indexes pick among the clients and points the
/// sequence has created so far.
#[derive(Debug, Clone)]
enum Op {
    Create {
        company: bool,
        name: String,
        phone: Option<String>,
        mail: Option<String>,
        description: Option<String>,
    },
    Rename(usize, String),
    Describe(usize, Option<String>),
    Delete(usize),
    AddPoint(usize, Service, String),
    DropPoint(usize),
    Read(usize, Visibility),
    List {
        sort: SortKey,
        descending: bool,
        offset: u64,
        limit: u64,
        visibility: Visibility,
    },
    Contains(TextField, String),
    Search(String),
    Duplicate(String, String),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-cA-C абвАБВёЁ_%]{0,7}",
        Just("Иван Петров".to_owned()),
        Just("иван петров".to_owned()),
        Just("Zed".to_owned()),
    ]
}

fn phone() -> impl Strategy<Value = String> {
    "\\+7 \\(9[0-2]{2}\\) [0-9]{3}-[0-9]{2}".prop_map(|s| s)
}

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![Just(Visibility::LiveOnly), Just(Visibility::IncludeDeleted)]
}

fn sort_key() -> impl Strategy<Value = SortKey> {
    prop::sample::select(vec![
        SortKey::Id,
        SortKey::Name,
        SortKey::Kind,
        SortKey::Description,
        SortKey::Created,
        SortKey::Updated,
    ])
}

fn op() -> impl Strategy<Value = Op> {
    let index = 0..12_usize;
    prop_oneof![
        4 => (any::<bool>(), text(), prop::option::of(phone()), prop::option::of("[a-c]{1,3}@x\\.io"), prop::option::of(text()))
            .prop_map(|(company, name, phone, mail, description)| Op::Create { company, name, phone, mail, description }),
        1 => (index.clone(), text()).prop_map(|(i, name)| Op::Rename(i, name)),
        1 => (index.clone(), prop::option::of(text())).prop_map(|(i, d)| Op::Describe(i, d)),
        1 => index.clone().prop_map(Op::Delete),
        1 => (index.clone(), prop::sample::select(vec![Service::Phone, Service::Mail, Service::Skype]), text())
            .prop_map(|(i, s, v)| Op::AddPoint(i, s, v)),
        1 => index.clone().prop_map(Op::DropPoint),
        1 => (index, visibility()).prop_map(|(i, v)| Op::Read(i, v)),
        3 => (sort_key(), any::<bool>(), 0..6_u64, 1..5_u64, visibility())
            .prop_map(|(sort, descending, offset, limit, visibility)| Op::List { sort, descending, offset, limit, visibility }),
        1 => (prop::sample::select(vec![TextField::Name, TextField::Description, TextField::Phone, TextField::AnyContact]), "[абвaБ9 ]{0,3}")
            .prop_map(|(f, n)| Op::Contains(f, n)),
        1 => prop::sample::select(vec!["Иван", "(?i)иван", "^[А-Я]", "[0-9]{3}", "a|б", "петров$", "("])
            .prop_map(|p| Op::Search(p.to_owned())),
        1 => (text(), phone()).prop_map(|(n, p)| Op::Duplicate(n, p)),
    ]
}

/// An answer with ids as creation indexes and without timestamps.
#[derive(Debug, PartialEq)]
enum Answer {
    Client(Result<Client, CoreError>),
    Page(Result<(u64, Vec<Client>), CoreError>),
    Point(Result<ContactPoint, CoreError>),
    Done(Result<(), CoreError>),
    Found(Result<Option<Client>, CoreError>),
}

/// One backend's account and what the sequence created in it.
struct Side {
    crm: Crm,
    who: Principal,
    clients: Vec<ClientId>,
    points: Vec<ContactPointId>,
}

impl Side {
    async fn new(db: &TestDb, case: u32) -> Self {
        let crm = db.crm().await;
        let who = TestAccount::create(&crm, &format!("case{case}"))
            .await
            .admin;
        Self {
            crm,
            who,
            clients: Vec::new(),
            points: Vec::new(),
        }
    }

    fn client_at(&self, i: usize) -> ClientId {
        match self.clients.len() {
            0 => ClientId(i64::MAX),
            n => self.clients[i % n],
        }
    }

    fn point_at(&self, i: usize) -> ContactPointId {
        match self.points.len() {
            0 => ContactPointId(i64::MAX),
            n => self.points[i % n],
        }
    }

    fn index_of_client(&self, id: ClientId) -> ClientId {
        let at = self.clients.iter().position(|c| *c == id);
        ClientId(at.map_or(-1, |i| i64::try_from(i).unwrap()))
    }

    fn index_of_point(&self, id: ContactPointId) -> ContactPointId {
        let at = self.points.iter().position(|p| *p == id);
        ContactPointId(at.map_or(-1, |i| i64::try_from(i).unwrap()))
    }

    fn remember(&mut self, client: &Client) {
        if !self.clients.contains(&client.id) {
            self.clients.push(client.id);
        }
        for point in &client.contacts {
            if !self.points.contains(&point.id) {
                self.points.push(point.id);
            }
        }
    }

    fn canon_point(&self, mut point: ContactPoint) -> ContactPoint {
        point.id = self.index_of_point(point.id);
        point.client = self.index_of_client(point.client);
        point.created_at = Timestamp(0);
        point
    }

    fn canon(&self, mut client: Client) -> Client {
        client.id = self.index_of_client(client.id);
        client.created_at = Timestamp(0);
        client.updated_at = Timestamp(0);
        if client.attributes.responsible == Some(self.who.user) {
            client.attributes.responsible = Some(UserId(0));
        }
        for company in &mut client.companies {
            company.id = self.index_of_client(company.id);
        }
        client.contacts = client
            .contacts
            .into_iter()
            .map(|p| self.canon_point(p))
            .collect();
        client
    }

    async fn apply(&mut self, op: &Op) -> Answer {
        let (crm, who) = (&self.crm, self.who);
        match op {
            Op::Create { .. } => {
                let made = crm.create_client(who, Origin::Manual, new_client(op)).await;
                if let Ok(client) = &made {
                    self.remember(client);
                }
                Answer::Client(made.map(|c| self.canon(c)))
            }
            Op::Rename(i, name) => {
                let patch = ClientPatch {
                    name: Patch::Set(Name::full(name.as_str())),
                    ..ClientPatch::default()
                };
                self.update(*i, &patch).await
            }
            Op::Describe(i, description) => {
                let mut patch = ClientPatch::default();
                patch.attributes.description = match description {
                    Some(d) => Patch::Set(d.clone()),
                    None => Patch::Clear,
                };
                self.update(*i, &patch).await
            }
            Op::Delete(i) => Answer::Done(
                crm.delete_client(who, self.client_at(*i), Visibility::LiveOnly)
                    .await,
            ),
            Op::AddPoint(i, service, value) => {
                let point = NewContactPoint::new(service.natural_kind(), *service, None, value);
                let added = crm
                    .add_contact_point(
                        who,
                        self.client_at(*i),
                        Visibility::LiveOnly,
                        Origin::Manual,
                        &point,
                    )
                    .await;
                if let Ok(point) = &added {
                    self.points.push(point.id);
                }
                Answer::Point(added.map(|p| self.canon_point(p)))
            }
            Op::DropPoint(i) => {
                Answer::Done(crm.delete_contact_point(who, self.point_at(*i)).await)
            }
            Op::Read(i, visibility) => {
                let read = crm.client(who, self.client_at(*i), *visibility).await;
                Answer::Client(read.map(|c| self.canon(c)))
            }
            Op::List { .. } | Op::Contains(..) | Op::Search(_) => {
                let page = match query(op) {
                    Ok(query) => crm.list_clients(who, &query).await,
                    Err(err) => Err(err),
                };
                Answer::Page(page.map(|ClientPage { total, clients }| {
                    (total, clients.into_iter().map(|c| self.canon(c)).collect())
                }))
            }
            Op::Duplicate(name, phone) => {
                let required = [(ContactKind::Phone, phone.clone())];
                let found = crm.find_duplicate(who, name, &required).await;
                Answer::Found(found.map(|c| c.map(|c| self.canon(c))))
            }
        }
    }

    async fn update(&self, i: usize, patch: &ClientPatch) -> Answer {
        let id = self.client_at(i);
        let updated = self
            .crm
            .update_client(self.who, id, Visibility::LiveOnly, Origin::Manual, patch)
            .await;
        Answer::Client(updated.map(|u| self.canon(u.record)))
    }
}

fn new_client(op: &Op) -> NewClient {
    let Op::Create {
        company,
        name,
        phone,
        mail,
        description,
    } = op
    else {
        unreachable!("only a create makes a client");
    };
    let kind = if *company {
        ClientKind::Company
    } else {
        ClientKind::Person
    };
    let mut client = NewClient::new(kind, Name::full(name.as_str()));
    client.attributes.description = description.clone();
    for (service, value) in [(Service::Phone, phone), (Service::Mail, mail)] {
        if let Some(value) = value {
            client.contacts.push(NewContactPoint::new(
                service.natural_kind(),
                service,
                None,
                value,
            ));
        }
    }
    client
}

fn query(op: &Op) -> Result<ClientQuery, CoreError> {
    let window = |offset, limit| Page { offset, limit };
    Ok(match op {
        Op::List {
            sort,
            descending,
            offset,
            limit,
            visibility,
        } => {
            let mut query = ClientQuery::new(*visibility, window(*offset, *limit));
            let direction = if *descending {
                Direction::Desc
            } else {
                Direction::Asc
            };
            query.sort = vec![(*sort, direction)];
            query
        }
        Op::Contains(field, needle) => {
            let mut query = ClientQuery::new(Visibility::LiveOnly, window(0, 20));
            query.filters.push(ClientFilter::Contains {
                fields: vec![*field],
                needle: needle.clone(),
            });
            query
        }
        Op::Search(pattern) => {
            let mut query = ClientQuery::new(Visibility::LiveOnly, window(0, 20));
            query.search = Some(SearchPattern::new(pattern, &SearchLimits::default())?);
            query
        }
        _ => unreachable!("only lists are queries"),
    })
}

#[test]
fn both_backends_answer_every_sequence_alike() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (left, right) = runtime.block_on(async { (TestDb::new().await, TestDb::other().await) });
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let case = std::cell::Cell::new(0_u32);
    let sequences = prop::collection::vec(op(), 1..40);
    let outcome = runner.run(&sequences, |ops| {
        case.set(case.get() + 1);
        runtime.block_on(async {
            let mut a = Side::new(&left, case.get()).await;
            let mut b = Side::new(&right, case.get()).await;
            for (step, op) in ops.iter().enumerate() {
                let (x, y) = (a.apply(op).await, b.apply(op).await);
                prop_assert_eq!(x, y, "step {} of {:?}: {:?}", step, ops, op);
            }
            Ok(())
        })
    });
    if let Err(failure) = outcome {
        panic!(
            "{:?} and {:?} answered differently: {failure}",
            left.backend(),
            right.backend()
        );
    }
}
