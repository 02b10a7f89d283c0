//! The pages' reads: bounded SPARQL queries that start from the IRIs a page is about (never a
//! scan of the store), run under the server's time limit, and what they give, as plain Rust
//! values: the facts stated of some nodes, their labels, and the evidence of each fact.

use super::Shared;
use crate::error::Error;
use crate::sparql::{BoundQuery, Deadline, TimeLimit};
use crate::store::GraphStore;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QueryResults;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The prefixes of the pages' queries.
pub(super) const PREFIXES: &str = "\
PREFIX pg: <https://w3id.org/policegraph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
";

/// One solution: each bound variable's value, by name.
pub(super) type Row = HashMap<String, Term>;

/// Runs a SELECT query of a page (`name` names it in errors) under the time limit, keeping at
/// most `limit` rows.
pub(super) fn select(
    shared: &Shared,
    sparql: &str,
    name: &str,
    limit: usize,
) -> Result<Vec<Row>, Error> {
    select_in(&shared.store, shared.timeout, sparql, name, limit)
}

/// [`select`] on a store, before the server's state exists.
pub(super) fn select_in(
    store: &GraphStore,
    timeout: TimeLimit,
    sparql: &str,
    name: &str,
    limit: usize,
) -> Result<Vec<Row>, Error> {
    let query = BoundQuery::parse(&format!("{PREFIXES}{sparql}"), name)?;
    let deadline = Deadline::start(timeout);
    let results = store
        .evaluate(query.prepare(&deadline))
        .map_err(|source| deadline.error(name, source))?;
    let QueryResults::Solutions(solutions) = results else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for solution in solutions.take(limit) {
        deadline.check(name)?;
        let solution = solution.map_err(|source| deadline.error(name, source))?;
        rows.push(
            solution
                .iter()
                .map(|(variable, term)| (variable.as_str().to_owned(), term.clone()))
                .collect(),
        );
    }
    Ok(rows)
}

