//! Loads the framework files into the database at start-up.
//!
//! Idempotent: an unchanged file writes nothing. A changed file updates wording and order;
//! a commitment removed from the file is deleted only if no action points to it, and is
//! otherwise kept as `retired` so history and reports stay whole.

use super::{FrameworkFile, RoleFile};
use crate::db::schema::{actions, commitments, frameworks, roles};
use crate::db::DbConnection;
use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rust_embed::RustEmbed;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

#[derive(RustEmbed)]
#[folder = "config/charters/"]
#[include = "*.toml"]
struct BuiltInCharters;

/// What a load changed, for the log (and for tests of idempotency).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub frameworks: usize,
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

/// The files of the charters folder: those built into the binary, replaced by a file of the
/// same name in `override_dir` and added to by the other `*.toml` files there, keeping the names
/// `keep` accepts. Framework files and indicator sets both come from here.
pub fn sources(override_dir: &Path, keep: impl Fn(&str) -> bool) -> anyhow::Result<BTreeMap<String, String>> {
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for name in BuiltInCharters::iter().filter(|n| keep(n)) {
        let file = BuiltInCharters::get(&name).expect("listed file exists");
        sources.insert(name.to_string(), String::from_utf8_lossy(&file.data).into_owned());
    }
    if override_dir.is_dir() {
        for entry in std::fs::read_dir(override_dir)
            .with_context(|| format!("reading charter folder {}", override_dir.display()))?
        {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if path.extension().and_then(|e| e.to_str()) == Some("toml") && keep(&name) {
                let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
                sources.insert(name, text);
            }
        }
    }
    Ok(sources)
}

/// The framework files (see `sources`); indicator sets beside them are
/// `crate::indicators::loader`'s.
pub fn read_files(override_dir: &Path) -> anyhow::Result<Vec<(String, FrameworkFile)>> {
    let sources = sources(override_dir, |name| {
        !name.ends_with(crate::indicators::loader::SUFFIX) && !super::translations::is_translation(name)
    })?;
    let mut files = vec![];
    let mut codes = HashSet::new();
    for (name, text) in sources {
        let f: FrameworkFile = toml::from_str(&text).map_err(|e| anyhow::anyhow!("charter file {name}: {e}"))?;
        validate(&f).map_err(|e| anyhow::anyhow!("charter file {name}: {e}"))?;
        if !codes.insert(f.code.clone()) {
            anyhow::bail!("charter file {name}: framework code `{}` is used by another file", f.code);
        }
        files.push((name, f));
    }
    Ok(files)
}

fn validate(f: &FrameworkFile) -> Result<(), String> {
    let code_ok = |c: &str| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_');
    if !code_ok(&f.code) {
        return Err(format!("framework code `{}` must be letters, digits, - or _", f.code));
    }
    if f.roles.is_empty() {
        return Err("a framework needs at least one role".into());
    }
    let mut role_codes = HashSet::new();
    let mut commitment_codes = HashSet::new();
    for r in &f.roles {
        if !code_ok(&r.code) || !role_codes.insert(r.code.as_str()) {
            return Err(format!("role code `{}` is empty, malformed or repeated", r.code));
        }
        for c in &r.commitments {
            if !code_ok(&c.code) || !commitment_codes.insert(c.code.as_str()) {
                return Err(format!("commitment code `{}` is empty, malformed or repeated", c.code));
            }
            if c.text.trim().is_empty() {
                return Err(format!("commitment `{}` has no text", c.code));
            }
        }
    }
    Ok(())
}

