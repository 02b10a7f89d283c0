//! An organisation's page: its kind, parent and sub-units (so that eighteen forces' "Roads
//! Policing Unit" are told apart by parent), the people serving in it, the proceedings against
//! them with outcome counts, and the investigations it carried out.
//!
//! Bounded at any size (the Met is named in half of all articles and has tens of thousands of
//! people): every query starts from the organisation's IRI and reads no article that merely
//! mentions it; the people, the proceedings and the investigations are shown at most
//! `--page-rows` rows at a time, with previous and next links whose `?members=`,
//! `?proceedings=` and `?investigations=` give the first row shown (counted from 0). The outcome
//! counts cover every proceeding, counted by one aggregate query within a budget; past it the
//! page says so, and links to the count under the server's time limit (`?counts=all`), rather
//! than show a number that is not the whole count.

use super::super::Shared;
use super::super::data;
use super::person::Facts;
use super::{layout, link};
use crate::error::Error;
use crate::sparql::TimeLimit;
use crate::vocab::{pg, w3c};
use maud::{Markup, html};
use oxigraph::model::NamedNode;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::Duration;

/// How long the outcome counts may take on an ordinary page view (`?counts=all`: the server's
/// time limit).
const COUNT_BUDGET: Duration = Duration::from_millis(150);

/// The most people an organisation may have for its outcomes to be counted on an ordinary
/// view of its page (the Met's 15,707 people at 100,000 articles take 1.8 s to count by scan).
const COUNTED_UP_TO: usize = 1_000;

/// The most people, proceedings or investigations a page lists (fewer if `--page-rows` is
/// lower): each costs a few point reads for its name, rank and outcome.
const LISTED: usize = 100;

/// The most sub-units listed (a force has tens, not thousands).
const UNITS_LISTED: usize = 500;

/// Which rows of an organisation's lists a page shows, from the page's address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Window {
    /// The first person shown (from 0).
    pub members: usize,
    /// The first proceeding shown.
    pub proceedings: usize,
    /// The first investigation shown.
    pub investigations: usize,
    /// Count the outcomes under the server's time limit rather than the page's budget.
    pub all_counts: bool,
}

impl Window {
    /// Reads `members=`, `proceedings=`, `investigations=` and `counts=all` from a URL query
    /// string; anything else, or a value that is not a number, is left at its default.
    pub(super) fn parse(query: &str) -> Self {
        let mut window = Window::default();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            let number = value.parse().ok();
            match name.as_ref() {
                "members" => window.members = number.unwrap_or(0),
                "proceedings" => window.proceedings = number.unwrap_or(0),
                "investigations" => window.investigations = number.unwrap_or(0),
                "counts" => window.all_counts = value == "all",
                _ => {}
            }
        }
        window
    }

    /// The page's address relative to itself (`?members=1000&...`), only what differs from
    /// the defaults.
    fn href(&self) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("members", self.members),
            ("proceedings", self.proceedings),
            ("investigations", self.investigations),
        ] {
            if value > 0 {
                parts.push(format!("{name}={value}"));
            }
        }
        if self.all_counts {
            parts.push("counts=all".to_owned());
        }
        format!("?{}", parts.join("&"))
    }
}

/// One list's page: which rows it shows, of how many, and how to reach the others.
struct Paged {
    /// The first row shown (from 0).
    first: usize,
    /// How many rows there are in all, when that is known.
    total: Option<usize>,
    /// The most rows a page shows.
    rows: usize,
    /// Whether rows follow this page's.
    more: bool,
}

impl Paged {
    /// A page of a list whose length is known.
    fn of(first: usize, total: usize, rows: usize) -> Paged {
        Paged {
            first,
            total: Some(total),
            rows,
            more: first.saturating_add(rows) < total,
        }
    }

