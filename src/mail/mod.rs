//! Email: templates now; the outbox and its delivery worker are added by the check-ins work.

pub mod templates;
