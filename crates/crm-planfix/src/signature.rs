//! The optional request signature (reference/planfix.md §3):
//! `md5(method + leaf values, siblings in byte order of their names, + private key)`.

use md5::{Digest, Md5};
use subtle::ConstantTimeEq;

use crate::wire::Element;

/// How runs of same-named leaves are ordered. PHP and JS keep document order;
/// py-planfix sorts the values (reference/planfix.md §3): both are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOrder {
    /// Repeated elements in the order they were written.
    Document,
    /// Repeated leaves sorted by value.
    ByValue,
}

/// The string that is hashed, before the private key.
pub(crate) fn canonical(root: &Element, method: &str, order: ListOrder) -> String {
    let mut out = method.to_owned();
    let children: Vec<&Element> = root
        .children
        .iter()
        .filter(|c| c.name != "signature")
        .collect();
    append_children(&mut out, children, order);
    out
}

// Recursion is bounded by the parser's depth cap (wire::TreeLimits).
fn append_children(out: &mut String, mut children: Vec<&Element>, order: ListOrder) {
    // A stable sort keeps repeated names in document order, as PHP's ksort of
    // the `(array)` cast does.
    children.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    let mut i = 0;
    while i < children.len() {
        let name = &children[i].name;
        let run_end = children[i..]
            .iter()
            .position(|c| &c.name != name)
            .map_or(children.len(), |n| i + n);
        let mut run: Vec<&Element> = children[i..run_end].to_vec();
        if order == ListOrder::ByValue && run.len() > 1 && run.iter().all(|c| c.children.is_empty())
        {
            run.sort_by(|a, b| a.signed_text.cmp(&b.signed_text));
        }
        for child in run {
            if child.children.is_empty() {
                out.push_str(&child.signed_text);
            } else {
                append_children(out, child.children.iter().collect(), order);
            }
        }
        i = run_end;
    }
}

/// Lowercase hex md5 of `canonical + private_key`.
pub fn sign(canonical: &str, private_key: &str) -> String {
    let mut hasher = Md5::new();
    hasher.update(canonical.as_bytes());
    hasher.update(private_key.as_bytes());
    format!("{:x}", hasher.finalize())
}

/// The signature of a whole request document (`<signature>` excluded), as a
/// client computes it: for clients and tests of this crate.
pub fn sign_document(xml: &str, private_key: &str) -> Result<String, crate::PlanfixError> {
    let root = crate::wire::tree::parse(xml, crate::wire::TreeLimits::default())?;
    let method = root.attr("method").unwrap_or("").to_owned();
    Ok(sign(
        &canonical(&root, &method, ListOrder::Document),
        private_key,
    ))
}

