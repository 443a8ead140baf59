//! Loads each framework's indicator set (`<framework code>.indicators.toml`) at start-up.
//!
//! Idempotent like the charter loader: an unchanged file writes nothing. Indicators the
//! secretariat added through the API are never touched; a file indicator removed from its file
//! is deleted if no city reported a value for it, otherwise kept as `retired`.

use super::{IndicatorFile, IndicatorsFile, Unit};
use crate::db::schema::{commitments, frameworks, indicator_values, indicators};
use crate::db::DbConnection;
use anyhow::Context;
use diesel::prelude::*;
use std::collections::HashSet;
use std::path::Path;

/// The suffix that marks an indicators file beside the framework files.
pub const SUFFIX: &str = ".indicators.toml";

/// What a load changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub inserted: usize,
    pub updated: usize,
    pub retired: usize,
    pub deleted: usize,
}

impl LoadReport {
    pub fn changed(&self) -> bool {
        self.inserted + self.updated + self.retired + self.deleted > 0
    }
}

/// The built-in indicator files, replaced or added to by `override_dir` (same rule as charters),
/// as (framework code, file).
pub fn read_files(override_dir: &Path) -> anyhow::Result<Vec<(String, IndicatorsFile)>> {
    let sources = crate::charter::loader::sources(override_dir, |name| name.ends_with(SUFFIX))?;
    let mut out = vec![];
    for (name, text) in sources {
        let f: IndicatorsFile = toml::from_str(&text).map_err(|e| anyhow::anyhow!("indicator file {name}: {e}"))?;
        validate(&f).map_err(|e| anyhow::anyhow!("indicator file {name}: {e}"))?;
        out.push((name.trim_end_matches(SUFFIX).to_string(), f));
    }
    Ok(out)
}

fn code_ok(c: &str) -> bool {
    !c.is_empty() && c.len() <= 40 && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
}

/// An ISO 4217-shaped currency code (three capital letters).
pub fn currency_ok(c: &str) -> bool {
    c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase())
}

