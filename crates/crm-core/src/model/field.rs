/// One custom field of an account's registry. Numbers are shared: SalesMan
/// `input1..input10` and Planfix `customData` ids 1..10 are the same fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomField {
    /// The field's number within the account.
    pub number: i64,
    /// Its title.
    pub title: String,
}

/// A client's value for one custom field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    /// The field's number.
    pub number: i64,
    /// The value exactly as written.
    pub value: String,
}
