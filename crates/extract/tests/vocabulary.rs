//! The vocabulary is kept once, in `ontology/reference.ttl`: the concepts the code names
//! (`policegraph_extract::concepts`) and the reference data's schemes agree both ways, reference
//! data that disagrees is refused with the concept named, and an outcome added to the reference
//! data is extracted with no change to the code.

use oxrdf::{Term, Triple};
use oxttl::TurtleParser;
use policegraph_extract::concepts::{CodedOutcome, Finding, OrgKind, ProceedingKind, Standard};
use policegraph_extract::error::{ConceptProblem, Error};
use policegraph_extract::extract::Extractor;
use policegraph_extract::facts::Facts;
use policegraph_extract::input::Article;
use policegraph_extract::reference::{REFERENCE_TTL, Reference};
use policegraph_extract::vocab::{self, w3c};
use std::collections::BTreeSet;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The IRIs of the concepts of one scheme, read straight from the Turtle (not through
/// `Reference`, whose loading is under test too).
fn scheme_members(scheme: &str) -> Result<BTreeSet<String>, Box<dyn std::error::Error>> {
    let scheme_iri = format!("{}{scheme}", vocab::ID);
    let mut members = BTreeSet::new();
    for triple in TurtleParser::new().for_slice(REFERENCE_TTL.as_bytes()) {
        let triple: Triple = triple?;
        let in_scheme = triple.predicate.as_str() == w3c::SKOS_IN_SCHEME
            && matches!(&triple.object, Term::NamedNode(n) if n.as_str() == scheme_iri);
        if in_scheme {
            let subject = triple.subject.to_string();
            members.insert(subject.trim_matches(['<', '>']).to_owned());
        }
    }
    Ok(members)
}

fn coded<T: Copy>(all: &[T], iri: impl Fn(T) -> String) -> BTreeSet<String> {
    all.iter().map(|&c| iri(c)).collect()
}

#[test]
fn the_code_names_exactly_the_concepts_of_the_reference_data() -> TestResult {
    let closed = [
        (
            ProceedingKind::SCHEME,
            coded(ProceedingKind::ALL, ProceedingKind::iri),
        ),
        (Finding::SCHEME, coded(Finding::ALL, Finding::iri)),
        (Standard::SCHEME, coded(Standard::ALL, Standard::iri)),
        (OrgKind::SCHEME, coded(OrgKind::ALL, OrgKind::iri)),
    ];
    for (scheme, code) in closed {
        let data = scheme_members(scheme)?;
        let only_code: Vec<_> = code.difference(&data).collect();
        let only_data: Vec<_> = data.difference(&code).collect();
        assert!(
            only_code.is_empty() && only_data.is_empty(),
            "{scheme}: named in code only {only_code:?}; in reference.ttl only {only_data:?}"
        );
    }
    // Outcomes: every one the code has cues for is in the reference data; one the reference
    // data adds is matched by its labels, so it must have some.
    let data = scheme_members(CodedOutcome::SCHEME)?;
    let code = coded(CodedOutcome::ALL, CodedOutcome::iri);
    let missing: Vec<_> = code.difference(&data).collect();
    assert!(
        missing.is_empty(),
        "outcomes missing from reference.ttl: {missing:?}"
    );
    let reference = Reference::load()?;
    assert_eq!(reference.outcomes.len(), data.len());
    for outcome in &reference.outcomes {
        assert!(!outcome.labels.is_empty(), "{} has no label", outcome.iri);
    }
    Ok(())
}

#[test]
fn every_organisation_has_a_kind_the_code_knows() -> TestResult {
    let reference = Reference::load()?;
    let forces = reference
        .organisations
        .iter()
        .filter(|o| o.is_force())
        .count();
    assert!(forces >= 48, "{forces} forces");
    for o in &reference.organisations {
        assert!(o.org_kind.is_some(), "{} has no kind", o.iri);
    }
    Ok(())
}

#[test]
fn staff_titles_are_marked_in_the_reference_data() -> TestResult {
    let reference = Reference::load()?;
    let staff: BTreeSet<&str> = reference
        .titles
        .iter()
        .filter(|t| t.police_staff)
        .map(|t| t.pref_label.as_str())
        .collect();
    assert!(
        staff.contains("Call Handler") && staff.contains("Detention Officer"),
        "{staff:?}"
    );
    assert!(!staff.contains("Legally Qualified Chair"), "{staff:?}");
    Ok(())
}

/// The reference data with one concept's block removed.
fn without(concept: &str) -> String {
    let start = REFERENCE_TTL
        .find(&format!("<{concept}>"))
        .unwrap_or(REFERENCE_TTL.len());
    let end = REFERENCE_TTL[start..]
        .find(" .\n")
        .map_or(REFERENCE_TTL.len(), |i| start + i + 3);
    format!("{}{}", &REFERENCE_TTL[..start], &REFERENCE_TTL[end..])
}

#[test]
fn reference_data_that_lacks_a_coded_concept_is_refused() {
    for iri in [
        CodedOutcome::BarredList.iri(),
        ProceedingKind::MisconductMeeting.iri(),
        Standard::UseOfForce.iri(),
    ] {
        let turtle = without(&iri);
        assert_ne!(turtle, REFERENCE_TTL, "{iri} not found");
        match Reference::from_turtle(&turtle, "edited.ttl") {
            Err(Error::ReferenceConcept { problem, .. }) => {
                assert_eq!(problem, ConceptProblem::Missing { iri: iri.clone() });
            }
            other => panic!("{iri}: {other:?}"),
        }
    }
}

#[test]
fn reference_data_with_an_unknown_kind_is_refused() {
    let turtle = format!(
        "{REFERENCE_TTL}\n<https://w3id.org/policegraph/id/proceeding-kind/tribunal> a skos:Concept ;\n    skos:inScheme id:proceeding-kind ;\n    skos:prefLabel \"employment tribunal\" .\n"
    );
    let error = Reference::from_turtle(&turtle, "edited.ttl").err();
    let Some(Error::ReferenceConcept { problem, .. }) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        problem,
        &ConceptProblem::Unknown {
            iri: "https://w3id.org/policegraph/id/proceeding-kind/tribunal".into()
        }
    );
    let message = error.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.starts_with("edited.ttl: "), "{message}");
}