fn validate(f: &IndicatorsFile) -> Result<(), String> {
    let mut codes = HashSet::new();
    for i in &f.indicators {
        if !code_ok(&i.code) || !codes.insert(i.code.as_str()) {
            return Err(format!(
                "indicator code `{}` is empty, malformed or repeated (letters, digits, - or _)",
                i.code
            ));
        }
        if i.name.trim().is_empty() {
            return Err(format!("indicator `{}` has no name", i.code));
        }
        let unit = Unit::parse_field("unit", &i.unit)
            .map_err(|e| format!("indicator `{}`: unit {} (accepted: {})", i.code, e.reason, Unit::accepted()))?;
        match (&i.currency, unit) {
            (Some(c), Unit::Money) if !currency_ok(c) => {
                return Err(format!("indicator `{}`: currency `{c}` is not an ISO 4217 code such as EUR", i.code))
            }
            (Some(_), u) if u != Unit::Money => {
                return Err(format!("indicator `{}`: only money indicators have a currency", i.code))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Brings the file indicators in line with the files, in one transaction.
/// `now` stamps the rows it creates or changes.
pub fn sync(
    conn: &mut DbConnection,
    files: &[(String, IndicatorsFile)],
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<LoadReport> {
    crate::db::transaction(conn, |conn| {
        if let DbConnection::Pg(_) = conn {
            use diesel::connection::SimpleConnection;
            // Instances starting together take turns (the charter loader's lock is released by now).
            conn.batch_execute("SELECT pg_advisory_xact_lock(727276)")?;
        }
        let mut report = LoadReport::default();
        for (framework, f) in files {
            let fw: i64 = frameworks::table
                .filter(frameworks::code.eq(framework))
                .select(frameworks::id)
                .first(conn)
                .optional()?
                .with_context(|| format!("indicator file {framework}{SUFFIX}: there is no framework `{framework}`"))?;
            sync_one(conn, fw, framework, f, &mut report, now.naive_utc())?;
        }
        Ok::<_, anyhow::Error>(report)
    })
}

type Stored = (i64, String, String, String, Option<String>, Option<i64>, bool, bool, String, i32, bool);

fn sync_one(
    conn: &mut DbConnection,
    fw: i64,
    framework: &str,
    f: &IndicatorsFile,
    report: &mut LoadReport,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<()> {
    for (pos, i) in f.indicators.iter().enumerate() {
        // A commitment the framework file no longer has (an override dropped it) leaves the
        // indicator unlinked rather than stopping start-up; the framework file is the authority.
        let commitment_id = match &i.commitment {
            None => None,
            Some(code) => {
                let id = commitments::table
                    .filter(commitments::framework_id.eq(fw).and(commitments::code.eq(code)))
                    .select(commitments::id)
                    .first::<i64>(conn)
                    .optional()?;
                if id.is_none() {
                    tracing::warn!(file = %format!("{framework}{SUFFIX}"), indicator = %i.code, commitment = %code, "the indicator names a commitment the framework does not have; it is kept without one");
                }
                id
            }
        };
        let wanted = row_of(i, commitment_id, pos as i32);
        let existing: Option<Stored> = indicators::table
            .filter(indicators::framework_id.eq(fw).and(indicators::code.eq(&i.code)))
            .select((
                indicators::id,
                indicators::name,
                indicators::description,
                indicators::unit,
                indicators::currency,
                indicators::commitment_id,
                indicators::higher_is_better,
                indicators::sensitive,
                indicators::source,
                indicators::position,
                indicators::retired,
            ))
            .first(conn)
            .optional()?;
        // What the file decides, written the same way by an insert and an update.
        let from_file = (
            indicators::name.eq(&wanted.1),
            indicators::description.eq(&wanted.2),
            indicators::unit.eq(&wanted.3),
            indicators::currency.eq(&wanted.4),
            indicators::commitment_id.eq(wanted.5),
            indicators::higher_is_better.eq(wanted.6),
            indicators::sensitive.eq(wanted.7),
            indicators::source.eq("file"),
            indicators::position.eq(wanted.9),
            indicators::retired.eq(false),
            indicators::updated_at.eq(now),
        );
        match existing {
            None => {
                report.inserted += 1;
                diesel::insert_into(indicators::table)
                    .values((
                        from_file,
                        indicators::framework_id.eq(fw),
                        indicators::code.eq(&i.code),
                        indicators::created_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            Some(row) => {
                let current = (
                    row.1.clone(),
                    row.2.clone(),
                    row.3.clone(),
                    row.4.clone(),
                    row.5,
                    row.6,
                    row.7,
                    row.8.clone(),
                    row.9,
                    row.10,
                );
                let target = (
                    wanted.1.clone(),
                    wanted.2.clone(),
                    wanted.3.clone(),
                    wanted.4.clone(),
                    wanted.5,
                    wanted.6,
                    wanted.7,
                    "file".to_string(),
                    wanted.9,
                    false,
                );
                if current != target {
                    report.updated += 1;
                    diesel::update(indicators::table.find(row.0)).set(from_file).execute(conn)?;
                }
            }
        }
    }
    // File indicators no longer in the file: retire those with values, delete the rest.
    let in_file: Vec<&str> = f.indicators.iter().map(|i| i.code.as_str()).collect();
    let gone: Vec<(i64, bool)> = indicators::table
        .filter(
            indicators::framework_id.eq(fw).and(indicators::source.eq("file")).and(indicators::code.ne_all(&in_file)),
        )
        .select((indicators::id, indicators::retired))
        .load(conn)?;
    for (id, retired) in gone {
        let used: i64 =
            indicator_values::table.filter(indicator_values::indicator_id.eq(id)).count().get_result(conn)?;
        if used > 0 {
            if !retired {
                report.retired += 1;
                diesel::update(indicators::table.find(id)).set(indicators::retired.eq(true)).execute(conn)?;
            }
        } else {
            report.deleted += 1;
            diesel::delete(indicators::table.find(id)).execute(conn)?;
        }
    }
    Ok(())
}

/// The stored columns of a file indicator, in `Stored` order.
fn row_of(i: &IndicatorFile, commitment_id: Option<i64>, position: i32) -> Stored {
    let unit = Unit::from_db(&i.unit);
    let currency = (unit == Unit::Money).then(|| i.currency.clone().unwrap_or_else(|| "EUR".into()));
    (
        0,
        i.name.trim().to_string(),
        i.description.trim().to_string(),
        unit.as_str().to_string(),
        currency,
        commitment_id,
        i.higher_is_better,
        i.sensitive,
        "file".into(),
        position,
        false,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_charter_ships_a_starter_set() {
        let dir = tempfile::tempdir().unwrap();
        let files = read_files(dir.path()).unwrap();
        let (fw, f) = files.iter().find(|(fw, _)| fw == "eurocities-integrating-cities").unwrap();
        assert_eq!(fw, "eurocities-integrating-cities");
        let codes: Vec<&str> = f.indicators.iter().map(|i| i.code.as_str()).collect();
        for code in ["EM1-A", "EM3-A", "BU1-A", "PM3-A", "SP1-A"] {
            assert!(codes.contains(&code), "{code} missing from {codes:?}");
        }
        let units: HashSet<&str> = f.indicators.iter().map(|i| i.unit.as_str()).collect();
        assert_eq!(units, HashSet::from(["percent", "count", "money", "yes_no"]));
        assert!(f.indicators.iter().any(|i| i.sensitive));
    }

    #[test]
    fn a_broken_override_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("x.indicators.toml"),
            "[[indicators]]\ncode = \"A\"\nname = \"A\"\nunit = \"litres\"\n",
        )
        .unwrap();
        let e = read_files(dir.path()).unwrap_err().to_string();
        assert!(e.contains("x.indicators.toml") && e.contains("litres") && e.contains("yes_no"), "{e}");
    }

    #[test]
    fn units_check_values() {
        assert!(Unit::Percent.check("value", 100.0).is_ok());
        assert_eq!(Unit::Percent.check("value", 100.5).unwrap_err().field, "value");
        assert!(Unit::Count.check("value", 2.5).is_err());
        assert!(Unit::Count.check("value", -1.0).is_err());
        assert!(Unit::Money.check("value", 1250.5).is_ok());
        assert!(Unit::YesNo.check("value", 0.5).is_err());
        assert!(Unit::YesNo.check("value", f64::NAN).is_err());
    }
}
