//! The extractor's output: what one article says, as plain data with evidence. The RDF layer
//! turns it into quads; nothing here knows about RDF terms or regexes.

use crate::text::Date;

/// Where a fact was read: the sentence and the character span of the words it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// Index into [`Facts::sentences`].
    pub sentence: usize,
    pub start_char: usize,
    pub end_char: usize,
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
    pub mentions: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub iri: String,
    pub name: String,
    /// Organisation-kind concept IRI.
    pub kind: String,
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
    BreachedStandard(String),
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
    /// Proceeding-kind concept IRI.
    pub kind: String,
    pub evidence: Evidence,
    pub date: Option<(Date, Evidence)>,
    pub chair: Option<(usize, Evidence)>,
    /// Finding concept IRI.
    pub finding: Option<(String, Evidence)>,
    /// Outcome concept IRIs.
    pub outcomes: Vec<(String, Evidence)>,
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