    /// "People 1–100 of 42,311 (100 a page)." and the previous and next links, each made by
    /// `to` from the first row of the page it leads to; `order` says how a page is sorted.
    fn navigation(
        &self,
        what: &str,
        order: &str,
        shown: usize,
        to: impl Fn(usize) -> String,
    ) -> Markup {
        let last = self.first + shown;
        let paged = self.more || self.first > 0;
        html! {
            p.pager {
                @if shown == 0 {
                    "No " (what.to_lowercase()) " from " (thousands(self.first + 1))
                    @if let Some(total) = self.total { "; there are " (thousands(total)) }
                    "."
                } @else {
                    (what) " " (thousands(self.first + 1))
                    @if shown > 1 { "–" (thousands(last)) }
                    @if let Some(total) = self.total { " of " (thousands(total)) }
                    @if paged { " (" (thousands(self.rows)) " a page)" }
                    "."
                }
                @if self.first > 0 {
                    // Past the end, "previous" is the last page.
                    @let previous = match self.total {
                        Some(total) if self.first >= total => total.saturating_sub(1) / self.rows * self.rows,
                        _ => self.first.saturating_sub(self.rows),
                    };
                    " " a rel="prev" href=(to(previous)) { "previous " (thousands(self.rows)) }
                }
                @if self.more && shown > 0 {
                    " " a rel="next" href=(to(last)) { "next" }
                }
            }
            @if paged { p.note { "Each page is in order of " (order) "; the pages follow the order of the store (sorting them all would take a read of each)." } }
        }
    }
}

/// A number with thousands separated by commas.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The organisation's page.
pub(super) fn page(shared: &Shared, iri: &str, window: Window) -> Result<Markup, Error> {
    let Ok(node) = NamedNode::new(iri) else {
        return Ok(layout("Not found", html! { p { "not an IRI" } }));
    };
    let rows = shared.page_rows.clamp(1, LISTED);
    let described = [
        pg::ORGANISATION_KIND_PROP,
        w3c::ORG_SUB_ORGANIZATION_OF,
        w3c::SKOS_PREF_LABEL,
    ];
    let facts = Facts::described(shared, iri, &described)?;
    // A unit's label names its parent (see `data::labels`), so the title tells it apart.
    let title = facts.label(iri).to_owned();
    let parents: Vec<String> = facts
        .of(iri, w3c::ORG_SUB_ORGANIZATION_OF)
        .map(|f| data::plain(&f.object))
        .collect();
    let units = data::select(
        shared,
        &format!(
            "SELECT ?u ?label WHERE {{ ?u org:subOrganizationOf {node} . OPTIONAL {{ ?u skos:prefLabel ?label }} }} ORDER BY ?label LIMIT {UNITS_LISTED}"
        ),
        "sub-units",
        UNITS_LISTED,
    )?;
    let member_count = count(
        shared,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {} }}", people(&node)),
        "number of members",
    )?;
    let shape = Shape::choose(member_count, shared.index.counts.proceedings);
    let members = members(shared, &node, member_count, window.members, rows)?;
    let mut cases = proceedings(shared, &node, shape, window.proceedings, rows)?;
    let budget = if window.all_counts {
        shared.timeout
    } else {
        TimeLimit::new(COUNT_BUDGET.min(shared.timeout.duration()))
    };
    // Past COUNTED_UP_TO people the count is not tried on an ordinary view: it would not end
    // within the budget, and Oxigraph finishes the reads under way before it stops.
    let counts = if member_count == 0 || (member_count > COUNTED_UP_TO && !window.all_counts) {
        None
    } else {
        outcome_counts(shared, &node, shape, budget)?
    };
    if let Some(counts) = &counts {
        cases.page.total = Some(counts.total);
    }
    let investigated = investigations(shared, &node, window.investigations, rows)?;
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
            section #units {
                h2 { "Units" }
                ul { @for u in &units { li { (link(&data::get(u, "u"), &data::get(u, "label"))) } } }
                @if units.len() >= UNITS_LISTED { p.note { "(the first " (UNITS_LISTED) ")" } }
            }
        }
        (member_list(&members, window))
        (case_list(&cases, counts.as_ref(), member_count, window))
        (investigation_list(&investigated, window))
    };
    Ok(layout(&title, body))
}

