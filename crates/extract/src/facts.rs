//! The extractor's output: what one article says, as plain data with evidence. The RDF layer
//! turns it into quads; nothing here knows about RDF terms or regexes.

use crate::concepts::{Finding, OrgKind, Outcome, ProceedingKind, Standard};
use crate::text::Date;

/// Where a fact was read: the sentence and the character span of the words it rests on, and
/// the rule that read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// Index into [`Facts::sentences`].
    pub sentence: usize,
    pub start_char: usize,
    pub end_char: usize,
    pub rule: Rule,
}

/// The extraction rule a fact was stated by: the mechanism and the cue family, so that a user who
/// doubts a fact, and a developer who traces an error, can see why it was stated. Each is an
/// individual of `pg:ExtractionRule` in the ontology, `id:rule/<slug>`, with a label and a
/// comment saying what it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A person's name or designation in the text.
    PersonMention,
    /// An organisation's name, from the reference gazetteer or an open-class pattern.
    OrganisationMention,
    /// A rank written with the person's name ("Det Sgt Kevin Phillips").
    RankWithName,
    /// A job title written with the person's name.
    TitleWithName,
    /// A person's unit or force written with their name ("PC A, of Kent Police").
    MembershipWithName,
    /// A unit said of a group of named officers ("the three officers, all of the TSG").
    MembershipOfGroup,
    /// A unit given as a field line under an officer's name ("Department: ...").
    MembershipFieldLine,
    /// A body that investigated the person's case.
    Investigation,
    /// A body the case was referred to.
    Referral,
    /// A body a file on the case was submitted to.
    FileSubmitted,
    /// A Standard of Professional Behaviour found breached by the person.
    StandardBreached,
    /// A proceeding whose kind the text names ("a misconduct hearing").
    ProceedingStated,
    /// A proceeding whose kind is inferred from what decided ("the panel found").
    ProceedingInferred,
    /// The date a proceeding was held or decided.
    ProceedingDate,
    /// The person who chaired or decided a proceeding.
    ProceedingChair,
    /// The court a court hearing sat in.
    ProceedingCourt,
    /// A finding of a proceeding (gross misconduct, not proven...).
    Finding,
    /// An outcome of a proceeding (dismissal, final written warning, conviction...).
    Outcome,
    /// A quotation and its speaker.
    Quotation,
}

impl Rule {
    /// Every rule, in declaration order.
    pub const ALL: [Rule; 19] = [
        Rule::PersonMention,
        Rule::OrganisationMention,
        Rule::RankWithName,
        Rule::TitleWithName,
        Rule::MembershipWithName,
        Rule::MembershipOfGroup,
        Rule::MembershipFieldLine,
        Rule::Investigation,
        Rule::Referral,
        Rule::FileSubmitted,
        Rule::StandardBreached,
        Rule::ProceedingStated,
        Rule::ProceedingInferred,
        Rule::ProceedingDate,
        Rule::ProceedingChair,
        Rule::ProceedingCourt,
        Rule::Finding,
        Rule::Outcome,
        Rule::Quotation,
    ];

    /// The rule's slug in its IRI, `id:rule/<slug>`.
    pub fn slug(self) -> &'static str {
        match self {
            Rule::PersonMention => "person-mention",
            Rule::OrganisationMention => "organisation-mention",
            Rule::RankWithName => "rank-with-name",
            Rule::TitleWithName => "title-with-name",
            Rule::MembershipWithName => "membership-with-name",
            Rule::MembershipOfGroup => "membership-of-group",
            Rule::MembershipFieldLine => "membership-field-line",
            Rule::Investigation => "investigation",
            Rule::Referral => "referral",
            Rule::FileSubmitted => "file-submitted",
            Rule::StandardBreached => "standard-breached",
            Rule::ProceedingStated => "proceeding-stated",
            Rule::ProceedingInferred => "proceeding-inferred",
            Rule::ProceedingDate => "proceeding-date",
            Rule::ProceedingChair => "proceeding-chair",
            Rule::ProceedingCourt => "proceeding-court",
            Rule::Finding => "finding",
            Rule::Outcome => "outcome",
            Rule::Quotation => "quotation",
        }
    }
}

/// A sentence kept as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRecord {
    pub start_char: usize,
    pub end_char: usize,
    pub text: String,
}

/// Whether a person's identity holds beyond the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Named in full: the same person in every article that names them.
    Global,
    /// A designation ("Officer A") or a surname alone: meaningful in this article only.
    Article,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name as the article gives it in full ("Kevin Phillips", "PC A").
    pub name: String,
    pub scope: Scope,
    /// Rank concept IRI.
    pub rank: Option<String>,
    /// Job title as written, for people without a rank.
    pub title: Option<String>,
    /// Anonymised designation ("Officer A").
    pub designation: Option<String>,
    /// A serving or former police officer (has a rank, or is called an officer).
    pub officer: bool,
    /// Has resigned, retired or left.
    pub former: bool,
    /// What tells this person apart from others of the same name, as an IRI: the police force
    /// the article places them in (or, outside the police, the body at the top of their
    /// organisation), else their job title; `None` where the article gives neither. A person
    /// named in full is one node across articles only where this agrees.
    pub anchor: Option<String>,
    pub mentions: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub iri: String,
    pub name: String,
    /// Organisation-kind concept IRI.
    pub kind: OrgKind,
    pub parent: Option<String>,
    /// Described by the reference data (its kind, labels and parent live there).
    pub from_reference: bool,
    pub mentions: Vec<Evidence>,
}

/// A fact about one person.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    Rank(String),
    Title(String),
    /// Index into [`Facts::organisations`].
    MemberOf(usize),
    InvestigatedBy(usize),
    ReferredTo(usize),
    FileSubmittedTo(usize),
    /// Standard concept IRI.
    BreachedStandard(Standard),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFact {
    pub person: usize,
    pub relation: Relation,
    pub evidence: Evidence,
}

/// A disciplinary or court proceeding against one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proceeding {
    pub subject: usize,
    pub kind: ProceedingKind,
    pub evidence: Evidence,
    pub date: Option<(Date, Evidence)>,
    pub chair: Option<(usize, Evidence)>,
    pub finding: Option<(Finding, Evidence)>,
    pub outcomes: Vec<(Outcome, Evidence)>,
    pub court: Option<(usize, Evidence)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    pub text: String,
    pub speaker: Option<usize>,
    pub evidence: Evidence,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub sentences: Vec<SentenceRecord>,
    pub people: Vec<Person>,
    pub organisations: Vec<Organisation>,
    pub person_facts: Vec<PersonFact>,
    pub proceedings: Vec<Proceeding>,
    pub quotations: Vec<Quotation>,
}
