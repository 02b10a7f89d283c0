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
use oxigraph::store::{StorageError, Transaction};

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

/// The statement nodes an article's graph derives.
pub(super) fn statements_of(
    transaction: &Transaction<'_>,
    article: NamedNodeRef<'_>,
) -> Result<Vec<NamedNode>, StorageError> {
    let prefix = statement_prefix();
    let mut statements = Vec::new();
    for quad in transaction.quads_for_pattern(
        None,
        Some(NamedNodeRef::new_unchecked(w3c::PROV_WAS_DERIVED_FROM)),
        Some(article.into()),
        Some(article.into()),
    ) {
        if let NamedOrBlankNode::NamedNode(subject) = quad?.subject
            && subject.as_str().starts_with(&prefix)
        {
            statements.push(subject);
        }
    }
    Ok(statements)
}

/// Removes each of `statements` that no article derives any more, with the shared triple it
/// stands for.
pub(super) fn forget_underived(
    transaction: &mut Transaction<'_>,
    statements: &[NamedNode],
) -> Result<(), StorageError> {
    let derived_from = NamedNodeRef::new_unchecked(w3c::PROV_WAS_DERIVED_FROM);
    for statement in statements {
        let still = transaction
            .quads_for_pattern(Some(statement.into()), Some(derived_from), None, None)
            .next()
            .transpose()?
            .is_some();
        if still {
            continue;
        }
        let description: Vec<Quad> = transaction
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
    }
    Ok(())
}
