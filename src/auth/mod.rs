//! Who is calling, and what they may see and change.
//!
//! Three roles: the secretariat (everything), a city editor (their own city only) and an
//! observer (read only). Every route asks the `Caller` before touching data.

pub mod commands;
pub mod password;
pub mod password_links;
pub mod routes;
pub mod sessions;
pub mod store;
pub mod throttle;
pub mod tokens;

use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::http::db;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Secretariat,
    CityEditor,
    Observer,
}

impl Role {
    pub const ACCEPTED: &'static str = "secretariat, city-editor, observer";

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::CityEditor => "city-editor",
            Role::Observer => "observer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "secretariat" => Some(Role::Secretariat),
            "city-editor" => Some(Role::CityEditor),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }
}

/// The authenticated user behind a request.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Caller {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
    /// The city a city editor may edit; none for other roles.
    pub city_id: Option<i64>,
}

impl Caller {
    /// How history records this caller.
    pub fn actor(&self) -> crate::history::Actor {
        crate::history::Actor { user_id: Some(self.user_id), label: self.email.clone() }
    }

    pub fn require_secretariat(&self) -> ApiResult<()> {
        match self.role {
            Role::Secretariat => Ok(()),
            _ => Err(ApiError::Forbidden("only the network secretariat may do this".into())),
        }
    }

    /// Whether the caller may see the network as a whole (every city, the users, the check-in
    /// rounds and schedule): the secretariat and observers, not a city editor.
    pub fn can_read_network(&self) -> ApiResult<()> {
        match self.role {
            Role::Secretariat | Role::Observer => Ok(()),
            Role::CityEditor => Err(ApiError::Forbidden(
                "this is for the network secretariat and observers; city editors see their own city".into(),
            )),
        }
    }

    /// Whether the caller may read this city's data.
    pub fn can_read_city(&self, city_id: i64) -> ApiResult<()> {
        match self.role {
            Role::Secretariat | Role::Observer => Ok(()),
            Role::CityEditor if self.city_id == Some(city_id) => Ok(()),
            Role::CityEditor => Err(ApiError::Forbidden("you may only see your own city's data".into())),
        }
    }

    /// Whether the caller may see the personal data of this city's people (its contacts' names
    /// and email addresses): the secretariat and the city's own editors. Observers read the city
    /// without it; other cities' editors and the public do not read the city at all.
    pub fn may_see_personal_data(&self, city_id: i64) -> bool {
        match self.role {
            Role::Secretariat => true,
            Role::CityEditor => self.city_id == Some(city_id),
            Role::Observer => false,
        }
    }

    /// Whether the caller may change this city's data (its plans, actions and contacts).
    pub fn can_edit_city(&self, city_id: i64) -> ApiResult<()> {
        match self.role {
            Role::Secretariat => Ok(()),
            Role::CityEditor if self.city_id == Some(city_id) => Ok(()),
            Role::CityEditor => Err(ApiError::Forbidden("you may only change your own city's data".into())),
            Role::Observer => Err(ApiError::Forbidden("observers have read-only access".into())),
        }
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req.headers().get(header::AUTHORIZATION).map(|v| v.to_str().unwrap_or("").to_string());
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("app state missing")))?;
            let header = header.ok_or_else(|| {
                ApiError::Unauthenticated(
                    "send `Authorization: Bearer <token>`; tokens come from `charter-tracker token issue`".into(),
                )
            })?;
            let token = header
                .strip_prefix("Bearer ")
                .or_else(|| header.strip_prefix("bearer "))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| ApiError::Unauthenticated("the Authorization header must be `Bearer <token>`".into()))?
                .to_string();
            db(&state.pool, move |c| {
                tokens::authenticate(c, &token)?.ok_or_else(|| {
                    ApiError::Unauthenticated("the token is unknown, revoked, or its user is disabled".into())
                })
            })
            .await
        })
    }
}

/// The caller of a route anyone may use: none without an `Authorization` header; with one, the
/// token must be good (a bad token is refused, not quietly treated as anonymous).
#[derive(Clone, Debug)]
pub struct MaybeCaller(pub Option<Caller>);

impl FromRequest for MaybeCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        if req.headers().get(header::AUTHORIZATION).is_none() {
            return Box::pin(async { Ok(MaybeCaller(None)) });
        }
        let caller = Caller::from_request(req, payload);
        Box::pin(async move { Ok(MaybeCaller(Some(caller.await?))) })
    }
}