fn outcome_slugs(facts: &Facts) -> Vec<&'static str> {
    facts
        .proceedings
        .iter()
        .flat_map(|p| p.outcomes.iter().map(|(o, _)| o.slug()))
        .collect()
}

fn extract_with(reference: Reference, text: &str) -> Result<Facts, Box<dyn std::error::Error>> {
    let extractor = Extractor::with_reference(reference)?;
    let article = Article {
        identity: "invented".into(),
        text: text.into(),
        ..Article::default()
    };
    Ok(extractor.extract(&article))
}

/// Adding an outcome is one edit to the reference data: its concept with its labels. It is
/// then stated where its labels are, and denied or hedged by the same rules as every outcome.
#[test]
fn an_outcome_added_to_the_reference_data_is_extracted() -> TestResult {
    let added = "<https://w3id.org/policegraph/id/outcome/reprimand> a skos:Concept, pg:Outcome ;\n    skos:inScheme id:outcome ;\n    skos:prefLabel \"reprimand\" ;\n    skos:altLabel \"formal reprimand\" .\n";
    let turtle = format!("{REFERENCE_TTL}\n{added}");
    let given = "PC Jane Doe of Kent Police was given a formal reprimand at a misconduct meeting on 3 March 2022.";
    let spared =
        "PC Jane Doe of Kent Police avoided a reprimand at a misconduct meeting on 3 March 2022.";

    let shipped = extract_with(Reference::load()?, given)?;
    assert!(!outcome_slugs(&shipped).contains(&"reprimand"));

    let facts = extract_with(Reference::from_turtle(&turtle, "edited.ttl")?, given)?;
    assert_eq!(
        outcome_slugs(&facts),
        vec!["reprimand"],
        "{:?}",
        facts.proceedings
    );
    let quads = policegraph_extract::rdf::article_quads(
        &Article {
            identity: "invented".into(),
            text: given.into(),
            ..Article::default()
        },
        &facts,
    );
    assert!(
        quads
            .iter()
            .any(|q| q.object.to_string() == "<https://w3id.org/policegraph/id/outcome/reprimand>"),
        "no outcome quad"
    );

    let facts = extract_with(Reference::from_turtle(&turtle, "edited.ttl")?, spared)?;
    assert!(outcome_slugs(&facts).is_empty(), "{:?}", facts.proceedings);
    Ok(())
}
