//! Which call a verb and path name, before any input is read.

use http::Method;

use percent_encoding::percent_decode_str;

use crate::wire::encode_component;

fn decode(segment: &str) -> String {
    percent_decode_str(segment)
        .decode_utf8()
        .map_or_else(|_| segment.to_owned(), |s| s.into_owned())
}

/// A call selected by verb and path, before its inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `POST create`.
    Create,
    /// `GET read`.
    Read,
    /// `POST update/:id`.
    Update(String),
    /// `POST delete/:id`.
    Delete(String),
    /// `POST contacts/create/:contact_id`.
    ContactCreate(String),
    /// `GET contacts/read`.
    ContactRead,
    /// `POST contacts/update/:id`.
    ContactUpdate(String),
    /// `POST contacts/delete/:id`.
    ContactDelete(String),
}

impl Route {
    /// `rest` is the path after the mount. spec: "Используются только GET/POST";
    /// any other verb or path is no method. As Express routes: one trailing
    /// slash is ignored, the call's words match in any case, and an id is
    /// percent-decoded (`decodeURIComponent`; one that does not decode is
    /// kept as sent, and names no record).
    pub fn parse(method: &Method, rest: &str) -> Option<Self> {
        let rest = rest.strip_prefix('/')?;
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        let segments: Vec<&str> = rest.split('/').collect();
        let words: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let get = *method == Method::GET || *method == Method::HEAD;
        let post = *method == Method::POST;
        let id = |s: &&str| (!s.is_empty()).then(|| decode(s));
        match (words.as_slice(), segments.last()) {
            (["create"], _) if post => Some(Self::Create),
            (["read"], _) if get => Some(Self::Read),
            (["update", _], Some(i)) if post => id(i).map(Self::Update),
            (["delete", _], Some(i)) if post => id(i).map(Self::Delete),
            (["contacts", "create", _], Some(i)) if post => id(i).map(Self::ContactCreate),
            (["contacts", "read"], _) if get => Some(Self::ContactRead),
            (["contacts", "update", _], Some(i)) if post => id(i).map(Self::ContactUpdate),
            (["contacts", "delete", _], Some(i)) if post => id(i).map(Self::ContactDelete),
            _ => None,
        }
    }

    /// The path after the mount a client sends for this call. An id is
    /// escaped as the real client library escapes its query
    /// (`encodeURIComponent`), so no id can end the path early; an id of
    /// digits and letters, as every real one is, [`Self::parse`]s back equal.
    pub fn to_path(&self) -> String {
        let (call, id) = match self {
            Self::Create => ("create", None),
            Self::Read => ("read", None),
            Self::Update(id) => ("update", Some(id)),
            Self::Delete(id) => ("delete", Some(id)),
            Self::ContactCreate(id) => ("contacts/create", Some(id)),
            Self::ContactRead => ("contacts/read", None),
            Self::ContactUpdate(id) => ("contacts/update", Some(id)),
            Self::ContactDelete(id) => ("contacts/delete", Some(id)),
        };
        match id {
            Some(id) => format!("/{call}/{}", encode_component(id)),
            None => format!("/{call}"),
        }
    }

    /// True when the call reads a JSON body.
    pub fn has_body(&self) -> bool {
        matches!(
            self,
            Self::Create | Self::Update(_) | Self::ContactCreate(_) | Self::ContactUpdate(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_percent_decoded_as_express_decodes_params() {
        let update = |path: &str| Route::parse(&Method::POST, path);
        assert_eq!(update("/update/%31"), Some(Route::Update("1".to_owned())));
        assert_eq!(
            update("/UPDATE/a%2Fb"),
            Some(Route::Update("a/b".to_owned()))
        );
        assert_eq!(
            update("/update/%E0%A4"),
            Some(Route::Update("%E0%A4".to_owned()))
        );
        let id = "a/b %";
        assert_eq!(
            update(&Route::Update(id.to_owned()).to_path()),
            Some(Route::Update(id.to_owned()))
        );
    }
    #[test]
    fn routes_from_the_spec() {
        let cases = [
            (Method::POST, "/create", Some(Route::Create)),
            (Method::GET, "/read", Some(Route::Read)),
            (Method::GET, "/read/", Some(Route::Read)),
            (Method::HEAD, "/read", Some(Route::Read)),
            (
                Method::POST,
                "/update/5",
                Some(Route::Update("5".to_owned())),
            ),
            (
                Method::POST,
                "/delete/5",
                Some(Route::Delete("5".to_owned())),
            ),
            (
                Method::POST,
                "/contacts/create/9067b9dea16f43108e2cce17",
                Some(Route::ContactCreate("9067b9dea16f43108e2cce17".to_owned())),
            ),
            (Method::GET, "/contacts/read", Some(Route::ContactRead)),
            (
                Method::POST,
                "/contacts/update/1",
                Some(Route::ContactUpdate("1".to_owned())),
            ),
            (
                Method::POST,
                "/contacts/delete/1",
                Some(Route::ContactDelete("1".to_owned())),
            ),
        ];
        for (method, path, want) in cases {
            assert_eq!(Route::parse(&method, path), want, "{method} {path}");
            let upper = path.to_ascii_uppercase();
            assert_eq!(
                Route::parse(&method, &upper).is_some(),
                want.is_some(),
                "{upper}"
            );
            if let Some(route) = want.filter(|_| !path.ends_with('/')) {
                assert_eq!(route.to_path(), path, "written back");
            }
        }
    }

    #[test]
    fn other_verbs_and_paths_are_no_method() {
        let cases = [
            (Method::POST, "/read"),
            (Method::GET, "/create"),
            (Method::PUT, "/update/1"),
            (Method::DELETE, "/delete/1"),
            (Method::POST, "/update"),
            (Method::POST, "/update/"),
            (Method::POST, "/update/1/2"),
            (Method::GET, ""),
            (Method::GET, "/"),
            (Method::GET, "/contacts"),
            (Method::GET, "/read//"),
        ];
        for (method, path) in cases {
            assert_eq!(Route::parse(&method, path), None, "{method} {path}");
        }
    }
}
