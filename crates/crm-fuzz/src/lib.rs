//! What each fuzz target feeds a parser a client can reach, and the
//! property it holds the answer to. `fuzz/` runs these under libFuzzer
//! (`cargo +nightly fuzz run <target>`); `tests/corpus.rs` replays the kept
//! corpus through the same functions on stable. A target panics only when
//! the code under it does, or when a property fails.

mod request;
pub mod targets;

/// What a target does with one input.
pub type Target = fn(&[u8]);

/// Every target by the name its corpus folder and fuzz binary have.
pub const TARGETS: &[(&str, Target)] = &[
    ("eadesk_request", targets::eadesk_request),
    ("rest_request", targets::rest_request),
    ("salesman_request", targets::salesman_request),
    ("planfix_xml", targets::planfix_xml),
    ("search_regex", targets::search_regex),
    ("config_file", targets::config_file),
];
