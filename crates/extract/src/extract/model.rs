//! The extractor's model of one article while it reads it: the people, mentions, organisations
//! and proceedings the passes find and pass on, and each person's roles. Plain data with the few
//! questions every pass asks of it; this module imports no other extraction module, so that the
//! passes depend on it and not on each other.

use crate::concepts::{Finding, OrgKind, Outcome, ProceedingKind};

/// A byte span in the clean text.
pub type Span = (usize, usize);

/// A person of the article, before facts are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntity {
    pub name: String,
    /// Named in full (two or more name words).
    pub full: bool,
    pub surname: String,
    /// Rank concept index into the reference ranks, and the byte span it was read from.
    pub rank: Option<(usize, usize, usize)>,
    /// Title concept index, and span.
    pub title: Option<(usize, usize, usize)>,
    pub designation: Option<String>,
    pub officer: bool,
    pub former: bool,
}

impl PersonEntity {
    /// True for someone with no rank, title or designation who is not known as an officer: a
    /// member of the public, unless the text makes them a subject.
    pub fn member_of_public(&self) -> bool {
        !self.officer && self.title.is_none() && self.designation.is_none()
    }

    /// A person known by `name`, nothing else known yet.
    pub fn new(name: String, full: bool, surname: String) -> Self {
        PersonEntity {
            name,
            full,
            surname,
            rank: None,
            title: None,
            designation: None,
            officer: false,
            former: false,
        }
    }
}

/// A mention of a person: byte span in the clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub person: usize,
    /// Span of the whole mention including a rank or title before the name.
    pub head_start: usize,
}

/// An organisation of the article, with the byte spans it is mentioned at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgEntity {
    pub iri: String,
    pub name: String,
    pub kind: OrgKind,
    pub parent: Option<String>,
    pub from_reference: bool,
    pub spans: Vec<(usize, usize)>,
}

impl OrgEntity {
    pub fn is_kind(&self, kinds: &[OrgKind]) -> bool {
        kinds.contains(&self.kind)
    }
}

/// The force the article is about: its only force, or the one it names most often (strictly).
pub fn main_force(orgs: &[OrgEntity]) -> Option<usize> {
    named_most(
        orgs.iter()
            .enumerate()
            .filter(|(_, o)| o.is_kind(&[OrgKind::PoliceForce]))
            .map(|(i, o)| (i, o.spans.len()))
            .collect(),
    )
}

/// Of (key, times named) pairs, the only key or the one named strictly most often.
pub fn named_most(mut counts: Vec<(usize, usize)>) -> Option<usize> {
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    match counts.as_slice() {
        [(one, _)] => Some(*one),
        [(one, first), (_, second), ..] if first > second => Some(*one),
        _ => None,
    }
}

/// An index (into people, dates...) with the byte span it was read from.
pub type Located = (usize, (usize, usize));

/// A proceeding found in the text; byte spans in the clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundProceeding {
    pub subject: usize,
    pub kind: ProceedingKind,
    pub span: (usize, usize),
    pub date: Option<(usize, (usize, usize))>,
    pub chair: Option<(usize, (usize, usize))>,
    pub finding: Option<(Finding, (usize, usize))>,
    pub outcomes: Vec<(Outcome, (usize, usize))>,
    /// Further statements of outcomes already in `outcomes` ("He was dismissed ..." after
    /// "PC A was sacked"): each is evidence too.
    pub restated: Vec<(Outcome, (usize, usize))>,
    pub court: Option<(usize, (usize, usize))>,
    /// The kind was inferred ("the panel found ..."), not stated.
    pub inferred: bool,
}

/// A proceeding told of without its subject; byte spans in the clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedProceeding {
    /// The kind, unless the text only says "the hearing" or "the panel".
    pub kind: Option<ProceedingKind>,
    pub date: Option<(usize, (usize, usize))>,
    pub chair: Option<(usize, (usize, usize))>,
    /// Where the text last tells of it.
    pub at: usize,
}

/// What a person is in the article's case, settled before the case passes read it: one value
/// per person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roles {
    /// Faces the case.
    pub subject: bool,
    /// Chaired or decided a proceeding (as known before the proceedings are read).
    pub chair: bool,
    /// An officer named who is not a subject or chair: where one is the topic, a clause naming
    /// no one is not about a subject.
    pub bystander: bool,
    /// A member of the public named (no rank, title or designation, not a subject): a sentence
    /// telling what an officer did to one of them is still about the officer.
    pub civilian: bool,
}
