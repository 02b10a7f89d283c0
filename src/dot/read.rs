//! Reads the drawable graph from the store: one whole-predicate scan per fact the drawing
//! shows, joined here, which stays fast on a large store where one SPARQL join would seek row by
//! row.

use super::{Case, Drawing, Link, Node, NodeKind};
use crate::concepts::OrgKind;
use crate::error::Error;
use crate::store::GraphStore;
use crate::text::dates::MONTH_NAMES;
use crate::vocab::{pg, w3c};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// An article as the list of namesakes names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub url: Option<String>,
    pub headline: Option<String>,
    /// Where it was read from, for an article without a URL.
    pub location: Option<String>,
}

impl Article {
    /// The URL, or else where the article was read from.
    pub fn address(&self) -> Option<&str> {
        self.url.as_deref().or(self.location.as_deref())
    }
}

fn text(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The distinct (subject, object) pairs of one predicate, sorted.
fn pairs(store: &GraphStore, predicate: &str) -> Result<Vec<(String, String)>, Error> {
    let sparql = format!("SELECT DISTINCT ?s ?o WHERE {{ ?s <{predicate}> ?o }}");
    let name = format!("dot <{predicate}>");
    let QueryResults::Solutions(solutions) = store.query(&sparql, &name)? else {
        return Ok(Vec::new());
    };
    let mut pairs = solutions
        .map(|row| {
            let row = row.map_err(|source| Error::Query {
                query: name.clone(),
                source,
            })?;
            Ok((text(row.get("s")), text(row.get("o"))))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    pairs.sort();
    Ok(pairs)
}

/// The subjects of one predicate with each one's objects.
fn grouped(store: &GraphStore, predicate: &str) -> Result<BTreeMap<String, Vec<String>>, Error> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (s, o) in pairs(store, predicate)? {
        map.entry(s).or_default().push(o);
    }
    Ok(map)
}

/// The instances of a class.
fn instances(store: &GraphStore, class: &str) -> Result<BTreeSet<String>, Error> {
    let sparql = format!("SELECT DISTINCT ?s WHERE {{ ?s a <{class}> }}");
    let name = format!("dot <{class}>");
    let QueryResults::Solutions(solutions) = store.query(&sparql, &name)? else {
        return Ok(BTreeSet::new());
    };
    solutions
        .map(|row| {
            row.map(|row| text(row.get("s")))
                .map_err(|source| Error::Query {
                    query: name.clone(),
                    source,
                })
        })
        .collect()
}

/// Reads the drawable graph from the store: people, organisations mentioned in an article, and
/// proceedings, with ranks, dates, findings and outcomes, and the links between them; names
/// shared by several nodes are qualified by parent or force.
pub fn read_graph(store: &GraphStore) -> Result<Drawing, Error> {
    let labels: BTreeMap<String, String> = pairs(store, w3c::SKOS_PREF_LABEL)?
        .into_iter()
        .rev() // the first label in sorted order wins
        .collect();
    let mentions = grouped(store, pg::MENTIONED_IN)?;
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    people(store, &mut nodes)?;
    for (iri, kind) in pairs(store, pg::ORGANISATION_KIND_PROP)? {
        if let (Some(label), true) = (labels.get(&iri), mentions.contains_key(&iri)) {
            let kind = NodeKind::Organisation(OrgKind::from_iri(&kind).unwrap_or(OrgKind::Other));
            nodes
                .entry(iri.clone())
                .or_insert_with(|| Node::new(iri, label.clone(), kind));
        }
    }
    for (iri, kind) in pairs(store, pg::PROCEEDING_KIND_PROP)? {
        let name = labels.get(&kind).cloned().unwrap_or(kind);
        nodes
            .entry(iri.clone())
            .or_insert_with(|| Node::new(iri, name, NodeKind::Proceeding));
    }
    for (iri, articles) in mentions {
        if let Some(node) = nodes.get_mut(&iri) {
            node.articles.extend(articles);
        }
    }
    details(store, &labels, &mut nodes)?;
    cases(store, &mut nodes)?;
    let mut graph = Drawing::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for (iri, node) in nodes {
        index.insert(iri, graph.add_node(node));
    }
    for link in Link::ALL {
        for (s, o) in pairs(store, link.predicate())? {
            if let (Some(&a), Some(&b)) = (index.get(&s), index.get(&o)) {
                graph.add_edge(a, b, link);
            }
        }
    }
    qualify(&mut graph);
    Ok(graph)
}

/// Every named person, an officer where the store says so.
fn people(store: &GraphStore, nodes: &mut BTreeMap<String, Node>) -> Result<(), Error> {
    let persons = instances(store, w3c::FOAF_PERSON)?;
    let officers = instances(store, pg::POLICE_OFFICER)?;
    for (iri, name) in pairs(store, w3c::FOAF_NAME)? {
        if persons.contains(&iri) && !nodes.contains_key(&iri) {
            let kind = match officers.contains(&iri) {
                true => NodeKind::Officer,
                false => NodeKind::Person,
            };
            nodes.insert(iri.clone(), Node::new(iri, name, kind));
        }
    }
    Ok(())
}

/// The lines under the names: ranks from junior to senior (or, without a rank, job titles);
/// a proceeding's dates, finding and outcomes.
fn details(
    store: &GraphStore,
    labels: &BTreeMap<String, String>,
    nodes: &mut BTreeMap<String, Node>,
) -> Result<(), Error> {
    let seniority: BTreeMap<String, i64> = pairs(store, pg::SENIORITY)?
        .into_iter()
        .filter_map(|(rank, n)| Some((rank, n.parse().ok()?)))
        .collect();
    let label = |iri: &String| labels.get(iri).cloned().unwrap_or_else(|| iri.clone());
    for (iri, mut ranks) in grouped(store, pg::RANK_PROP)? {
        if let Some(node) = nodes.get_mut(&iri) {
            ranks.sort_by_key(|r| (seniority.get(r).copied().unwrap_or(i64::MAX), label(r)));
            node.details
                .push(ranks.iter().map(label).collect::<Vec<_>>().join(", "));
        }
    }
    for (iri, titles) in grouped(store, pg::ROLE_TITLE)? {
        if let Some(node) = nodes.get_mut(&iri).filter(|n| n.details.is_empty()) {
            node.details.push(titles.join(", "));
        }
    }
    let dates = grouped(store, pg::DATE)?;
    let findings = grouped(store, pg::FINDING_PROP)?;
    let outcomes = grouped(store, pg::OUTCOME_PROP)?;
    for node in nodes.values_mut() {
        if node.kind != NodeKind::Proceeding {
            continue;
        }
        if let Some(dates) = dates.get(&node.iri) {
            let dates: Vec<String> = dates.iter().map(|d| spoken_date(d)).collect();
            node.details.push(dates.join(", "));
        }
        for values in [findings.get(&node.iri), outcomes.get(&node.iri)]
            .into_iter()
            .flatten()
        {
            node.details
                .push(values.iter().map(label).collect::<Vec<_>>().join(", "));
        }
    }
    Ok(())
}

/// A date as a reader writes it: `2023-10-04` is "4 October 2023", `--10-04` (an `xsd:gMonthDay`,
/// the year unstated) "4 October, year not stated"; anything else as it is.
fn spoken_date(value: &str) -> String {
    let (year, month_day) = match value.strip_prefix("--") {
        Some(month_day) => (None, month_day),
        None => match value.split_once('-') {
            Some((year, rest)) => (Some(year), rest),
            None => return value.to_owned(),
        },
    };
    let mut parts = month_day.splitn(2, '-');
    let month = parts.next().and_then(|m| m.parse::<usize>().ok());
    let day = parts.next().and_then(|d| d.get(..2)?.parse::<u32>().ok());
    match (
        month.and_then(|m| MONTH_NAMES.get(m.checked_sub(1)?)),
        day,
        year,
    ) {
        (Some(month), Some(day), Some(year)) => format!("{day} {month} {year}"),
        (Some(month), Some(day), None) => format!("{day} {month}, year not stated"),
        _ => value.to_owned(),
    }
}

/// Each proceeding's article, as its case.
fn cases(store: &GraphStore, nodes: &mut BTreeMap<String, Node>) -> Result<(), Error> {
    let articles = read_articles(store)?;
    for (iri, article) in pairs(store, w3c::PROV_WAS_DERIVED_FROM)? {
        let Some(node) = nodes.get_mut(&iri) else {
            continue;
        };
        if node.kind == NodeKind::Proceeding && node.case.is_none() {
            let about = articles.get(&article);
            let title = about
                .and_then(|a| a.headline.as_deref().or(a.address()))
                .unwrap_or(&article)
                .to_owned();
            node.case = Some(Case { article, title });
        }
    }
    Ok(())
}

/// Where several nodes share a name, each takes a qualifier that tells it apart: an
/// organisation its parent, a person the forces they serve in.
fn qualify(graph: &mut Drawing) {
    let mut by_name: BTreeMap<(bool, String), Vec<NodeIndex>> = BTreeMap::new();
    for i in graph.node_indices().filter(|&i| graph[i].kind.is_named()) {
        let key = (
            graph[i].kind.is_organisation(),
            graph[i].name.to_lowercase(),
        );
        by_name.entry(key).or_default().push(i);
    }
    for namesakes in by_name.into_values().filter(|group| group.len() > 1) {
        for i in namesakes {
            graph[i].qualifier = qualifier(graph, i);
        }
    }
}

fn qualifier(graph: &Drawing, i: NodeIndex) -> Option<String> {
    let wanted = match graph[i].kind.is_organisation() {
        true => Link::PartOf,
        false => Link::ServesIn,
    };
    let names: BTreeSet<&str> = graph
        .edges(i)
        .filter(|e| *e.weight() == wanted)
        .map(|e| {
            let org = e.target();
            // A person's unit is told by its force.
            let shown = match wanted {
                Link::ServesIn => top(graph, org),
                _ => org,
            };
            graph[shown].name.as_str()
        })
        .collect();
    (!names.is_empty()).then(|| names.into_iter().collect::<Vec<_>>().join(", "))
}

/// The organisation an organisation is part of, and so on up (at most eight steps).
fn top(graph: &Drawing, mut org: NodeIndex) -> NodeIndex {
    for _ in 0..8 {
        let parent = graph
            .edges(org)
            .find(|e| *e.weight() == Link::PartOf)
            .map(|e| e.target());
        match parent {
            Some(p) if p != org => org = p,
            _ => break,
        }
    }
    org
}

/// The store's articles by IRI, with URL, headline and where they were read from.
pub fn read_articles(store: &GraphStore) -> Result<BTreeMap<String, Article>, Error> {
    let mut articles: BTreeMap<String, Article> = BTreeMap::new();
    for (iri, url) in pairs(store, w3c::SCHEMA_URL)? {
        articles.entry(iri).or_default().url.get_or_insert(url);
    }
    for (iri, headline) in pairs(store, w3c::SCHEMA_HEADLINE)? {
        articles
            .entry(iri)
            .or_default()
            .headline
            .get_or_insert(headline);
    }
    for (iri, location) in pairs(store, pg::SOURCE_LOCATION)? {
        articles
            .entry(iri)
            .or_default()
            .location
            .get_or_insert(location);
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_spoken() {
        assert_eq!(spoken_date("2023-10-04"), "4 October 2023");
        assert_eq!(spoken_date("--05-12"), "12 May, year not stated");
        assert_eq!(spoken_date("2023-13-04"), "2023-13-04");
        assert_eq!(spoken_date("soon"), "soon");
    }
}
