//! How long each store call takes, by the store method that made it:
//! `crm_store_call_duration_seconds{call}`. Every statement the store runs
//! through `on_pool!` or `in_write_tx!` is timed under the name of the
//! method around it (`client`, `list_clients`, `create_account`), read once
//! per call site from the type name of a function item declared there, so
//! the label is a closed set: the store's own methods.

use std::time::Instant;

/// Records the time from its making to its drop, under `call`.
#[derive(Debug)]
pub(crate) struct Timed {
    call: &'static str,
    started: Instant,
}

impl Timed {
    pub(crate) fn start(call: &'static str) -> Self {
        Self {
            call,
            started: Instant::now(),
        }
    }
}

impl Drop for Timed {
    fn drop(&mut self) {
        metrics::histogram!("crm_store_call_duration_seconds", "call" => self.call)
            .record(self.started.elapsed().as_secs_f64());
    }
}

/// The method a function item named `here` was declared in, from its type
/// name: `<SqlStore as ClientStore>::client::{{closure}}::here` is `client`.
pub(crate) fn method_of(type_name: &'static str) -> &'static str {
    let mut path = type_name.strip_suffix("::here").unwrap_or(type_name);
    while let Some(outer) = path.strip_suffix("::{{closure}}") {
        path = outer;
    }
    let method = path.rsplit("::").next().unwrap_or(path);
    method.split('<').next().unwrap_or(method)
}

/// Times the rest of the enclosing block under the name of the method it
/// sits in.
macro_rules! timed {
    () => {
        $crate::timing::Timed::start({
            fn here() {}
            static CALL: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
            *CALL.get_or_init(|| $crate::timing::method_of(std::any::type_name_of_val(&here)))
        })
    };
}
pub(crate) use timed;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_method_is_read_off_the_type_name() {
        let names = [
            (
                "<crm_store::pool::SqlStore as crm_core::store::ClientStore>::client::{{closure}}::here",
                "client",
            ),
            ("crm_store::ops::users::helper::here", "helper"),
            (
                "crm_store::ops::generic<T>::{{closure}}::{{closure}}::here",
                "generic",
            ),
        ];
        for (type_name, method) in names {
            assert_eq!(method_of(type_name), method, "{type_name}");
        }
    }

    #[test]
    fn a_call_site_is_named_for_its_method() {
        fn list_clients() -> &'static str {
            let timed = timed!();
            timed.call
        }
        assert_eq!(list_clients(), "list_clients");
    }
}
