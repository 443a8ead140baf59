//! An iCalendar (RFC 5545) feed of a city's check-in due dates (with any extension) and its
//! open actions' due dates, for office calendars.

use super::CheckIn;
use crate::actions::store::DueAction;
use chrono::{DateTime, Duration, NaiveDate, Utc};

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// Folds content lines at 75 octets, as RFC 5545 requires, without splitting a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for ch in line.chars() {
        if len + ch.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += ch.len_utf8();
    }
    out.push_str("\r\n");
    out
}

fn all_day(lines: &mut Vec<String>, uid: String, stamp: &str, day: NaiveDate, summary: String, description: String) {
    lines.extend([
        "BEGIN:VEVENT".to_string(),
        uid,
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
        format!("DTEND;VALUE=DATE:{}", (day + Duration::days(1)).format("%Y%m%d")),
        format!("SUMMARY:{}", escape(&summary)),
        format!("DESCRIPTION:{}", escape(&description)),
        "TRANSP:TRANSPARENT".into(),
        "END:VEVENT".into(),
    ]);
}

/// The calendar of a city's check-ins and open actions; `now` is the DTSTAMP (when the feed
/// was made).
pub fn calendar(
    city: &str,
    check_ins: &[CheckIn],
    actions: &[DueAction],
    host: &str,
    network: &str,
    now: DateTime<Utc>,
) -> String {
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//charter-tracker//check-ins//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(&format!("{network} check-ins: {city}"))),
    ];
    for c in check_ins {
        let mut description =
            format!("The {} progress check-in for {city} is due. Status: {}.", c.round_label, c.state.as_str());
        if let Some(reason) = c.extension_reason.as_deref().filter(|r| !r.is_empty()) {
            description.push_str(&format!(" The due date was extended: {reason}"));
        }
        all_day(
            &mut lines,
            format!("UID:check-in-{}@{host}", c.id),
            &stamp,
            c.due_date,
            format!("Charter check-in due: {} ({city})", c.round_label),
            description,
        );
    }
    for a in actions {
        all_day(
            &mut lines,
            format!("UID:action-{}@{host}", a.id),
            &stamp,
            a.due_date,
            format!("Action due: {} ({city})", a.title),
            format!("{} ({}) is due. Status: {}, {}% done.", a.title, a.commitment, a.status.as_str(), a.progress),
        );
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_lines_fold_without_breaking_characters() {
        let line = format!("SUMMARY:{}", "Łódź ".repeat(30));
        let folded = super::fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").strip_suffix("\r\n").unwrap(), line);
    }
}
