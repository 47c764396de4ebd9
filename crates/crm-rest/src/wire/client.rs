//! The spec's `client` entity as an answer carries it ("Форматы ответов"):
//! which attributes it holds, and in which order, depends on `fields`,
//! `expand` and the count flags, so it is an ordered map whose known
//! attributes are checked for their JSON types when read.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// One client as drawn: attribute names to values, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Client(Map<String, Value>);

/// `expand=user`: the responsible user drawn in place of its id (spec,
/// "Запрос списка с развернутой сущностью user").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpandedUser {
    /// `id`.
    pub id: i64,
    /// `username`: the login.
    pub username: String,
    /// `fname`.
    pub fname: String,
    /// `lname`.
    pub lname: String,
    /// `email`.
    pub email: String,
}

/// The JSON types an attribute may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Integer,
    NullableInteger,
    Count,
    Text,
    NullableText,
    /// `user`: an id, null, or the expanded user.
    User,
}

fn shape(key: &str) -> Option<Shape> {
    Some(match key {
        "id" | "type" => Shape::Integer,
        "user_id" => Shape::NullableInteger,
        "user" => Shape::User,
        "name" | "created_at" | "updated_at" => Shape::Text,
        "email" | "phone" | "real_address" | "description" | "company_address" | "bank_details"
        | "person_details" => Shape::NullableText,
        "count_deals" | "count_offers" | "count_invoices" | "count_contracts" => Shape::Count,
        _ => return None,
    })
}

fn fits(shape: Shape, value: &Value) -> bool {
    match (shape, value) {
        (Shape::NullableInteger | Shape::NullableText | Shape::User, Value::Null) => true,
        (Shape::Integer | Shape::NullableInteger | Shape::User, Value::Number(n)) => n.is_i64(),
        (Shape::Count, Value::Number(n)) => n.is_u64(),
        (Shape::Text | Shape::NullableText, Value::String(_)) => true,
        (Shape::User, Value::Object(_)) => ExpandedUser::deserialize(value).is_ok(),
        _ => false,
    }
}

impl Client {
    /// The attribute `key`, when drawn.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// `id`, when drawn.
    pub fn id(&self) -> Option<i64> {
        self.get("id").and_then(Value::as_i64)
    }

    /// A text attribute: `None` when not drawn, `Some(None)` when null.
    pub fn text(&self, key: &str) -> Option<Option<&str>> {
        self.get(key).map(Value::as_str)
    }

    /// The attributes in order.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The attributes as a JSON object.
    pub fn into_map(self) -> Map<String, Value> {
        self.0
    }
}

impl From<Map<String, Value>> for Client {
    fn from(map: Map<String, Value>) -> Self {
        Self(map)
    }
}

/// PHP's `json_encode` writes an empty array as `[]`, not `{}`: a client
/// with no attribute left (every `fields` name unknown) answers `[]`.
impl Serialize for Client {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_empty() {
            serializer.collect_seq(std::iter::empty::<()>())
        } else {
            self.0.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Client {
    /// An object, or `[]` for the empty one. Attributes the spec names must
    /// have its types; others are kept as sent, since a newer server may
    /// add some.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = match Value::deserialize(deserializer)? {
            Value::Object(map) => map,
            Value::Array(items) if items.is_empty() => Map::new(),
            other => {
                return Err(D::Error::custom(format!(
                    "a client is an object, not {other}"
                )));
            }
        };
        for (key, value) in &map {
            if let Some(shape) = shape(key)
                && !fits(shape, value)
            {
                return Err(D::Error::custom(format!(
                    "client attribute {key} cannot be {value}"
                )));
            }
        }
        Ok(Self(map))
    }
}
