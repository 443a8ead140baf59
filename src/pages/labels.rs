//! The words pages use for the domain's codes, and the tag (coloured label) each one wears.
//! Tags always carry words: colour only repeats what the words say.

use crate::actions::{ActionStatus, Delivery, PolicyArea};
use crate::check_ins::{Assessment, CheckInState};
use crate::i18n::Lang;
use crate::t;
use chrono::NaiveDate;
use serde_json::{json, Value};

pub fn action_status(s: ActionStatus, lang: Lang) -> String {
    t!(
        lang,
        match s {
            ActionStatus::Planned => "label-status-planned",
            ActionStatus::InProgress => "label-status-in-progress",
            ActionStatus::Completed => "label-status-completed",
            ActionStatus::Delayed => "label-status-delayed",
            ActionStatus::Cancelled => "label-status-cancelled",
        }
    )
}

/// `{label, class}` for a status tag.
pub fn action_status_tag(s: ActionStatus, lang: Lang) -> Value {
    let class = match s {
        ActionStatus::Planned => "tag-grey",
        ActionStatus::InProgress => "tag-blue",
        ActionStatus::Completed => "tag-green",
        ActionStatus::Delayed => "tag-yellow",
        ActionStatus::Cancelled => "tag-grey",
    };
    json!({"label": action_status(s, lang), "class": class})
}

pub fn delivery(d: Delivery, lang: Lang) -> String {
    t!(
        lang,
        match d {
            Delivery::Direct => "label-delivery-direct",
            Delivery::Advocacy => "label-delivery-advocacy",
        }
    )
}

pub fn policy_area(p: PolicyArea, lang: Lang) -> String {
    t!(
        lang,
        match p {
            PolicyArea::LanguageLearning => "label-area-language-learning",
            PolicyArea::Housing => "label-area-housing",
            PolicyArea::Employment => "label-area-employment",
            PolicyArea::Health => "label-area-health",
            PolicyArea::SocialCare => "label-area-social-care",
            PolicyArea::Education => "label-area-education",
            PolicyArea::Other => "label-area-other",
        }
    )
}

pub fn assessment(a: Assessment, lang: Lang) -> String {
    t!(
        lang,
        match a {
            Assessment::NotStarted => "label-assessment-not-started",
            Assessment::Limited => "label-assessment-limited",
            Assessment::Substantial => "label-assessment-substantial",
            Assessment::Complete => "label-assessment-complete",
        }
    )
}

/// `{label, class}` for a check-in's state; a submitted check-in says whether it was late.
pub fn check_in_tag(state: CheckInState, late: bool, overdue: bool, lang: Lang) -> Value {
    let (label, class) = match state {
        CheckInState::Submitted if late => ("label-check-in-submitted-late", "tag-yellow"),
        CheckInState::Submitted => ("label-check-in-submitted", "tag-green"),
        CheckInState::Resubmitted => ("label-check-in-resubmitted", "tag-green"),
        CheckInState::ChangesRequested => ("label-check-in-changes-requested", "tag-yellow"),
        CheckInState::Accepted if late => ("label-check-in-accepted-late", "tag-green"),
        CheckInState::Accepted => ("label-check-in-accepted", "tag-green"),
        CheckInState::Missed => ("label-check-in-missed", "tag-red"),
        _ if overdue => ("label-check-in-overdue", "tag-red"),
        CheckInState::Draft => ("label-check-in-draft", "tag-blue"),
        CheckInState::Extended => ("label-check-in-extended", "tag-blue"),
        CheckInState::Open => ("label-check-in-not-started", "tag-grey"),
    };
    json!({"label": t!(lang, label), "class": class})
}

/// "30 June 2026", "30 juin 2026", "30. Juni 2026".
pub fn date(d: NaiveDate, lang: Lang) -> String {
    crate::i18n::date(d, lang)
}

pub fn opt_date(d: Option<NaiveDate>, lang: Lang) -> Option<String> {
    d.map(|d| date(d, lang))
}

/// A whole number grouped as the language groups it: 350,000 / 350 000 / 350.000.
pub fn thousands(n: i64, lang: Lang) -> String {
    crate::i18n::format::number(n, lang)
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
    fn short_keeps_whole_words() {
        assert_eq!(short("Apply principles of equality and diversity", 20), "Apply principles of…");
        assert_eq!(short("Short", 20), "Short");
    }

    #[test]
    fn late_and_overdue_check_ins_say_so() {
        assert_eq!(check_in_tag(CheckInState::Submitted, true, false, Lang::En)["label"], "Submitted late");
        assert_eq!(check_in_tag(CheckInState::Draft, false, true, Lang::En)["label"], "Overdue");
        assert_eq!(check_in_tag(CheckInState::Missed, false, true, Lang::De)["label"], "Versäumt");
    }
}
