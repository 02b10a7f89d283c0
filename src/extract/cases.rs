//! Case facts: proceedings (with date, chair, finding and outcomes), investigations and
//! referrals, and standards found breached, each tied to the subject the clause speaks of.

use super::gazetteer::{Category, Gazetteer, Hit};
use super::organisations::OrgEntity;
use super::people::Mention;
use super::subjects::Resolver;
use crate::text::{DateMention, Sentence};
use regex::Regex;
use std::sync::LazyLock;

/// A proceeding found in the text; byte spans in the clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundProceeding {
    pub subject: usize,
    pub kind: &'static str,
    pub span: (usize, usize),
    pub date: Option<(usize, (usize, usize))>,
    pub chair: Option<(usize, (usize, usize))>,
    pub finding: Option<(&'static str, (usize, usize))>,
    pub outcomes: Vec<(&'static str, (usize, usize))>,
    pub court: Option<(usize, (usize, usize))>,
}

/// A fact about a subject's case: investigation, referral, file or standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseFact {
    InvestigatedBy(usize),
    ReferredTo(usize),
    FileSubmittedTo(usize),
    /// Index into the reference standards.
    Breached(usize),
}

pub const COURT_HEARING: &str = "court hearing";
pub const MISCONDUCT_PROCEEDINGS: &str = "misconduct proceedings";
const MISCONDUCT_HEARING: &str = "misconduct hearing";

/// Outcome patterns, most specific first; the label is the outcome's prefLabel.
static OUTCOMES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (r"(?i)\bwould (?:otherwise |also |certainly )?have been (?:dismissed|sacked|fired)\b|\bwould have faced (?:dismissal|the sack)\b", "would have been dismissed"),
        (r"(?i)\bdismiss(?:ed|al) with notice\b", "dismissal with notice"),
        (r"(?i)\bdismiss(?:ed|al) without notice\b|\b(?:was|were|been|be|is|being|are)\s+(?:\w+\s+)?(?:dismissed|sacked|fired)\b|\b(?:dismissed|sacked|fired) (?:from|by)\b|\b(?:instant|summary|immediate) dismissal\b|\bdismissed (?:him|her|them)\b|\blost (?:his|her|their) jobs?\b", "dismissal without notice"),
        (r"(?i)\breduc(?:ed|tion) in rank\b|\bdemoted\b|\breduced to the rank of\b", "reduction in rank"),
        (r"(?i)\bfinal written warnings?\b", "final written warning"),
        (r"(?i)\bwritten warnings?\b", "written warning"),
        (r"(?i)\bmanagement (?:action|advice)\b", "management action"),
        (r"(?i)\bpractice requiring improvement\b|\breflective practice\b", "reflective practice"),
        (r"(?i)\bno further action\b", "no further action"),
        (r"(?i)\b(?:added|placed|put|included|entered|go|goes|going) (?:on|onto|to|in) (?:the )?(?:College of Policing(?:'s)? )?(?:police )?barred list\b|\bbarred from (?:the )?(?:police|policing|serving|working)\b|\bon the barred list\b", "barred list"),
        (r"(?i)\bplead(?:ed)? guilty\b|\bpled guilty\b|\bguilty pleas?\b|\badmitted (?:the |a |an |one |two |three |four |all )?(?:charges?|offences?|counts?)\b", "guilty plea"),
        (r"(?i)\bplead(?:ed)? not guilty\b|\bdenied (?:the |all )?(?:charges?|offences?)\b", "not guilty"),
        (r"(?i)\bacquitted\b|\bfound not guilty\b|\bcleared (?:of|by a jury)\b", "acquitted"),
        (r"(?i)\bconvicted\b|\bfound guilty\b", "convicted"),
    ]
    .into_iter()
    .map(|(p, label)| (crate::regex(p), label))
    .collect()
});

const COURT_OUTCOMES: &[&str] = &["guilty plea", "not guilty", "acquitted", "convicted"];

