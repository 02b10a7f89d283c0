//! Case facts other than proceedings: the bodies that investigated a subject, were referred
//! the case or received a file, and the Standards of Professional Behaviour found breached.

use super::context::CaseInput;
use super::gazetteer::Category;
use super::model::main_force;
use super::near::starting_in;
use crate::concepts::{OrgKind, Standard};
use crate::text::Sentence;
use regex::Regex;
use std::sync::LazyLock;

/// A fact about a subject's case: investigation, referral, file or standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseFact {
    InvestigatedBy(usize),
    ReferredTo(usize),
    FileSubmittedTo(usize),
    Breached(Standard),
}

impl CaseFact {
    /// The same kind of fact about another organisation (a standard stays as it is).
    fn with_org(self, org: usize) -> CaseFact {
        match self {
            CaseFact::InvestigatedBy(_) => CaseFact::InvestigatedBy(org),
            CaseFact::ReferredTo(_) => CaseFact::ReferredTo(org),
            CaseFact::FileSubmittedTo(_) => CaseFact::FileSubmittedTo(org),
            CaseFact::Breached(s) => CaseFact::Breached(s),
        }
    }
}

/// The words between two organisations named together ("South Yorkshire Police and the IOPC").
static COORDINATED: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"^(?:\s*\([A-Z]{2,6}\))?(?:\s*,)?\s+(?:and|&)\s+(?:the\s+)?$"));
/// The force itself named as the investigator, without its name: "an investigation by the
/// force", "the force's own investigation", "the force investigated".
static FORCE_INVESTIGATED: LazyLock<Regex> = LazyLock::new(|| {
    // In lower case: "the force's Criminal Investigation Department" is a unit, not this.
    crate::regex(
        r"\b(?:investigat(?:ed|ion|ions|ing)|inquiry|probe|enquiries)\s+(?:[a-z]+\s+){0,3}?(?:by|from)\s+the\s+force\b|\b[Tt]he\s+force(?:'s\s+(?:own\s+|internal\s+|criminal\s+|misconduct\s+)*(?:investigation|inquiry|probe)\b|\s+(?:then\s+|also\s+|subsequently\s+)?(?:investigated|launched\s+an?\s+(?:internal\s+|criminal\s+|misconduct\s+)?investigation)\b)",
    )
});

static REFERRED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:referred|referral|re-referred)\b(?:[\w' ,]{0,50}?)\s(?:to|with)\s+(?:the\s+)?$",
    )
});
static FILE_TO: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:file|files|papers|evidence|case|matter)\b[\w' ,]{0,60}?\b(?:submitted|passed|sent|handed|referred|forwarded|provided|given|reported)\s+to\s+(?:the\s+)?$|\b(?:submitted|passed|sent|handed|forwarded|provided|gave|send|pass|submit)\s+(?:a|the|an|its|their|his|her)\s+(?:full\s+|criminal\s+|case\s+)?(?:file|files|papers|dossier)(?:\s+of\s+evidence)?\s+to\s+(?:the\s+)?$",
    )
});
static INVESTIGATED_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:investigat\w*|inquiry|inquiries|probe|enquiries)\b[\w' ,]{0,60}?\b(?:by|from|under\s+the\s+(?:direction|supervision|management|oversight)\s+of)\s+(?:(?:officers|detectives|investigators|specialists|colleagues|staff)\s+(?:from|of|in|at)\s+)?(?:the\s+|our\s+|its\s+|their\s+|a\s+|new\s+|dedicated\s+|specialist\s+)*(?:(?:force|service|constabulary)'s\s+)?$",
    )
});
static INVESTIGATION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:'s)?(?:\s*\([A-Z]{2,6}\))?,?\s+(?:(?:which|who)\s+)?(?:(?:\w+\s+){0,3}?(?:launched|began|begun|started|opened|conducted|carried out|led|continued|completed|oversaw|oversees|managed|supervised|directed|undertook|would conduct|will conduct|to conduct|conducts|independently investigated|investigated)\b[\w' ,-]{0,40}?\b(?:investigation|inquiry|probe|enquiries|him|her|them|the (?:officer|case|matter|allegations?|complaint))|(?:(?:said|says|confirmed|stated)\s+(?:that\s+)?(?:it|they)\s+)?(?:had\s+|has\s+)?(?:independently\s+)?investigated\b|(?:own\s+|independent\s+|criminal\s+|misconduct\s+|local\s+|full\s+|directed\s+|managed\s+|supervised\s+)*(?:investigation|inquiry|probe)\b)",
    )
});
/// "The investigation was carried out by the PSD under the direction of the": the body that
/// directed an investigation investigated too.
static DIRECTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:investigat\w*|inquiry|probe|enquiries)\b[^.;]{0,170}?\bunder\s+the\s+(?:direction|supervision|management|oversight|control)\s+of\s+(?:the\s+)?$",
    )
});
/// Standards given as another officer's ("breached the same three standards").
static SAME_STANDARDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bbreach\w*\s+(?:the\s+)?same\s+(?:(?:two|three|four|five|six)\s+)?standards\b",
    )
});

