#![allow(clippy::unwrap_used, clippy::panic)]

use super::*;

const LIMITS: ParamLimits = ParamLimits {
    max_pairs: 1000,
    max_depth: 5,
};

fn parse(s: &str) -> ParamMap {
    parse_query(s.as_bytes(), LIMITS).unwrap()
}

#[test]
fn http_build_query_nested_arrays_round_trip() {
    // What PHP's http_build_query makes of the spec's add.list example.
    let q = "login=a%40b.ru&action=addlist&persons%5B0%5D%5Bperson%5D=%D0%A2%D0%B5%D1%81%D1%82+900000\
             &persons%5B0%5D%5Bsocials%5D%5Bblog%5D=http%3A%2F%2Fapi.blog2.rus\
             &persons%5B1%5D%5Bmperson%5D=yes";
    let map = parse(q);
    assert_eq!(map.get_str("login"), Some("a@b.ru"));
    let persons = map.get_map("persons").unwrap();
    assert_eq!(persons.len(), 2);
    let first = persons.get_map("0").unwrap();
    assert_eq!(first.get_str("person"), Some("Тест 900000"));
    assert_eq!(
        first.get_map("socials").unwrap().get_str("blog"),
        Some("http://api.blog2.rus")
    );
    assert_eq!(
        persons.get_map("1").unwrap().get_str("mperson"),
        Some("yes")
    );
}

#[test]
fn empty_brackets_append_after_the_largest_integer_key() {
    let map = parse("a[]=x&a[5]=y&a[]=z&a[k]=w&a[]=v");
    let a = map.get_map("a").unwrap();
    let keys: Vec<&str> = a.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["0", "5", "6", "k", "7"]);
    assert_eq!(a.get_str("6"), Some("z"));
}

#[test]
fn later_scalar_wins_and_keeps_position() {
    let map = parse("a=1&b=2&a=3");
    let entries: Vec<(&str, &str)> = map.iter().map(|(k, v)| (k, v.as_str().unwrap())).collect();
    assert_eq!(entries, [("a", "3"), ("b", "2")]);
}

#[test]
fn bracket_write_over_scalar_makes_an_array_and_scalar_over_array_replaces() {
    let map = parse("a=1&a[x]=2");
    assert_eq!(map.get_map("a").unwrap().get_str("x"), Some("2"));
    let map = parse("a[x]=2&a=1");
    assert_eq!(map.get_str("a"), Some("1"));
}

#[test]
fn base_name_dots_and_spaces_become_underscores() {
    let map = parse("a.b=1&c+d=2&+lead=3&e.f[g.h]=4");
    assert_eq!(map.get_str("a_b"), Some("1"));
    assert_eq!(map.get_str("c_d"), Some("2"));
    assert_eq!(map.get_str("lead"), Some("3"));
    assert_eq!(map.get_map("e_f").unwrap().get_str("g.h"), Some("4"));
}

#[test]
fn unmatched_first_bracket_becomes_underscore() {
    let map = parse("a[b.c[d=1&c[d][e=2&x]y[=3");
    assert_eq!(map.get_str("a_b_c_d"), Some("1"));
    // A later unmatched bracket ends the key.
    assert_eq!(map.get_map("c").unwrap().get_str("d"), Some("2"));
    assert_eq!(map.get_str("x]y_"), Some("3"));
}

#[test]
fn text_after_a_closing_bracket_is_ignored() {
    let map = parse("a[b]junk[c]=1&a[ x]=2");
    assert_eq!(map.get_map("a").unwrap().get_str("b"), Some("1"));
    assert_eq!(map.get_map("a").unwrap().get_str("x"), Some("2"));
}

#[test]
fn empty_names_and_empty_pairs_are_dropped() {
    let map = parse("&&=1&[a]=2&b&c=");
    let keys: Vec<&str> = map.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["b", "c"]);
    assert_eq!(map.get_str("b"), Some(""));
}

#[test]
fn broken_percent_escapes_stay_literal() {
    let map = parse("a=100%&b=%zz%4&c=%41");
    assert_eq!(map.get_str("a"), Some("100%"));
    assert_eq!(map.get_str("b"), Some("%zz%4"));
    assert_eq!(map.get_str("c"), Some("A"));
}

#[test]
fn too_many_pairs_is_refused() {
    let q = "a=1&".repeat(11);
    let limits = ParamLimits {
        max_pairs: 10,
        max_depth: 5,
    };
    assert_eq!(
        parse_query(q.as_bytes(), limits),
        Err(ParamsError::TooManyPairs(10))
    );
    assert!(parse_query("a=1&".repeat(10).as_bytes(), limits).is_ok());
}

#[test]
fn too_deep_is_refused() {
    assert!(parse_query(b"a[1][2][3][4][5]=x", LIMITS).is_ok());
    let err = parse_query(b"a[1][2][3][4][5][6]=x", LIMITS).unwrap_err();
    assert!(matches!(err, ParamsError::TooDeep { max: 5, .. }), "{err}");
}

#[test]
fn invalid_utf8_is_refused() {
    assert!(matches!(
        parse_query(b"a=%FF", LIMITS),
        Err(ParamsError::NotUtf8(k)) if k == "a"
    ));
}

#[test]
fn merge_replaces_top_level_keys_whole() {
    let mut get = parse("a[x]=1&b=2&c=3");
    get.merge_over(parse("a[y]=4&c=5"));
    assert_eq!(get.get_map("a").unwrap().get_str("x"), None);
    assert_eq!(get.get_map("a").unwrap().get_str("y"), Some("4"));
    assert_eq!(get.get_str("c"), Some("5"));
    assert_eq!(get.get_str("b"), Some("2"));
}

#[test]
fn integer_keys_are_canonical_decimals_only() {
    assert_eq!(integer_key("0"), Some(0));
    assert_eq!(integer_key("-3"), Some(-3));
    assert_eq!(integer_key("01"), None);
    assert_eq!(integer_key("-0"), None);
    assert_eq!(integer_key("1a"), None);
    assert_eq!(integer_key("99999999999999999999"), None);
}