/// A word shortly before an outcome that denies or hedges it.
static NEGATED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:not|never|no|spared|spare|avoid|avoided|avoiding|escaped|escape|without|could|may|might|faces?|facing|risk|risked|rather than|instead of|appeal(?:ed|ing)? against|considered|sought|seeking|recommended|possible)\b[^.;]{0,25}$",
    )
});

static FINDING_NOT_PROVEN: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\bnot (?:been )?(?:proven|proved|found proven|substantiated|upheld)\b|\bunproven\b|\bdismissed the (?:case|allegations?)\b"));
static FINDING_NO_CASE: LazyLock<Regex> = LazyLock::new(|| crate::regex(r"(?i)\bno case to answer\b"));
static FINDING_NOT_GROSS_BUT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:did not|didn't|does not|not) (?:amount to|constitute|reach the (?:level|threshold) of) gross misconduct\b[^.;]{0,60}\bmisconduct\b")
});
static FINDING_GROSS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:found|proven|proved|amount(?:ed|s)? to|constitut(?:ed|es)|guilty of|(?:dismissed|sacked|fired) for|at the level of|established|upheld|admitted|committed)\b[^.;]{0,60}?\bgross misconduct\b|\bgross misconduct\b[^.;]{0,40}\b(?:was|were|had been|has been)\s+(?:\w+\s+)?(?:found|proven|proved|established|upheld)\b")
});
static FINDING_MISCONDUCT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:found|proven|proved|amount(?:ed|s)? to|constitut(?:ed|es)|guilty of|at the level of|established|upheld|admitted)\b[^.;]{0,40}?\b(?:misconduct)\b(?: (?:hearing|meeting|proceedings|panel|investigation))?")
});
static NEGATED_FINDING: LazyLock<Regex> = LazyLock::new(|| crate::regex(r"(?i)\b(?:not|no|never)\b[^.;]{0,20}$"));

static DATE_BEFORE_GAP: LazyLock<Regex> = LazyLock::new(|| crate::regex(r"^[,\s]*(?:(?:an?|the|his|her|their)\s+)?(?:full\s+|three-day\s+|two-day\s+|public\s+)?$"));
static DATE_AFTER_GAP: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)^(?:[\s,]*(?:held|which|that|was|were|took place|concluded|ended|finished|sat|heard|for sentencing|for (?:a )?(?:trial|plea hearing|sentence)|(?:at|in) [A-Z][\w' ]{0,40}))*\s*(?:on|between|,)?\s*(?:\(\s*)?$")
});

static COURT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:appear(?:ed|s|ing)?|plead(?:ed|s)?|pled|convicted|sentenced|jailed|trial|remanded|bailed|found guilty|found not guilty|acquitted|cleared|guilty|court hearing|hearing)\b")
});
static HYPOTHETICAL_PROCEEDING: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\bwould (?:have )?(?:faced|face|been subject to)\b[^.;]{0,30}$"));
static BARE_HEARING: LazyLock<Regex> = LazyLock::new(|| crate::regex(r"(?i)\b(?:hearing|panel|tribunal)\b"));

static CHAIR_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:chaired|presided over|headed|led|heard|conducted|overseen)\s+by\s+(?:an?\s+|the\s+)?(?:independent\s+)?(?:legally\s+qualified\s+chair,?\s+)?$")
});
static CHAIR_VERB_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)^(?:'s)?(?:,[^,]{0,120},)?\s+(?:who\s+)?(?:chaired|presided|decided|ruled|concluded|determined|found|imposed|gave|handed|issued|said the (?:panel|hearing) had found)\b")
});

