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
//!
//! A changed article is replaced one of two ways. Where most of its new version is stored
//! already (an updated story: a correction, a paragraph added), [`update`] changes only what
//! differs, taking out and putting in within one transaction. Otherwise (a wholly other text
//! under the same address) [`take_out`] clears the old graph, and the new version goes in
//! through the bulk loader: every quad taken out is a delete in each of the store's six
//! indexes, and every quad a transaction puts in costs several times a bulk-loaded one. (A run
//! that changes most of the store does neither: it writes the store anew, leaving out what
//! [`forgotten`] finds, see `rebuild`.)

use crate::rdf::sha256_hex;
use crate::vocab::{ID, w3c};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

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
/// ([`with_statements`]).
pub struct Replacement {
    pub iri: String,
    pub quads: Vec<Quad>,
}

impl Replacement {
    pub fn new(iri: String, quads: Vec<Quad>) -> Self {
        let quads = with_statements(&iri, quads);
        Replacement { iri, quads }
    }

    fn graph(&self) -> NamedNodeRef<'_> {
        NamedNodeRef::new_unchecked(&self.iri)
    }

    fn in_graph(&self, quad: &Quad) -> bool {
        matches!(&quad.graph_name, GraphName::NamedNode(g) if g.as_str() == self.iri)
    }
}

/// Quads of a new version sampled to tell whether most of its graph is stored already.
const SAMPLE: usize = 32;

/// How a changed article is to be replaced: changed in place (most of its new version is
/// stored already), or taken out whole and loaded again.
pub enum Plan {
    Update(Update),
    Whole(Replacement),
}

/// What changing an article in place does: the old quads its new version has not, the new
/// quads not stored, its shared triples and their statements' descriptions (put in again, in
/// case a statement forgotten beside them is one this version gives), the statements whose
/// claims go, and those the new version claims.
pub struct Update {
    iri: String,
    take_out: Vec<Quad>,
    put_in: Vec<Quad>,
    let_go: Vec<NamedNode>,
    claimed: Vec<NamedNode>,
}

/// Decides how `article` replaces its stored version, reading the store only: where most of
/// a sample of its graph's quads is stored already (an updated story, not another text under
/// an old address), the difference between the two versions.
pub(super) fn plan(store: &Store, article: Replacement) -> Result<Plan, StorageError> {
    let in_graph: Vec<&Quad> = article
        .quads
        .iter()
        .filter(|q| article.in_graph(q))
        .collect();
    let step = in_graph.len().div_ceil(SAMPLE).max(1);
    let (mut stored, mut sampled) = (0, 0);
    for quad in in_graph.iter().step_by(step) {
        sampled += 1;
        stored += usize::from(store.contains(*quad)?);
    }
    if sampled == 0 || stored * 2 <= sampled {
        return Ok(Plan::Whole(article));
    }
    let prefix = statement_prefix();
    let old: HashSet<Quad> = store
        .quads_for_pattern(None, None, None, Some(article.graph().into()))
        .collect::<Result<_, _>>()?;
    let new: HashSet<&Quad> = in_graph.into_iter().collect();
    let take_out: Vec<Quad> = old.iter().filter(|q| !new.contains(q)).cloned().collect();
    let let_go = take_out
        .iter()
        .filter_map(|q| claimed_statement(q, &prefix))
        .collect();
    let claimed = new
        .iter()
        .filter_map(|q| claimed_statement(q, &prefix))
        .collect();
    let put_in = article
        .quads
        .iter()
        .filter(|q| !article.in_graph(q) || !old.contains(*q))
        .cloned()
        .collect();
    Ok(Plan::Update(Update {
        iri: article.iri,
        take_out,
        put_in,
        let_go,
        claimed,
    }))
}

/// The statement an article's claim quad names, if `quad` is a claim.
fn claimed_statement(quad: &Quad, prefix: &str) -> Option<NamedNode> {
    match &quad.subject {
        NamedOrBlankNode::NamedNode(statement)
            if quad.predicate.as_str() == w3c::PROV_WAS_DERIVED_FROM
                && statement.as_str().starts_with(prefix) =>
        {
            Some(statement.clone())
        }
        _ => None,
    }
}

/// Changes, in `transaction`, the stored versions of articles into their new ones as
/// [`plan`] found them to differ, and forgets each shared triple whose last claim goes
/// (unless one of these new versions claims it). Everything goes in one transaction, so a
/// run killed or failed here leaves every one of these articles wholly in its old version.
/// All the articles updated at a time must be in this one transaction: a claim one keeps is
/// what keeps a shared triple that another lets go. The insertions come last, so that a
/// shared triple forgotten for one article and given again by another stays.
pub(super) fn update(
    store: &Store,
    transaction: &mut Transaction<'_>,
    updates: &[Update],
) -> Result<(), StorageError> {
    let leaving: HashSet<&str> = updates.iter().map(|u| u.iri.as_str()).collect();
    let claimed: HashSet<&NamedNode> = updates.iter().flat_map(|u| &u.claimed).collect();
    let mut let_go: HashSet<&NamedNode> = HashSet::new();
    for update in updates {
        for quad in &update.take_out {
            transaction.remove(quad);
        }
        let_go.extend(update.let_go.iter().filter(|s| !claimed.contains(s)));
    }
    for statement in let_go {
        if !derived_elsewhere(store, statement.as_ref(), &leaving)? {
            forget(store, transaction, statement.as_ref())?;
        }
    }
    for quad in updates.iter().flat_map(|u| &u.put_in) {
        transaction.insert(quad);
    }
    Ok(())
}

