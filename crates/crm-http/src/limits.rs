use std::time::Duration;

/// Bounds every dialect router applies to a request.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest JSON or form body, in bytes.
    pub json_form_body: usize,
    /// Largest bulk-insert body, in bytes.
    pub bulk_body: usize,
    /// Largest XML body, in bytes.
    pub xml_body: usize,
    /// Most parameters in one query string or form.
    pub max_pairs: usize,
    /// Deepest bracket nesting of a PHP-style parameter.
    pub max_depth: usize,
    /// Time a whole request may take.
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            json_form_body: 1024 * 1024,
            bulk_body: 4 * 1024 * 1024,
            xml_body: 8 * 1024 * 1024,
            max_pairs: 1000,
            max_depth: 5,
            request_timeout: Duration::from_secs(15),
        }
    }
}
