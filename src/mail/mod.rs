//! Email: templates, the outbox (emails queued in the same transaction as their cause), and
//! delivery.

pub mod outbox;
pub mod templates;
