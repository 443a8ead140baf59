//! A browser stand-in for page tests: keeps cookies, never follows redirects on its own (tests
//! assert them), sends forms as browsers do, and reads pages with an HTML parser.

use crate::helpers::TestApp;
use charter_tracker::auth::{self, Role};
use scraper::{Html, Selector};

pub struct WebClient {
    pub client: reqwest::Client,
    pub base: String,
}

/// A page as the server sent it.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    fn doc(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// The text of every element matching a CSS selector, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.doc()
            .select(&sel)
            .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// The text of the first match, panicking with the page when there is none.
    #[track_caller]
    pub fn text(&self, css: &str) -> String {
        self.texts(css).into_iter().next().unwrap_or_else(|| panic!("nothing matches {css} in:\n{}", self.body))
    }

    pub fn has(&self, css: &str) -> bool {
        !self.texts(css).is_empty()
    }

    /// An attribute of every element matching a selector.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.doc().select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
    }

    /// The CSRF token of the first form on the page.
    #[track_caller]
    pub fn csrf(&self) -> String {
        self.attrs("input[name=csrf_token]", "value")
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no CSRF token in:\n{}", self.body))
    }

    /// The error summary's messages, in order.
    pub fn errors(&self) -> Vec<String> {
        self.texts(".error-summary li")
    }

    /// The anchors the error summary links to.
    pub fn error_links(&self) -> Vec<String> {
        self.attrs(".error-summary a", "href")
    }

    pub fn title(&self) -> String {
        self.text("title")
    }

    /// The notice shown once after a redirect.
    pub fn notice(&self) -> Option<String> {
        self.texts(".banner").into_iter().next()
    }
}

impl WebClient {
    pub fn new(app: &TestApp) -> WebClient {
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        WebClient { client, base: app.address.clone() }
    }

    async fn read(res: reqwest::Response) -> Page {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        Page { status, headers, body: res.text().await.unwrap() }
    }

    pub async fn get(&self, path: &str) -> Page {
        Self::read(self.client.get(format!("{}{path}", self.base)).header("accept", "text/html").send().await.unwrap())
            .await
    }

    /// Posts form fields exactly as given.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        Self::read(self.client.post(format!("{}{path}", self.base)).form(fields).send().await.unwrap()).await
    }

    /// Opens `page`, then posts `fields` with that page's CSRF token to `action`, as a person
    /// filling in the form would.
    pub async fn submit(&self, page: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let p = self.get(page).await;
        assert_eq!(p.status, 200, "{page}: {}", p.body);
        let token = p.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post(action, &all).await
    }

    /// Follows a redirect the last response asked for.
    pub async fn follow(&self, p: &Page) -> Page {
        let to = p.location().unwrap_or_else(|| panic!("no redirect (status {}): {}", p.status, p.body)).to_string();
        self.get(&to).await
    }

    /// Signs in through the sign-in form and asserts it worked.
    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        let r = self.submit("/login", "/login", &[("email", email), ("password", password)]).await;
        assert_eq!(r.status, 303, "sign-in failed: {}", r.body);
        r
    }
}

impl TestApp {
    /// Adds a user who signs in with `password`; returns their email.
    pub async fn person(&self, role: Role, city: Option<i64>, password: &str) -> String {
        let pool = self.pool.clone();
        let password = password.to_string();
        tokio::task::spawn_blocking(move || {
            let mut c = pool.get().unwrap();
            let email = format!("{}-{}@city.example", role.as_str(), &uuid::Uuid::new_v4().simple().to_string()[..8]);
            auth::store::add(&mut c, &email, role, city, &password, chrono::Utc::now()).unwrap();
            email
        })
        .await
        .unwrap()
    }

    /// A signed-in browser for a new user of this role.
    pub async fn browser_as(&self, role: Role, city: Option<i64>) -> WebClient {
        let email = self.person(role, city, "correct horse battery").await;
        let b = WebClient::new(self);
        b.sign_in(&email, "correct horse battery").await;
        b
    }

    /// Emails in the outbox of a template kind, newest last: (to, text body).
    pub async fn outbox_of(&self, kind: &str) -> Vec<(String, String)> {
        use charter_tracker::db::schema::outbox;
        use diesel::prelude::*;
        let pool = self.pool.clone();
        let kind = kind.to_string();
        tokio::task::spawn_blocking(move || {
            outbox::table
                .filter(outbox::kind.eq(kind))
                .order(outbox::id)
                .select((outbox::to_address, outbox::body_text))
                .load(&mut pool.get().unwrap())
                .unwrap()
        })
        .await
        .unwrap()
    }
}

/// The path of the first link to this service in an email body (`/password/...`).
pub fn path_in(body: &str, prefix: &str) -> String {
    let start = body.find(prefix).unwrap_or_else(|| panic!("no {prefix} link in:\n{body}"));
    body[start..].split_whitespace().next().unwrap().to_string()
}
