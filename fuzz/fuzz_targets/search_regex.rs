#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| crm_fuzz::targets::search_regex(data));