static REFERRED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:referred|referral|re-referred)\b(?:[\w' ,]{0,50}?)\s(?:to|with)\s+(?:the\s+)?$")
});
static FILE_TO: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:file|files|papers|evidence|case)\b[\w' ,]{0,60}?\b(?:submitted|passed|sent|handed|referred|forwarded|provided|given)\s+to\s+(?:the\s+)?$")
});
static INVESTIGATED_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:investigat\w*|inquiry|inquiries|probe|enquiries)\b[\w' ,]{0,60}?\b(?:by|from)\s+(?:(?:officers|detectives|investigators|specialists|colleagues|staff)\s+(?:from|of|in|at)\s+)?(?:the\s+|our\s+|its\s+|their\s+|a\s+|new\s+|dedicated\s+|specialist\s+)*$")
});
static INVESTIGATION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)^(?:'s)?\s+(?:(?:\w+\s+){0,3}?(?:launched|began|begun|started|opened|conducted|carried out|led|continued|completed|oversaw|oversees|managed|supervised|directed|undertook|would conduct|will conduct|to conduct|conducts|independently investigated|investigated)\b[\w' ,-]{0,40}?\b(?:investigation|inquiry|probe|enquiries|him|her|them|the (?:officer|case|matter|allegations?|complaint))|investigated\b|(?:own\s+|independent\s+|criminal\s+|misconduct\s+|local\s+|full\s+|directed\s+|managed\s+|supervised\s+)*(?:investigation|inquiry|probe)\b)")
});
static PROSECUTOR_REVIEWED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)^\s+(?:\w+\s+){0,2}?(?:reviewed|authorised|authorized|charged|decided|considered|advised)\b")
});

static STANDARD_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\bbreach\w*|\bstandards? of professional behaviou?r|\bin relation to\b|\bproven\b|\bproved\b|\bfound\b|\bamount(?:ed)? to\b|\bcontrary to\b|\bfailed to meet\b|\bfell below\b|\bfollowing standards\b")
});
static STANDARD_NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\bnot (?:been )?(?:proven|proved|found|breached|upheld|substantiated)\b|\bno breach\b|\bdid not breach\b|\bcleared of\b|\bunproven\b|\balleged\b|\ballegations? (?:that|of)\b|\bfaces?\b|\bfacing\b|\bwill be\b")
});

/// Everything the case passes read from one article.
pub struct CaseInput<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub hits: &'a [Hit],
    pub orgs: &'a [OrgEntity],
    pub mentions: &'a [Mention],
    pub dates: &'a [DateMention],
    pub resolver: &'a Resolver<'a>,
    pub gazetteer: &'a Gazetteer,
}

impl CaseInput<'_> {
    fn org_spans_in(&self, start: usize, end: usize) -> Vec<(usize, (usize, usize))> {
        let mut spans: Vec<(usize, (usize, usize))> = self
            .orgs
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.spans.iter().map(move |&s| (i, s)))
            .filter(|&(_, (s, e))| s >= start && e <= end)
            .collect();
        spans.sort_by_key(|&(_, s)| s);
        spans
    }

    fn clause_start(&self, start: usize, at: usize) -> usize {
        self.text[start..at].rfind([';', '.', '\n']).map_or(start, |i| start + i + 1)
    }
}

/// Finds proceedings for the subjects, in text order.
pub fn find_proceedings(input: &CaseInput<'_>, chairs: &mut Vec<usize>) -> Vec<FoundProceeding> {
    let mut found: Vec<FoundProceeding> = Vec::new();
    for sentence in input.sentences {
        for (start, end) in input.resolver.clauses(sentence) {
            let subjects = input.resolver.resolve(sentence.index, start, end, false);
            for subject in subjects {
                clause_proceedings(input, sentence, (start, end), subject, &mut found, chairs);
            }
        }
    }
    drop_redundant_court_hearings(&mut found);
    found
}

