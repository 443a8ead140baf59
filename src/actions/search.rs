//! Search over the network's actions: full text by the database (SQLite FTS5, PostgreSQL
//! `tsvector` with a GIN index), filters, facets with counts, sorting and pages.
//!
//! The indexed text is folded here, in Rust, before either database sees it: `deunicode` and
//! lower case, so "lodz" finds Łódź (whose Ł no Unicode decomposition removes) and "cafe" finds
//! "café", the same on both databases. Words are stemmed in English (FTS5's porter tokenizer; the
//! `english` configuration beside the unstemmed `simple` one on PostgreSQL), so "languages"
//! finds "language". The index is written in the transaction that writes the action
//! (`actions::store`), again when a city is renamed (`cities::store`), removed with the action
//! (a trigger on SQLite, a cascade on PostgreSQL), and rows written by other means (bulk seeding)
//! are indexed when the server starts (`index_missing`).
//!
//! Who sees what is decided by [`Scope`]: the public sees actions of cities whose page is public;
//! a city editor also their own city's; the secretariat and observers every city's. The scope is
//! part of every query, so results, totals and facet counts never include what the viewer may
//! not read.

use super::{ActionStatus, Delivery, PolicyArea, Staleness};
use crate::auth::{Caller, Role};
use crate::db::schema::{
    actions, cities, commitments, frameworks, plans, report_good_practices, report_versions, reports, roles,
};
use crate::db::DbConnection;
use crate::error::FieldError;
use crate::validation::Errors;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use utoipa::{IntoParams, ToSchema};

/// Text as the index holds it and queries are matched: ASCII transliteration, lower case
/// ("lodz" finds Łódź, "cafe" finds "café"). Names are sorted by collation instead
/// (`i18n::sort_by_name`).
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// The words of a query, folded; at most 12, each at most 40 characters.
fn words(q: &str) -> Vec<String> {
    fold(q)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(40).collect())
        .take(12)
        .collect()
}

/// (title, body) of an action as indexed: the title; then description, department, partners,
/// and the city's name and country.
fn documents(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String, String)>> {
    let rows: Vec<(i64, String, String, String, String, String, String)> = actions::table
        .inner_join(plans::table.inner_join(cities::table))
        .filter(actions::id.eq_any(ids))
        .select((
            actions::id,
            actions::title,
            actions::description,
            actions::department,
            actions::partners,
            cities::name,
            cities::country,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, description, department, partners, city, country)| {
            let partners: Vec<String> = serde_json::from_str(&partners).unwrap_or_default();
            let body = format!("{description}\n{department}\n{}\n{city} {country}", partners.join("\n"));
            (id, fold(&title), fold(&body))
        })
        .collect())
}

/// Writes the index entries of these actions (replacing what was there).
pub fn index(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let docs = documents(conn, ids)?;
    match conn {
        DbConnection::Sqlite(c) => {
            for (id, title, body) in docs {
                diesel::sql_query("DELETE FROM action_search WHERE rowid = ?").bind::<BigInt, _>(id).execute(c)?;
                diesel::sql_query("INSERT INTO action_search (rowid, title, body) VALUES (?, ?, ?)")
                    .bind::<BigInt, _>(id)
                    .bind::<Text, _>(title)
                    .bind::<Text, _>(body)
                    .execute(c)?;
            }
        }
        DbConnection::Pg(c) => {
            // One statement for the whole list (arrays unnested), not one per action: indexing
            // the 500,000 actions of a bulk-loaded database took 3 minutes one row at a time.
            let (ids, (titles, bodies)): (Vec<i64>, (Vec<String>, Vec<String>)) =
                docs.into_iter().map(|(id, title, body)| (id, (title, body))).unzip();
            diesel::sql_query(
                "INSERT INTO action_search (action_id, document) \
                 SELECT id, setweight(to_tsvector('simple', t), 'A') || setweight(to_tsvector('english', t), 'A') \
                 || to_tsvector('simple', b) || to_tsvector('english', b) \
                 FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, t, b) \
                 ON CONFLICT (action_id) DO UPDATE SET document = EXCLUDED.document",
            )
            .bind::<diesel::sql_types::Array<BigInt>, _>(ids)
            .bind::<diesel::sql_types::Array<Text>, _>(titles)
            .bind::<diesel::sql_types::Array<Text>, _>(bodies)
            .execute(c)?;
        }
    }
    Ok(())
}