/// How the queries over an organisation's people read the store. A point read (one person's
/// proceedings, one proceeding's outcome) costs tens of times as much as reading a quad in
/// sequence: for a few people, reading each one's proceedings is cheapest; for the largest (the Met is half the store), one sequential read of every
/// proceeding's subjects and outcomes, matched against the people in memory, is, and it is
/// bounded by the size of the store, not by the organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// For each person, their proceedings (a point read each).
    PerPerson,
    /// Every proceeding's subject read in sequence and matched against the people (SPARQL
    /// subqueries, which Oxigraph joins by hashing rather than a point read per row).
    Scan,
}

/// How many proceedings read in sequence cost as much as reading one person's proceedings and
/// their outcomes point by point (on the bench's 10,000-article store, 20,022 proceedings: the
/// Met's 5,057 people 427 ms one by one and 58 ms by scan, Kent Police's 462 people 10 ms and
/// 58 ms; at 100,000 articles, 198,496 proceedings: the Met's 15,707 people 10.6 s and 1.8 s).
const POINT_READ_COST: usize = 20;

impl Shape {
    fn choose(members: usize, proceedings_in_store: usize) -> Shape {
        if members.saturating_mul(POINT_READ_COST) > proceedings_in_store {
            Shape::Scan
        } else {
            Shape::PerPerson
        }
    }

    /// The proceedings against the people (`?p` bound by `people`): `?case pg:subject ?p`.
    fn cases(self, people: &str) -> String {
        match self {
            Shape::PerPerson => format!("{people} ?case pg:subject ?p ."),
            Shape::Scan => {
                format!("{people} {{ SELECT ?case ?p WHERE {{ ?case pg:subject ?p }} }}")
            }
        }
    }

    /// `?o` for each outcome of each proceeding, and markers for every proceeding and for
    /// every proceeding with an outcome, so that one pass counts them all (in plain SPARQL,
    /// `OPTIONAL { ?case pg:outcome ?o }`, the proceedings without one left unbound).
    fn outcomes(self) -> &'static str {
        match self {
            // LATERAL: each proceeding's outcomes read from it (a join would read them all).
            Shape::PerPerson => {
                "LATERAL { { ?case pg:outcome ?o } UNION { BIND(<urn:policegraph:all> AS ?o) }
                   UNION { ?case pg:outcome ?x BIND(<urn:policegraph:some> AS ?o) } }"
            }
            Shape::Scan => {
                "{ SELECT ?case ?o WHERE { ?case pg:outcome ?o } }
                 UNION { SELECT ?case (<urn:policegraph:all> AS ?o) WHERE { ?case pg:subject ?x } }
                 UNION { SELECT ?case (<urn:policegraph:some> AS ?o) WHERE { ?case pg:outcome ?x } }"
            }
        }
    }
}

/// The people who serve in the organisation, by any article.
fn people(node: &NamedNode) -> String {
    format!("{{ SELECT DISTINCT ?p WHERE {{ ?p org:memberOf {node} }} }}")
}

/// A page of the people serving in the organisation, with their rank or title as the articles
/// that put them there give it.
struct Members {
    page: Paged,
    /// Person, name, ranks and titles, by name.
    people: Vec<(String, String, Vec<String>)>,
}

