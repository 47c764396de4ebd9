use crm_core::ClientKind;
use crm_http::params::{ParamLimits, parse_query};

use super::*;

fn query(text: &str) -> ParamMap {
    parse_query(
        text.as_bytes(),
        ParamLimits {
            max_pairs: 100,
            max_depth: 5,
        },
    )
    .unwrap()
}

fn list(text: &str) -> ListQuery {
    ListQuery::parse(&query(text), QueryPairs::default())
}

#[test]
fn paths_follow_the_url_rule_tokens() {
    let one = |text: &str, id: Option<i64>| {
        Some(Target::One(PathId {
            text: text.to_owned(),
            id: id.map(ClientId),
        }))
    };
    assert_eq!(Target::parse(""), Some(Target::Collection));
    assert_eq!(Target::parse("/12"), one("12", Some(12)));
    assert_eq!(Target::parse("/007"), one("007", Some(7)));
    assert_eq!(Target::parse("/5,6"), one("5,6", None));
    assert_eq!(
        Target::parse("/99999999999999999999"),
        one("99999999999999999999", None)
    );
    assert_eq!(Target::parse("/%31"), one("1", Some(1)));
    assert_eq!(Target::parse("/1%2C2"), one("1,2", None));
    for bad in [
        "/", "/abc", "/1/x", "/-1", "/,1", "/1 ", "s", "/1/", "/1+", "/%2F1", "/%FF",
    ] {
        assert_eq!(Target::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn verbs_select_actions_and_the_rest_go_to_options() {
    let one = || Target::parse("/1").unwrap();
    assert_eq!(
        Action::select(&Method::GET, Target::Collection),
        Action::Index
    );
    assert_eq!(
        Action::select(&Method::HEAD, Target::Collection),
        Action::Index
    );
    assert_eq!(
        Action::select(&Method::POST, Target::Collection),
        Action::Create
    );
    assert!(matches!(
        Action::select(&Method::PATCH, one()),
        Action::Update(_)
    ));
    assert!(matches!(
        Action::select(&Method::PUT, one()),
        Action::Update(_)
    ));
    assert!(matches!(
        Action::select(&Method::DELETE, one()),
        Action::Delete(_)
    ));
    assert_eq!(
        Action::select(&Method::POST, one()),
        Action::Options {
            allow: RESOURCE_ALLOW,
            is_options: false
        }
    );
    assert_eq!(
        Action::select(&Method::DELETE, Target::Collection),
        Action::Options {
            allow: COLLECTION_ALLOW,
            is_options: false
        }
    );
    assert_eq!(
        Action::select(&Method::OPTIONS, Target::Collection),
        Action::Options {
            allow: COLLECTION_ALLOW,
            is_options: true
        }
    );
}

#[test]
fn list_defaults_to_ten_newest_first() {
    let q = list("");
    assert_eq!((q.page, q.per_page), (0, 10));
    assert_eq!(q.sort, vec![(SortKey::Created, Direction::Desc)]);
    assert!(q.filters.is_empty());
    assert_eq!(q.render, Render::default());
}

#[test]
fn sort_takes_the_first_known_common_attribute() {
    let cases = [
        ("name", Some((SortKey::Name, Direction::Asc))),
        ("-created_at", Some((SortKey::Created, Direction::Desc))),
        ("bogus,-user", Some((SortKey::Responsible, Direction::Desc))),
        ("user_id", Some((SortKey::Responsible, Direction::Asc))),
        ("name,-id", Some((SortKey::Name, Direction::Asc))),
        (" name", None),
        ("bank_details", None),
        ("name;DROP TABLE clients", None),
        ("--name", None),
        ("", None),
    ];
    for (sort, want) in cases {
        let want = want.map_or_else(|| vec![(SortKey::Created, Direction::Desc)], |s| vec![s]);
        assert_eq!(list(&format!("sort={sort}")).sort, want, "{sort:?}");
    }
    assert_eq!(
        list("sort[]=name").sort,
        vec![(SortKey::Created, Direction::Desc)]
    );
}

#[test]
fn filters_come_from_table_one() {
    let q = list("user_id=12&name=Ром&type=1&email=a@b.c&search=x");
    assert_eq!(
        q.filters,
        vec![
            ClientFilter::ResponsibleIn(vec![UserId(12)]),
            ClientFilter::Contains {
                fields: vec![TextField::Name],
                needle: "Ром".to_owned()
            },
            ClientFilter::Contains {
                fields: vec![TextField::Name],
                needle: "x".to_owned()
            },
            ClientFilter::Kind(ClientKind::Company),
            ClientFilter::ContactIs {
                kind: crm_core::ContactKind::Mail,
                value: "a@b.c".to_owned()
            },
        ]
    );
    assert_eq!(list("type=3").filters, vec![ClientFilter::Ids(Vec::new())]);
    assert_eq!(
        list("type=abc").filters,
        vec![ClientFilter::Ids(Vec::new())]
    );
    assert_eq!(
        list("user_id=abc").filters,
        vec![ClientFilter::ResponsibleIn(vec![UserId(0)])]
    );
    assert!(list("user_id=&name=&type[]=1").filters.is_empty());
    // Yii's isEmpty: what PHP's trim leaves empty filters nothing.
    assert!(
        list("user_id=%20&name=%09%0A&type=%20&email=%00&search=%0B")
            .filters
            .is_empty()
    );
    assert_eq!(
        list("name=a%00").filters,
        vec![ClientFilter::Ids(Vec::new())]
    );
    assert_eq!(
        list("email=%00a").filters,
        vec![ClientFilter::Ids(Vec::new())]
    );
}

#[test]
fn page_size_reads_both_spellings() {
    assert_eq!(list("per_page=20").per_page, 20);
    assert_eq!(list("per-page=30").per_page, 30);
    assert_eq!(list("per_page=20&per-page=30").per_page, 20);
    assert_eq!(list("per_page=1000").per_page, 50);
    assert_eq!(list("page=3").page, 2);
    assert_eq!(
        list("page=99999999999999999999999").page,
        u64::try_from(i64::MAX - 1).unwrap()
    );
}

#[test]
fn fields_expand_and_counts() {
    let r = Render::parse(&query(
        "fields=id , name,,bogus&expand=user,x&count_deals=1&count_offers=0&count_invoices=yes",
    ));
    assert_eq!(
        r.fields,
        Some(vec!["id".to_owned(), "name".to_owned(), "bogus".to_owned()])
    );
    assert!(r.expand_user);
    assert_eq!(
        r.counts,
        Counts {
            deals: true,
            offers: false,
            contracts: false,
            invoices: true
        }
    );
    assert_eq!(
        Render::parse(&query("fields=&expand[]=user")),
        Render::default()
    );
    assert_eq!(Render::parse(&query("fields=,")).fields, None);
}
