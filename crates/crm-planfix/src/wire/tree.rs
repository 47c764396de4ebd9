//! The request document as a small element tree. Planfix requests are a few
//! dozen elements, and the signature needs every leaf in name order, so one
//! bounded pass builds the tree and everything else reads it.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::PlanfixError;

/// Bounds on a request document (reference/reliability.md §1.1 and the
/// `xml.max_depth` / `max_elements` defaults of §"Limits").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeLimits {
    /// Deepest element nesting, the root counting as 1.
    pub max_depth: usize,
    /// Most elements in one document.
    pub max_elements: usize,
}

impl Default for TreeLimits {
    fn default() -> Self {
        Self {
            max_depth: 32,
            max_elements: 10_000,
        }
    }
}

/// One element of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// Its name as written.
    pub name: String,
    /// Attributes, in document order, unescaped.
    pub attrs: Vec<(String, String)>,
    /// All character data directly inside it, CDATA included.
    pub text: String,
    /// Character data without CDATA sections: what PHP's `(array)` cast of a
    /// SimpleXML node sees, and so what Planfix signatures cover
    /// (reference/planfix.md §3).
    pub signed_text: String,
    /// Child elements in document order.
    pub children: Vec<Element>,
}

impl Element {
    /// An element with no attributes, text or children.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            ..Self::default()
        }
    }

    /// `<name>text</name>`, its text signed as written (no CDATA).
    pub fn leaf(name: &str, text: &str) -> Self {
        Self {
            name: name.to_owned(),
            text: text.to_owned(),
            signed_text: text.to_owned(),
            ..Self::default()
        }
    }

    /// Appends a child and returns the element, for building trees inline.
    pub fn with(mut self, child: Element) -> Self {
        self.children.push(child);
        self
    }

    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child with this name, in document order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child with this name; `None` when absent.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// The text of the first child with this name, `None` when absent or blank.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.child_text(name)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn malformed(detail: impl std::fmt::Display) -> PlanfixError {
    PlanfixError::MalformedXml(detail.to_string())
}

/// Decodes the body: the encoding the XML declaration names, else UTF-8,
/// else (a body that is not UTF-8) the `charset` of the Content-Type, so an
/// old PHP site in windows-1251 is read and a wrong label on a UTF-8 body
/// never garbles it. Only ASCII-compatible encodings are read (UTF-16 is
/// `0003`); an unknown label in the Content-Type is ignored.
pub fn decode_body<'a>(
    body: &'a [u8],
    charset: Option<&str>,
) -> Result<Cow<'a, str>, PlanfixError> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let unsupported = || malformed("unsupported encoding");
    let encoding = match declared_encoding(body) {
        Some(label) => encoding_rs::Encoding::for_label(label).ok_or_else(unsupported)?,
        None => match std::str::from_utf8(body) {
            Ok(text) => return Ok(Cow::Borrowed(text)),
            Err(_) => charset
                .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
                .unwrap_or(encoding_rs::UTF_8),
        },
    };
    if !encoding.is_ascii_compatible() {
        return Err(unsupported());
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| malformed(format!("the body is not valid {}", encoding.name())))
}

/// The `charset` parameter of a Content-Type value, unquoted.
pub fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"'))
    })
}

