//! The query page: a SPARQL box with the shipped queries as examples, the results as a table
//! (at most the server's row limit) and downloads of them all as CSV and JSON from `/sparql`.

use super::super::State;
use super::super::protocol::{Failure, NO_SERVICE};
use super::{layout, link, render};
use crate::sparql::{BoundQuery, Deadline};
use axum::extract::RawQuery;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

/// The shipped queries, by file name.
const EXAMPLES: &[(&str, &str)] = &[
    ("people.rq", include_str!("../../../queries/people.rq")),
    (
        "organisations.rq",
        include_str!("../../../queries/organisations.rq"),
    ),
    (
        "proceedings.rq",
        include_str!("../../../queries/proceedings.rq"),
    ),
    ("timeline.rq", include_str!("../../../queries/timeline.rq")),
    ("evidence.rq", include_str!("../../../queries/evidence.rq")),
    (
        "dismissed.rq",
        include_str!("../../../queries/dismissed.rq"),
    ),
    ("chairs.rq", include_str!("../../../queries/chairs.rq")),
    (
        "investigations.rq",
        include_str!("../../../queries/investigations.rq"),
    ),
    (
        "iopc-referrals.rq",
        include_str!("../../../queries/iopc-referrals.rq"),
    ),
    (
        "standards.rq",
        include_str!("../../../queries/standards.rq"),
    ),
    (
        "unit-members.rq",
        include_str!("../../../queries/unit-members.rq"),
    ),
    (
        "ambiguous.rq",
        include_str!("../../../queries/ambiguous.rq"),
    ),
    (
        "possibly-same.rq",
        include_str!("../../../queries/possibly-same.rq"),
    ),
];

/// The results of a query as the page shows them.
enum Shown {
    Table {
        header: Vec<String>,
        rows: Vec<Vec<Term>>,
        more: bool,
    },
    Boolean(bool),
    Graph(String),
}

/// `GET /query` (`?query=` runs one, `?example=people.rq` fills the box with one).
pub(in super::super) async fn query_page(
    axum::extract::State(shared): axum::extract::State<State>,
    RawQuery(params): RawQuery,
) -> Response {
    let params = params.unwrap_or_default();
    let mut sparql = None;
    let mut example = None;
    for (name, value) in form_urlencoded::parse(params.as_bytes()) {
        match name.as_ref() {
            "query" => sparql = Some(value.into_owned()),
            "example" => {
                example = EXAMPLES
                    .iter()
                    .find(|(n, _)| *n == value)
                    .map(|(_, q)| (*q).to_owned())
            }
            _ => {}
        }
    }
    render(shared, move |shared| {
        let shown = match &sparql {
            Some(text) if !text.trim().is_empty() => Some(run(shared, text)),
            _ => None,
        };
        let text = sparql.or(example).unwrap_or_default();
        let status = match &shown {
            Some(Err(failure)) => failure.status,
            _ => axum::http::StatusCode::OK,
        };
        Ok((status, layout("Query", page(&text, shown))).into_response())
    })
    .await
}

fn run(shared: &super::super::Shared, text: &str) -> Result<Shown, Failure> {
    let name = "(query page)";
    let query = BoundQuery::parse(text, name).map_err(|e| Failure::from_error(&e))?;
    if query.calls_service() {
        let endpoint = if shared.allow_service {
            "send it to /sparql"
        } else {
            NO_SERVICE
        };
        return Err(Failure::new(
            axum::http::StatusCode::BAD_REQUEST,
            format!("query (query page): SERVICE is not run from this page: {endpoint}"),
        ));
    }
    let deadline = Deadline::start(shared.timeout);
    let results = shared
        .store
        .evaluate(query.prepare(&deadline))
        .map_err(|source| Failure::from_error(&deadline.error(name, source)))?;
    let check = |e| Failure::from_error(&deadline.error(name, e));
    Ok(match results {
        QueryResults::Boolean(value) => Shown::Boolean(value),
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut rows = Vec::new();
            let mut more = false;
            for solution in solutions {
                deadline.check(name).map_err(|e| Failure::from_error(&e))?;
                if rows.len() == shared.page_rows {
                    more = true;
                    break;
                }
                let solution = solution.map_err(check)?;
                rows.push(
                    variables
                        .iter()
                        .map(|v| {
                            solution.get(v).cloned().unwrap_or_else(|| {
                                Term::from(oxigraph::model::Literal::new_simple_literal(""))
                            })
                        })
                        .collect(),
                );
            }
            Shown::Table {
                header: variables.iter().map(|v| v.as_str().to_owned()).collect(),
                rows,
                more,
            }
        }
        QueryResults::Graph(triples) => {
            let mut lines = String::new();
            for (i, triple) in triples.enumerate() {
                if i == shared.page_rows {
                    lines.push_str("...\n");
                    break;
                }
                lines.push_str(&format!("{} .\n", triple.map_err(check)?));
            }
            Shown::Graph(lines)
        }
    })
}

fn page(text: &str, shown: Option<Result<Shown, Failure>>) -> Markup {
    let encoded: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
    html! {
        h1 { "SPARQL" }
        div.query-page {
            form.query action="/query" method="get" {
                textarea name="query" rows="18" cols="100" spellcheck="false" aria-label="SPARQL query" { (text) }
                button type="submit" { "Run" }
            }
            aside.examples {
                h2 { "Examples (queries/)" }
                ul { @for (name, _) in EXAMPLES { li { a href=(format!("/query?example={name}")) { (name) } } } }
            }
        }
        @match shown {
            None => {},
            Some(Err(failure)) => p.error { (failure.message) },
            Some(Ok(shown)) => {
                p.downloads {
                    "Download all: " a href=(format!("/sparql?format=csv&query={encoded}")) { "CSV" }
                    " · " a href=(format!("/sparql?format=json&query={encoded}")) { "JSON" }
                }
                (results(&shown))
            }
        }
    }
}

fn results(shown: &Shown) -> Markup {
    html! {
        @match shown {
            Shown::Boolean(value) => p.answer { (value) },
            Shown::Graph(lines) => pre.graph { (lines) },
            Shown::Table { header, rows, more } => {
                p.summary { (rows.len()) " rows" @if *more { " shown (more in the downloads)" } }
                table.results {
                    tr { @for h in header { th { (h) } } }
                    @for row in rows {
                        tr { @for term in row { td { (cell(term)) } } }
                    }
                }
            }
        }
    }
}

fn cell(term: &Term) -> Markup {
    match term {
        Term::NamedNode(node) => link(node.as_str(), node.as_str()),
        Term::Literal(literal) => html! { (literal.value()) },
        other => html! { (other.to_string()) },
    }
}
