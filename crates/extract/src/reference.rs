//! Reference data: reads the ontology's Turtle (compiled into the binary) into plain records the
//! extractor's gazetteers are built from. The same Turtle is loaded into the store, so the
//! labels a query sees are the labels the extractor matched.

use crate::concepts::{CodedOutcome, Finding, OrgKind, ProceedingKind, Standard};
use crate::error::{ConceptProblem, Error};
use crate::vocab::{self, pg, w3c};
use oxrdf::{Term, Triple};
use oxttl::TurtleParser;
use std::collections::BTreeMap;

/// The OWL ontology, as shipped in `ontology/policegraph.ttl`.
pub const ONTOLOGY_TTL: &str = include_str!("../../../ontology/policegraph.ttl");
/// The reference data, as shipped in `ontology/reference.ttl`.
pub const REFERENCE_TTL: &str = include_str!("../../../ontology/reference.ttl");

/// A SKOS concept or an organisation from the reference data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub iri: String,
    pub pref_label: String,
    /// Spellings matched without regard to case (the prefLabel among them).
    pub labels: Vec<String>,
    /// Spellings matched with their exact case (acronyms, "Met").
    pub exact_labels: Vec<String>,
    /// Concept scheme (for concepts) or organisation kind (for organisations), as an IRI.
    pub kind: String,
    /// The organisation this one is part of.
    pub parent: Option<String>,
    /// Rank seniority, 1 for Police Constable.
    pub seniority: Option<i64>,
    /// For an organisation, its kind.
    pub org_kind: Option<OrgKind>,
    /// For a title, whether police staff hold it (`pg:PoliceStaffTitle`).
    pub police_staff: bool,
}

impl Entry {
    /// The kind of an organisation (`Other` for an entry that is none).
    pub fn org_kind(&self) -> OrgKind {
        self.org_kind.unwrap_or(OrgKind::Other)
    }

    /// True for a police force.
    pub fn is_force(&self) -> bool {
        self.org_kind == Some(OrgKind::PoliceForce)
    }
}

/// All reference data, by scheme.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub ranks: Vec<Entry>,
    pub titles: Vec<Entry>,
    pub proceeding_kinds: Vec<Entry>,
    pub findings: Vec<Entry>,
    pub outcomes: Vec<Entry>,
    pub standards: Vec<Entry>,
    pub organisation_kinds: Vec<Entry>,
    pub organisations: Vec<Entry>,
}

/// Identifier of a reference individual: `id:<scheme>/<slug of label>`.
///
/// ```
/// use policegraph_extract::reference::concept_iri;
/// assert_eq!(
///     concept_iri("org", "Croydon Magistrates' Court"),
///     "https://w3id.org/policegraph/id/org/croydon-magistrates-court"
/// );
/// ```
pub fn concept_iri(scheme: &str, label: &str) -> String {
    format!("{}{scheme}/{}", vocab::ID, slug(label))
}

