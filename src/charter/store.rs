//! Queries over frameworks, roles and commitments.

use super::{CommitmentOut, FrameworkDetail, FrameworkSummary, RoleOut};
use crate::db::schema::{commitments, frameworks, roles};
use crate::db::DbConnection;
use diesel::prelude::*;

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = frameworks)]
pub struct Framework {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub description: String,
    pub source: String,
}

impl Framework {
    pub fn summary(&self) -> FrameworkSummary {
        FrameworkSummary {
            code: self.code.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            source: self.source.clone(),
        }
    }
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = roles)]
pub struct Role {
    pub id: i64,
    pub framework_id: i64,
    pub code: String,
    pub title: String,
    pub preamble: String,
    pub position: i32,
}

#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = commitments)]
pub struct Commitment {
    pub id: i64,
    pub framework_id: i64,
    pub role_id: i64,
    pub code: String,
    pub text: String,
    pub position: i32,
    pub retired: bool,
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Framework>> {
    frameworks::table.select(Framework::as_select()).order(frameworks::code).load(conn)
}

pub fn by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Option<Framework>> {
    frameworks::table.filter(frameworks::code.eq(code)).select(Framework::as_select()).first(conn).optional()
}

pub fn by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Framework> {
    frameworks::table.find(id).select(Framework::as_select()).first(conn)
}

/// A framework's roles in order, each with its commitments in order.
pub fn structure(conn: &mut DbConnection, framework_id: i64) -> QueryResult<Vec<(Role, Vec<Commitment>)>> {
    let rs: Vec<Role> = roles::table
        .filter(roles::framework_id.eq(framework_id))
        .order(roles::position)
        .select(Role::as_select())
        .load(conn)?;
    let cs: Vec<Commitment> = commitments::table
        .filter(commitments::framework_id.eq(framework_id))
        // Retired commitments follow the live ones of their role.
        .order((commitments::retired, commitments::position))
        .select(Commitment::as_select())
        .load(conn)?;
    Ok(rs
        .into_iter()
        .map(|r| {
            let mine = cs.iter().filter(|c| c.role_id == r.id).cloned().collect();
            (r, mine)
        })
        .collect())
}

pub fn detail(conn: &mut DbConnection, fw: &Framework) -> QueryResult<FrameworkDetail> {
    let roles = structure(conn, fw.id)?
        .into_iter()
        .map(|(r, cs)| RoleOut {
            code: r.code,
            title: r.title,
            preamble: r.preamble,
            commitments: cs
                .into_iter()
                .map(|c| CommitmentOut { code: c.code, text: c.text, retired: c.retired })
                .collect(),
        })
        .collect();
    Ok(FrameworkDetail { summary: fw.summary(), roles })
}

/// Looks a commitment code up across all frameworks (to explain a wrong-framework mistake).
pub fn commitment_by_code(conn: &mut DbConnection, code: &str) -> QueryResult<Vec<(Commitment, Framework)>> {
    commitments::table
        .inner_join(frameworks::table.on(frameworks::id.eq(commitments::framework_id)))
        .filter(commitments::code.eq(code))
        .select((Commitment::as_select(), Framework::as_select()))
        .load(conn)
}

/// Commitment id -> (commitment code, role code), for rendering actions.
pub fn codes_by_commitment_id(
    conn: &mut DbConnection,
    framework_id: i64,
) -> QueryResult<std::collections::HashMap<i64, (String, String)>> {
    let rows: Vec<(i64, String, String)> = commitments::table
        .inner_join(roles::table)
        .filter(commitments::framework_id.eq(framework_id))
        .select((commitments::id, commitments::code, roles::code))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, c, r)| (id, (c, r))).collect())
}