fn clause_proceedings(
    input: &CaseInput<'_>,
    sentence: &Sentence,
    (start, end): (usize, usize),
    subject: usize,
    found: &mut Vec<FoundProceeding>,
    chairs: &mut Vec<usize>,
) {
    let text = input.text;
    let clause = &text[start..end];
    // Explicit disciplinary proceedings.
    let mut current: Option<usize> = None;
    for hit in input.hits.iter().filter(|h| h.category == Category::ProceedingKind && h.start >= start && h.end <= end) {
        if HYPOTHETICAL_PROCEEDING.is_match(&text[start..hit.start]) {
            continue;
        }
        let kind = input.gazetteer.entry(hit).pref_label.as_str();
        let kind = static_label(kind);
        let index = proceeding_for(found, subject, kind, (hit.start, hit.end));
        set_date(input, &mut found[index], (hit.start, hit.end), (start, end));
        current = Some(index);
    }
    // Courts.
    if COURT_CUE.is_match(clause) {
        for (org, span) in input.org_spans_in(start, end) {
            if !input.orgs[org].is_kind(&["court"]) || input.orgs[org].name.contains("Appeals Tribunal") {
                continue;
            }
            let date = date_after(input, span, end).or_else(|| date_before(input, span, start));
            let index = match found.iter().position(|p| {
                p.subject == subject && p.kind == COURT_HEARING && p.court.map(|c| c.0) == Some(org) && p.date.map(|d| input.dates[d.0].date) == date.map(|d| input.dates[d].date)
            }) {
                Some(i) => i,
                None => {
                    found.push(new_proceeding(subject, COURT_HEARING, span));
                    found.len() - 1
                }
            };
            found[index].court = Some((org, span));
            if let Some(d) = date {
                found[index].date = Some((d, (input.dates[d].start, input.dates[d].end)));
            }
            for (outcome, span) in outcomes_in(text, start, end).into_iter().filter(|(o, _)| COURT_OUTCOMES.contains(o)) {
                add_outcome(&mut found[index], outcome, span);
            }
        }
    }
    // Outcomes without a court in the clause.
    let has_court = found.iter().any(|p| p.subject == subject && p.court.is_some_and(|(_, s)| s.0 >= start && s.1 <= end));
    for (outcome, span) in outcomes_in(text, start, end) {
        let court = COURT_OUTCOMES.contains(&outcome);
        if court && has_court {
            continue;
        }
        let index = if court {
            latest(found, subject, true).unwrap_or_else(|| {
                found.push(new_proceeding(subject, COURT_HEARING, span));
                found.len() - 1
            })
        } else {
            current.or_else(|| latest(found, subject, false)).unwrap_or_else(|| {
                let kind = if BARE_HEARING.is_match(clause) { MISCONDUCT_HEARING } else { MISCONDUCT_PROCEEDINGS };
                found.push(new_proceeding(subject, kind, span));
                found.len() - 1
            })
        };
        add_outcome(&mut found[index], outcome, span);
    }
    // Findings.
    if let Some((finding, span)) = finding_in(clause, start) {
        let index = current.or_else(|| latest(found, subject, false)).unwrap_or_else(|| {
            let kind = if BARE_HEARING.is_match(clause) { MISCONDUCT_HEARING } else { MISCONDUCT_PROCEEDINGS };
            found.push(new_proceeding(subject, kind, span));
            found.len() - 1
        });
        if found[index].finding.is_none() || finding != "misconduct" {
            found[index].finding = Some((finding, span));
        }
    }
    // Chairs.
    let decides = current.is_some() || finding_in(clause, start).is_some() || !outcomes_in(text, start, end).is_empty();
    if let Some((chair, span)) = chair_in(input, sentence, (start, end), subject, decides) {
        if let Some(index) = current.or_else(|| latest(found, subject, false)) {
            if found[index].chair.is_none() {
                found[index].chair = Some((chair, span));
            }
            if !chairs.contains(&chair) {
                chairs.push(chair);
            }
        }
    }
}

/// The people who chaired proceedings ("presided over by ..."), found before subjects are
/// decided so that a chair is never taken for the accused.
pub fn find_chairs(text: &str, mentions: &[Mention]) -> Vec<usize> {
    let mut chairs = Vec::new();
    for m in mentions {
        let before = &text[m.head_start.saturating_sub(90)..m.head_start];
        if CHAIR_BY.is_match(before) && !chairs.contains(&m.person) {
            chairs.push(m.person);
        }
    }
    chairs
}

fn chair_in(
    input: &CaseInput<'_>,
    _sentence: &Sentence,
    (start, end): (usize, usize),
    subject: usize,
    decides: bool,
) -> Option<(usize, (usize, usize))> {
    for m in input.mentions.iter().filter(|m| m.start >= start && m.end <= end && m.person != subject) {
        let before = &input.text[start.max(m.head_start.saturating_sub(90))..m.head_start];
        if CHAIR_BY.is_match(before) {
            return Some((m.person, (m.head_start, m.end)));
        }
        let after = &input.text[m.end..end];
        if decides && CHAIR_VERB_AFTER.is_match(after) && !input.resolver.subject[m.person] {
            return Some((m.person, (m.head_start, m.end)));
        }
    }
    None
}

