//! The clock the application reads. Production uses the system clock; tests set a manual one
//! so they can travel in time without sleeping.

use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    pub fn manual(at: DateTime<Utc>) -> Clock {
        Clock::Manual(Arc::new(Mutex::new(at)))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            // The one place the system's time is read (clippy.toml disallows it elsewhere).
            #[allow(clippy::disallowed_methods)]
            Clock::System => Utc::now(),
            Clock::Manual(t) => *t.lock().unwrap(),
        }
    }

    /// Moves a manual clock; the system clock cannot be moved.
    pub fn set(&self, at: DateTime<Utc>) {
        match self {
            Clock::System => panic!("the system clock cannot be set"),
            Clock::Manual(t) => *t.lock().unwrap() = at,
        }
    }
}
