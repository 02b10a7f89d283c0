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

/// Removes, in `transaction`, the graphs of `articles` and every shared triple (with its
/// statement node) that no article outside `leaving` (all the articles being taken out, in
/// this transaction or another one running beside it) derives. Two such transactions may both
/// remove one triple, which is harmless; neither keeps it for the other's sake. Everything is
/// read from `store`, not through the transaction, whose reads are many times slower once it
/// holds many changes. The graphs' names stay registered: their new versions go in under the
/// same names.
pub(super) fn take_out(
    store: &Store,
    transaction: &mut Transaction<'_>,
    articles: &[NamedNodeRef<'_>],
    leaving: &HashSet<&str>,
) -> Result<(), StorageError> {
    let derived_from = NamedNodeRef::new_unchecked(w3c::PROV_WAS_DERIVED_FROM);
    let prefix = statement_prefix();
    let mut statements: HashSet<NamedNode> = HashSet::new();
    for article in articles {
        let claims = store.quads_for_pattern(
            None,
            Some(derived_from),
            Some((*article).into()),
            Some((*article).into()),
        );
        for quad in claims {
            if let NamedOrBlankNode::NamedNode(statement) = quad?.subject
                && statement.as_str().starts_with(&prefix)
            {
                statements.insert(statement);
            }
        }
        transaction.clear_graph(*article)?;
    }
    for statement in &statements {
        if !derived_elsewhere(store, statement.as_ref(), leaving)? {
            forget(store, transaction, statement.as_ref())?;
        }
    }
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