fn members(
    shared: &Shared,
    node: &NamedNode,
    total: usize,
    first: usize,
    rows: usize,
) -> Result<Members, Error> {
    // In the store's order (stable while the server runs): sorting tens of thousands of names
    // would cost a point read each. The page is then sorted by name.
    let page = data::select(
        shared,
        &format!(
            "SELECT ?p WHERE {{ {} }} LIMIT {rows} OFFSET {first}",
            people(node)
        ),
        "members",
        rows,
    )?;
    let iris: Vec<String> = page.iter().filter_map(|r| data::get_iri(r, "p")).collect();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut roles: HashMap<String, BTreeSet<String>> = HashMap::new();
    if !iris.is_empty() {
        let sparql = format!(
            "SELECT DISTINCT ?p ?name ?role WHERE {{ VALUES ?p {{ {} }}
               {{ ?p foaf:name ?name }}
               UNION {{ GRAPH ?g {{ ?p org:memberOf {node} }}
                 {{ GRAPH ?g {{ ?p pg:rank ?r }} ?r skos:prefLabel ?role }}
                 UNION {{ GRAPH ?g {{ ?p pg:roleTitle ?role }} }} }} }}",
            data::values(iris.iter().map(String::as_str))
        );
        for row in data::select(shared, &sparql, "members' names and ranks", 20_000)? {
            let Some(person) = data::get_iri(&row, "p") else {
                continue;
            };
            let name = data::get(&row, "name");
            if !name.is_empty() {
                names
                    .entry(person.clone())
                    .and_modify(|n| {
                        if name < *n {
                            n.clone_from(&name)
                        }
                    })
                    .or_insert(name);
            }
            let role = data::get(&row, "role");
            if !role.is_empty() {
                roles.entry(person).or_default().insert(role);
            }
        }
    }
    let mut people: Vec<(String, String, Vec<String>)> = iris
        .into_iter()
        .map(|person| {
            let name = names.remove(&person).unwrap_or_else(|| person.clone());
            let roles = roles
                .remove(&person)
                .map(|r| r.into_iter().collect())
                .unwrap_or_default();
            (person, name, roles)
        })
        .collect();
    people.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    Ok(Members {
        page: Paged::of(first, total, rows),
        people,
    })
}

/// A COUNT query's number.
fn count(shared: &Shared, sparql: &str, name: &str) -> Result<usize, Error> {
    let rows = data::select(shared, sparql, name, 1)?;
    Ok(rows
        .first()
        .and_then(|row| data::get_number(row, "n"))
        .unwrap_or(0))
}

/// A page of the proceedings against the organisation's people (their number known only when
/// the outcomes were counted).
struct Cases {
    page: Paged,
    list: Vec<Case>,
}

struct Case {
    iri: String,
    date: String,
    people: Vec<(String, String)>,
    kind: String,
    outcomes: Vec<String>,
}

fn proceedings(
    shared: &Shared,
    node: &NamedNode,
    shape: Shape,
    first: usize,
    rows: usize,
) -> Result<Cases, Error> {
    // In the store's order, by person; the page is then sorted by date.
    let page = data::select(
        shared,
        &format!(
            "SELECT DISTINCT ?case WHERE {{ {} }} LIMIT {} OFFSET {first}",
            shape.cases(&people(node)),
            rows + 1
        ),
        "proceedings of members",
        rows + 1,
    )?;
    let more = page.len() > rows;
    let iris: Vec<String> = page
        .iter()
        .take(rows)
        .filter_map(|r| data::get_iri(r, "case"))
        .collect();
    let mut details: HashMap<String, Case> = HashMap::new();
    if !iris.is_empty() {
        let sparql = format!(
            "SELECT ?case ?p ?name ?kind ?outcome ?date WHERE {{ VALUES ?case {{ {} }}
               {{ ?case pg:subject ?p . FILTER EXISTS {{ ?p org:memberOf {node} }}
                  OPTIONAL {{ ?p foaf:name ?name }} }}
               UNION {{ ?case pg:proceedingKind/skos:prefLabel ?kind }}
               UNION {{ ?case pg:outcome/skos:prefLabel ?outcome }}
               UNION {{ ?case pg:date ?date }} }}",
            data::values(iris.iter().map(String::as_str))
        );
        for row in data::select(shared, &sparql, "proceedings' details", 20_000)? {
            let Some(iri) = data::get_iri(&row, "case") else {
                continue;
            };
            let case = details.entry(iri.clone()).or_insert_with(|| Case {
                iri,
                date: String::new(),
                people: Vec::new(),
                kind: String::new(),
                outcomes: Vec::new(),
            });
            if let Some(person) = data::get_iri(&row, "p") {
                let entry = (person, data::get(&row, "name"));
                if !case.people.contains(&entry) {
                    case.people.push(entry);
                }
            }
            for (variable, value) in [("kind", &mut case.kind), ("date", &mut case.date)] {
                let found = data::get(&row, variable);
                if !found.is_empty() && (value.is_empty() || found < *value) {
                    *value = found;
                }
            }
            let outcome = data::get(&row, "outcome");
            if !outcome.is_empty() && !case.outcomes.contains(&outcome) {
                case.outcomes.push(outcome);
            }
        }
    }
    let mut list: Vec<Case> = iris
        .iter()
        .filter_map(|iri| details.remove(iri))
        .map(|mut case| {
            case.people.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
            case.outcomes.sort();
            case
        })
        .collect();
    // Undated last, as on a person's timeline.
    list.sort_by(|a, b| {
        (a.date.is_empty(), &a.date, &a.iri).cmp(&(b.date.is_empty(), &b.date, &b.iri))
    });
    Ok(Cases {
        page: Paged {
            first,
            total: None,
            rows,
            more,
        },
        list,
    })
}

