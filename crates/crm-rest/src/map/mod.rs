//! Wire <-> core: how a client is drawn, and how a body becomes a new client
//! or a patch. Pure functions, tested beside them.

pub mod read;
pub mod write;

#[cfg(test)]
mod fixture;
