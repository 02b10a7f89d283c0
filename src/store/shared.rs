//! Shared descriptions and the articles that give them. A person named in full, or a court or
//! unit found by pattern, is described once in the default graph (type, name, label, kind),
//! whichever articles name it: the views join on those triples, and a copy per article would
//! multiply every join. So that replacing an article can take back exactly what its old
//! version gave, each shared triple is also a statement node, `id:statement/<hash>` (an
//! `rdf:Statement` with its `rdf:subject`, `rdf:predicate` and `rdf:object`, in the default
//! graph, once), and each article that gives it says so in its own graph:
//!
//! ```text
//! id:statement/3f… a rdf:Statement ; rdf:subject id:person/john-smith ;
//!     rdf:predicate rdf:type ; rdf:object pg:PoliceOfficer .          # default graph
//! id:statement/3f… prov:wasDerivedFrom id:article/9a… .              # graph id:article/9a…
//! ```
//!
//! When an article is replaced, a statement that no article's graph derives any more is removed
//! with its triple, so the store is the one a fresh ingest of the same articles gives.

use crate::rdf::sha256_hex;
use crate::vocab::{ID, w3c};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::HashSet;

/// Where statement nodes live.
fn statement_prefix() -> String {
    format!("{ID}statement/")
}

/// The statement node of a shared triple: the same IRI in every article and every store.
fn statement_iri(quad: &Quad) -> NamedNode {
    let key = format!("{} {} {}", quad.subject, quad.predicate, quad.object);
    NamedNode::new_unchecked(format!("{}{}", statement_prefix(), &sha256_hex(key)[..32]))
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// An article's quads with, for each shared (default-graph) triple, its statement node and the
/// article's claim to it.
pub(super) fn with_statements(article: &str, mut quads: Vec<Quad>) -> Vec<Quad> {
    let graph = GraphName::NamedNode(node(article));
    let shared: Vec<Quad> = quads
        .iter()
        .filter(|q| q.graph_name.is_default_graph())
        .cloned()
        .collect();
    for quad in shared {
        let statement = statement_iri(&quad);
        let subject = NamedOrBlankNode::NamedNode(statement.clone());
        let about =
            |p: &str, o: Term| Quad::new(subject.clone(), node(p), o, GraphName::DefaultGraph);
        quads.push(about(w3c::RDF_TYPE, node(w3c::RDF_STATEMENT).into()));
        quads.push(about(w3c::RDF_SUBJECT, quad.subject.clone().into()));
        quads.push(about(w3c::RDF_PREDICATE, quad.predicate.clone().into()));
        quads.push(about(w3c::RDF_OBJECT, quad.object.clone()));
        quads.push(Quad::new(
            subject,
            node(w3c::PROV_WAS_DERIVED_FROM),
            node(article),
            graph.clone(),
        ));
    }
    quads
}

/// A changed article's new version: its graph's name and its quads with their statements
/// ([`with_statements`]), of which taking out the old version keeps back those already stored.
pub struct Replacement {
    pub iri: String,
    pub quads: Vec<Quad>,
}

impl Replacement {
    pub fn new(iri: String, quads: Vec<Quad>) -> Self {
        let quads = with_statements(&iri, quads);
        Replacement { iri, quads }
    }
}

/// Takes out, in `transaction`, what the old versions of `articles` gave and their new versions
/// do not: each quad of an old graph that the new version does not have, and every shared
/// triple (with its statement node) whose claim goes and that no article outside `leaving`
/// (all the articles being taken out, in this transaction or another one running beside it)
/// derives. Two such transactions may both remove one triple, which is harmless; neither keeps
/// it for the other's sake, since the new versions' shared triples are all loaded again. Where
/// most of a new version is stored already (an updated story), the quads that stay are
/// dropped from its replacement, so that only what changed is taken out and loaded: every
/// quad taken out is a delete in each of the store's six indexes, the most costly part of a
/// replacement. Otherwise (a wholly other text) the old graph is cleared whole, which costs
/// less than reading and comparing it. Everything is read from `store`, not through the
/// transaction, whose reads are many times slower once it holds many changes. The graphs'
/// names stay registered.
pub(super) fn take_out(
    store: &Store,
    transaction: &mut Transaction<'_>,
    articles: &mut [Replacement],
    leaving: &HashSet<&str>,
) -> Result<(), StorageError> {
    let derived_from = NamedNodeRef::new_unchecked(w3c::PROV_WAS_DERIVED_FROM);
    let prefix = statement_prefix();
    let mut statements: HashSet<NamedNode> = HashSet::new();
    for article in articles.iter_mut() {
        let graph = NamedNodeRef::new_unchecked(&article.iri);
        if mostly_stored(store, graph, &article.quads)? {
            take_out_changes(
                store,
                transaction,
                graph,
                &mut article.quads,
                &mut statements,
            )?;
        } else {
            let claims = store.quads_for_pattern(
                None,
                Some(derived_from),
                Some(graph.into()),
                Some(graph.into()),
            );
            for quad in claims {
                if let NamedOrBlankNode::NamedNode(statement) = quad?.subject
                    && statement.as_str().starts_with(&prefix)
                {
                    statements.insert(statement);
                }
            }
            transaction.clear_graph(graph)?;
        }
    }
    for statement in &statements {
        if !derived_elsewhere(store, statement.as_ref(), leaving)? {
            forget(store, transaction, statement.as_ref())?;
        }
    }
    Ok(())
}

/// Quads of a new version sampled to tell whether most of its graph is stored already.
const SAMPLE: usize = 32;

/// Whether most of the quads `quads` gives `graph` are in the store already (an updated story,
/// not a new one under an old address), judged on a sample: then only the difference is taken
/// out; otherwise the old graph is cleared whole, which reads it without decoding a term.
fn mostly_stored(
    store: &Store,
    graph: NamedNodeRef<'_>,
    quads: &[Quad],
) -> Result<bool, StorageError> {
    let in_graph: Vec<&Quad> = quads.iter().filter(|q| in_graph(q, graph)).collect();
    let step = in_graph.len().div_ceil(SAMPLE).max(1);
    let (mut stored, mut sampled) = (0, 0);
    for quad in in_graph.iter().step_by(step) {
        sampled += 1;
        stored += usize::from(store.contains(*quad)?);
    }
    Ok(sampled > 0 && stored * 2 > sampled)
}

fn in_graph(quad: &Quad, graph: NamedNodeRef<'_>) -> bool {
    matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_ref() == graph)
}