/// How many proceedings there are against the organisation's people, and how many ended in
/// each outcome (a proceeding with two outcomes counts under both) or report none.
struct OutcomeCounts {
    total: usize,
    by_outcome: BTreeMap<String, usize>,
    none: usize,
}

/// The counts, by one aggregate query within `budget` (`None` past it).
fn outcome_counts(
    shared: &Shared,
    node: &NamedNode,
    shape: Shape,
    budget: TimeLimit,
) -> Result<Option<OutcomeCounts>, Error> {
    let sparql = format!(
        "SELECT ?o (COUNT(DISTINCT ?case) AS ?n) WHERE {{ {} {} }} GROUP BY ?o",
        shape.cases(&people(node)),
        shape.outcomes()
    );
    let Some(rows) = data::select_within(shared, budget, &sparql, "outcome counts", 1000)? else {
        return Ok(None);
    };
    let mut numbers: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        if let Some(outcome) = data::get_iri(row, "o") {
            numbers.insert(outcome, data::get_number(row, "n").unwrap_or(0));
        }
    }
    let total = numbers.remove("urn:policegraph:all").unwrap_or(0);
    let some = numbers.remove("urn:policegraph:some").unwrap_or(0);
    let labels = data::labels(shared, &numbers.keys().cloned().collect())?;
    let mut by_outcome = BTreeMap::new();
    for (outcome, n) in numbers {
        let label = labels.get(&outcome).cloned().unwrap_or(outcome);
        *by_outcome.entry(label).or_default() += n;
    }
    Ok(Some(OutcomeCounts {
        total,
        by_outcome,
        none: total.saturating_sub(some),
    }))
}

/// A page of what the organisation investigated: a person, or a proceeding named by its
/// subject.
struct Investigated {
    page: Paged,
    list: Vec<(String, String)>,
}

fn investigations(
    shared: &Shared,
    node: &NamedNode,
    first: usize,
    rows: usize,
) -> Result<Investigated, Error> {
    let investigated = format!("{{ SELECT DISTINCT ?s WHERE {{ ?s pg:investigatedBy {node} }} }}");
    let total = count(
        shared,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {investigated} }}"),
        "number of investigations",
    )?;
    if total == 0 {
        return Ok(Investigated {
            page: Paged::of(first, total, rows),
            list: Vec::new(),
        });
    }
    // In the store's order; the page is then sorted by name.
    let page = data::select(
        shared,
        &format!(
            "SELECT ?s ?name WHERE {{
               {{ SELECT ?s WHERE {{ {investigated} }} LIMIT {rows} OFFSET {first} }}
               OPTIONAL {{ ?s foaf:name ?n }} OPTIONAL {{ ?s pg:subject/foaf:name ?m }}
               BIND(COALESCE(?n, ?m, STR(?s)) AS ?name) }}"
        ),
        "investigations",
        20_000,
    )?;
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for row in &page {
        if let Some(iri) = data::get_iri(row, "s") {
            let name = data::get(row, "name");
            names
                .entry(iri)
                .and_modify(|n| {
                    if name < *n {
                        n.clone_from(&name)
                    }
                })
                .or_insert(name);
        }
    }
    let mut list: Vec<(String, String)> = names.into_iter().collect();
    list.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    Ok(Investigated {
        page: Paged::of(first, total, rows),
        list,
    })
}

