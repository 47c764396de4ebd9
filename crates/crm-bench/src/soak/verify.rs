//! After the soak, every create the gateway acknowledged is read back: a
//! client that is missing, or whose name lacks its create's tag, is lost.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;

use super::mix::{Ack, Mix};
use crate::load;

/// Connections the read-back uses.
const READERS: usize = 32;
/// Tries per acknowledged write before its read counts as failed.
const TRIES: usize = 3;

type Sender = SendRequest<Full<Bytes>>;

/// What the read-back found.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReadBack {
    /// Writes read back whole.
    pub found: u64,
    /// Writes the gateway answered as absent, or with another name.
    pub lost: u64,
    /// Writes whose read failed every try (the connection, not the data).
    pub unread: u64,
}

/// Reads back every write of `acks`.
pub async fn read_back(addr: SocketAddr, mix: Arc<Mix>, acks: Arc<Vec<Ack>>) -> ReadBack {
    let next = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..READERS)
        .map(|_| tokio::spawn(reader(addr, mix.clone(), acks.clone(), next.clone())))
        .collect();
    let mut total = ReadBack::default();
    for task in tasks {
        if let Ok(part) = task.await {
            total.found += part.found;
            total.lost += part.lost;
            total.unread += part.unread;
        }
    }
    total
}

async fn reader(
    addr: SocketAddr,
    mix: Arc<Mix>,
    acks: Arc<Vec<Ack>>,
    next: Arc<AtomicUsize>,
) -> ReadBack {
    let mut seen = ReadBack::default();
    let mut conn = None;
    while let Some(ack) = acks.get(next.fetch_add(1, Ordering::Relaxed)) {
        match read_one(addr, &mut conn, &mix, ack).await {
            Some(true) => seen.found += 1,
            Some(false) => {
                eprintln!("  lost: client {} of {}", ack.id, ack.tag);
                seen.lost += 1;
            }
            None => seen.unread += 1,
        }
    }
    seen
}

/// Whether the client is there with its tag; `None` when no try got an answer.
async fn read_one(
    addr: SocketAddr,
    kept: &mut Option<Sender>,
    mix: &Mix,
    ack: &Ack,
) -> Option<bool> {
    for _ in 0..TRIES {
        let conn = match kept.as_mut() {
            Some(conn) => conn,
            None => match load::connect(addr).await {
                Ok(conn) => kept.insert(conn),
                Err(_) => continue,
            },
        };
        let Ok(answer) = conn.send_request(mix.read_back(ack)).await else {
            *kept = None;
            continue;
        };
        let status = answer.status();
        let Ok(body) = answer.into_body().collect().await else {
            *kept = None;
            continue;
        };
        if status.is_server_error() {
            continue;
        }
        let body = body.to_bytes();
        let tag = ack.tag.as_bytes();
        return Some(status.is_success() && body.windows(tag.len()).any(|w| w == tag));
    }
    None
}
