//! Response bytes in the style of PHP's `DOMDocument::saveXML()`, the only
//! real capture we have (reference/planfix.md §4): declaration, one newline,
//! compact body, `<x/>` for empty elements, a trailing newline.

use super::Element;

/// A compact XML builder. Names are the dialect's own constants; only values
/// are escaped.
#[derive(Debug, Default)]
pub struct Xml {
    buf: String,
}

impl Xml {
    /// An empty fragment.
    pub fn new() -> Self {
        Self::default()
    }

    /// `<name>`.
    pub fn open(&mut self, name: &str) -> &mut Self {
        self.buf.push('<');
        self.buf.push_str(name);
        self.buf.push('>');
        self
    }

    /// `<name a="v" ...>` (or `<name a="v"/>` when `empty`).
    pub fn open_with(&mut self, name: &str, attrs: &[(&str, String)], empty: bool) -> &mut Self {
        self.buf.push('<');
        self.buf.push_str(name);
        for (key, value) in attrs {
            self.buf.push(' ');
            self.buf.push_str(key);
            self.buf.push_str("=\"");
            escape_into(&mut self.buf, value, true);
            self.buf.push('"');
        }
        self.buf.push_str(if empty { "/>" } else { ">" });
        self
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) -> &mut Self {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
        self
    }

    /// `<name>value</name>`, or `<name/>` when the value is empty.
    pub fn leaf(&mut self, name: &str, value: &str) -> &mut Self {
        if value.is_empty() {
            return self.empty(name);
        }
        self.open(name);
        escape_into(&mut self.buf, value, false);
        self.close(name)
    }

    /// `<name/>`.
    pub fn empty(&mut self, name: &str) -> &mut Self {
        self.buf.push('<');
        self.buf.push_str(name);
        self.buf.push_str("/>");
        self
    }

    /// A boolean as Planfix writes it: `1` or `0` (reference/planfix.md §6).
    pub fn flag(&mut self, name: &str, value: bool) -> &mut Self {
        self.leaf(name, if value { "1" } else { "0" })
    }

    /// The fragment built so far.
    pub fn into_string(self) -> String {
        self.buf
    }
}

/// An element tree as compact XML: `<x/>` when it holds nothing, text before
/// children (requests never mix them).
pub fn element(xml: &mut Xml, el: &Element) {
    let attrs: Vec<(&str, String)> = el
        .attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let empty = el.text.is_empty() && el.children.is_empty();
    xml.open_with(&el.name, &attrs, empty);
    if !empty {
        escape_into(&mut xml.buf, &el.text, false);
        for child in &el.children {
            element(xml, child);
        }
        xml.close(&el.name);
    }
}

/// The whole response document around `body`.
pub fn document(status: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"{status}\">{body}</response>\n"
    )
}

fn escape_into(out: &mut String, value: &str, attribute: bool) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            // Not allowed in XML 1.0 even as references; text written through
            // another dialect may hold them, and the answer must stay well-formed.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_compact_escaped_xml() {
        let mut xml = Xml::new();
        xml.open("contact")
            .leaf("name", "A & <B>\r")
            .leaf("email", "")
            .flag("isCompany", true)
            .close("contact");
        assert_eq!(
            xml.into_string(),
            "<contact><name>A &amp; &lt;B&gt;&#13;</name><email/><isCompany>1</isCompany></contact>"
        );
    }

    #[test]
    fn attributes_escape_quotes_and_control_characters_are_dropped() {
        let mut xml = Xml::new();
        xml.open_with("c", &[("a", "x\"y".to_owned())], true)
            .leaf("d", "a\u{1}b");
        assert_eq!(xml.into_string(), "<c a=\"x&quot;y\"/><d>ab</d>");
    }

    #[test]
    fn document_matches_the_captured_envelope() {
        assert_eq!(
            document("error", "<code>0001</code><message/>"),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response status=\"error\"><code>0001</code><message/></response>\n"
        );
    }
}
