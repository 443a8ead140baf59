//! Typed ids for the functions that take ids of more than one kind, so that two of them cannot
//! be passed in the wrong order (`mark_good_practice(report, action)`, `actions::store::create(plan,
//! city)`). Each wraps the database's `i64`; queries read it with `.0`. The API and the stored
//! rows keep plain numbers.

use std::fmt;

macro_rules! id_types {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

id_types! {
    /// A city (`cities.id`).
    CityId,
    /// A framework (`frameworks.id`).
    FrameworkId,
    /// An action plan (`plans.id`).
    PlanId,
    /// An action (`actions.id`).
    ActionId,
    /// A contact of a city (`contacts.id`).
    ContactId,
    /// A check-in round (`rounds.id`).
    RoundId,
    /// A city's check-in in a round (`check_ins.id`).
    CheckInId,
    /// An indicator (`indicators.id`).
    IndicatorId,
    /// An outcomes report (`reports.id`).
    ReportId,
    /// A user account (`users.id`).
    UserId,
    /// An API token (`api_tokens.id`).
    TokenId,
}
