//! Progress check-ins: rounds opened on a schedule, one check-in per signatory city.

pub mod schedule;