/// Brings the database in line with the files, in one transaction.
/// `now` stamps the rows it creates or changes.
pub fn sync(
    conn: &mut DbConnection,
    files: &[(String, FrameworkFile)],
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<LoadReport> {
    crate::db::transaction(conn, |conn| {
        if let DbConnection::Pg(_) = conn {
            // Instances starting together take turns instead of racing to insert the same rows.
            conn.batch_execute("SELECT pg_advisory_xact_lock(727275)")?;
        }
        let mut report = LoadReport::default();
        for (_, f) in files {
            sync_one(conn, f, &mut report, now.naive_utc())?;
            report.frameworks += 1;
        }
        Ok::<_, anyhow::Error>(report)
    })
}

fn sync_one(
    conn: &mut DbConnection,
    f: &FrameworkFile,
    report: &mut LoadReport,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<()> {
    let existing: Option<(i64, String, String, String)> = frameworks::table
        .filter(frameworks::code.eq(&f.code))
        .select((frameworks::id, frameworks::title, frameworks::description, frameworks::source))
        .first(conn)
        .optional()?;
    let fw_id = match existing {
        None => {
            report.inserted += 1;
            diesel::insert_into(frameworks::table)
                .values((
                    frameworks::code.eq(&f.code),
                    frameworks::title.eq(&f.title),
                    frameworks::description.eq(&f.description),
                    frameworks::source.eq(&f.source),
                    frameworks::updated_at.eq(now),
                ))
                .returning(frameworks::id)
                .get_result(conn)?
        }
        Some((id, title, description, source)) => {
            if (title.as_str(), description.as_str(), source.as_str())
                != (f.title.as_str(), f.description.as_str(), f.source.as_str())
            {
                report.updated += 1;
                diesel::update(frameworks::table.find(id))
                    .set((
                        frameworks::title.eq(&f.title),
                        frameworks::description.eq(&f.description),
                        frameworks::source.eq(&f.source),
                        frameworks::updated_at.eq(now),
                    ))
                    .execute(conn)?;
            }
            id
        }
    };

    let mut position = 0;
    for (role_pos, role) in f.roles.iter().enumerate() {
        let role_id = sync_role(conn, fw_id, role, role_pos as i32, report)?;
        for c in &role.commitments {
            position += 1;
            let row: Option<(i64, i64, String, i32, bool)> = commitments::table
                .filter(commitments::framework_id.eq(fw_id).and(commitments::code.eq(&c.code)))
                .select((
                    commitments::id,
                    commitments::role_id,
                    commitments::text,
                    commitments::position,
                    commitments::retired,
                ))
                .first(conn)
                .optional()?;
            match row {
                None => {
                    report.inserted += 1;
                    diesel::insert_into(commitments::table)
                        .values((
                            commitments::framework_id.eq(fw_id),
                            commitments::role_id.eq(role_id),
                            commitments::code.eq(&c.code),
                            commitments::text.eq(&c.text),
                            commitments::position.eq(position),
                            commitments::retired.eq(false),
                        ))
                        .execute(conn)?;
                }
                Some((id, r, text, pos, retired)) => {
                    if (r, text.as_str(), pos, retired) != (role_id, c.text.as_str(), position, false) {
                        report.updated += 1;
                        diesel::update(commitments::table.find(id))
                            .set((
                                commitments::role_id.eq(role_id),
                                commitments::text.eq(&c.text),
                                commitments::position.eq(position),
                                commitments::retired.eq(false),
                            ))
                            .execute(conn)?;
                    }
                }
            }
        }
    }

    // Commitments no longer in the file: retire those with actions, delete the rest.
    let in_file: Vec<&str> = f.roles.iter().flat_map(|r| r.commitments.iter().map(|c| c.code.as_str())).collect();
    let gone: Vec<(i64, bool)> = commitments::table
        .filter(commitments::framework_id.eq(fw_id).and(commitments::code.ne_all(&in_file)))
        .select((commitments::id, commitments::retired))
        .load(conn)?;
    for (id, retired) in gone {
        let used: i64 = actions::table.filter(actions::commitment_id.eq(id)).count().get_result(conn)?;
        if used > 0 {
            if !retired {
                report.retired += 1;
                diesel::update(commitments::table.find(id)).set(commitments::retired.eq(true)).execute(conn)?;
            }
        } else {
            report.deleted += 1;
            diesel::delete(commitments::table.find(id)).execute(conn)?;
        }
    }
    // Roles no longer in the file and left with no commitments go too.
    let role_codes: Vec<&str> = f.roles.iter().map(|r| r.code.as_str()).collect();
    let stale_roles: Vec<i64> = roles::table
        .filter(roles::framework_id.eq(fw_id).and(roles::code.ne_all(&role_codes)))
        .select(roles::id)
        .load(conn)?;
    for id in stale_roles {
        let left: i64 = commitments::table.filter(commitments::role_id.eq(id)).count().get_result(conn)?;
        if left == 0 {
            report.deleted += 1;
            diesel::delete(roles::table.find(id)).execute(conn)?;
        }
    }
    Ok(())
}

fn sync_role(
    conn: &mut DbConnection,
    fw_id: i64,
    role: &RoleFile,
    pos: i32,
    report: &mut LoadReport,
) -> anyhow::Result<i64> {
    let row: Option<(i64, String, String, i32)> = roles::table
        .filter(roles::framework_id.eq(fw_id).and(roles::code.eq(&role.code)))
        .select((roles::id, roles::title, roles::preamble, roles::position))
        .first(conn)
        .optional()?;
    Ok(match row {
        None => {
            report.inserted += 1;
            diesel::insert_into(roles::table)
                .values((
                    roles::framework_id.eq(fw_id),
                    roles::code.eq(&role.code),
                    roles::title.eq(&role.title),
                    roles::preamble.eq(&role.preamble),
                    roles::position.eq(pos),
                ))
                .returning(roles::id)
                .get_result(conn)?
        }
        Some((id, title, preamble, p)) => {
            if (title.as_str(), preamble.as_str(), p) != (role.title.as_str(), role.preamble.as_str(), pos) {
                report.updated += 1;
                diesel::update(roles::table.find(id))
                    .set((roles::title.eq(&role.title), roles::preamble.eq(&role.preamble), roles::position.eq(pos)))
                    .execute(conn)?;
            }
            id
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_charters_parse_with_the_fixed_codes() {
        let dir = tempfile::tempdir().unwrap();
        let files = read_files(dir.path()).unwrap();
        let eu = &files.iter().find(|(_, f)| f.code == "eurocities-integrating-cities").unwrap().1;
        let codes: Vec<&str> = eu.roles.iter().flat_map(|r| r.commitments.iter().map(|c| c.code.as_str())).collect();
        assert_eq!(
            codes,
            ["PM1", "PM2", "PM3", "SP1", "SP2", "EM1", "EM2", "EM3", "BU1", "BU2", "BU3", "DC1", "DC2", "DC3", "DC4"]
        );
        let ld = &files.iter().find(|(_, f)| f.code == "icc-lisbon-declaration").unwrap().1;
        assert_eq!(ld.roles.iter().map(|r| r.commitments.len()).sum::<usize>(), 10);
    }

    #[test]
    fn a_broken_override_is_refused_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.toml"), "code = \"x\"\ntitle = \"X\"\nroles = []\n").unwrap();
        let e = read_files(dir.path()).unwrap_err().to_string();
        assert!(e.contains("mine.toml") && e.contains("at least one role"), "{e}");
    }
}
