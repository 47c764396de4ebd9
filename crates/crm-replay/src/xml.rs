//! Leaves of an XML request rewritten in place: the rest of the document
//! keeps its bytes, so what a client library wrote is what is replayed.

/// `xml` with the text of each leaf element `change` rewrites replaced;
/// `change` is given the parent's name, the leaf's and its text.
pub fn rewrite_leaves(
    xml: &str,
    mut change: impl FnMut(&str, &str, &str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut stack: Vec<&str> = Vec::new();
    let mut leaf_from: Option<usize> = None;
    let mut at = 0;
    while let Some(lt) = xml[at..].find('<').map(|i| at + i) {
        let Some(gt) = xml[lt..].find('>').map(|i| lt + i) else {
            break;
        };
        let tag = &xml[lt..=gt];
        if let Some(name) = tag.strip_prefix("</") {
            let name = name.trim_end_matches('>').trim();
            let text = &xml[at..lt];
            let parent = stack.len().checked_sub(2).map_or("", |i| stack[i]);
            let changed = leaf_from
                .filter(|_| stack.last() == Some(&name))
                .and_then(|_| change(parent, name, text));
            out.push_str(&changed.map_or_else(|| text.to_owned(), |new| escape(&new)));
            stack.pop();
            leaf_from = None;
        } else {
            out.push_str(&xml[at..lt]);
            let opens = !tag.starts_with("<?") && !tag.starts_with("<!") && !tag.ends_with("/>");
            leaf_from = None;
            if opens {
                let name = tag[1..tag.len() - 1]
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("");
                stack.push(name);
                leaf_from = Some(gt + 1);
            }
        }
        out.push_str(tag);
        at = gt + 1;
    }
    out.push_str(&xml[at..]);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_leaves_asked_for_change() {
        let xml = "<?xml version=\"1.0\"?>\n<request method=\"contact.get\">\n\t<contact><id>4</id></contact>\n\t<user><id>4</id></user><sid>s</sid><empty/></request>";
        let out = rewrite_leaves(xml, |parent, name, text| {
            (parent == "contact" && name == "id").then(|| format!("{text}0"))
        });
        assert_eq!(
            out,
            xml.replace("<contact><id>4</id>", "<contact><id>40</id>")
        );
    }
}