fn static_label(label: &str) -> &'static str {
    const KINDS: &[&str] = &[
        "misconduct hearing",
        "accelerated misconduct hearing",
        "misconduct meeting",
        "misconduct proceedings",
        "court hearing",
        "reflective practice review",
    ];
    KINDS.iter().find(|k| **k == label).copied().unwrap_or(MISCONDUCT_PROCEEDINGS)
}

fn new_proceeding(subject: usize, kind: &'static str, span: (usize, usize)) -> FoundProceeding {
    FoundProceeding { subject, kind, span, date: None, chair: None, finding: None, outcomes: Vec::new(), court: None }
}

fn proceeding_for(found: &mut Vec<FoundProceeding>, subject: usize, kind: &'static str, span: (usize, usize)) -> usize {
    if let Some(i) = found.iter().position(|p| p.subject == subject && p.kind == kind) {
        return i;
    }
    // An earlier "misconduct proceedings" stand-in becomes the named kind.
    if let Some(i) = found.iter().position(|p| p.subject == subject && p.kind == MISCONDUCT_PROCEEDINGS) {
        found[i].kind = kind;
        return i;
    }
    found.push(new_proceeding(subject, kind, span));
    found.len() - 1
}

/// The subject's most recent court hearing, or disciplinary proceeding.
fn latest(found: &[FoundProceeding], subject: usize, court: bool) -> Option<usize> {
    found.iter().rposition(|p| p.subject == subject && (p.kind == COURT_HEARING) == court)
}

fn add_outcome(p: &mut FoundProceeding, outcome: &'static str, span: (usize, usize)) {
    if !p.outcomes.iter().any(|(o, _)| *o == outcome) {
        p.outcomes.push((outcome, span));
    }
}

/// Outcomes stated (not denied or hedged) in a clause.
fn outcomes_in(text: &str, start: usize, end: usize) -> Vec<(&'static str, (usize, usize))> {
    let clause = &text[start..end];
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for (pattern, label) in OUTCOMES.iter() {
        for m in pattern.find_iter(clause) {
            let span = (start + m.start(), start + m.end());
            if taken.iter().any(|&(s, e)| span.0 < e && s < span.1) {
                continue;
            }
            taken.push(span);
            let before = &clause[..m.start()];
            let hedge = NEGATED_BEFORE.is_match(before) && !label.starts_with("would");
            if *label == "convicted" && clause[m.end()..].trim_start().starts_with("of gross misconduct") {
                continue;
            }
            if *label == "convicted" && clause[m.end()..].trim_start().starts_with("of misconduct") {
                continue;
            }
            if !hedge && !out.iter().any(|(o, _)| o == label) {
                out.push((*label, span));
            }
        }
    }
    // "final written warning" also matches "written warning": the longer phrase was taken first.
    out
}

/// The finding a clause states, if any.
fn finding_in(clause: &str, start: usize) -> Option<(&'static str, (usize, usize))> {
    let span = |m: regex::Match<'_>| (start + m.start(), start + m.end());
    if let Some(m) = FINDING_NOT_PROVEN.find(clause) {
        if clause.to_ascii_lowercase().contains("misconduct") || clause.contains("allegation") {
            return Some(("not proven", span(m)));
        }
    }
    if let Some(m) = FINDING_NO_CASE.find(clause) {
        return Some(("no case to answer", span(m)));
    }
    if let Some(m) = FINDING_NOT_GROSS_BUT.find(clause) {
        return Some(("misconduct", span(m)));
    }
    if let Some(m) = FINDING_GROSS.find(clause) {
        if !NEGATED_FINDING.is_match(&clause[..m.start()]) {
            return Some(("gross misconduct", span(m)));
        }
    }
    if let Some(m) = FINDING_MISCONDUCT.find(clause) {
        let phrase = m.as_str().to_ascii_lowercase();
        let names_proceeding = ["hearing", "meeting", "proceedings", "panel", "investigation"].iter().any(|w| phrase.ends_with(w));
        if !names_proceeding && !NEGATED_FINDING.is_match(&clause[..m.start()]) && !phrase.contains("gross") {
            return Some(("misconduct", span(m)));
        }
    }
    None
}