/// Articles being taken out together, in transactions that may run side by side, and the
/// shared triples one of those transactions has seen to already. A triple several of them
/// claim is looked at once: whether an article outside them derives it does not change while
/// they go (only theirs do), and the first transaction to meet it forgets it if none does.
/// Should that transaction fail, its articles stay with their claims, and the triple is
/// rightly kept.
pub struct Leaving<'a> {
    articles: HashSet<&'a str>,
    seen_to: Mutex<HashSet<NamedNode>>,
}

impl<'a> Leaving<'a> {
    pub fn new(articles: impl IntoIterator<Item = &'a str>) -> Self {
        Leaving {
            articles: articles.into_iter().collect(),
            seen_to: Mutex::new(HashSet::new()),
        }
    }

    /// Whether `statement` is this caller's to see to: true for the first to ask.
    fn first_to_see(&self, statement: &NamedNode) -> bool {
        let mut seen_to = self.seen_to.lock().unwrap_or_else(PoisonError::into_inner);
        !seen_to.contains(statement) && seen_to.insert(statement.clone())
    }
}

/// Removes, in `transaction`, the graphs of `articles` and every shared triple (with its
/// statement node) that no article outside `leaving` derives, unless another transaction
/// taking out articles of `leaving` has seen to it (see [`Leaving`]). Everything is read from
/// `store`, not through the transaction, whose reads are many times slower once it holds many
/// changes. The graphs' names stay registered: their new versions go in under the same names.
pub(super) fn take_out(
    store: &Store,
    transaction: &mut Transaction<'_>,
    articles: &[NamedNodeRef<'_>],
    leaving: &Leaving<'_>,
) -> Result<(), StorageError> {
    let mut statements: HashSet<NamedNode> = HashSet::new();
    for article in articles {
        claims(store, *article, &mut statements)?;
        transaction.clear_graph(*article)?;
    }
    for statement in &statements {
        if leaving.first_to_see(statement)
            && !derived_elsewhere(store, statement.as_ref(), &leaving.articles)?
        {
            forget(store, transaction, statement.as_ref())?;
        }
    }
    Ok(())
}

/// Adds the statements `article`'s graph claims to `statements`.
fn claims(
    store: &Store,
    article: NamedNodeRef<'_>,
    statements: &mut HashSet<NamedNode>,
) -> Result<(), StorageError> {
    let prefix = statement_prefix();
    let derived_from = NamedNodeRef::new_unchecked(w3c::PROV_WAS_DERIVED_FROM);
    for quad in store.quads_for_pattern(
        None,
        Some(derived_from),
        Some(article.into()),
        Some(article.into()),
    ) {
        statements.extend(claimed_statement(&quad?, &prefix));
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
    for quad in &description(store, statement)? {
        transaction.remove(quad);
    }
    Ok(())
}

/// A statement node's description and the shared triple it stands for: what goes when the
/// statement is forgotten.
fn description(store: &Store, statement: NamedNodeRef<'_>) -> Result<Vec<Quad>, StorageError> {
    let mut description: Vec<Quad> = store
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
        description.push(Quad::new(s, p, o, GraphName::DefaultGraph));
    }
    Ok(description)
}

/// An article's graph as stored, with the description of every statement it claims and the
/// shared triple each stands for: all that puts the article back into another store.
pub(super) fn with_descriptions(
    store: &Store,
    article: NamedNodeRef<'_>,
) -> Result<Vec<Quad>, StorageError> {
    let mut quads: Vec<Quad> = store
        .quads_for_pattern(None, None, None, Some(article.into()))
        .collect::<Result<_, _>>()?;
    let mut statements = HashSet::new();
    claims(store, article, &mut statements)?;
    for statement in &statements {
        quads.extend(description(store, statement.as_ref())?);
    }
    Ok(quads)
}

/// The default graph's quads that go when the articles of `leaving` all go, and no other: each
/// shared triple that only they derive, with its statement node's description.
pub(super) fn forgotten(
    store: &Store,
    leaving: &HashSet<&str>,
) -> Result<HashSet<Quad>, StorageError> {
    let mut statements: HashSet<NamedNode> = HashSet::new();
    for article in leaving {
        claims(store, NamedNodeRef::new_unchecked(article), &mut statements)?;
    }
    let mut quads = HashSet::new();
    for statement in &statements {
        if !derived_elsewhere(store, statement.as_ref(), leaving)? {
            quads.extend(description(store, statement.as_ref())?);
        }
    }
    Ok(quads)
}