/// An outcomes page's field line naming who investigated ("Investigated by: the IOPC").
static INVESTIGATED_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)^\W*(?:investigated by|investigation by|investigating body)\s*:\s*")
});
static PROSECUTOR_REVIEWED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:\s*\([A-Z]{2,6}\))?,?\s+(?:(?:which|who)\s+)?(?:\w+\s+){0,2}?(?:reviewed|authorised|authorized|charged|decided|considered|advised)\b",
    )
});

/// Words before an organisation that make it the one that referred or reported the case,
/// not the one that investigated it ("after a referral from Kent Police").
static REFERRER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:referral|referred|self-referred|complaint|report|reported|notified|notification|alerted)\s+(?:\w+\s+){0,2}?(?:by|from)\s+(?:the\s+)?$",
    )
});

/// An investigation denied ("reports that were not properly investigated by the force").
static NOT_INVESTIGATED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:not|never|failed to)\s+(?:\w+\s+)?(?:be\s+|been\s+)?investigat\w*\b[^.;]*$",
    )
});

static STANDARD_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bbreach\w*|\bfinding|\bstandards? of professional behaviou?r|\bin relation to\b|\bproven\b|\bproved\b|\bfound\b|\bamount(?:ed)? to\b|\bcontrary to\b|\bfailed to meet\b|\bfell below\b|\bfollowing standards\b",
    )
});
/// Words that deny a breach or look ahead to a decision on one.
static STANDARD_NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bnot (?:been )?(?:proven|proved|found|breached|upheld|substantiated)\b|\bno breach\b|\bdid not breach\b|\bcleared of\b|\bunproven\b|\bno case to answer\b|\b(?:did|does|could) not find\b|\bfaces?\b|\bfacing\b|\bwill be\b|\bwhether\b|\b(?:will|would|is to|are to|is due to|are due to)\s+(?:rule|decide|determine|consider|hear|assess|examine)\b",
    )
});
/// Words that only allege a breach ("it is alleged", "the claims include").
static STANDARD_ALLEGED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\balleg(?:ed|edly|ation|ations|ing)\b|\bclaims?\b|\bclaimed\b|\baccus(?:ed|ation|ations)\b|\bsaid to have\b|\bsuspected\b|\bsuspicion\b",
    )
});
/// Words that state an allegation proven.
static PROVEN: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:proven|proved|upheld|substantiated|admitted|accepted)\b|\bfound\s+(?:to\s+(?:have|be)|that|him|her|them|it)\b",
    )
});
/// The Standards described in general ("The Standards of Professional Behaviour include ...").
static GENERAL_STANDARDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bstandards\b[^.;]{0,50}?\b(?:include|includes|are|cover|covers|set out|such as|expected|require|requires)\b",
    )
});
static BREACH_WORD: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\bbreach\w*|\bfound\b|\bproven\b|\bproved\b"));
/// A line of a list ("- Honesty and integrity", "2. Orders and instructions"), short.
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"^\s*(?:[-*]|\(?\d{1,2}[.)]|\(?[ivx]{1,4}\))\s+[^\n]{1,60}$"));

