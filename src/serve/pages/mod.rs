//! The pages, rendered on the server as HTML with no script: home and search, a person, an
//! organisation, an article, and a query box. Every value from the store is untrusted text
//! (article text most of all) and goes through maud, which escapes it.

mod article;
mod evidence;
mod organisation;
mod person;
mod query;

pub(super) use article::article_graph;
pub(super) use query::query_page;

use super::data::{self, Row};
use super::protocol::Failure;
use super::search::EntryKind;
use super::{Shared, State};
use crate::error::Error;
use crate::vocab::{ID, w3c};
use axum::extract::{Path, RawQuery};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

/// The most search results a page lists.
const SEARCH_RESULTS: usize = 100;

/// A whole page around `body`.
pub(super) fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · policegraph" }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header {
                    a.brand href="/" { "policegraph" }
                    form.search action="/search" method="get" {
                        input type="search" name="q" placeholder="a name, a unit, a headline" aria-label="search";
                        button type="submit" { "Search" }
                    }
                    a href="/query" { "SPARQL" }
                }
                main { (body) }
            }
        }
    }
}

/// The page's address of a node of the store, if it has one (`/id/...` for policegraph's IRIs).
pub(super) fn href(iri: &str) -> Option<String> {
    iri.strip_prefix(ID).map(|path| format!("/id/{path}"))
}

/// A link to a node's page, or its label alone.
pub(super) fn link(iri: &str, label: &str) -> Markup {
    match href(iri) {
        Some(address) => html! { a href=(address) { (label) } },
        None => html! { (label) },
    }
}

/// Builds a page on a blocking thread (the store's queries block); an error becomes a page
/// with its one line and status.
async fn render<F>(shared: State, build: F) -> Response
where
    F: FnOnce(&Shared) -> Result<Response, Failure> + Send + 'static,
{
    match tokio::task::spawn_blocking(move || build(&shared)).await {
        Ok(Ok(response)) => response,
        Ok(Err(failure)) => failure_page(failure),
        Err(_) => failure_page(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the page's thread failed",
        )),
    }
}

/// A page that says what went wrong.
pub(super) fn failure_page(failure: Failure) -> Response {
    let title = failure.status.canonical_reason().unwrap_or("Error");
    let page = layout(
        title,
        html! { h1 { (title) } p.error { (failure.message) } },
    );
    (failure.status, page).into_response()
}

/// A store error as a failure.
pub(super) fn failed(error: Error) -> Failure {
    Failure::from_error(&error)
}

/// `GET /`: counts and the search box.
pub(super) async fn home(axum::extract::State(shared): axum::extract::State<State>) -> Response {
    let counts = shared.index.counts.clone();
    layout(
        "Home",
        html! {
            h1 { "What the store holds" }
            ul.counts {
                li { strong { (counts.people) } " people" }
                li { strong { (counts.organisations) } " organisations" }
                li { strong { (counts.articles) } " articles" }
                li { strong { (counts.proceedings) } " proceedings" }
            }
            form.big-search action="/search" method="get" {
                label for="q" { "Look up a person, an organisation or an article (part of a name is enough; case and accents do not matter)" }
                input #q type="search" name="q" autofocus;
                button type="submit" { "Search" }
            }
            p { "Or ask in SPARQL on the " a href="/query" { "query page" } ", or point a SPARQL client at " code { "/sparql" } "." }
        },
    )
    .into_response()
}

