//! Reminders: which emails a check-in calls for, and when.

pub mod plan;