/// The publisher speaking of its own investigation ("following our investigation", "we began an
/// independent investigation", "the force referred the matter to us").
static FIRST_PERSON_INVESTIGATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bour\s+(?:own\s+|independent\s+|full\s+|criminal\s+|misconduct\s+)*(?:investigation|investigators|inquiry|enquiries)\b|\bwe\s+(?:(?:then|also|have|had|later|subsequently|immediately|independently)\s+)*(?:investigated\b|(?:began|launched|started|opened|conducted|carried out|completed|led)\s+(?:an?|our|the)\s+(?:own\s+|independent\s+|full\s+|criminal\s+|misconduct\s+)*(?:investigation|inquiry)\b)|\breferred\s+(?:\w+\s+){0,4}?to\s+us\b",
    )
});

/// Investigations, referrals, files and standards for the subjects.
pub fn find_case_facts(input: &CaseInput<'_>) -> Vec<(usize, CaseFact, (usize, usize))> {
    let mut out = Vec::new();
    let mut list_cue = false;
    for sentence in input.sentences {
        let body = sentence.text(input.text);
        // A field line under an officer's name is theirs alone, not the whole case's.
        let field = INVESTIGATED_FIELD.is_match(body);
        for (start, end) in input.resolver.clauses(sentence) {
            let facts = investigations_in(input, start, end);
            if !facts.is_empty() {
                for subject in input.resolver.resolve(sentence.index, start, end, !field) {
                    out.extend(facts.iter().map(|&(f, span)| (subject, f, span)));
                }
            }
        }
        list_cue = standards_in(input, sentence, list_cue, &mut out);
    }
    if let Some(publisher) = publisher(input) {
        if let Some(span) = first_person_investigation(input) {
            for subject in input.resolver.all_subjects() {
                out.push((subject, CaseFact::InvestigatedBy(publisher), span));
            }
        }
    }
    out.sort();
    out.dedup_by_key(|(s, f, _)| (*s, *f));
    out
}

/// Standards found breached in one sentence, for the subjects each clause speaks of; returns
/// whether the lines after it continue a list of standards.
fn standards_in(
    input: &CaseInput<'_>,
    sentence: &Sentence,
    list_cue: bool,
    out: &mut Vec<(usize, CaseFact, (usize, usize))>,
) -> bool {
    let body = sentence.text(input.text);
    let standards = |start: usize, end: usize| -> Vec<(Standard, (usize, usize))> {
        starting_in(input.hits, start, end)
            .iter()
            .filter(|h| h.category == Category::Standard && h.start >= start && h.end <= end)
            .filter_map(|h| {
                Standard::from_iri(&input.gazetteer.entry(h).iri).map(|s| (s, (h.start, h.end)))
            })
            .collect()
    };
    let in_sentence = standards(sentence.start, sentence.end);
    let cue = STANDARD_CUE.is_match(body) && !general_standards(body);
    // Denials and allegations are read clause by clause: "PC A breached X, while the allegation
    // against PC B was not proven".
    if !in_sentence.is_empty() && (list_cue || cue) {
        // A list of standards split by semicolons is one clause: "... breached the standards
        // relating to X; Y; and Z".
        let mut clauses = input.resolver.clauses(sentence);
        let unowned = |&(start, end): &(usize, usize)| {
            !standards(start, end).is_empty() && !input.resolver.speaks_of_someone(start, end)
        };
        if clauses.iter().any(unowned) {
            clauses = vec![(sentence.start, sentence.end)];
        }
        for (start, end) in clauses {
            let clause = &input.text[start..end];
            let hits = standards(start, end);
            if hits.is_empty() || standard_negated(clause) {
                continue;
            }
            for subject in input.resolver.resolve(sentence.index, start, end, false) {
                out.extend(
                    hits.iter()
                        .map(|&(standard, span)| (subject, CaseFact::Breached(standard), span)),
                );
            }
        }
    }
    // "was found to have breached the same three standards": those of the subject whose
    // standards were told last.
    if in_sentence.is_empty() && SAME_STANDARDS.is_match(body) && !standard_negated(body) {
        same_standards(input, sentence, out);
    }
    // A cue line ending in a colon, or a heading line ("Allegations proven"), introduces a
    // list of standards on the lines after it; a list item naming none ("- Orders") does not
    // end it. A list of standards only alleged ("alleged to have been breached:") is not one.
    let opens = (body.trim_end().ends_with(':') || heading_line(input.text, sentence))
        && cue
        && !standard_negated(body);
    opens || (list_cue && (!in_sentence.is_empty() || LIST_ITEM.is_match(body)))
}