/// ASCII lower case (accents dropped); apostrophes dropped; other runs of non-alphanumerics
/// become one "-".
pub fn slug(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut dash = false;
    let folded = label.chars().map(|c| {
        if c.is_ascii() {
            c
        } else {
            crate::text::clean::fold_letter(c)
        }
    });
    for c in folded.filter(|c| !matches!(c, '\'' | '\u{2019}')) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The reference data's triples as they are read: an entry per subject, the scheme of each
/// concept, and the organisations.
#[derive(Default)]
struct Triples {
    entries: BTreeMap<String, Entry>,
    schemes: BTreeMap<String, String>,
    orgs: Vec<String>,
}

impl Triples {
    fn add(&mut self, triple: &Triple) -> Result<(), ConceptProblem> {
        let subject = triple.subject.to_string();
        let subject = subject
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_owned();
        let entry = self
            .entries
            .entry(subject.clone())
            .or_insert_with(|| Entry {
                iri: subject.clone(),
                ..Entry::default()
            });
        let (iri, literal) = match &triple.object {
            Term::NamedNode(n) => (Some(n.as_str().to_owned()), None),
            Term::Literal(l) => (None, Some(l.value().to_owned())),
            _ => (None, None),
        };
        match triple.predicate.as_str() {
            w3c::SKOS_PREF_LABEL => {
                if let Some(l) = literal {
                    entry.labels.push(l.clone());
                    entry.pref_label = l;
                }
            }
            w3c::SKOS_ALT_LABEL | w3c::SKOS_HIDDEN_LABEL => entry.labels.extend(literal),
            pg::CASE_SENSITIVE_LABEL => entry.exact_labels.extend(literal),
            pg::SENIORITY => entry.seniority = literal.and_then(|l| l.parse().ok()),
            w3c::SKOS_IN_SCHEME => {
                if let Some(s) = iri {
                    self.schemes.insert(subject, s);
                }
            }
            pg::ORGANISATION_KIND_PROP => {
                if let Some(k) = iri {
                    let kind = OrgKind::from_iri(&k);
                    entry.org_kind = Some(kind.ok_or(ConceptProblem::Unknown { iri: k.clone() })?);
                    entry.kind = k;
                    self.orgs.push(subject);
                }
            }
            w3c::ORG_SUB_ORGANIZATION_OF => entry.parent = iri,
            w3c::RDF_TYPE if iri.as_deref() == Some(pg::POLICE_STAFF_TITLE) => {
                entry.police_staff = true;
            }
            _ => {}
        }
        Ok(())
    }

    /// The entries sorted into their schemes (in IRI order), and the organisations.
    fn into_reference(mut self) -> Reference {
        let mut reference = Reference::default();
        for (iri, scheme) in &self.schemes {
            let Some(mut entry) = self.entries.get(iri).cloned() else {
                continue;
            };
            let local = scheme.strip_prefix(vocab::ID).unwrap_or_default();
            entry.kind = scheme.clone();
            let list = match local {
                vocab::scheme::RANK => &mut reference.ranks,
                vocab::scheme::TITLE => &mut reference.titles,
                vocab::scheme::PROCEEDING_KIND => &mut reference.proceeding_kinds,
                vocab::scheme::FINDING => &mut reference.findings,
                vocab::scheme::OUTCOME => &mut reference.outcomes,
                vocab::scheme::STANDARD => &mut reference.standards,
                vocab::scheme::ORGANISATION_KIND => &mut reference.organisation_kinds,
                _ => continue,
            };
            list.push(entry);
        }
        self.orgs.sort();
        self.orgs.dedup();
        reference.organisations = (self.orgs.iter())
            .filter_map(|o| self.entries.get(o).cloned())
            .collect();
        reference
    }
}

impl Reference {
    /// Parses the shipped reference Turtle.
    pub fn load() -> Result<Self, Error> {
        Self::from_turtle(REFERENCE_TTL, "ontology/reference.ttl")
    }

    /// Parses reference data from Turtle; `origin` names it in errors.
    pub fn from_turtle(turtle: &str, origin: &str) -> Result<Self, Error> {
        let mut read = Triples::default();
        for triple in TurtleParser::new().for_slice(turtle.as_bytes()) {
            let triple: Triple = triple.map_err(|source| Error::ReferenceSyntax {
                origin: origin.to_owned(),
                source,
            })?;
            read.add(&triple)
                .map_err(|problem| Error::ReferenceConcept {
                    origin: origin.to_owned(),
                    problem,
                })?;
        }
        let reference = read.into_reference();
        reference
            .concept_problem()
            .map_or(Ok(reference), |problem| {
                Err(Error::ReferenceConcept {
                    origin: origin.to_owned(),
                    problem,
                })
            })
    }

    /// The first disagreement between the reference data and the concepts the code names: a
    /// proceeding kind, finding, standard or organisation kind that one has and the other lacks,
    /// or an outcome the code has cues for that the reference data lacks. (An outcome the
    /// reference data adds is matched by its labels.)
    pub fn concept_problem(&self) -> Option<ConceptProblem> {
        fn iris<T: Copy>(all: &[T], iri: impl Fn(T) -> String) -> Vec<String> {
            all.iter().map(|&c| iri(c)).collect()
        }
        let schemes: [(&[Entry], Vec<String>, bool); 5] = [
            (
                &self.proceeding_kinds,
                iris(ProceedingKind::ALL, ProceedingKind::iri),
                true,
            ),
            (&self.findings, iris(Finding::ALL, Finding::iri), true),
            (&self.standards, iris(Standard::ALL, Standard::iri), true),
            (
                &self.organisation_kinds,
                iris(OrgKind::ALL, OrgKind::iri),
                true,
            ),
            (
                &self.outcomes,
                iris(CodedOutcome::ALL, CodedOutcome::iri),
                false,
            ),
        ];
        for (entries, coded, closed) in schemes {
            if let Some(iri) = coded.iter().find(|c| !entries.iter().any(|e| &e.iri == *c)) {
                return Some(ConceptProblem::Missing { iri: iri.clone() });
            }
            let unknown = entries.iter().find(|e| !coded.contains(&e.iri));
            if let Some(e) = unknown.filter(|_| closed) {
                return Some(ConceptProblem::Unknown { iri: e.iri.clone() });
            }
        }
        None
    }

    /// The organisation with this IRI.
    pub fn organisation(&self, iri: &str) -> Option<&Entry> {
        self.organisations.iter().find(|o| o.iri == iri)
    }

    /// The prefLabel of any concept, by IRI.
    pub fn label_of(&self, iri: &str) -> Option<&str> {
        [
            &self.ranks,
            &self.titles,
            &self.proceeding_kinds,
            &self.findings,
            &self.outcomes,
            &self.standards,
            &self.organisation_kinds,
            &self.organisations,
        ]
        .into_iter()
        .flatten()
        .find(|e| e.iri == iri)
        .map(|e| e.pref_label.as_str())
    }
}