/// Re-indexes a city's actions (its name or country is part of each one's text).
pub fn index_city(conn: &mut DbConnection, city_id: i64) -> QueryResult<()> {
    let ids: Vec<i64> =
        actions::table.inner_join(plans::table).filter(plans::city_id.eq(city_id)).select(actions::id).load(conn)?;
    for chunk in ids.chunks(500) {
        index(conn, chunk)?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Indexes actions that have no index entry (written by bulk seeding, or before search
/// existed); returns how many. Cheap when there are none: one anti-join.
pub fn index_missing(conn: &mut DbConnection) -> QueryResult<usize> {
    let sql = match conn {
        DbConnection::Sqlite(_) => "SELECT id FROM actions WHERE id NOT IN (SELECT rowid FROM action_search)",
        DbConnection::Pg(_) => {
            "SELECT a.id FROM actions a WHERE NOT EXISTS (SELECT 1 FROM action_search s WHERE s.action_id = a.id)"
        }
    };
    let ids: Vec<i64> = diesel::sql_query(sql).load::<IdRow>(conn)?.into_iter().map(|r| r.id).collect();
    for chunk in ids.chunks(1000) {
        crate::db::transaction(conn, |c| index(c, chunk))?;
    }
    Ok(ids.len())
}

/// Whose actions a viewer may find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Cities whose page is public.
    Public,
    /// Those and this city (a city editor's own).
    PublicAnd(i64),
    /// Every city (the secretariat and observers).
    All,
}

impl Scope {
    pub fn of(caller: Option<&Caller>) -> Scope {
        match caller {
            None => Scope::Public,
            Some(c) => match c.role {
                Role::Secretariat | Role::Observer => Scope::All,
                Role::CityEditor => Scope::PublicAnd(c.city_id.unwrap_or(-1)),
            },
        }
    }

    /// Whether an action of this city is in scope.
    pub fn includes(self, city_id: i64, city_public: bool) -> bool {
        match self {
            Scope::All => true,
            Scope::Public => city_public,
            Scope::PublicAnd(c) => city_public || c == city_id,
        }
    }
}

crate::text_enum! {
    /// How results are ordered: by relevance to the words (the default with words), most
    /// recently updated first (the default without), by title, by city, by progress (highest first).
    Sort { Relevance = "relevance", Recent = "recent", Title = "title", City = "city", Progress = "progress" }
}

/// The query string of `GET /actions` and `GET /api/v1/actions`, as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to find in titles, descriptions, departments, partners and city names (accents and
    /// case do not matter; English stemming). At most 200 characters.
    pub q: Option<String>,
    /// Framework code, e.g. eurocities-integrating-cities.
    pub framework: Option<String>,
    /// Role code, e.g. SP.
    pub role: Option<String>,
    /// Commitment code, e.g. SP1.
    pub commitment: Option<String>,
    /// One of language_learning, housing, employment, health, social_care, education, other.
    pub policy_area: Option<String>,
    /// One of planned, in_progress, completed, delayed, cancelled.
    pub status: Option<String>,
    /// direct or advocacy.
    pub delivery: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// true: only actions marked as good practice in a published report; false: the others.
    pub good_practice: Option<String>,
    /// true: only stale actions (open, not updated for `actions.stale_after_days`); false: the others.
    pub stale: Option<String>,
    /// relevance (default with q), recent (default without), title, city or progress.
    pub sort: Option<String>,
    /// From 1 (default 1).
    pub page: Option<String>,
    /// 1 to 100 (default 20).
    pub per_page: Option<String>,
}

/// A validated search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Search {
    pub words: Vec<String>,
    pub framework: Option<String>,
    pub role: Option<String>,
    pub commitment: Option<String>,
    pub policy_area: Option<PolicyArea>,
    pub status: Option<ActionStatus>,
    pub delivery: Option<Delivery>,
    pub country: Option<String>,
    pub good_practice: Option<bool>,
    pub stale: Option<bool>,
    pub sort: Option<Sort>,
    pub page: i64,
    pub per_page: i64,
}

fn blank(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn yes_no(field: &str, v: &Option<String>) -> Result<Option<bool>, FieldError> {
    match blank(v) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(FieldError::new(field, "must be true or false").accepting("true, false")),
    }
}