/// True when a sentence only describes the Standards in general ("The Standards of
/// Professional Behaviour include honesty and integrity ..."), breaching none.
fn general_standards(body: &str) -> bool {
    GENERAL_STANDARDS.is_match(body) && !BREACH_WORD.is_match(body)
}

/// True when a sentence denies, only alleges or looks ahead to a breach. An allegation stated
/// as proven ("the allegation of discreditable conduct was proven") is a finding.
fn standard_negated(body: &str) -> bool {
    STANDARD_NEGATED.is_match(body) || (STANDARD_ALLEGED.is_match(body) && !PROVEN.is_match(body))
}

/// True when a sentence is a whole short line without closing punctuation: a heading.
fn heading_line(text: &str, sentence: &Sentence) -> bool {
    let body = sentence.text(text).trim();
    let line_start =
        sentence.start == 0 || text[..sentence.start].trim_end_matches(' ').ends_with('\n');
    let line_end = text[sentence.end..]
        .trim_start_matches(' ')
        .starts_with('\n');
    line_start && line_end && body.len() <= 60 && !body.ends_with(['.', '"', '!', '?'])
}

/// Gives the subjects of a sentence that says they breached "the same standards" those of the
/// subject whose standards were told last.
fn same_standards(
    input: &CaseInput<'_>,
    sentence: &Sentence,
    out: &mut Vec<(usize, CaseFact, (usize, usize))>,
) {
    let resolved = input
        .resolver
        .resolve(sentence.index, sentence.start, sentence.end, false);
    let last = out
        .iter()
        .rev()
        .find(|(s, f, _)| matches!(f, CaseFact::Breached(_)) && !resolved.contains(s))
        .map(|(s, _, _)| *s);
    if let Some(other) = last {
        let theirs: Vec<(CaseFact, (usize, usize))> = out
            .iter()
            .filter(|(s, f, _)| *s == other && matches!(f, CaseFact::Breached(_)))
            .map(|&(_, f, span)| (f, span))
            .collect();
        for &subject in &resolved {
            out.extend(theirs.iter().map(|&(f, span)| (subject, f, span)));
        }
    }
}

/// The body that publishes the page, when it can investigate: the organisation its masthead
/// names, before the story's first sentence of prose.
fn publisher(input: &CaseInput<'_>) -> Option<usize> {
    let story = input
        .sentences
        .iter()
        .find(|s| {
            let body = s.text(input.text).trim_end();
            body.len() > 80 && body.ends_with(['.', '"'])
        })
        .map_or(input.text.len(), |s| s.start);
    let (org, _) = input.org_spans_in(0, story).into_iter().next()?;
    input.orgs[org]
        .is_kind(&[
            OrgKind::Watchdog,
            OrgKind::PoliceForce,
            OrgKind::Directorate,
            OrgKind::Unit,
            OrgKind::Command,
        ])
        .then_some(org)
}

