//! Slow clients (G7): connections that trickle a request head, or a body,
//! one byte a second for as long as the soak runs, opening a new connection
//! each time the gateway cuts one. The gateway must cut a head by
//! `http.header_read_timeout_ms` and a body by `http.request_timeout_ms`
//! while the mix beside them keeps its latency.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How each slow connection stalls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stall {
    /// A header line that never ends.
    Head,
    /// A whole head announcing a body that comes a byte at a time.
    Body,
}

/// What the slow connections of one kind saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct Trickled {
    /// Connections opened.
    pub opened: u64,
    /// Connections the gateway closed.
    pub cut: u64,
    /// The longest a connection lasted before the gateway closed it.
    pub longest: Duration,
    /// Connections still open when the soak ended.
    pub open_at_end: u64,
}

impl Trickled {
    fn merge(&mut self, other: Trickled) {
        self.opened += other.opened;
        self.cut += other.cut;
        self.longest = self.longest.max(other.longest);
        self.open_at_end += other.open_at_end;
    }
}

/// Keeps `count` slow connections open until `until`, half of each stall.
pub async fn trickle(
    addr: SocketAddr,
    count: usize,
    bearer: String,
    until: Instant,
) -> [(Stall, Trickled); 2] {
    let bearer: Arc<str> = bearer.into();
    let tasks: Vec<_> = (0..count)
        .map(|i| {
            let stall = if i % 2 == 0 { Stall::Head } else { Stall::Body };
            // Spread over the first second, so the cuts do not all fall at once.
            let start = Duration::from_millis(u64::try_from(i % 1000).unwrap_or(0));
            let bearer = bearer.clone();
            tokio::spawn(async move {
                tokio::time::sleep(start).await;
                (stall, stall_until(addr, stall, &bearer, until).await)
            })
        })
        .collect();
    let mut out = [
        (Stall::Head, Trickled::default()),
        (Stall::Body, Trickled::default()),
    ];
    for task in tasks {
        if let Ok((stall, seen)) = task.await {
            let slot = if stall == Stall::Head { 0 } else { 1 };
            out[slot].1.merge(seen);
        }
    }
    out
}

fn opening(stall: Stall, bearer: &str) -> String {
    match stall {
        Stall::Head => "GET /rest/client/1 HTTP/1.1\r\nHost: soak\r\nX-Slow: ".to_owned(),
        Stall::Body => format!(
            "POST /rest/client HTTP/1.1\r\nHost: soak\r\nAuthorization: {bearer}\r\n\
             Content-Type: application/json\r\nContent-Length: 65536\r\n\r\n{{\"name\":\""
        ),
    }
}

async fn stall_until(addr: SocketAddr, stall: Stall, bearer: &str, until: Instant) -> Trickled {
    let mut seen = Trickled::default();
    while Instant::now() < until {
        let Ok(mut stream) = TcpStream::connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        seen.opened += 1;
        let opened = Instant::now();
        if stream
            .write_all(opening(stall, bearer).as_bytes())
            .await
            .is_err()
            || trickle_one(&mut stream, until).await
        {
            seen.cut += 1;
            seen.longest = seen.longest.max(opened.elapsed());
        } else {
            seen.open_at_end += 1;
        }
    }
    seen
}

/// Writes a byte a second until the gateway closes the connection (true)
/// or `until` passes (false). An answer the gateway sends first is read and
/// waited past: what counts is that it closes.
async fn trickle_one(stream: &mut TcpStream, until: Instant) -> bool {
    let mut buf = [0_u8; 1024];
    loop {
        tokio::select! {
            read = stream.read(&mut buf) => {
                if matches!(read, Ok(0) | Err(_)) {
                    return true;
                }
            }
            () = tokio::time::sleep(Duration::from_secs(1)) => {
                if Instant::now() >= until {
                    return false;
                }
                if stream.write_all(b"a").await.is_err() {
                    return true;
                }
            }
        }
    }
}