fn code(field: &str, v: &Option<String>, max: usize) -> Result<Option<String>, FieldError> {
    match blank(v) {
        None => Ok(None),
        Some(s)
            if s.len() <= max && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.') =>
        {
            Ok(Some(s.to_string()))
        }
        Some(_) => Err(FieldError::new(
            field,
            format!("must be a code of letters, digits, '-', '_' or '.', at most {max} characters"),
        )),
    }
}

fn number(field: &str, v: &Option<String>, default: i64, min: i64, max: i64) -> Result<i64, FieldError> {
    match blank(v) {
        None => Ok(default),
        Some(s) => match s.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(FieldError::new(field, format!("must be a whole number from {min} to {max}"))),
        },
    }
}

impl SearchParams {
    /// Checks every parameter at once.
    pub fn parse(&self) -> Result<Search, crate::error::ApiError> {
        let mut e = Errors::default();
        let q = blank(&self.q).unwrap_or("");
        if q.chars().count() > 200 {
            e.push(FieldError::new("q", "is longer than 200 characters"));
        }
        let country = match blank(&self.country) {
            None => None,
            Some(c) => e.take(crate::validation::country("country", c)),
        };
        let s = Search {
            words: words(q),
            framework: e.take(code("framework", &self.framework, 100)).flatten(),
            role: e.take(code("role", &self.role, 20)).flatten(),
            commitment: e.take(code("commitment", &self.commitment, 20)).flatten(),
            policy_area: blank(&self.policy_area).and_then(|v| e.take(PolicyArea::parse_field("policy_area", v))),
            status: blank(&self.status).and_then(|v| e.take(ActionStatus::parse_field("status", v))),
            delivery: blank(&self.delivery).and_then(|v| e.take(Delivery::parse_field("delivery", v))),
            country,
            good_practice: e.take(yes_no("good_practice", &self.good_practice)).flatten(),
            stale: e.take(yes_no("stale", &self.stale)).flatten(),
            sort: blank(&self.sort).and_then(|v| e.take(Sort::parse_field("sort", v))),
            page: e.take(number("page", &self.page, 1, 1, 100_000)).unwrap_or(1),
            per_page: e.take(number("per_page", &self.per_page, 20, 1, 100)).unwrap_or(20),
        };
        e.finish()?;
        Ok(s)
    }
}

impl Search {
    /// The order in force: as asked, else relevance with words and most recent without.
    pub fn order(&self) -> Sort {
        match self.sort {
            Some(Sort::Relevance) if self.words.is_empty() => Sort::Recent,
            Some(s) => s,
            None if self.words.is_empty() => Sort::Recent,
            None => Sort::Relevance,
        }
    }
}

/// One value of a facet with the number of results that have it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: i64,
    /// Whether the search is narrowed to this value.
    pub selected: bool,
}

/// An action found.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Hit {
    pub id: i64,
    pub title: String,
    /// The description's first 300 characters.
    pub summary: String,
    pub city_id: i64,
    pub city: String,
    pub country: String,
    pub framework: String,
    pub role: String,
    pub commitment: String,
    pub commitment_text: String,
    pub status: ActionStatus,
    pub progress: i32,
    pub delivery: Delivery,
    pub policy_areas: Vec<PolicyArea>,
    pub stale: bool,
    /// Marked as good practice in a published report.
    pub good_practice: bool,
    #[serde(serialize_with = "crate::http::as_utc")]
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: NaiveDateTime,
}

/// `{items, page, per_page, total, facets}`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Results {
    pub items: Vec<Hit>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    /// Each facet (framework, role, commitment, policy_area, status, delivery, country,
    /// good_practice, stale) with its values and how many results have each, counted over the
    /// results as narrowed.
    pub facets: BTreeMap<String, Vec<FacetValue>>,
}

/// The actions marked as good practice in a report that has a published version.
pub fn published_good_practices(conn: &mut DbConnection) -> QueryResult<HashSet<i64>> {
    Ok(report_good_practices::table
        .inner_join(reports::table.inner_join(report_versions::table))
        .filter(report_versions::state.eq(crate::reports::store::PUBLISHED))
        .select(report_good_practices::action_id)
        .distinct()
        .load::<i64>(conn)?
        .into_iter()
        .collect())
}

/// A statement built for one database: its text, with `?` (SQLite) or `$n` (PostgreSQL)
/// placeholders, and the values bound to them, in order.
struct Statement {
    pg: bool,
    text: String,
    binds: Vec<Bind>,
}

