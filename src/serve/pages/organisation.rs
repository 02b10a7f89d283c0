//! An organisation's page: its kind, parent and sub-units (so that eighteen forces' "Roads
//! Policing Unit" are told apart by parent), the people serving in it, the proceedings against
//! them with outcome counts, and the investigations it carried out.

use super::super::Shared;
use super::super::data::{self, Row};
use super::person::Facts;
use super::{layout, link};
use crate::error::Error;
use crate::vocab::{pg, w3c};
use maud::{Markup, html};
use oxigraph::model::NamedNode;
use std::collections::BTreeMap;

/// The most members, proceedings and investigations an organisation's page lists.
const LISTED: usize = 500;

/// The organisation's page.
pub(super) fn page(shared: &Shared, iri: &str) -> Result<Markup, Error> {
    let Ok(node) = NamedNode::new(iri) else {
        return Ok(layout("Not found", html! { p { "not an IRI" } }));
    };
    let facts = Facts::read(shared, &[iri.to_owned()], false)?;
    // A unit's label names its parent (see `data::labels`), so the title tells it apart.
    let title = facts.label(iri).to_owned();
    let parents: Vec<String> = facts
        .of(iri, w3c::ORG_SUB_ORGANIZATION_OF)
        .map(|f| data::plain(&f.object))
        .collect();
    let units = data::select(
        shared,
        &format!(
            "SELECT ?u ?label WHERE {{ ?u org:subOrganizationOf {node} . OPTIONAL {{ ?u skos:prefLabel ?label }} }} ORDER BY ?label LIMIT {LISTED}"
        ),
        "sub-units",
        LISTED,
    )?;
    let members = data::select(
        shared,
        &format!("SELECT DISTINCT ?p ?name ?role WHERE {{
            {{ SELECT DISTINCT ?p ?g WHERE {{ GRAPH ?g {{ ?p org:memberOf {node} }} }} LIMIT {LISTED} }}
            OPTIONAL {{ ?p foaf:name ?name }}
            OPTIONAL {{ GRAPH ?g {{ ?p pg:rank ?r }} ?r skos:prefLabel ?rank }}
            OPTIONAL {{ GRAPH ?g {{ ?p pg:roleTitle ?title }} }}
            BIND(COALESCE(?rank, ?title, \"\") AS ?role) }} ORDER BY ?name"),
        "members",
        LISTED,
    )?;
    let cases = data::select(
        shared,
        &format!("SELECT ?case ?p ?name ?kind ?date (GROUP_CONCAT(DISTINCT ?outcome; separator=\"; \") AS ?outcomes) WHERE {{
            {{ SELECT DISTINCT ?p WHERE {{ ?p org:memberOf {node} }} LIMIT {LISTED} }}
            ?case pg:subject ?p .
            OPTIONAL {{ ?p foaf:name ?name }}
            OPTIONAL {{ ?case pg:proceedingKind/skos:prefLabel ?kind }}
            OPTIONAL {{ ?case pg:date ?date }}
            OPTIONAL {{ ?case pg:outcome/skos:prefLabel ?outcome }}
          }} GROUP BY ?case ?p ?name ?kind ?date ORDER BY ?date LIMIT {LISTED}"),
        "proceedings of members",
        LISTED,
    )?;
    let investigated = data::select(
        shared,
        &format!(
            "SELECT DISTINCT ?s ?name WHERE {{ ?s pg:investigatedBy {node} .
            OPTIONAL {{ ?s foaf:name ?n }} OPTIONAL {{ ?s pg:subject/foaf:name ?m }}
            BIND(COALESCE(?n, ?m, STR(?s)) AS ?name) }} LIMIT {LISTED}"
        ),
        "investigations",
        LISTED,
    )?;
    let body = html! {
        h1 { (title) }
        p.iri { "Organisation " code { (iri) } }
        dl.about {
            @let kinds: Vec<_> = facts.of(iri, pg::ORGANISATION_KIND_PROP).collect();
            @if !kinds.is_empty() { dt { "kind" } dd.kind { ul.facts { (facts.items(kinds)) } } }
            @if !parents.is_empty() {
                dt { "part of" }
                dd.parent { @for parent in &parents { (link(parent, facts.label(parent))) " " } }
            }
        }
        @if !units.is_empty() {
            section #units { h2 { "Units" } ul { @for u in &units { li { (link(&data::get(u, "u"), &data::get(u, "label"))) } } } }
        }
        (member_list(&members))
        (case_list(&cases, members.len() >= LISTED))
        @if !investigated.is_empty() {
            section #investigations {
                h2 { "Investigations it carried out" }
                ul { @for row in &investigated { li { (link(&data::get(row, "s"), &data::get(row, "name"))) } } }
            }
        }
    };
    Ok(layout(&title, body))
}

fn member_list(members: &[Row]) -> Markup {
    html! {
        @if !members.is_empty() {
            section #members {
                h2 { "People serving in it" }
                ul {
                    @for row in members {
                        li {
                            (link(&data::get(row, "p"), &data::get(row, "name")))
                            @let role = data::get(row, "role");
                            @if !role.is_empty() { ", " span.role { (role) } }
                        }
                    }
                }
                @if members.len() >= LISTED { p { "(the first " (LISTED) ")" } }
            }
        }
    }
}

/// The proceedings against the people listed (`partial`: only the first people are listed).
fn case_list(cases: &[Row], partial: bool) -> Markup {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in cases {
        let outcomes = data::get(row, "outcomes");
        if outcomes.is_empty() {
            *counts.entry("no outcome reported".to_owned()).or_default() += 1;
        }
        for outcome in outcomes.split("; ").filter(|o| !o.is_empty()) {
            *counts.entry(outcome.to_owned()).or_default() += 1;
        }
    }
    html! {
        @if !cases.is_empty() {
            section #proceedings {
                h2 { "Proceedings against its people" }
                @if partial { p.note { "Against the first " (LISTED) " people it lists (query /sparql for them all)." } }
                table.outcome-counts {
                    tr { th { "outcome" } th { "proceedings" } }
                    @for (outcome, count) in &counts { tr { td { (outcome) } td { (count) } } }
                }
                table.proceedings {
                    tr { th { "date" } th { "who" } th { "proceeding" } th { "outcome" } }
                    @for row in cases {
                        tr {
                            td { (data::get(row, "date")) }
                            td { (link(&data::get(row, "p"), &data::get(row, "name"))) }
                            td { (link(&data::get(row, "case"), &data::get(row, "kind"))) }
                            td.outcome { (data::get(row, "outcomes")) }
                        }
                    }
                }
            }
        }
    }
}
