//! One client as each dialect answers a read of it: the status, the media
//! type and the body its own code writes for the signed-in user, the body
//! pretty-printed for a person to read.

use axum::body::to_bytes;
use axum::response::Response;
use crm_core::{ClientId, Crm};
use quick_xml::events::Event;
use quick_xml::{Reader, Writer};

use super::viewer::Viewer;

/// Bodies past this are shown cut: a client's read is some kilobytes.
const MOST_SHOWN: usize = 1 << 20;

/// One dialect's answer.
#[derive(Debug)]
pub struct Rendering {
    /// The dialect, as the gateway names it.
    pub dialect: &'static str,
    /// The call that was answered.
    pub call: String,
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`.
    pub media: String,
    /// The body, indented.
    pub body: String,
}

/// Client `id` read through each of the four dialects by `viewer`.
pub async fn all(crm: &Crm, viewer: &Viewer, id: ClientId) -> Vec<Rendering> {
    let who = viewer.who;
    let name = viewer.account_name.as_str();
    vec![
        shown(
            "eadesk",
            format!("GET /api/clients/person/read?id={id}"),
            crm_eadesk::read_as::client(crm, who, id).await,
        )
        .await,
        shown(
            "rest",
            format!("GET /rest/client/{id}"),
            crm_rest::read_as::client(crm, who, id).await,
        )
        .await,
        shown(
            "salesman",
            format!("POST /developer/v2/person action=info&pid={id}"),
            crm_salesman::read_as::client(crm, who, viewer.user.clone(), id).await,
        )
        .await,
        shown(
            "planfix",
            format!("POST /xml/ contact.get id={id}"),
            crm_planfix::read_as::client(crm, who, name, id).await,
        )
        .await,
    ]
}

async fn shown(dialect: &'static str, call: String, answer: Response) -> Rendering {
    let status = answer.status().as_u16();
    let media = answer
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = to_bytes(answer.into_body(), MOST_SHOWN)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let body = if media.contains("xml") {
        indent_xml(&text).unwrap_or_else(|| text.into_owned())
    } else {
        indent_json(&text).unwrap_or_else(|| text.into_owned())
    };
    Rendering {
        dialect,
        call,
        status,
        media,
        body,
    }
}

fn indent_json(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&value).ok()
}

/// One element a line, its text kept on its line as written: the answers
/// hold no mixed content, and entities stay as they were sent.
fn indent_xml(text: &str) -> Option<String> {
    let mut reader = Reader::from_str(text);
    let mut writer = Writer::new(Vec::new());
    let mut depth = 0usize;
    let mut after_text = false;
    loop {
        let event = reader.read_event().ok()?;
        match &event {
            Event::Eof => break,
            Event::Text(text) if text.iter().all(u8::is_ascii_whitespace) => continue,
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => after_text = true,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if !after_text {
                    new_line(writer.get_mut(), depth);
                }
                after_text = false;
            }
            Event::Start(_) => {
                new_line(writer.get_mut(), depth);
                depth += 1;
                after_text = false;
            }
            _ => {
                new_line(writer.get_mut(), depth);
                after_text = false;
            }
        }
        writer.write_event(event).ok()?;
    }
    String::from_utf8(writer.into_inner()).ok()
}

fn new_line(out: &mut Vec<u8>, depth: usize) {
    if !out.is_empty() {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', depth * 2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_and_json_are_indented_and_nothing_else_is_touched() {
        let xml = indent_xml("<response status=\"ok\"><contact><id>5</id></contact></response>");
        assert_eq!(
            xml.as_deref(),
            Some(
                "<response status=\"ok\">\n  <contact>\n    <id>5</id>\n  </contact>\n</response>"
            )
        );
        let json = indent_json(r#"{"b":1,"a":"Иван/Петров"}"#);
        assert_eq!(
            json.as_deref(),
            Some("{\n  \"b\": 1,\n  \"a\": \"Иван/Петров\"\n}")
        );
        assert_eq!(indent_json("Page not found."), None);
    }
}