enum Bind {
    Text(String),
    BigInt(i64),
    Timestamp(NaiveDateTime),
}

impl Statement {
    /// Appends a placeholder for `value` and returns it (for reuse on PostgreSQL).
    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        if self.pg {
            format!("${}", self.binds.len())
        } else {
            "?".into()
        }
    }

    fn load(self, conn: &mut DbConnection) -> QueryResult<Vec<Found>> {
        macro_rules! run {
            ($c:expr) => {{
                let mut q = diesel::sql_query(self.text).into_boxed();
                for b in self.binds {
                    q = match b {
                        Bind::Text(v) => q.bind::<Text, _>(v),
                        Bind::BigInt(v) => q.bind::<BigInt, _>(v),
                        Bind::Timestamp(v) => q.bind::<diesel::sql_types::Timestamp, _>(v),
                    };
                }
                q.load::<Found>($c)
            }};
        }
        match conn {
            DbConnection::Sqlite(c) => run!(c),
            DbConnection::Pg(c) => run!(c),
        }
    }
}

/// One result with what its facets, its order and the scope need.
#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    framework: String,
    #[diesel(sql_type = Text)]
    role: String,
    #[diesel(sql_type = Text)]
    commitment: String,
    #[diesel(sql_type = Text)]
    policy_areas: String,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Text)]
    delivery: String,
    #[diesel(sql_type = Text)]
    country: String,
    #[diesel(sql_type = diesel::sql_types::Timestamp)]
    updated_at: NaiveDateTime,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    city: String,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    progress: i32,
    /// Lower is a better match (bm25 on SQLite, minus ts_rank on PostgreSQL); 0 without words.
    #[diesel(sql_type = Double)]
    rank: f64,
}

/// Every result of a search in one statement: the full-text index drives it when there are
/// words (evaluated once, its rank read in the same pass), the filters and the viewer's scope
/// are conditions of the same statement.
fn statement(pg: bool, s: &Search, scope: Scope, staleness: Staleness) -> Statement {
    let mut st = Statement { pg, text: String::new(), binds: vec![] };
    let columns =
        "a.id AS id, f.code AS framework, r.code AS role, cm.code AS commitment, a.policy_areas AS policy_areas, \
                   a.status AS status, a.delivery AS delivery, ci.country AS country, a.updated_at AS updated_at, \
                   a.title AS title, ci.name AS city, a.progress AS progress";
    let joins = "JOIN plans p ON p.id = a.plan_id JOIN cities ci ON ci.id = p.city_id \
                 JOIN commitments cm ON cm.id = a.commitment_id JOIN roles r ON r.id = cm.role_id \
                 JOIN frameworks f ON f.id = r.framework_id";
    let mut conditions: Vec<String> = vec![];
    if s.words.is_empty() {
        let zero = if pg { "CAST(0 AS DOUBLE PRECISION)" } else { "0.0" };
        st.text = format!("SELECT {columns}, {zero} AS rank FROM actions a {joins}");
    } else if pg {
        let q = st.bind(Bind::Text(s.words.join(" ")));
        st.text = format!(
            "SELECT {columns}, CAST(-ts_rank(s.document, w.q) AS DOUBLE PRECISION) AS rank \
             FROM (SELECT plainto_tsquery('simple', {q}) || plainto_tsquery('english', {q}) AS q) w \
             JOIN action_search s ON s.document @@ w.q JOIN actions a ON a.id = s.action_id {joins}"
        );
    } else {
        // Each word quoted: FTS5's query syntax (AND, OR, NEAR, *) is not exposed. Words hold
        // only ASCII letters and digits (`words`), so the quotes need no escaping.
        let expr = s.words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" AND ");
        let q = st.bind(Bind::Text(expr));
        st.text =
            format!("SELECT {columns}, s.rank AS rank FROM action_search s JOIN actions a ON a.id = s.rowid {joins}");
        conditions.push(format!("action_search MATCH {q}"));
    }
    match scope {
        Scope::All => {}
        Scope::Public => conditions.push("ci.is_public".into()),
        Scope::PublicAnd(c) => {
            let c = st.bind(Bind::BigInt(c));
            conditions.push(format!("(ci.is_public OR ci.id = {c})"));
        }
    }
    for (column, value) in [
        ("f.code", s.framework.clone()),
        ("r.code", s.role.clone()),
        ("cm.code", s.commitment.clone()),
        ("a.status", s.status.map(|v| v.as_str().to_string())),
        ("a.delivery", s.delivery.map(|v| v.as_str().to_string())),
        ("ci.country", s.country.clone()),
    ] {
        if let Some(v) = value {
            let p = st.bind(Bind::Text(v));
            conditions.push(format!("{column} = {p}"));
        }
    }
    if let Some(area) = s.policy_area {
        // Stored as a JSON array of codes.
        let p = st.bind(Bind::Text(format!("%\"{}\"%", area.as_str())));
        conditions.push(format!("a.policy_areas LIKE {p}"));
    }
    if let Some(yes) = s.good_practice {
        let published = st.bind(Bind::Text(crate::reports::store::PUBLISHED.into()));
        conditions.push(format!(
            "a.id {} (SELECT g.action_id FROM report_good_practices g JOIN report_versions v ON v.report_id = g.report_id \
             WHERE v.state = {published})",
            if yes { "IN" } else { "NOT IN" }
        ));
    }
    if let Some(yes) = s.stale {
        // `Staleness::of` as a condition: open and not updated since the cutoff.
        let open = ActionStatus::open().iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ");
        let cutoff = st.bind(Bind::Timestamp(staleness.cutoff));
        conditions.push(if yes {
            format!("(a.status IN ({open}) AND a.updated_at < {cutoff})")
        } else {
            format!("(a.status NOT IN ({open}) OR a.updated_at >= {cutoff})")
        });
    }
    if !conditions.is_empty() {
        st.text.push_str(" WHERE ");
        st.text.push_str(&conditions.join(" AND "));
    }
    st
}

