//! An answer's body as a value to compare: JSON as it is, XML as nested
//! objects (attributes `@name`, text `#text`, repeated children a list),
//! anything else as text.

use crm_planfix::wire::{Element, TreeLimits};
use serde_json::{Map, Value};

/// The body of content type `content_type` as a value.
pub fn parse(content_type: Option<&str>, text: &str) -> Value {
    let trimmed = text.trim_start();
    let json_typed = content_type.is_some_and(|t| t.contains("json"));
    if (json_typed || trimmed.starts_with(['{', '[']))
        && let Ok(value) = serde_json::from_str(text)
    {
        return value;
    }
    if trimmed.starts_with('<')
        && let Ok(root) = crm_planfix::wire::tree::parse(text, TreeLimits::default())
    {
        let mut top = Map::new();
        top.insert(root.name.clone(), element(&root));
        return Value::Object(top);
    }
    Value::String(text.to_owned())
}

fn element(element: &Element) -> Value {
    if element.attrs.is_empty() && element.children.is_empty() {
        return Value::String(element.text.clone());
    }
    let mut fields = Map::new();
    for (name, value) in &element.attrs {
        fields.insert(format!("@{name}"), Value::String(value.clone()));
    }
    for child in &element.children {
        let value = self::element(child);
        match fields.get_mut(&child.name) {
            Some(Value::Array(items)) => items.push(value),
            Some(first) => {
                let first = first.take();
                fields.insert(child.name.clone(), Value::Array(vec![first, value]));
            }
            None => {
                fields.insert(child.name.clone(), value);
            }
        }
    }
    if !element.text.trim().is_empty() {
        fields.insert("#text".to_owned(), Value::String(element.text.clone()));
    }
    Value::Object(fields)
}
