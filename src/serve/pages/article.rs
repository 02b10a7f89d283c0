//! An article's page: its text (the stored body, else the sentences facts were read from) with
//! each fact's words highlighted, the facts beside it, its source and date, and its graph as
//! Graphviz draws it.

use super::super::data::{self, Row};
use super::super::protocol::Failure;
use super::super::{Shared, State};
use super::evidence::{article_info, highlight, predicate_words};
use super::{failed, layout, link, render};
use crate::dot::{Drawing, read_graph, to_dot};
use crate::error::Error;
use crate::vocab::{ID, pg};
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use oxigraph::model::NamedNode;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The article's cleaned text, where the store has it (schema:articleBody).
const ARTICLE_BODY: &str = "https://schema.org/articleBody";

/// The article's page.
pub(super) fn page(shared: &Shared, iri: &str) -> Result<Markup, Error> {
    let Ok(node) = NamedNode::new(iri) else {
        return Ok(layout("Not found", html! { p { "not an IRI" } }));
    };
    let info = article_info(shared, &BTreeSet::from([iri.to_owned()]))?
        .remove(iri)
        .unwrap_or_default();
    let body = data::select(
        shared,
        &format!("SELECT ?body WHERE {{ {node} <{ARTICLE_BODY}> ?body }} LIMIT 1"),
        "article body",
        1,
    )?;
    let sentences = data::select(
        shared,
        &format!(
            "SELECT ?text ?start WHERE {{ ?s pg:inArticle {node} ; schema:text ?text ; pg:startChar ?start }} ORDER BY ?start"
        ),
        "sentences",
        10_000,
    )?;
    let facts = data::select(
        shared,
        &format!("SELECT ?about ?p ?o ?words ?start ?end WHERE {{ GRAPH {node} {{
            ?e a pg:Evidence ; rdf:subject ?about ; rdf:predicate ?p ; rdf:object ?o ;
               pg:quotedText ?words ; pg:startChar ?start ; pg:endChar ?end }} }} ORDER BY ?start ?end"),
        "facts of the article",
        10_000,
    )?;
    let mut iris = BTreeSet::new();
    for row in &facts {
        iris.extend(data::get_iri(row, "about"));
        iris.extend(data::get_iri(row, "o"));
    }
    let labels = data::labels(shared, &iris)?;
    let spans: Vec<(usize, usize, String)> = facts
        .iter()
        .map(|r| {
            let n = |v| data::get_number(r, v).unwrap_or(0);
            (n("start"), n("end"), data::get(r, "words"))
        })
        .collect();
    let spans: Vec<(usize, usize, &str)> =
        spans.iter().map(|(s, e, w)| (*s, *e, w.as_str())).collect();
    let path = iri.strip_prefix(ID).unwrap_or(iri);
    let page = html! {
        h1 { (info.title) }
        p.source {
            @if let Some(url) = &info.url { a href=(url) rel="nofollow noopener" { (url) } } @else { (info.location) }
            @if let Some(date) = &info.published { " · " time { (date) } }
        }
        div.article-page {
            article.text {
                @if let Some(row) = body.first() {
                    div.body { (highlight(&data::get(row, "body"), 0, &spans)) }
                } @else {
                    p.note { "The sentences facts were read from (the store does not keep the whole text):" }
                    @for row in &sentences {
                        p.sentence { (highlight(&data::get(row, "text"), data::get_number(row, "start").unwrap_or(0), &spans)) }
                    }
                }
            }
            aside.facts {
                h2 { "Facts" }
                ol { @for row in facts.iter().filter(|r| data::get(r, "p") != pg::MENTIONED_IN) { (fact_item(row, &labels)) } }
            }
        }
        @if graphviz_present() {
            section.drawing { h2 { "The article's graph" } img src=(format!("/article-graph/{path}")) alt="the article's graph, as Graphviz draws it"; }
        } @else {
            p.note { "Install Graphviz (dot) to see the article's graph drawn here." }
        }
    };
    Ok(layout(&info.title, page))
}

fn fact_item(row: &Row, labels: &std::collections::HashMap<String, String>) -> Markup {
    let name = |v: &str| {
        let text = data::get(row, v);
        labels.get(&text).cloned().unwrap_or(text)
    };
    let start = data::get_number(row, "start").unwrap_or(0);
    html! {
        li {
            a.to-text href=(format!("#c{start}")) title="where the article says it" { "¶" }
            " " (link(&data::get(row, "about"), &name("about")))
            " " span.predicate { (predicate_words(&data::get(row, "p"))) } " "
            span.value { (link(&data::get(row, "o"), &name("o"))) }
            ": " q { (data::get(row, "words")) }
        }
    }
}

/// Whether Graphviz's `dot` runs here (asked once).
fn graphviz_present() -> bool {
    static PRESENT: OnceLock<bool> = OnceLock::new();
    *PRESENT.get_or_init(|| {
        Command::new("dot")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// `GET /article-graph/...`: the article's people, organisations and proceedings as SVG.
pub(in super::super) async fn article_graph(
    axum::extract::State(shared): axum::extract::State<State>,
    Path(path): Path<String>,
) -> Response {
    render(shared, move |shared| {
        let iri = format!("{ID}{path}");
        let drawing = shared
            .drawing
            .get_or_init(|| read_graph(&shared.store).map_err(|e| crate::commands::error_line(&e)));
        let drawing = drawing
            .as_ref()
            .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.clone()))?;
        let part = of_article(drawing, &iri);
        if part.node_count() == 0 {
            return Err(Failure::new(
                StatusCode::NOT_FOUND,
                format!("{iri}: nothing to draw"),
            ));
        }
        let svg = run_dot(&to_dot(&part, None)).map_err(failed)?;
        Ok(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response())
    })
    .await
}

/// The part of the drawing one article gives.
fn of_article(drawing: &Drawing, article: &str) -> Drawing {
    drawing.filter_map(
        |_, node| {
            let here = node.articles.contains(article)
                || node.case.as_ref().is_some_and(|c| c.article == article);
            here.then(|| node.clone())
        },
        |_, link| Some(*link),
    )
}

/// Graphviz's SVG of a DOT text.
fn run_dot(dot: &str) -> Result<Vec<u8>, Error> {
    let dot_error = |source| Error::Graphviz { source };
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(dot_error)?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(dot.as_bytes()).map_err(dot_error)?;
    }
    let output = child.wait_with_output().map_err(dot_error)?;
    if !output.status.success() {
        return Err(dot_error(std::io::Error::other(format!(
            "dot exited with {}",
            output.status
        ))));
    }
    Ok(output.stdout)
}