type HitRow = (
    (i64, String, String, i64, String, String),
    (String, String, String, String),
    (String, i32, String, String, NaiveDateTime),
);

/// Results of recent searches on this instance, each kept while nothing it depends on changed:
/// the network's data (the `data_versions` counter the triggers bump on every write to
/// actions, plans, cities and the Charter), the actions published as good practice, and the
/// minute (staleness moves with time). At most `CAPACITY` searches; when full, it starts again.
#[derive(Default)]
pub struct Cache {
    entries: std::sync::Mutex<std::collections::HashMap<String, Slot>>,
}

/// One search's result, computed by the first request that asks; the others asking at the same
/// time wait for it instead of computing it again.
type Slot = std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<Results>>>>;

impl Cache {
    const CAPACITY: usize = 512;

    /// Forgets every search (benchmarks measure cold searches this way).
    pub fn clear(&self) {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// `search`, through the cache: the same search by the same kind of viewer, with nothing
/// changed since, is answered from memory, and computed once however many ask at once.
pub fn search_cached(
    cache: &Cache,
    conn: &mut DbConnection,
    s: &Search,
    scope: Scope,
    staleness: Staleness,
) -> QueryResult<std::sync::Arc<Results>> {
    // Read before the data: a change committed meanwhile makes the next search compute again.
    let version = crate::db::data_version(conn)?;
    let mut good: Vec<i64> = published_good_practices(conn)?.into_iter().collect();
    good.sort_unstable();
    let key = format!("{version}|{}|{scope:?}|{s:?}|{good:?}", staleness.cutoff.and_utc().timestamp().div_euclid(60));
    let slot: Slot = {
        let mut entries = cache.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= Cache::CAPACITY && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.entry(key).or_default().clone()
    };
    let mut result = slot.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(hit) = result.as_ref() {
        return Ok(hit.clone());
    }
    let fresh = std::sync::Arc::new(search_with(conn, s, scope, staleness, good.into_iter().collect())?);
    *result = Some(fresh.clone());
    Ok(fresh)
}

/// Finds actions: the page asked for, the total, and the facets counted over all results.
/// One statement finds every result (with what facets and sorting need); the page's rows are
/// then read by id.
pub fn search(conn: &mut DbConnection, s: &Search, scope: Scope, staleness: Staleness) -> QueryResult<Results> {
    let good = published_good_practices(conn)?;
    search_with(conn, s, scope, staleness, good)
}

/// `search`, given the actions published as good practice.
fn search_with(
    conn: &mut DbConnection,
    s: &Search,
    scope: Scope,
    staleness: Staleness,
    good: HashSet<i64>,
) -> QueryResult<Results> {
    let pg = matches!(conn, DbConnection::Pg(_));
    let mut found = statement(pg, s, scope, staleness).load(conn)?;
    let total = found.len() as i64;
    let labels = Labels::load(conn)?;
    let facets = count_facets(&found, s, &good, staleness, &labels);
    match s.order() {
        Sort::Relevance => found.sort_by(|a, b| a.rank.total_cmp(&b.rank).then(a.id.cmp(&b.id))),
        Sort::Recent => found.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id))),
        Sort::Title => found.sort_by(|a, b| a.title.cmp(&b.title).then(a.id.cmp(&b.id))),
        Sort::City => found.sort_by(|a, b| a.city.cmp(&b.city).then(a.title.cmp(&b.title)).then(a.id.cmp(&b.id))),
        Sort::Progress => found.sort_by(|a, b| b.progress.cmp(&a.progress).then(a.id.cmp(&b.id))),
    }
    let from = ((s.page - 1) * s.per_page).min(total) as usize;
    let to = (from + s.per_page as usize).min(found.len());
    let ids: Vec<i64> = found[from..to].iter().map(|f| f.id).collect();
    let rows: Vec<HitRow> = actions::table
        .inner_join(plans::table.inner_join(cities::table))
        .inner_join(commitments::table.inner_join(roles::table.inner_join(frameworks::table)))
        .filter(actions::id.eq_any(&ids))
        .select((
            (actions::id, actions::title, actions::description, plans::city_id, cities::name, cities::country),
            (frameworks::code, roles::code, commitments::code, commitments::text),
            (actions::status, actions::progress, actions::delivery, actions::policy_areas, actions::updated_at),
        ))
        .load(conn)?;
    let mut by_id: std::collections::HashMap<i64, HitRow> = rows.into_iter().map(|r| (r.0 .0, r)).collect();
    let items = ids
        .iter()
        .filter_map(|id| by_id.remove(id))
        .map(
            |(
                (id, title, description, city_id, city, country),
                (framework, role, commitment, commitment_text),
                (status, progress, delivery, areas, updated_at),
            )| {
                let status = ActionStatus::from_db(&status);
                Hit {
                    id,
                    title,
                    summary: crate::pages::labels::short(&description, 300),
                    city_id,
                    city,
                    country,
                    framework,
                    role,
                    commitment,
                    commitment_text,
                    status,
                    progress,
                    delivery: Delivery::from_db(&delivery),
                    policy_areas: policy_areas(&areas),
                    stale: staleness.of(status, updated_at),
                    good_practice: good.contains(&id),
                    updated_at,
                }
            },
        )
        .collect();
    Ok(Results { items, page: s.page, per_page: s.per_page, total, facets })
}

