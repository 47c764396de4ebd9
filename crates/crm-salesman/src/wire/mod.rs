//! The request and the record as the SalesMan wire spells them, and every
//! answer body, readable and writable both ways.

pub mod answer;
pub mod fields;
pub mod form;
pub mod record;
pub mod request;

pub use answer::{
    AnswerError, Batch, BatchEntry, Done, Failure, FieldTitles, Info, JsonAnswer, List, Success,
};
pub use fields::{Column, Social};
pub use record::{Record, Scalar};
pub use request::RawRequest;