/// [`select`] under a time limit of its own (a page's budget for something it can do without,
/// shorter than the server's): `None` when the limit passes before the query is done.
pub(super) fn select_within(
    shared: &Shared,
    budget: TimeLimit,
    sparql: &str,
    name: &str,
    limit: usize,
) -> Result<Option<Vec<Row>>, Error> {
    match select_in(&shared.store, budget, sparql, name, limit) {
        Ok(rows) => Ok(Some(rows)),
        Err(Error::QueryTimeout { .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

/// A term as a person reads it: a literal's text, an IRI as it is.
pub(super) fn plain(term: &Term) -> String {
    match term {
        Term::Literal(literal) => literal.value().to_owned(),
        Term::NamedNode(node) => node.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// A variable's value in a row, as text ("" when unbound).
pub(super) fn get(row: &Row, variable: &str) -> String {
    row.get(variable).map(plain).unwrap_or_default()
}

/// A variable's IRI in a row, if it is bound to one.
pub(super) fn get_iri(row: &Row, variable: &str) -> Option<String> {
    match row.get(variable) {
        Some(Term::NamedNode(node)) => Some(node.as_str().to_owned()),
        _ => None,
    }
}

/// A variable's integer value in a row.
pub(super) fn get_number(row: &Row, variable: &str) -> Option<usize> {
    row.get(variable).and_then(|t| plain(t).parse().ok())
}

/// A SPARQL VALUES list of IRIs (each checked to be one, so nothing else gets into a query).
pub(super) fn values<'a>(iris: impl IntoIterator<Item = &'a str>) -> String {
    iris.into_iter()
        .filter_map(|iri| NamedNode::new(iri).ok())
        .map(|node| node.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A statement about a node: its predicate and object, and the graphs (articles) that state it
/// (none when only the default graph does).
#[derive(Debug, Clone)]
pub(super) struct Fact {
    pub subject: String,
    pub predicate: String,
    pub object: Term,
    pub graphs: BTreeSet<String>,
}

/// Every statement whose subject is one of `subjects`, with the graphs that hold it.
/// Without `mentions`, the articles that mention them are left out (a force is mentioned in
/// thousands).
pub(super) fn facts(
    shared: &Shared,
    subjects: &[String],
    mentions: bool,
) -> Result<Vec<Fact>, Error> {
    let filter = if mentions {
        ""
    } else {
        "FILTER(?p != pg:mentionedIn)"
    };
    read_facts(shared, subjects, filter)
}

/// The statements of `predicates` whose subject is one of `subjects`, with the graphs that
/// hold them: a bounded read (subject and predicate known) for a node stated in thousands of
/// articles, an organisation above all.
pub(super) fn facts_of(
    shared: &Shared,
    subjects: &[String],
    predicates: &[&str],
) -> Result<Vec<Fact>, Error> {
    // Subject and predicate paired in one VALUES, so that each pair is read from the index;
    // two VALUES lists made Oxigraph read every statement of the subject (the IOPC's tens of
    // thousands of mentions) and then keep the predicates (95 ms at 100,000 articles).
    let pairs: Vec<String> = subjects
        .iter()
        .filter_map(|s| NamedNode::new(s.as_str()).ok())
        .flat_map(|s| {
            predicates
                .iter()
                .filter_map(|p| NamedNode::new(*p).ok())
                .map(move |p| format!("({s} {p})"))
        })
        .collect();
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let sparql = format!(
        "SELECT ?s ?p ?o ?g WHERE {{ VALUES (?s ?p) {{ {} }} \
         {{ GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o }} }}",
        pairs.join(" ")
    );
    collect_facts(shared, &sparql)
}

fn read_facts(shared: &Shared, subjects: &[String], filter: &str) -> Result<Vec<Fact>, Error> {
    if subjects.is_empty() {
        return Ok(Vec::new());
    }
    let sparql = format!(
        "SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {} }} \
         {{ GRAPH ?g {{ ?s ?p ?o }} }} UNION {{ ?s ?p ?o }} {filter} }}",
        values(subjects.iter().map(String::as_str))
    );
    collect_facts(shared, &sparql)
}

/// The facts a query of `?s ?p ?o ?g` gives, each with the graphs that state it.
fn collect_facts(shared: &Shared, sparql: &str) -> Result<Vec<Fact>, Error> {
    let mut facts: BTreeMap<(String, String, String), Fact> = BTreeMap::new();
    for row in select(shared, sparql, "facts", 20_000)? {
        let (Some(subject), Some(predicate), Some(object)) = (
            get_iri(&row, "s"),
            get_iri(&row, "p"),
            row.get("o").cloned(),
        ) else {
            continue;
        };
        let fact = facts
            .entry((subject.clone(), predicate.clone(), object.to_string()))
            .or_insert_with(|| Fact {
                subject,
                predicate,
                object,
                graphs: BTreeSet::new(),
            });
        if let Some(graph) = get_iri(&row, "g") {
            fact.graphs.insert(graph);
        }
    }
    Ok(facts.into_values().collect())
}

/// The name or label of each of `iris` that has one (the first in sorted order): a person's
/// name, a concept's or organisation's label, a proceeding's kind, an article's headline (else
/// its file). A unit's label names what it is part of: "Roads Policing Unit (Kent Police)".
pub(super) fn labels(
    shared: &Shared,
    iris: &BTreeSet<String>,
) -> Result<HashMap<String, String>, Error> {
    let mut labels: HashMap<String, String> = HashMap::new();
    for chunk in iris.iter().collect::<Vec<_>>().chunks(500) {
        let sparql = format!(
            // LATERAL, for Oxigraph's planner: each node's labels read from the node. As a
            // plain join (the same query without `LATERAL { }`), the OPTIONAL made it read
            // every name, label and headline in the store (1.5 s at 10,000 articles).
            "SELECT ?x ?l ?up WHERE {{ VALUES ?x {{ {} }} LATERAL {{
               {{ ?x foaf:name|skos:prefLabel|schema:headline ?l
                  OPTIONAL {{ ?x org:subOrganizationOf/skos:prefLabel ?up }} }}
               UNION {{ ?x pg:proceedingKind/skos:prefLabel ?l }}
               UNION {{ ?x a schema:Quotation BIND(\"a quotation\" AS ?l) }}
               UNION {{ ?x pg:sourceLocation ?l FILTER NOT EXISTS {{ ?x schema:headline ?h }} }} }} }}",
            values(chunk.iter().map(|s| s.as_str()))
        );
        for row in select(shared, &sparql, "labels", 20_000)? {
            if let Some(iri) = get_iri(&row, "x") {
                // A unit is named with what it is part of: eighteen forces have a "Roads
                // Policing Unit", and every page tells them apart.
                let label = match get(&row, "up") {
                    up if up.is_empty() => get(&row, "l"),
                    up => format!("{} ({up})", get(&row, "l")),
                };
                labels
                    .entry(iri)
                    .and_modify(|l| {
                        if label < *l {
                            l.clone_from(&label)
                        }
                    })
                    .or_insert(label);
            }
        }
    }
    Ok(labels)
}

/// Where a fact was read: the words, their span in the article, and the sentence they stand in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Evidence {
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub words: String,
    pub sentence: String,
    pub sentence_start: usize,
}

/// A fact's key for its evidence: subject, predicate, object.
pub(super) type FactKey = (String, String, String);

/// The evidence of every fact stated of one of `subjects`, by fact.
/// Without `mentions`, the evidence of the articles' mentions is left out.
pub(super) fn evidence(
    shared: &Shared,
    subjects: &[String],
    mentions: bool,
) -> Result<HashMap<FactKey, Vec<Evidence>>, Error> {
    let mut found: HashMap<FactKey, Vec<Evidence>> = HashMap::new();
    if subjects.is_empty() {
        return Ok(found);
    }
    let filter = if mentions {
        ""
    } else {
        "FILTER(?p != pg:mentionedIn)"
    };
    let sparql = format!(
        "SELECT ?about ?p ?o ?words ?start ?end ?text ?sstart ?a WHERE {{
           VALUES ?about {{ {} }}
           ?e rdf:subject ?about .
           LATERAL {{ ?e rdf:predicate ?p . {filter} }}
           LATERAL {{ ?e rdf:object ?o ; pg:quotedText ?words ;
                        pg:startChar ?start ; pg:endChar ?end ; pg:inSentence ?s . }}
           LATERAL {{ ?s schema:text ?text ; pg:startChar ?sstart ; pg:inArticle ?a . }}
         }}",
        values(subjects.iter().map(String::as_str))
    );
    for row in select(shared, &sparql, "evidence", 20_000)? {
        let (Some(about), Some(predicate), Some(object)) =
            (get_iri(&row, "about"), get_iri(&row, "p"), row.get("o"))
        else {
            continue;
        };
        let item = Evidence {
            article: get(&row, "a"),
            start: get_number(&row, "start").unwrap_or(0),
            end: get_number(&row, "end").unwrap_or(0),
            words: get(&row, "words"),
            sentence: get(&row, "text"),
            sentence_start: get_number(&row, "sstart").unwrap_or(0),
        };
        let list = found
            .entry((about, predicate, object.to_string()))
            .or_default();
        if !list.contains(&item) {
            list.push(item);
        }
    }
    for list in found.values_mut() {
        list.sort();
    }
    Ok(found)
}

/// The key of a fact's evidence.
pub(super) fn key(fact: &Fact) -> FactKey {
    (
        fact.subject.clone(),
        fact.predicate.clone(),
        fact.object.to_string(),
    )
}