/// `GET /search?q=...`: the people, organisations and articles whose name holds the words.
pub(super) async fn search(
    axum::extract::State(shared): axum::extract::State<State>,
    RawQuery(params): RawQuery,
) -> Response {
    let params = params.unwrap_or_default();
    let wanted = form_urlencoded::parse(params.as_bytes())
        .find(|(name, _)| name == "q")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let (found, total) = shared.index.find(&wanted, SEARCH_RESULTS);
    let page = html! {
        h1 { "Search" }
        form.big-search action="/search" method="get" {
            input type="search" name="q" value=(wanted) aria-label="search";
            button type="submit" { "Search" }
        }
        @if wanted.trim().is_empty() {
            p { "Type part of a name." }
        } @else {
            p.summary { (total) " found for “" (wanted) "”" @if total > found.len() { ", the first " (found.len()) " shown" } }
            ul.results {
                @for entry in &found {
                    li class=(entry.kind.words()) {
                        span.kind { (entry.kind.words()) }
                        " " (link(&entry.iri, &entry.label))
                        @if !entry.qualifier.is_empty() && entry.kind != EntryKind::Person {
                            " " span.qualifier { "(" (entry.qualifier) ")" }
                        }
                    }
                }
            }
        }
    };
    layout("Search", page).into_response()
}

/// What kind of node an IRI is, for its page.
enum NodeKind {
    Person,
    Organisation,
    Article,
    Other,
}

/// `GET /id/...`: the page of a person, an organisation or an article (or the plain facts of
/// another node, a proceeding say).
pub(super) async fn entity(
    axum::extract::State(shared): axum::extract::State<State>,
    Path(path): Path<String>,
    RawQuery(params): RawQuery,
) -> Response {
    render(shared, move |shared| {
        let window = organisation::Window::parse(params.as_deref().unwrap_or_default());
        let iri = format!("{ID}{path}");
        let node = oxigraph::model::NamedNode::new(iri.as_str())
            .map_err(|_| Failure::new(StatusCode::NOT_FOUND, format!("{iri}: not an IRI")))?;
        let rows = data::select(
            shared,
            &format!("SELECT ?t WHERE {{ {node} ?p ?o OPTIONAL {{ {node} a ?t }} }} LIMIT 50"),
            "page kind",
            50,
        )
        .map_err(failed)?;
        if rows.is_empty() {
            return Err(Failure::new(
                StatusCode::NOT_FOUND,
                format!("{iri}: nothing in the store has this IRI"),
            ));
        }
        let page = match kind_of(&rows) {
            NodeKind::Person => person::page(shared, &iri),
            NodeKind::Organisation => organisation::page(shared, &iri, window),
            NodeKind::Article => article::page(shared, &iri),
            NodeKind::Other => other_page(shared, &iri),
        }
        .map_err(failed)?;
        Ok(page.into_response())
    })
    .await
}

fn kind_of(rows: &[Row]) -> NodeKind {
    let types: Vec<String> = rows.iter().map(|r| data::get(r, "t")).collect();
    let has = |t: &str| types.iter().any(|x| x == t);
    if has(w3c::FOAF_PERSON) {
        NodeKind::Person
    } else if has(w3c::ORG_ORGANIZATION) || has(w3c::ORG_ORGANIZATIONAL_UNIT) {
        NodeKind::Organisation
    } else if has(w3c::SCHEMA_NEWS_ARTICLE) {
        NodeKind::Article
    } else {
        NodeKind::Other
    }
}

/// Any other node: its statements, with links.
fn other_page(shared: &Shared, iri: &str) -> Result<Markup, Error> {
    let facts = data::facts(shared, &[iri.to_owned()], true)?;
    let mut iris: std::collections::BTreeSet<String> = facts
        .iter()
        .filter_map(|f| match &f.object {
            oxigraph::model::Term::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    iris.insert(iri.to_owned());
    let labels = data::labels(shared, &iris)?;
    let title = labels.get(iri).cloned().unwrap_or_else(|| iri.to_owned());
    Ok(layout(
        &title,
        html! {
            h1 { (title) }
            p.iri { code { (iri) } }
            table.facts {
                tr { th { "property" } th { "value" } }
                @for fact in &facts {
                    tr {
                        td { (evidence::predicate_words(&fact.predicate)) }
                        td { (evidence::value(&fact.object, &labels)) }
                    }
                }
            }
        },
    ))
}

/// `GET /style.css`
pub(super) async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("style.css"),
    )
        .into_response()
}

/// Any other address.
pub(super) async fn not_found() -> Response {
    failure_page(Failure::new(
        StatusCode::NOT_FOUND,
        "no page at this address",
    ))
}