fn member_list(members: &Members, window: Window) -> Markup {
    let to = |first| {
        Window {
            members: first,
            ..window
        }
        .href()
    };
    html! {
        @if members.page.total > Some(0) {
            section #members {
                h2 { "People serving in it" }
                (members.page.navigation("People", "name", members.people.len(), to))
                ul {
                    @for (person, name, roles) in &members.people {
                        li {
                            (link(person, name))
                            @if !roles.is_empty() { ", " span.role { (roles.join(" / ")) } }
                        }
                    }
                }
            }
        }
    }
}

/// The outcome counts (of every proceeding, or a note that they could not be had in time) and
/// a page of the proceedings.
fn case_list(
    cases: &Cases,
    counts: Option<&OutcomeCounts>,
    members: usize,
    window: Window,
) -> Markup {
    let to = |first| {
        Window {
            proceedings: first,
            ..window
        }
        .href()
    };
    let counted = Window {
        all_counts: true,
        ..window
    }
    .href();
    html! {
        @if !cases.list.is_empty() || cases.page.first > 0 {
            section #proceedings {
                h2 { "Proceedings against its people" }
                @match counts {
                    Some(counts) => {
                        table.outcome-counts {
                            tr { th { "outcome" } th { "proceedings" } }
                            @for (outcome, count) in &counts.by_outcome { tr { td { (outcome) } td { (thousands(*count)) } } }
                            @if counts.none > 0 { tr { td { "no outcome reported" } td { (thousands(counts.none)) } } }
                        }
                        p.note { "Of all " (thousands(counts.total)) " proceedings (one with two outcomes counts under both)." }
                    }
                    None => {
                        p.note.counts-pending {
                            @if members > COUNTED_UP_TO {
                                "The proceedings of its " (thousands(members)) " people and their outcomes are not counted on this page (over "
                                (thousands(COUNTED_UP_TO)) " people, counting takes seconds): "
                            } @else {
                                "The proceedings and their outcomes were not counted within this page's "
                                (COUNT_BUDGET.as_millis()) " ms: "
                            }
                            a href=(counted) { "count them" } " (up to the server's time limit)."
                        }
                    }
                }
                (cases.page.navigation("Proceedings", "date", cases.list.len(), to))
                table.proceedings {
                    tr { th { "date" } th { "who" } th { "proceeding" } th { "outcome" } }
                    @for case in &cases.list {
                        tr {
                            td { (case.date) }
                            td { @for (i, (person, name)) in case.people.iter().enumerate() { @if i > 0 { ", " } (link(person, name)) } }
                            td { (link(&case.iri, if case.kind.is_empty() { "proceeding" } else { &case.kind })) }
                            td.outcome { (case.outcomes.join("; ")) }
                        }
                    }
                }
            }
        }
    }
}

fn investigation_list(investigated: &Investigated, window: Window) -> Markup {
    let to = |first| {
        Window {
            investigations: first,
            ..window
        }
        .href()
    };
    html! {
        @if investigated.page.total > Some(0) {
            section #investigations {
                h2 { "Investigations it carried out" }
                (investigated.page.navigation("Investigations", "name", investigated.list.len(), to))
                ul { @for (iri, name) in &investigated.list { li { (link(iri, name)) } } }
            }
        }
    }
}