/// The first place, outside quotation marks, where the publisher speaks of its investigation.
fn first_person_investigation(input: &CaseInput<'_>) -> Option<(usize, usize)> {
    FIRST_PERSON_INVESTIGATION
        .find_iter(input.text)
        .find(|m| {
            let line_start = input.text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            input.text[line_start..m.start()]
                .matches('"')
                .count()
                .is_multiple_of(2)
        })
        .map(|m| (m.start(), m.end()))
}

fn investigations_in(
    input: &CaseInput<'_>,
    start: usize,
    end: usize,
) -> Vec<(CaseFact, (usize, usize))> {
    let mut facts = Vec::new();
    let investigators = [
        OrgKind::Watchdog,
        OrgKind::Directorate,
        OrgKind::Unit,
        OrgKind::Command,
        OrgKind::Prosecutor,
        OrgKind::PoliceForce,
        OrgKind::Inspectorate,
    ];
    // The fact of the organisation before, where it ends: "an investigation by the force and
    // the IOPC" gives the second what the first has.
    let mut previous: Option<(CaseFact, usize)> = None;
    for (org, span) in input.org_spans_in(start, end) {
        let entity = &input.orgs[org];
        if !entity.is_kind(&investigators) {
            continue;
        }
        let after = &input.text[span.1..end];
        let coordinated = previous
            .filter(|&(_, at)| at <= span.0 && COORDINATED.is_match(&input.text[at..span.0]))
            .map(|(fact, _)| fact.with_org(org));
        let fact = fact_before_or_after(input, start, end, org, span).or(coordinated);
        // "the Met's Directorate of Professional Standards": the unit, not the force, did it.
        let owned_by_next = after.starts_with("'s ")
            && input
                .org_spans_in(span.1, end)
                .first()
                .is_some_and(|(_, s)| s.0 <= span.1 + 4);
        previous = fact.map(|f| (f, span.1));
        if let (Some(fact), false) = (fact, owned_by_next) {
            facts.push((fact, span));
        }
    }
    if facts.is_empty() {
        facts.extend(the_force_investigated(input, start, end));
    }
    facts
}

/// What the words around one organisation of a clause say it did: investigated the case, was
/// referred it or received a file.
fn fact_before_or_after(
    input: &CaseInput<'_>,
    start: usize,
    end: usize,
    org: usize,
    span: (usize, usize),
) -> Option<CaseFact> {
    // The words before the organisation, or before the one that owns it ("investigated by
    // the Met's DPS").
    let lead = owner_start(input, start, span.0);
    let before = &input.text[start.max(lead.saturating_sub(120))..lead];
    let after = &input.text[span.1..end];
    let wide = &input.text[start.max(lead.saturating_sub(240))..lead];
    let directed =
        || DIRECTED_BY.is_match(wide) || INVESTIGATED_FIELD.is_match(&input.text[start..lead]);
    if FILE_TO.is_match(before) {
        Some(CaseFact::FileSubmittedTo(org))
    } else if REFERRED.is_match(before) {
        Some(CaseFact::ReferredTo(org))
    } else if (INVESTIGATED_BY.is_match(before)
        && !REFERRER.is_match(before)
        && !NOT_INVESTIGATED.is_match(before))
        || INVESTIGATION_AFTER.is_match(after)
        || directed()
    {
        Some(CaseFact::InvestigatedBy(org))
    } else if input.orgs[org].is_kind(&[OrgKind::Prosecutor]) && PROSECUTOR_REVIEWED.is_match(after)
    {
        Some(CaseFact::FileSubmittedTo(org))
    } else {
        None
    }
}

