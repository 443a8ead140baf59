//! A city's self-assessments beside the verified ratings (`/cities/{id}/verification`), and
//! the secretariat's form to record a verification. The rules live in `verification::commands`.

use super::labels;
use super::web::{self, db, form_errors_in, redirect_with_notice, render, Form, PageResult, Viewer};
use crate::check_ins::Assessment;
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::t;
use crate::verification::{commands, RatingInput, SideBySide};
use actix_web::http::StatusCode;
use actix_web::{web as aweb, HttpRequest};
use serde_json::{json, Value};

pub fn configure(cfg: &mut aweb::ServiceConfig) {
    cfg.route("/cities/{id}/verification", aweb::get().to(show))
        .route("/cities/{id}/verification", aweb::post().to(record));
}

/// The form's fields and the words their error messages start with.
fn field_labels(lang: Lang) -> Vec<(&'static str, String)> {
    [
        ("commitment", "verify-field-commitment"),
        ("level", "verify-field-level"),
        ("verified_on", "verify-field-date"),
        ("note", "verify-field-note"),
        ("evidence", "verify-field-evidence"),
    ]
    .into_iter()
    .map(|(field, key)| (field, t!(lang, key)))
    .collect()
}

/// The rows of the side-by-side table, as the city page and this page show them.
pub fn rows(all: &[SideBySide], only_rated: bool, lang: crate::i18n::Lang) -> Vec<Value> {
    all.iter()
        .filter(|r| !only_rated || r.self_level.is_some() || r.verified.is_some())
        .map(|r| {
            let v = r.verified.as_ref();
            json!({
                "commitment": r.commitment, "text": labels::short(&r.text, 90),
                "self": r.self_level.map(|x| labels::assessment(x, lang)), "self_round": r.self_round,
                "verified": v.map(|v| labels::assessment(v.level, lang)),
                // `verified_on` for the city page until it formats dates itself with `{{date}}`.
                "verified_on": v.map(|v| labels::date(v.verified_on, lang)),
                "verified_on_iso": v.map(|v| v.verified_on.to_string()), "note": v.map(|v| v.note.clone()),
                "evidence": v.map(|v| v.evidence.clone()).unwrap_or_default(),
                "disagree": r.disagree,
            })
        })
        .collect()
}

#[derive(Default)]
struct Typed {
    commitment: String,
    level: String,
    verified_on: String,
    note: String,
    evidence: String,
}

async fn form_page(
    req: &HttpRequest,
    viewer: &Viewer,
    city_id: i64,
    status: StatusCode,
    typed: Typed,
    errors: &[FieldError],
) -> PageResult {
    let lang = web::lang(req);
    let caller = viewer.caller.clone();
    let (city, all) = db(req, move |c| {
        let all = commands::side_by_side(c, &caller, city_id)?;
        Ok((crate::cities::store::require(c, city_id)?, all))
    })
    .await?;
    let secretariat = viewer.caller.require_secretariat().is_ok();
    let several = all.iter().map(|r| &r.framework).collect::<std::collections::BTreeSet<_>>().len() > 1;
    let options: Vec<Value> = std::iter::once(
        json!({"value": "", "label": t!(lang, "verify-choose-commitment"), "selected": typed.commitment.is_empty()}),
    )
    .chain(all.iter().map(|r| {
        let value = format!("{}|{}", r.framework, r.commitment);
        let label = if several {
            format!("{} ({}): {}", r.commitment, r.framework, labels::short(&r.text, 70))
        } else {
            format!("{}: {}", r.commitment, labels::short(&r.text, 70))
        };
        json!({"value": value, "label": label, "selected": typed.commitment == value})
    }))
    .collect();
    let levels: Vec<Value> = Assessment::ALL
        .iter()
        .map(|a| json!({"value": a.as_str(), "label": labels::assessment(*a, lang), "checked": typed.level == a.as_str()}))
        .collect();
    let labels_of_fields = field_labels(lang);
    let label_refs: Vec<(&str, &str)> = labels_of_fields.iter().map(|(f, l)| (*f, l.as_str())).collect();
    let shown = form_errors_in(errors, &label_refs, lang);
    let title = t!(lang, "verify-title", city = &city.name);
    render(
        req,
        status,
        "verification",
        &title,
        json!({
            "city": {"id": city.id, "name": city.name}, "rows": rows(&all, false, lang), "secretariat": secretariat,
            "options": options, "levels": levels,
            "typed": {"verified_on": typed.verified_on, "note": typed.note, "evidence": typed.evidence},
            "errors": shown,
        }),
    )
}

async fn show(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>) -> PageResult {
    let city_id = crate::http::id_param(&id)?;
    let today = web::today(&web::state(&req)).to_string();
    form_page(&req, &viewer, city_id, StatusCode::OK, Typed { verified_on: today, ..Default::default() }, &[]).await
}

async fn record(req: HttpRequest, viewer: Viewer, id: aweb::Path<String>, form: Form) -> PageResult {
    let lang = web::lang(&req);
    let city_id = crate::http::id_param(&id)?;
    let typed = Typed {
        commitment: form.get("commitment").into(),
        level: form.get("level").into(),
        verified_on: form.get("verified_on").into(),
        note: form.get("note").into(),
        evidence: form.get("evidence").into(),
    };
    let mut errors = vec![];
    if let Err(e) = form.check_csrf(&req) {
        errors.push(e);
    }
    if typed.commitment.is_empty() {
        errors.push(
            FieldError::new("commitment", "is not chosen")
                .accepting("one of the list's commitments")
                .plainly("choose", vec![]),
        );
    }
    if typed.level.is_empty() {
        errors.push(
            FieldError::new("level", "is not chosen")
                .accepting(Assessment::ALL.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", "))
                .plainly("choose", vec![]),
        );
    }
    let (framework, code) = typed.commitment.split_once('|').unwrap_or(("", typed.commitment.as_str()));
    let input = RatingInput {
        framework: Some(framework.to_string()).filter(|f| !f.is_empty()),
        commitment: code.to_string(),
        level: typed.level.clone(),
        note: typed.note.clone(),
        evidence: crate::validation::evidence_lines(&typed.evidence),
        verified_on: typed.verified_on.clone(),
    };
    let (caller, now) = (viewer.caller.clone(), web::now(&req));
    let outcome = db(&req, move |c| {
        let run = |c: &mut crate::db::DbConnection| commands::record(c, &caller, city_id, &input, now);
        let result = if errors.is_empty() {
            run(c)
        } else {
            Err(ApiError::Validation([errors, crate::db::dry_run(c, run)?].concat()))
        };
        match result {
            Ok(done) => Ok(Ok(done)),
            Err(ApiError::Validation(e)) => Ok(Err(e)),
            Err(e) => Err(e),
        }
    })
    .await?;
    match outcome {
        Ok(done) => Ok(redirect_with_notice(
            &format!("/cities/{city_id}/verification"),
            &t!(
                lang,
                "verify-recorded-notice",
                commitment = &done.commitment,
                level = labels::assessment(done.level, lang)
            ),
        )),
        Err(errors) => {
            // One message per field: "is not chosen" from this form says more than the
            // command's view of the same empty field.
            let mut seen = std::collections::HashSet::new();
            let errors: Vec<FieldError> = errors.into_iter().filter(|e| seen.insert(e.field.clone())).collect();
            form_page(&req, &viewer, city_id, StatusCode::UNPROCESSABLE_ENTITY, typed, &errors).await
        }
    }
}
