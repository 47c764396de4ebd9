//! An HTTP/1.1 request as a capture holds it (`METHOD target HTTP/1.1`,
//! headers, a blank line, the body), read leniently from fuzz bytes.

/// The parts of a request the dialects read.
#[derive(Debug)]
pub struct Request<'a> {
    pub method: http::Method,
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: &'a [u8],
}

impl<'a> Request<'a> {
    /// `None` when the bytes hold no request line.
    pub fn read(data: &'a [u8]) -> Option<Self> {
        let split = find(data, b"\r\n\r\n")
            .map(|at| (at, 4))
            .or_else(|| find(data, b"\n\n").map(|at| (at, 2)));
        let (head, body) = match split {
            Some((at, gap)) => (&data[..at], &data[at + gap..]),
            None => (data, &data[data.len()..]),
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let mut words = lines.next()?.split(' ');
        let method = http::Method::from_bytes(words.next()?.as_bytes()).ok()?;
        let target = words.next()?;
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        Some(Self {
            method,
            path: path.to_owned(),
            query: query.to_owned(),
            headers,
            body,
        })
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