/// "following an investigation by the force", "the force's own investigation": the force the
/// article is about investigated, where the clause names no investigating body.
fn the_force_investigated(
    input: &CaseInput<'_>,
    start: usize,
    end: usize,
) -> Option<(CaseFact, (usize, usize))> {
    let force = main_force(input.orgs)?;
    let clause = &input.text[start..end];
    let m = FORCE_INVESTIGATED.find(clause)?;
    let before = &clause[..m.start()];
    if REFERRER.is_match(before) || NOT_INVESTIGATED.is_match(&clause[..m.end()]) {
        return None;
    }
    Some((
        CaseFact::InvestigatedBy(force),
        (start + m.start(), start + m.end()),
    ))
}

/// Where the organisation's owner begins, when one stands right before it ("the Met's" in "the
/// Met's Directorate of Professional Standards"); else `at`.
fn owner_start(input: &CaseInput<'_>, start: usize, at: usize) -> usize {
    input
        .org_spans_in(start, at)
        .last()
        .filter(|(_, s)| matches!(input.text[s.1..at].trim(), "'s" | ""))
        .map_or(at, |(_, s)| s.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Relation;

    #[test]
    fn patterns_compile() {
        for p in [
            &REFERRED,
            &FILE_TO,
            &INVESTIGATED_BY,
            &INVESTIGATION_AFTER,
            &PROSECUTOR_REVIEWED,
            &DIRECTED_BY,
            &INVESTIGATED_FIELD,
            &SAME_STANDARDS,
            &REFERRER,
            &NOT_INVESTIGATED,
            &STANDARD_CUE,
            &STANDARD_NEGATED,
            &COORDINATED,
            &FORCE_INVESTIGATED,
            &STANDARD_ALLEGED,
            &PROVEN,
            &GENERAL_STANDARDS,
            &BREACH_WORD,
            &LIST_ITEM,
            &FIRST_PERSON_INVESTIGATION,
        ] {
            LazyLock::force(p);
        }
    }

    #[test]
    fn investigation_phrasing() {
        assert!(FILE_TO.is_match("the watchdog then sent a file of evidence to the "));
        assert!(FILE_TO.is_match("The matter was reported to the "));
        assert!(INVESTIGATED_BY.is_match("The complaint was investigated by the force's "));
        assert!(DIRECTED_BY.is_match(
            "The case was investigated by the Fraud Unit, which is part of the force's \
             Professional Standards Department, under the direction of the "
        ));
        assert!(INVESTIGATED_FIELD.is_match("Investigated by: "));
        assert!(
            INVESTIGATED_BY.is_match(
                "The investigation was carried out by the unit under the direction of the "
            )
        );
        assert!(INVESTIGATION_AFTER.is_match(" (PSB), which began an investigation into him"));
        assert!(PROSECUTOR_REVIEWED.is_match(", which decided not to charge him"));
        assert!(REFERRER.is_match("investigated the officer after a referral from "));
        assert!(NOT_INVESTIGATED.is_match("her reports were never properly investigated by "));
        assert!(FIRST_PERSON_INVESTIGATION.is_match("after we began an independent investigation"));
        assert!(FIRST_PERSON_INVESTIGATION.is_match("The force referred the death to us at once."));
        assert!(!FIRST_PERSON_INVESTIGATION.is_match("we welcomed the investigation"));
    }

    /// The (person, fact) pairs of an invented article: standards by their IRI's last segment,
    /// investigations, referrals and files as "by ORG", "referred ORG", "file ORG".
    fn case_facts_of(text: &str) -> Vec<(String, String)> {
        let extractor = crate::extract::Extractor::new().unwrap();
        let article = crate::input::Article {
            identity: "test".into(),
            text: text.into(),
            ..crate::input::Article::default()
        };
        let facts = extractor.extract(&article);
        let org = |o: usize| facts.organisations[o].name.clone();
        let mut out: Vec<(String, String)> = facts
            .person_facts
            .iter()
            .filter_map(|f| {
                let what = match &f.relation {
                    Relation::BreachedStandard(standard) => standard.slug().to_owned(),
                    Relation::InvestigatedBy(o) => format!("by {}", org(*o)),
                    Relation::ReferredTo(o) => format!("referred {}", org(*o)),
                    Relation::FileSubmittedTo(o) => format!("file {}", org(*o)),
                    _ => return None,
                };
                Some((facts.people[f.person].name.clone(), what))
            })
            .collect();
        out.sort();
        out
    }

    fn pair(person: &str, what: &str) -> (String, String) {
        (person.to_owned(), what.to_owned())
    }

    #[test]
    fn standards_only_alleged_or_yet_to_be_decided_are_not_breached() {
        assert!(standard_negated(
            "The chair will decide whether PC Jo Marsh breached the standard of honesty."
        ));
        assert!(standard_negated(
            "The claims against the sergeant include breaching confidentiality."
        ));
        assert!(standard_negated(
            "The panel did not find the allegation of discreditable conduct proven."
        ));
        assert!(!standard_negated(
            "The allegation of discreditable conduct was found proven as misconduct."
        ));
        assert!(general_standards(
            "The Standards of Professional Behaviour include honesty and integrity."
        ));
        assert!(!general_standards(
            "The standards he breached were honesty and integrity and confidentiality."
        ));
    }

    #[test]
    fn a_heading_or_list_item_carries_a_list_of_standards() {
        assert!(LIST_ITEM.is_match("- Orders and instructions"));
        assert!(LIST_ITEM.is_match("2. Duties and responsibilities"));
        assert!(!LIST_ITEM.is_match("The officer was dismissed after a long hearing."));
        let facts = case_facts_of(
            "PC Ann Rowe of Kent Police faced a misconduct hearing.\n\nAllegations proven\n\n\
             - Use of force\n- Order and instructions\n- Discreditable conduct\n\n\
             Outcome: final written warning.",
        );
        assert!(facts.contains(&pair("Ann Rowe", "use-of-force")));
        assert!(facts.contains(&pair("Ann Rowe", "orders-and-instructions")));
        assert!(facts.contains(&pair("Ann Rowe", "discreditable-conduct")));
    }

    #[test]
    fn standards_listed_with_semicolons_belong_to_the_subjects_named_before() {
        let facts = case_facts_of(
            "PC Tom Hale and PC Sam Reid of Kent Police faced a misconduct hearing. PC Lee Ford \
             of Kent Police was cleared at the same hearing. The panel found that Hale and Reid \
             had breached the standards relating to honesty and integrity; confidentiality; and \
             discreditable conduct.",
        );
        assert!(facts.contains(&pair("Tom Hale", "confidentiality")));
        assert!(facts.contains(&pair("Sam Reid", "discreditable-conduct")));
        assert!(!facts.iter().any(|(p, _)| p == "Lee Ford"));
    }

    #[test]
    fn investigators_named_together_and_the_force_itself() {
        assert!(COORDINATED.is_match(" and the "));
        assert!(COORDINATED.is_match(" (ABC), and "));
        assert!(
            FORCE_INVESTIGATED.is_match("after an investigation by the force into his conduct")
        );
        assert!(FORCE_INVESTIGATED.is_match("The force's own investigation found"));
        assert!(
            !FORCE_INVESTIGATED
                .is_match("he worked in the force's Criminal Investigation Department")
        );
        assert!(INVESTIGATION_AFTER.is_match(" (XYZ) said it investigated the incident"));
        let facts = case_facts_of(
            "PC Dan Moss of Kent Police was jailed after an investigation by Kent Police and \
             the Independent Office for Police Conduct.",
        );
        assert!(facts.contains(&pair(
            "Dan Moss",
            "by Independent Office for Police Conduct"
        )));
        let facts = case_facts_of(
            "PC Dan Moss of Kent Police was dismissed after an investigation by the force into \
             his conduct.",
        );
        assert!(facts.contains(&pair("Dan Moss", "by Kent Police")));
    }
}