/// Removes, in `transaction`, the quads of `graph` that its new version `quads` has not, and
/// drops from `quads` those already stored, noting the statements whose claims go.
fn take_out_changes(
    store: &Store,
    transaction: &mut Transaction<'_>,
    graph: NamedNodeRef<'_>,
    quads: &mut Vec<Quad>,
    statements: &mut HashSet<NamedNode>,
) -> Result<(), StorageError> {
    let derived_from = NamedNodeRef::new_unchecked(w3c::PROV_WAS_DERIVED_FROM);
    let prefix = statement_prefix();
    let old: HashSet<Quad> = store
        .quads_for_pattern(None, None, None, Some(graph.into()))
        .collect::<Result<_, _>>()?;
    let new: HashSet<&Quad> = quads.iter().filter(|q| in_graph(q, graph)).collect();
    for quad in old.iter().filter(|q| !new.contains(q)) {
        transaction.remove(quad);
        if quad.predicate.as_ref() == derived_from
            && let NamedOrBlankNode::NamedNode(statement) = &quad.subject
            && statement.as_str().starts_with(&prefix)
        {
            statements.insert(statement.clone());
        }
    }
    quads.retain(|q| !old.contains(q));
    Ok(())
}

/// Whether an article other than those `leaving` derives `statement`.
fn derived_elsewhere(
    store: &Store,
    statement: NamedNodeRef<'_>,
    leaving: &HashSet<&str>,
) -> Result<bool, StorageError> {
    let derived_from = NamedNodeRef::new_unchecked(w3c::PROV_WAS_DERIVED_FROM);
    for quad in store.quads_for_pattern(Some(statement.into()), Some(derived_from), None, None) {
        if let GraphName::NamedNode(graph) = quad?.graph_name
            && !leaving.contains(graph.as_str())
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Removes a statement node and the shared triple it stands for.
fn forget(
    store: &Store,
    transaction: &mut Transaction<'_>,
    statement: NamedNodeRef<'_>,
) -> Result<(), StorageError> {
    let description: Vec<Quad> = store
        .quads_for_pattern(
            Some(statement.into()),
            None,
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .collect::<Result<_, _>>()?;
    let part = |p: &str| {
        description
            .iter()
            .find(|q| q.predicate.as_str() == p)
            .map(|q| q.object.clone())
    };
    if let (Some(Term::NamedNode(s)), Some(Term::NamedNode(p)), Some(o)) = (
        part(w3c::RDF_SUBJECT),
        part(w3c::RDF_PREDICATE),
        part(w3c::RDF_OBJECT),
    ) {
        transaction.remove(QuadRef::new(&s, &p, &o, GraphNameRef::DefaultGraph));
    }
    for quad in &description {
        transaction.remove(quad);
    }
    Ok(())
}