fn date_after(input: &CaseInput<'_>, (_, mention_end): (usize, usize), clause_end: usize) -> Option<usize> {
    input.dates.iter().position(|d| {
        d.start >= mention_end && d.end <= clause_end && d.start - mention_end <= 60 && DATE_AFTER_GAP.is_match(&input.text[mention_end..d.start])
    })
}

fn date_before(input: &CaseInput<'_>, (mention_start, _): (usize, usize), clause_start: usize) -> Option<usize> {
    input.dates.iter().rposition(|d| {
        d.start >= clause_start && d.end <= mention_start && mention_start - d.end <= 30 && DATE_BEFORE_GAP.is_match(&input.text[d.end..mention_start])
    })
}

fn set_date(input: &CaseInput<'_>, p: &mut FoundProceeding, span: (usize, usize), (start, end): (usize, usize)) {
    if p.date.is_some() {
        return;
    }
    let clause_start = input.clause_start(start, span.0);
    if let Some(d) = date_after(input, span, end).or_else(|| date_before(input, span, clause_start)) {
        p.date = Some((d, (input.dates[d].start, input.dates[d].end)));
    }
}

/// An undated court hearing whose outcomes a dated one of the same subject already carries is
/// the same hearing told twice.
fn drop_redundant_court_hearings(found: &mut Vec<FoundProceeding>) {
    let snapshot = found.clone();
    found.retain(|p| {
        if p.kind != COURT_HEARING || p.date.is_some() || p.court.is_some() {
            return true;
        }
        !snapshot.iter().any(|q| {
            !std::ptr::eq(p, q)
                && q.subject == p.subject
                && q.kind == COURT_HEARING
                && (q.date.is_some() || q.court.is_some())
                && p.outcomes.iter().all(|(o, _)| q.outcomes.iter().any(|(qo, _)| qo == o))
        })
    });
}

/// Investigations, referrals, files and standards for the subjects.
pub fn find_case_facts(input: &CaseInput<'_>) -> Vec<(usize, CaseFact, (usize, usize))> {
    let mut out = Vec::new();
    let mut list_cue = false;
    for sentence in input.sentences {
        let body = sentence.text(input.text);
        for (start, end) in input.resolver.clauses(sentence) {
            let facts = investigations_in(input, start, end);
            if !facts.is_empty() {
                for subject in input.resolver.resolve(sentence.index, start, end, true) {
                    out.extend(facts.iter().map(|&(f, span)| (subject, f, span)));
                }
            }
        }
        let standards: Vec<&Hit> = input
            .hits
            .iter()
            .filter(|h| h.category == Category::Standard && h.start >= sentence.start && h.end <= sentence.end)
            .collect();
        let cue = STANDARD_CUE.is_match(body);
        if !standards.is_empty() && (cue || list_cue) && !STANDARD_NEGATED.is_match(body) {
            for subject in input.resolver.resolve(sentence.index, sentence.start, sentence.end, false) {
                out.extend(standards.iter().map(|h| (subject, CaseFact::Breached(h.index), (h.start, h.end))));
            }
        }
        // A cue line ending in a colon introduces a list of standards on the lines after it.
        list_cue = (cue && body.trim_end().ends_with(':')) || (list_cue && !standards.is_empty());
    }
    out.sort();
    out.dedup_by_key(|(s, f, _)| (*s, *f));
    out
}

