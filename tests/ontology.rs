//! The ontology and reference data as shipped: every IRI the code writes is declared, the
//! reference data has what the extractor needs, and nothing in them is a blank node (so an
//! export reloads into the same graph).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use policegraph::facts::Rule;
use policegraph::rdf;
use policegraph::reference::{ONTOLOGY_TTL, REFERENCE_TTL, Reference};
use policegraph::vocab::{self, pg};
use std::collections::BTreeSet;

fn triples(turtle: &str) -> Result<Vec<Triple>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
        out.push(quad?.into());
    }
    Ok(out)
}

/// Every `pg:` constant of crates/extract/src/vocab.rs, read from the source so that a new constant cannot
/// escape the check.
fn vocab_constants() -> Vec<String> {
    let source = include_str!("../crates/extract/src/vocab.rs");
    source
        .lines()
        .filter_map(|l| {
            l.split("iri!(\"https://w3id.org/policegraph/ontology#\", \"")
                .nth(1)
        })
        .filter_map(|rest| rest.split('"').next())
        .map(|local| format!("{}{local}", vocab::PG))
        .collect()
}

#[test]
fn every_vocab_term_is_declared_in_the_ontology() -> Result<(), Box<dyn std::error::Error>> {
    let declared: BTreeSet<String> = triples(ONTOLOGY_TTL)?
        .iter()
        .filter(|t| t.predicate.as_str() == vocab::w3c::RDF_TYPE)
        .filter_map(|t| match &t.subject {
            NamedOrBlankNode::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    let constants = vocab_constants();
    assert!(
        constants.len() >= 30,
        "read only {} constants from vocab.rs",
        constants.len()
    );
    assert!(constants.contains(&pg::SUBJECT.to_owned()));
    let missing: Vec<&String> = constants
        .iter()
        .filter(|c| !declared.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "not declared in ontology/policegraph.ttl: {missing:?}"
    );
    Ok(())
}

#[test]
fn ontology_and_reference_have_no_blank_nodes() -> Result<(), Box<dyn std::error::Error>> {
    for (name, turtle) in [
        ("policegraph.ttl", ONTOLOGY_TTL),
        ("reference.ttl", REFERENCE_TTL),
    ] {
        let blank = triples(turtle)?
            .into_iter()
            .filter(|t| {
                matches!(t.subject, NamedOrBlankNode::BlankNode(_))
                    || matches!(t.object, Term::BlankNode(_))
            })
            .count();
        assert_eq!(blank, 0, "{name} has {blank} triples with blank nodes");
    }
    Ok(())
}

#[test]
fn reference_data_covers_the_domain() -> Result<(), Box<dyn std::error::Error>> {
    let r = Reference::load()?;
    let forces = r.organisations.iter().filter(|o| o.is_force()).count();
    assert!(forces >= 48, "only {forces} police forces");
    for label in [
        "Police Constable",
        "Chief Superintendent",
        "Assistant Commissioner",
        "Chief Constable",
    ] {
        assert!(
            r.ranks.iter().any(|e| e.pref_label == label),
            "rank {label} missing"
        );
    }
    let outcomes: BTreeSet<&str> = r.outcomes.iter().map(|e| e.pref_label.as_str()).collect();
    for label in [
        "dismissal without notice",
        "would have been dismissed",
        "final written warning",
        "barred list",
    ] {
        assert!(outcomes.contains(label), "outcome {label} missing");
    }
    assert_eq!(r.standards.len(), 10);
    let met = r
        .organisations
        .iter()
        .find(|o| o.pref_label == "Metropolitan Police Service")
        .ok_or("no Met")?;
    assert!(met.exact_labels.iter().any(|l| l == "Met"));
    let east = r
        .organisations
        .iter()
        .find(|o| o.pref_label == "East Area Command Unit")
        .ok_or("no East Area")?;
    assert_eq!(east.parent.as_deref(), Some(met.iri.as_str()));
    Ok(())
}

/// Every rule the extractor names in its evidence is declared in the ontology, with a label and
/// a comment, and the ontology declares no rule the extractor does not have.
#[test]
fn every_extraction_rule_is_declared_and_no_other() -> Result<(), Box<dyn std::error::Error>> {
    let triples = triples(ONTOLOGY_TTL)?;
    let described = |iri: &str, predicate: &str| {
        triples.iter().any(|t| {
            t.subject.to_string() == format!("<{iri}>") && t.predicate.as_str() == predicate
        })
    };
    let declared: BTreeSet<String> = triples
        .iter()
        .filter(|t| t.predicate.as_str() == vocab::w3c::RDF_TYPE)
        .filter(|t| matches!(&t.object, Term::NamedNode(n) if n.as_str() == pg::EXTRACTION_RULE))
        .map(|t| t.subject.to_string().trim_matches(['<', '>']).to_owned())
        .collect();
    let code: BTreeSet<String> = Rule::ALL.iter().map(|r| rdf::rule_iri(*r)).collect();
    assert_eq!(code, declared, "the extractor's rules and the ontology's");
    for iri in &code {
        assert!(described(iri, vocab::w3c::RDFS_LABEL), "{iri} has no label");
        assert!(
            described(iri, vocab::w3c::RDFS_COMMENT),
            "{iri} has no comment"
        );
    }
    Ok(())
}
