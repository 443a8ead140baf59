//! Reminders: which emails each open check-in calls for (`plan`), and queueing those that are
//! due into the outbox (`send`). Delivery itself is the mail worker's job (`crate::mail`).

pub mod plan;
pub mod send;
pub mod stale_actions;