fn investigations_in(input: &CaseInput<'_>, start: usize, end: usize) -> Vec<(CaseFact, (usize, usize))> {
    let mut facts = Vec::new();
    let investigators = ["watchdog", "directorate", "unit", "command", "prosecutor", "police force", "inspectorate"];
    for (org, span) in input.org_spans_in(start, end) {
        let entity = &input.orgs[org];
        if !entity.is_kind(&investigators) {
            continue;
        }
        // The words before the organisation's own clause-mates ("the Met's DPS").
        let before = &input.text[start.max(span.0.saturating_sub(120))..span.0];
        let after = &input.text[span.1..end];
        let fact = if FILE_TO.is_match(before) {
            Some(CaseFact::FileSubmittedTo(org))
        } else if REFERRED.is_match(before) {
            Some(CaseFact::ReferredTo(org))
        } else if INVESTIGATED_BY.is_match(before) || INVESTIGATION_AFTER.is_match(after) {
            Some(CaseFact::InvestigatedBy(org))
        } else if entity.is_kind(&["prosecutor"]) && PROSECUTOR_REVIEWED.is_match(after) {
            Some(CaseFact::FileSubmittedTo(org))
        } else {
            None
        };
        // "the Met's Directorate of Professional Standards": the unit, not the force, did it.
        let owned_by_next = after.starts_with("'s ")
            && input.org_spans_in(span.1, end).first().is_some_and(|(_, s)| s.0 <= span.1 + 4);
        if let (Some(fact), false) = (fact, owned_by_next) {
            facts.push((fact, span));
        }
    }
    facts
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&OUTCOMES);
        for p in [
            &NEGATED_BEFORE,
            &FINDING_NOT_PROVEN,
            &FINDING_NO_CASE,
            &FINDING_NOT_GROSS_BUT,
            &FINDING_GROSS,
            &FINDING_MISCONDUCT,
            &NEGATED_FINDING,
            &DATE_BEFORE_GAP,
            &DATE_AFTER_GAP,
            &COURT_CUE,
            &HYPOTHETICAL_PROCEEDING,
            &BARE_HEARING,
            &CHAIR_BY,
            &CHAIR_VERB_AFTER,
            &REFERRED,
            &FILE_TO,
            &INVESTIGATED_BY,
            &INVESTIGATION_AFTER,
            &PROSECUTOR_REVIEWED,
            &STANDARD_CUE,
            &STANDARD_NEGATED,
        ] {
            LazyLock::force(p);
        }
    }

    fn outcomes(s: &str) -> Vec<&'static str> {
        outcomes_in(s, 0, s.len()).into_iter().map(|(o, _)| o).collect()
    }

    #[test]
    fn outcome_phrasing() {
        assert_eq!(outcomes("he would have been fired without notice"), vec!["would have been dismissed"]);
        assert_eq!(outcomes("The sergeant was dismissed without notice."), vec!["dismissal without notice"]);
        assert_eq!(outcomes("she was handed a final written warning"), vec!["final written warning"]);
        assert_eq!(outcomes("he received a written warning"), vec!["written warning"]);
        assert_eq!(outcomes("But he spared him instant dismissal"), Vec::<&str>::new());
        assert_eq!(outcomes("he was not dismissed"), Vec::<&str>::new());
        assert_eq!(outcomes("He could face dismissal if found guilty"), Vec::<&str>::new());
        assert_eq!(outcomes("where he entered a guilty plea"), vec!["guilty plea"]);
        assert_eq!(outcomes("was found guilty of gross misconduct"), Vec::<&str>::new());
    }

    fn finding(s: &str) -> Option<&'static str> {
        finding_in(s, 0).map(|(f, _)| f)
    }

    #[test]
    fn finding_phrasing() {
        assert_eq!(finding("allegations which were proven at the level of gross misconduct"), Some("gross misconduct"));
        assert_eq!(finding("decided the officer was guilty of gross misconduct"), Some("gross misconduct"));
        assert_eq!(
            finding("the panel said it did not amount to gross misconduct but was misconduct"),
            Some("misconduct")
        );
        assert_eq!(finding("The panel found there was no case to answer."), Some("no case to answer"));
        assert_eq!(finding("The allegation of gross misconduct was not proven."), Some("not proven"));
        assert_eq!(finding("He faced a gross misconduct hearing"), None);
    }
}
