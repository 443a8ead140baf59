//! The words pages use for the domain's codes, and the tag (coloured label) each one wears.
//! Tags always carry words: colour only repeats what the words say.

use crate::actions::{ActionStatus, Delivery, PolicyArea};
use crate::check_ins::{Assessment, CheckInState};
use chrono::NaiveDate;
use serde_json::{json, Value};

pub fn action_status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Planned => "Planned",
        ActionStatus::InProgress => "In progress",
        ActionStatus::Completed => "Completed",
        ActionStatus::Delayed => "Delayed",
        ActionStatus::Cancelled => "Cancelled",
    }
}

/// `{label, class}` for a status tag.
pub fn action_status_tag(s: ActionStatus) -> Value {
    let class = match s {
        ActionStatus::Planned => "tag-grey",
        ActionStatus::InProgress => "tag-blue",
        ActionStatus::Completed => "tag-green",
        ActionStatus::Delayed => "tag-yellow",
        ActionStatus::Cancelled => "tag-grey",
    };
    json!({"label": action_status(s), "class": class})
}

pub fn delivery(d: Delivery) -> &'static str {
    match d {
        Delivery::Direct => "The city provides it directly",
        Delivery::Advocacy => "The city advocates it with the providers",
    }
}

pub fn policy_area(p: PolicyArea) -> &'static str {
    match p {
        PolicyArea::LanguageLearning => "Language learning",
        PolicyArea::Housing => "Housing",
        PolicyArea::Employment => "Employment",
        PolicyArea::Health => "Health",
        PolicyArea::SocialCare => "Social care",
        PolicyArea::Education => "Education",
        PolicyArea::Other => "Other",
    }
}

pub fn assessment(a: Assessment) -> &'static str {
    match a {
        Assessment::NotStarted => "Not started",
        Assessment::Limited => "Limited",
        Assessment::Substantial => "Substantial",
        Assessment::Complete => "Complete",
    }
}

/// `{label, class}` for a check-in's state; a submitted check-in says whether it was late.
pub fn check_in_tag(state: CheckInState, late: bool, overdue: bool) -> Value {
    let (label, class) = match state {
        CheckInState::Submitted if late => ("Submitted late", "tag-yellow"),
        CheckInState::Submitted => ("Submitted", "tag-green"),
        CheckInState::Resubmitted => ("Resubmitted", "tag-green"),
        CheckInState::ChangesRequested => ("Changes requested", "tag-yellow"),
        CheckInState::Accepted if late => ("Accepted, sent late", "tag-green"),
        CheckInState::Accepted => ("Accepted", "tag-green"),
        CheckInState::Missed => ("Missed", "tag-red"),
        _ if overdue => ("Overdue", "tag-red"),
        CheckInState::Draft => ("Draft saved", "tag-blue"),
        CheckInState::Extended => ("Open, extended", "tag-blue"),
        CheckInState::Open => ("Not started", "tag-grey"),
    };
    json!({"label": label, "class": class})
}

/// "30 June 2026".
pub fn date(d: NaiveDate) -> String {
    crate::i18n::date(d, "en")
}

pub fn opt_date(d: Option<NaiveDate>) -> Option<String> {
    d.map(date)
}

/// The key people expect names to sort by: letters without their accents, any case
/// (Łódź between Lisbon and Malmö, not after Zürich, as byte order would put it).
pub fn sort_key(name: &str) -> String {
    crate::cities::sort_key(name)
}

/// A whole number with thin groups of three: 350,000.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A commitment's text cut to about `n` characters for lists, whole words kept.
pub fn short(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let cut: String = text.chars().take(n).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_as_people_read_them() {
        let mut names = vec!["Zürich", "Malmö", "Łódź", "lisbon"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["lisbon", "Łódź", "Malmö", "Zürich"]);
    }

    #[test]
    fn short_keeps_whole_words() {
        assert_eq!(short("Apply principles of equality and diversity", 20), "Apply principles of…");
        assert_eq!(short("Short", 20), "Short");
    }

    #[test]
    fn late_and_overdue_check_ins_say_so() {
        assert_eq!(check_in_tag(CheckInState::Submitted, true, false)["label"], "Submitted late");
        assert_eq!(check_in_tag(CheckInState::Draft, false, true)["label"], "Overdue");
        assert_eq!(check_in_tag(CheckInState::Missed, false, true)["label"], "Missed");
    }
}