fn policy_areas(stored: &str) -> Vec<PolicyArea> {
    serde_json::from_str::<Vec<String>>(stored).unwrap_or_default().iter().map(|p| PolicyArea::from_db(p)).collect()
}

/// Titles of frameworks, roles and commitments by code, for facet labels.
struct Labels {
    frameworks: BTreeMap<String, String>,
    roles: BTreeMap<String, String>,
    commitments: BTreeMap<String, (i32, String)>,
}

impl Labels {
    fn load(conn: &mut DbConnection) -> QueryResult<Labels> {
        let frameworks =
            frameworks::table.select((frameworks::code, frameworks::title)).load(conn)?.into_iter().collect();
        let roles = roles::table.select((roles::code, roles::title)).load(conn)?.into_iter().collect();
        let commitments = commitments::table
            .inner_join(roles::table)
            .select((commitments::code, roles::position, commitments::position, commitments::text))
            .load::<(String, i32, i32, String)>(conn)?
            .into_iter()
            .map(|(code, rp, cp, text)| (code, (rp * 1000 + cp, crate::pages::labels::short(&text, 80))))
            .collect();
        Ok(Labels { frameworks, roles, commitments })
    }
}

/// Counts each facet's values over the results (the rows of every result, not only the page).
fn count_facets(
    rows: &[Found],
    s: &Search,
    good: &HashSet<i64>,
    staleness: Staleness,
    labels: &Labels,
) -> BTreeMap<String, Vec<FacetValue>> {
    // The API speaks English; the search page puts the values in the page's words itself.
    let lang = crate::i18n::Lang::En;
    let mut counts: BTreeMap<&'static str, BTreeMap<String, i64>> = BTreeMap::new();
    for Found {
        id, framework: fw, role, commitment, policy_areas: areas, status, delivery, country, updated_at, ..
    } in rows
    {
        let mut add = |facet: &'static str, value: &str| {
            *counts.entry(facet).or_default().entry(value.to_string()).or_default() += 1;
        };
        add("framework", fw);
        add("role", role);
        add("commitment", commitment);
        for a in policy_areas(areas) {
            add("policy_area", a.as_str());
        }
        add("status", status);
        add("delivery", delivery);
        add("country", country);
        add("good_practice", if good.contains(id) { "true" } else { "false" });
        let st = ActionStatus::from_db(status);
        add("stale", if staleness.of(st, *updated_at) { "true" } else { "false" });
    }
    let selected = |facet: &str| -> Option<String> {
        match facet {
            "framework" => s.framework.clone(),
            "role" => s.role.clone(),
            "commitment" => s.commitment.clone(),
            "policy_area" => s.policy_area.map(|v| v.as_str().into()),
            "status" => s.status.map(|v| v.as_str().into()),
            "delivery" => s.delivery.map(|v| v.as_str().into()),
            "country" => s.country.clone(),
            "good_practice" => s.good_practice.map(|v| v.to_string()),
            "stale" => s.stale.map(|v| v.to_string()),
            _ => None,
        }
    };
    use crate::pages::labels as l;
    let label = |facet: &str, v: &str| -> String {
        match facet {
            "framework" => labels.frameworks.get(v).cloned().unwrap_or_else(|| v.into()),
            "role" => labels.roles.get(v).cloned().unwrap_or_else(|| v.into()),
            "commitment" => labels.commitments.get(v).map(|(_, t)| format!("{v}: {t}")).unwrap_or_else(|| v.into()),
            "policy_area" => l::policy_area(PolicyArea::from_db(v), lang),
            "status" => l::action_status(ActionStatus::from_db(v), lang),
            "delivery" => l::delivery(Delivery::from_db(v), lang),
            "good_practice" | "stale" => if v == "true" { "Yes" } else { "No" }.into(),
            _ => v.into(),
        }
    };
    let mut out = BTreeMap::new();
    for facet in
        ["framework", "role", "commitment", "policy_area", "status", "delivery", "country", "good_practice", "stale"]
    {
        let chosen = selected(facet);
        let mut values: Vec<FacetValue> = counts
            .get(facet)
            .map(|m| {
                m.iter()
                    .map(|(v, n)| FacetValue {
                        value: v.clone(),
                        label: label(facet, v),
                        count: *n,
                        selected: chosen.as_deref() == Some(v.as_str()),
                    })
                    .collect()
            })
            .unwrap_or_default();
        // A value asked for but absent from the results still shows, with 0, so it can be removed.
        if let Some(c) = &chosen {
            if !values.iter().any(|v| &v.value == c) {
                values.push(FacetValue { value: c.clone(), label: label(facet, c), count: 0, selected: true });
            }
        }
        match facet {
            "commitment" => {
                values.sort_by_key(|v| labels.commitments.get(&v.value).map(|(p, _)| *p).unwrap_or(i32::MAX))
            }
            "country" | "framework" | "role" => {
                values.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)))
            }
            _ => {}
        }
        out.insert(facet.to_string(), values);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_accents_and_strokes_and_case() {
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Café Malmö"), "cafe malmo");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn query_words_are_folded_and_cannot_carry_fts_syntax() {
        assert_eq!(words("  Language CAFÉ!  "), vec!["language", "cafe"]);
        assert_eq!(words("a\" OR rowid:1 NEAR(x*"), vec!["a", "or", "rowid", "1", "near", "x"]);
        assert!(words("—  ").is_empty());
    }

    #[test]
    fn parameters_are_checked_together() {
        let p = SearchParams {
            status: Some("done".into()),
            per_page: Some("500".into()),
            good_practice: Some("maybe".into()),
            ..Default::default()
        };
        let err = p.parse().unwrap_err();
        let text = format!("{err:?}");
        assert!(text.contains("status") && text.contains("per_page") && text.contains("good_practice"), "{text}");
        let ok =
            SearchParams { q: Some("Łódź".into()), country: Some("PL".into()), ..Default::default() }.parse().unwrap();
        assert_eq!(ok.words, vec!["lodz"]);
        assert_eq!(ok.order(), Sort::Relevance);
        assert_eq!(ok.page, 1);
        assert_eq!(ok.per_page, 20);
    }
}