fn declared_encoding(body: &[u8]) -> Option<&[u8]> {
    let head = body.strip_prefix(b"<?xml")?;
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[at + 8..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[1..];
    let close = value.iter().position(|&b| b == quote)?;
    Some(&value[..close])
}

/// Parses a request document into its root element. No DTD is read and no
/// entity but the five predefined ones and character references is known:
/// anything else is `0003`.
pub fn parse(xml: &str, limits: TreeLimits) -> Result<Element, PlanfixError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    loop {
        let event = reader.read_event().map_err(malformed)?;
        match event {
            Event::Start(start) | Event::Empty(start) if root.is_some() => {
                let _ = start;
                return Err(malformed("content after the root element"));
            }
            Event::Start(start) => {
                count += 1;
                if count > limits.max_elements {
                    return Err(malformed("too many elements"));
                }
                if stack.len() >= limits.max_depth {
                    return Err(malformed("elements nested too deep"));
                }
                stack.push(element(&start)?);
            }
            Event::Empty(start) => {
                count += 1;
                if count > limits.max_elements {
                    return Err(malformed("too many elements"));
                }
                if stack.len() >= limits.max_depth {
                    return Err(malformed("elements nested too deep"));
                }
                let done = element(&start)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::End(_) => {
                let done = stack.pop().ok_or_else(|| malformed("unexpected end tag"))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some(done),
                }
            }
            Event::Text(text) => {
                let value = text.xml10_content().map_err(malformed)?;
                match stack.last_mut() {
                    Some(open) => {
                        open.text.push_str(&value);
                        open.signed_text.push_str(&value);
                    }
                    None if value.trim().is_empty() => {}
                    None => return Err(malformed("text outside the root element")),
                }
            }
            Event::CData(data) => {
                let value = data.xml_content().map_err(malformed)?;
                match stack.last_mut() {
                    Some(open) => open.text.push_str(&value),
                    None => return Err(malformed("CDATA outside the root element")),
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = if reference.is_char_ref() {
                    reference
                        .resolve_char_ref()
                        .map_err(malformed)?
                        .ok_or_else(|| malformed("bad character reference"))?
                } else {
                    let name = reference.decode().map_err(malformed)?;
                    predefined(&name)
                        .ok_or_else(|| malformed(format!("unknown entity &{name};")))?
                };
                let open = stack
                    .last_mut()
                    .ok_or_else(|| malformed("reference outside the root element"))?;
                open.text.push(resolved);
                open.signed_text.push(resolved);
            }
            Event::DocType(_) => return Err(malformed("DOCTYPE is not allowed")),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(malformed("unclosed element"));
    }
    root.ok_or_else(|| malformed("no root element"))
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

fn element(start: &BytesStart<'_>) -> Result<Element, PlanfixError> {
    let name = std::str::from_utf8(start.name().as_ref())
        .map_err(malformed)?
        .to_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(malformed)?;
        let key = std::str::from_utf8(attr.key.as_ref())
            .map_err(malformed)?
            .to_owned();
        let value = attr.unescape_value().map_err(malformed)?.into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        ..Element::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(xml: &str) -> Element {
        parse(xml, TreeLimits::default()).unwrap()
    }

    fn parse_err(xml: &str) -> String {
        match parse(xml, TreeLimits::default()) {
            Err(PlanfixError::MalformedXml(m)) => m,
            other => panic!("expected 0003, got {other:?}"),
        }
    }

    #[test]
    fn builds_tree_with_text_and_attributes() {
        let root = parse_ok(
            "<?xml version='1.0' encoding='utf-8'?>\n<request method=\"contact.get\">\n\t<contact><id>5</id></contact>\n</request>",
        );
        assert_eq!(root.name, "request");
        assert_eq!(root.attr("method"), Some("contact.get"));
        assert_eq!(root.child("contact").unwrap().child_text("id"), Some("5"));
    }

    #[test]
    fn entities_and_cdata_are_text_but_cdata_is_not_signed() {
        let root = parse_ok("<r><d>&lt;br&gt; &#1055;<![CDATA[x&y]]></d></r>");
        let d = root.child("d").unwrap();
        assert_eq!(d.text, "<br> Пx&y");
        assert_eq!(d.signed_text, "<br> П");
    }

    #[test]
    fn doctype_and_unknown_entities_are_refused() {
        assert_eq!(
            parse_err("<!DOCTYPE r [<!ENTITY a \"b\">]><r>&a;</r>"),
            "DOCTYPE is not allowed"
        );
        assert_eq!(parse_err("<r>&a;</r>"), "unknown entity &a;");
    }

    #[test]
    fn malformed_documents_are_refused() {
        for bad in ["", "<r>", "<r></s>", "<r/><r/>", "text", "<r a=1/>", "</r>"] {
            assert!(parse(bad, TreeLimits::default()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn depth_and_element_count_are_capped() {
        let deep = "<a>".repeat(33) + &"</a>".repeat(33);
        assert_eq!(parse_err(&deep), "elements nested too deep");
        let ok = "<a>".repeat(32) + &"</a>".repeat(32);
        assert!(parse(&ok, TreeLimits::default()).is_ok());
        let wide = format!("<r>{}</r>", "<x/>".repeat(10_000));
        assert_eq!(parse_err(&wide), "too many elements");
    }

    #[test]
    fn windows_1251_declaration_is_honoured() {
        let mut body = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><r>".to_vec();
        body.extend_from_slice(&[0xC8, 0xE2, 0xE0, 0xED]);
        body.extend_from_slice(b"</r>");
        let text = decode_body(&body, None).unwrap();
        assert_eq!(parse_ok(&text).text, "Иван");
    }

    #[test]
    fn invalid_utf8_and_utf16_are_refused() {
        assert!(decode_body(b"<r>\xff</r>", None).is_err());
        assert!(decode_body(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><r/>", None).is_err());
        assert!(decode_body(b"<r>\xff</r>", Some("utf-16")).is_err());
        assert!(decode_body(b"<r>\xff</r>", Some("nonsense")).is_err());
        // A UTF-8 body under a wrong label stays UTF-8.
        let utf8 = "<r>Иван</r>";
        assert_eq!(
            decode_body(utf8.as_bytes(), Some("windows-1251")).unwrap(),
            utf8
        );
    }

    #[test]
    fn charset_of_a_content_type() {
        assert_eq!(
            content_type_charset("text/xml; Charset=\"windows-1251\""),
            Some("windows-1251")
        );
        assert_eq!(content_type_charset("application/xml"), None);
        assert_eq!(content_type_charset("application/xml; q=1"), None);
    }
}