/// True when `given` matches the request under either list order. Compared in
/// constant time; the client's value holds no secret, so it may be lowercased.
pub(crate) fn verify(root: &Element, method: &str, private_key: &str, given: &str) -> bool {
    let given = given.trim().to_ascii_lowercase();
    let mut matched = subtle::Choice::from(0);
    for order in [ListOrder::Document, ListOrder::ByValue] {
        let expected = sign(&canonical(root, method, order), private_key);
        matched |= expected.as_bytes().ct_eq(given.as_bytes());
    }
    matched.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::tree::{TreeLimits, parse};

    fn root(xml: &str) -> Element {
        parse(xml, TreeLimits::default()).unwrap()
    }

    // The private key of the fake credentials in reference/captures/planfix-*.
    const CAPTURE_KEY: &str = "pf_private_key_fedcba9876543210";

    #[test]
    fn wiki_auth_login_example() {
        let r = root(
            "<request method=\"auth.login\"><account>acc</account><password>passw</password><login>login</login></request>",
        );
        let c = canonical(&r, "auth.login", ListOrder::Document);
        assert_eq!(c, "auth.loginaccloginpassw");
        assert_eq!(sign(&c, "KEY"), "3e3a17e43d8ffc221c39593f0bd1aa1e");
    }

    #[test]
    fn reference_get_list_and_add_vectors() {
        let r = root(
            "<request method=\"contact.getList\"><account>acme</account><sid>abc</sid><pageCurrent>1</pageCurrent><pageSize>100</pageSize><filters><filter><type>4003</type><operator>equal</operator><value>123456</value></filter></filters></request>",
        );
        assert_eq!(
            canonical(&r, "contact.getList", ListOrder::Document),
            "contact.getListacmeequal40031234561100abc"
        );
        let r = root(
            "<request method=\"contact.add\"><account>acme</account><sid>S</sid><contact><name>Иван</name><lastName>Петров</lastName><email>ivan@example.com</email><phones><phone><number>+79001112233</number><typeId>1</typeId></phone><phone><number>+74951234567</number><typeId>2</typeId></phone></phones><isCompany>0</isCompany></contact><pageSize>100</pageSize></request>",
        );
        assert_eq!(
            canonical(&r, "contact.add", ListOrder::Document),
            "contact.addacmeivan@example.com0ПетровИван+790011122331+749512345672100S"
        );
    }

    #[test]
    fn update_contractors_vector_keeps_document_order_of_ids() {
        let r = root(
            "<request method=\"contact.updateContractors\"><account>a</account><contact><id>5</id><contractors><addClient><id>30</id><id>10</id><id>20</id></addClient></contractors></contact></request>",
        );
        let c = canonical(&r, "contact.updateContractors", ListOrder::Document);
        assert_eq!(c, "contact.updateContractorsa3010205");
        assert_eq!(sign(&c, "KEY"), "2e1422d617d9b202e4870c0573debc55");
        let sorted = sign(
            &canonical(&r, "contact.updateContractors", ListOrder::ByValue),
            "KEY",
        );
        assert!(verify(&r, "contact.updateContractors", "KEY", &sorted));
        assert!(verify(
            &r,
            "contact.updateContractors",
            "KEY",
            "2E1422D617D9B202E4870C0573DEBC55"
        ));
    }

    #[test]
    fn names_sort_bytewise_and_cdata_is_not_signed() {
        let r = root(
            "<request method=\"m\"><userid>3</userid><userPic>2</userPic><id>1</id><Zeta>0</Zeta><d><![CDATA[x]]></d><signature>s</signature></request>",
        );
        assert_eq!(canonical(&r, "m", ListOrder::Document), "m0123");
    }

    #[test]
    fn captured_signatures_verify() {
        let cases = [
            (
                "<request method=\"auth.login\"><account>acme</account><login>ivan</login><password>secret</password></request>",
                "ecde7d62483ba4d6ae79b195c3d6a6df",
            ),
            (
                "<request method=\"contact.getList\"><account>acme</account><sid>0123456789abcdef0123456789abcdef</sid><pageCurrent>1</pageCurrent><pageSize>100</pageSize></request>",
                "3cb57e4bf73be4bb60fde7d5d5d16769",
            ),
            (
                "<request method=\"contact.get\"><account>acme</account><sid>0123456789abcdef0123456789abcdef</sid><contact><id>4021</id></contact><pageSize>100</pageSize></request>",
                "eb41752967166f26b026c046b71fbc86",
            ),
            (
                "<request method=\"contact.delete\"><account>acme</account><sid>0123456789abcdef0123456789abcdef</sid><contact><id>4021</id></contact><pageSize>100</pageSize></request>",
                "4100dcf5cd3803c3071e14e18c48ad96",
            ),
            (
                "<request method=\"contact.update\"><account>acme</account><sid>0123456789abcdef0123456789abcdef</sid><contact><id>4021</id><lastName>Сидоров</lastName><post>Директор</post></contact><pageSize>100</pageSize></request>",
                "6fd2af523411ef8ae9f8c2a5f8453f1e",
            ),
        ];
        for (xml, signature) in cases {
            let r = root(xml);
            let method = r.attr("method").unwrap().to_owned();
            assert!(verify(&r, &method, CAPTURE_KEY, signature), "{method}");
            assert!(!verify(&r, &method, "other", signature), "{method}");
        }
    }

    #[test]
    fn wrong_length_signature_does_not_verify() {
        let r = root("<request method=\"m\"><a>1</a></request>");
        assert!(!verify(&r, "m", "KEY", "abc"));
    }
}
