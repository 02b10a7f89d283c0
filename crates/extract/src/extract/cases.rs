//! Proceedings: disciplinary and court proceedings with their date, chair, finding and
//! outcomes, each tied to the subject the clause speaks of.

use super::chairs::chair_in;
use super::context::{CaseInput, date_after, date_before, date_of, proceeding_kind};
use super::model::{FoundProceeding, Located, SharedProceeding};
use super::near::starting_in;
use super::outcomes::{finding_in, outcomes_in};
use super::shared::{apply_shared, note_shared};
use crate::concepts::{CodedOutcome, Finding, OrgKind, Outcome, ProceedingKind};
use crate::text::Sentence;
use regex::Regex;
use std::sync::LazyLock;

pub(super) use ProceedingKind::{
    AcceleratedHearing as ACCELERATED_HEARING, CourtHearing as COURT_HEARING,
    MisconductHearing as MISCONDUCT_HEARING, MisconductMeeting as MISCONDUCT_MEETING,
    MisconductProceedings as MISCONDUCT_PROCEEDINGS,
};

static COURT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:appear(?:ed|s|ing)?|attend(?:ed|s|ing)?|due (?:to|at|before)|plead(?:ed|s|ing)?|pled|convicted|sentenced|jailed|trial|remanded|bailed|found guilty|found not guilty|acquitted|cleared|guilty|court hearing|hearing)\b",
    )
});
/// A clause that supposes rather than states: "If the officer is found to have committed gross
/// misconduct", "the sanctions available to the panel are".
static SUPPOSED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(?:if|unless|should|in the event)\b|\bif\b[^.;]{0,80}\b(?:found|proven|proved|upheld)\b|\b(?:available|possible|potential|range of)\s+(?:sanctions|outcomes|disciplinary outcomes)\b|\b(?:sanctions|outcomes)\s+(?:available|open|which (?:can|could|may))\b|\b(?:can|could|may|might)\s+(?:include|range from)\b",
    )
});
/// Words of a criminal court.
static CRIMINAL_COURT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:court|trial|jury|magistrates?|sentenc\w*|judge|crown|convict\w*)\b")
});
/// An item of a list ("• Final written warning", "- Dismissal", "2. Written warning").
static LIST_ITEM: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"^\s*(?:[•·▪◦*\-–]|\d{1,2}[.)])\s*\S"));
static BARE_HEARING: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\b(?:hearing|panel|tribunal)\b"));
static BARE_MEETING: LazyLock<Regex> = LazyLock::new(|| crate::regex(r"(?i)\bmeeting\b"));

/// A proceeding spoken of without its kind ("at a hearing on Tuesday", "the panel"); group 1
/// is "the" when it points back at one already told of.
static BARE_PROCEEDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:(the)|a|an|this|that|his|her|their)\s+(?:(?:two|three|four|five)-day\s+|public\s+|private\s+|disciplinary\s+|misconduct\s+|gross\s+misconduct\s+)*(hearing|panel|meeting|tribunal|chair)\b",
    )
});

/// A line of an outcomes page that gives one field of a case ("Date: 20/03/2025", "Chair:
/// Ms Jane Reed", "Finding: Gross misconduct"); group 1 is the field.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(date\(s\)|dates?|date of (?:the )?(?:hearing|meeting)|hearing dates?|meeting date|chair|chaired by|chairperson|finding|findings|panel's finding|finding of the (?:panel|meeting|hearing))\s*:\s*",
    )
});

/// The value of a finding field, from its start.
static FIELD_FINDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:(?:allegations?|case)\s+)?(?:proven\s*[-:,;]?\s*(?:as\s+|at the level of\s+)?)?(gross misconduct|misconduct|no case to answer|not proven|unproven)\b",
    )
});

/// Finds proceedings for the subjects, in text order.
pub fn find_proceedings(input: &CaseInput<'_>, chairs: &mut Vec<usize>) -> Vec<FoundProceeding> {
    let mut found: Vec<FoundProceeding> = Vec::new();
    let mut shared: Vec<SharedProceeding> = Vec::new();
    let mut later = Later::default();
    let mut menu = false;
    for sentence in input.sentences {
        // The items listed under "the available sanctions are:" are no one's outcomes.
        let body = sentence.text(input.text);
        menu = menu && LIST_ITEM.is_match(body)
            || body.trim_end().ends_with(':') && SUPPOSED.is_match(body);
        if menu && LIST_ITEM.is_match(body) {
            continue;
        }
        for (start, end) in input.resolver.clauses(sentence) {
            // "Chair: Ms Jane Reed" is about the subject above it: chairs are no one's topic.
            let subjects = input.resolver.resolve(sentence.index, start, end, false);
            if subjects.is_empty() || !input.resolver.speaks_of_someone(start, end) {
                note_shared(input, (start, end), &mut shared);
            }
            if subjects.is_empty() {
                continue;
            }
            let reading = ClauseReading::new(input, (start, end));
            for subject in subjects {
                clause_proceedings(
                    input,
                    (sentence, &reading),
                    subject,
                    &mut found,
                    chairs,
                    (&shared, &mut later),
                );
            }
        }
    }
    apply_shared(&mut found, &shared);
    // A chair named for a subject before any proceeding of theirs: their first one's.
    for (subject, chair) in later.chairs {
        if let Some(p) = found
            .iter_mut()
            .find(|p| p.subject == subject && p.kind != COURT_HEARING)
        {
            p.chair = p.chair.or(Some(chair));
        }
    }
    // "The hearing" is the one last named: what is known of it by the end is known of both.
    for (index, told) in later.links {
        let (kind, date, chair) = match told {
            Told::Found(t) => (Some(found[t].kind), found[t].date, found[t].chair),
            Told::Shared(t) => (shared[t].kind, shared[t].date, shared[t].chair),
        };
        if kind.is_none_or(|k| k == found[index].kind) {
            found[index].date = found[index].date.or(date);
            found[index].chair = found[index].chair.or(chair);
        }
    }
    same_day_same_kind(input, &mut found);
    drop_redundant_court_hearings(&mut found);
    merge_one_event(input, &mut found);
    found
}

/// True when `general` may name the same event as `specific`: a misconduct hearing may be the
/// accelerated one, and proceedings of no stated kind any disciplinary one.
fn names_the_same(general: ProceedingKind, specific: ProceedingKind) -> bool {
    match general {
        MISCONDUCT_HEARING => specific == ACCELERATED_HEARING,
        MISCONDUCT_PROCEEDINGS => specific != COURT_HEARING && specific != MISCONDUCT_PROCEEDINGS,
        _ => false,
    }
}

/// One event told of by a general name and a specific one ("a misconduct hearing has ruled",
/// "an accelerated misconduct hearing found") is one proceeding, of the specific kind, where
/// the subject has one proceeding of stated kind that the general name fits and their dates do
/// not differ.
fn merge_one_event(input: &CaseInput<'_>, found: &mut Vec<FoundProceeding>) {
    let day = |p: &FoundProceeding| p.date.map(|(d, _)| input.dates[d].date);
    let mut i = 0;
    while i < found.len() {
        let fits: Vec<usize> = (0..found.len())
            .filter(|&j| {
                found[j].subject == found[i].subject
                    && !found[j].inferred
                    && names_the_same(found[i].kind, found[j].kind)
            })
            .collect();
        let [j] = fits[..] else {
            i += 1;
            continue;
        };
        let (a, b) = (day(&found[i]), day(&found[j]));
        if a.is_some() && b.is_some() && a != b {
            i += 1;
            continue;
        }
        let general = found.remove(i);
        let j = if j > i { j - 1 } else { j };
        let p = &mut found[j];
        p.date = p.date.or(general.date);
        p.chair = p.chair.or(general.chair);
        if let Some((f, span)) = general.finding {
            if p.finding
                .is_none_or(|(held, _)| finding_weight(f) > finding_weight(held))
            {
                p.finding = Some((f, span));
            }
        }
        for (o, span) in general.outcomes {
            add_outcome(p, o, span);
        }
    }
}

/// Proceedings of no stated kind held the day a proceeding of one stated kind was: that one.
/// Proceedings of one kind held the same day are one hearing, with one chair.
fn same_day_same_kind(input: &CaseInput<'_>, found: &mut [FoundProceeding]) {
    let day = |p: &FoundProceeding| p.date.map(|(d, _)| input.dates[d].date);
    for i in 0..found.len() {
        if found[i].chair.is_some() || found[i].kind == COURT_HEARING || day(&found[i]).is_none() {
            continue;
        }
        let mut chairs: Vec<Located> = found
            .iter()
            .filter(|q| q.kind == found[i].kind && day(q) == day(&found[i]))
            .filter_map(|q| q.chair)
            .collect();
        chairs.sort_by_key(|(c, _)| *c);
        chairs.dedup_by_key(|(c, _)| *c);
        if let [chair] = chairs[..] {
            found[i].chair = Some(chair);
        }
    }
    for i in 0..found.len() {
        if found[i].kind != MISCONDUCT_PROCEEDINGS || day(&found[i]).is_none() {
            continue;
        }
        let mut same: Vec<(ProceedingKind, Option<Located>)> = found
            .iter()
            .filter(|q| {
                q.kind != MISCONDUCT_PROCEEDINGS
                    && q.kind != COURT_HEARING
                    && day(q) == day(&found[i])
            })
            .map(|q| (q.kind, q.chair))
            .collect();
        same.sort_by_key(|(kind, _)| *kind);
        same.dedup_by_key(|(kind, _)| *kind);
        if let [(kind, chair)] = same[..] {
            found[i].kind = kind;
            found[i].inferred = false;
            found[i].chair = found[i].chair.or(chair);
        }
    }
}

/// What a clause says whoever it is about: read once, however many subjects it names.
struct ClauseReading<'t> {
    start: usize,
    end: usize,
    /// An outcomes-page field line ("Chair: ...").
    field: Option<regex::Captures<'t>>,
    /// What the clause calls the proceeding when it does not name its kind: whether it says
    /// "the", the noun, and the noun's span.
    bare: Option<(bool, String, (usize, usize))>,
    court_cue: bool,
    outcomes: Vec<(Outcome, (usize, usize))>,
    finding: Option<(Finding, (usize, usize))>,
}

impl<'t> ClauseReading<'t> {
    fn new(input: &CaseInput<'t>, (start, end): (usize, usize)) -> Self {
        let text = input.text;
        let clause = &text[start..end];
        let bare = BARE_PROCEEDING.captures(clause).and_then(|c| {
            let noun = c.get(2)?;
            Some((
                c.get(1).is_some(),
                noun.as_str().to_ascii_lowercase(),
                (start + noun.start(), start + noun.end()),
            ))
        });
        let supposed = SUPPOSED.is_match(clause);
        let mut outcomes = outcomes_in(text, (start, end), &input.gazetteer.added_outcomes);
        outcomes.retain(|&(o, _)| {
            !supposed || o == Outcome::Coded(CodedOutcome::WouldHaveBeenDismissed)
        });
        ClauseReading {
            start,
            end,
            field: FIELD.captures(clause),
            bare,
            court_cue: COURT_CUE.is_match(clause),
            outcomes,
            finding: finding_in(clause, start).filter(|_| !supposed),
        }
    }
}

/// The proceedings, dates, findings, outcomes and chairs a clause states of one subject;
/// `later` gets what can only be settled at the end; `shared` holds the proceedings told of so
/// far without their subjects.
fn clause_proceedings(
    input: &CaseInput<'_>,
    (sentence, reading): (&Sentence, &ClauseReading<'_>),
    subject: usize,
    found: &mut Vec<FoundProceeding>,
    chairs: &mut Vec<usize>,
    (shared, later): (&[SharedProceeding], &mut Later),
) {
    let (start, end) = (reading.start, reading.end);
    if let Some(field) = &reading.field {
        field_line(input, (start, end), field, subject, found, chairs);
    }
    // Explicit disciplinary proceedings.
    let mut current: Option<usize> = None;
    for hit in input.proceeding_hits(start, end) {
        let kind = proceeding_kind(&input.gazetteer.entry(hit).iri);
        if kind == COURT_HEARING {
            court_hearing_mention(input, (hit.start, hit.end), (start, end), subject, found);
            continue;
        }
        let index = proceeding_for(found, subject, kind, (hit.start, hit.end));
        set_date(input, &mut found[index], (hit.start, hit.end), (start, end));
        current = Some(index);
    }
    if reading.court_cue {
        clause_courts(input, reading, subject, found);
    }
    clause_outcomes(input, reading, (subject, current), found);
    if let Some((finding, span)) = reading.finding {
        let clause = &input.text[start..end];
        let index = current
            .or_else(|| latest(found, subject, false))
            .unwrap_or_else(|| inferred_proceeding(found, subject, clause, span));
        if found[index]
            .finding
            .is_none_or(|(held, _)| finding_weight(finding) > finding_weight(held))
        {
            found[index].finding = Some((finding, span));
        }
    }
    if current.is_none() {
        unnamed_proceeding(input, reading, subject, found, (shared, later));
    }
    // Chairs.
    let decides = current.is_some() || reading.finding.is_some() || !reading.outcomes.is_empty();
    if let Some((chair, span)) = chair_in(input, sentence, (start, end), subject, decides) {
        match current.or_else(|| latest(found, subject, false)) {
            Some(index) => {
                if found[index].chair.is_none() {
                    found[index].chair = Some((chair, span));
                }
            }
            None => later.chairs.push((subject, (chair, span))),
        }
        if !chairs.contains(&chair) {
            chairs.push(chair);
        }
    }
}

/// The subject's court hearings at the courts a clause names, with their dates and the
/// pleas and verdicts the clause states.
fn clause_courts(
    input: &CaseInput<'_>,
    reading: &ClauseReading<'_>,
    subject: usize,
    found: &mut Vec<FoundProceeding>,
) {
    let (start, end) = (reading.start, reading.end);
    for (org, span) in input.org_spans_in(start, end) {
        if !input.orgs[org].is_kind(&[OrgKind::Court])
            || input.orgs[org].name.contains("Appeals Tribunal")
        {
            continue;
        }
        let date = date_after(input, span, end).or_else(|| date_before(input, span, start));
        let index = match found.iter().position(|p| {
            p.subject == subject
                && p.kind == COURT_HEARING
                && p.court.map(|c| c.0) == Some(org)
                && p.date.map(|d| input.dates[d.0].date) == date.map(|d| input.dates[d].date)
        }) {
            Some(i) => i,
            None => {
                found.push(new_proceeding(subject, COURT_HEARING, span));
                found.len() - 1
            }
        };
        found[index].court = Some((org, span));
        if let Some(d) = date {
            found[index].date = Some(input.date_at(d));
        }
        for &(outcome, span) in reading.outcomes.iter().filter(|(o, _)| o.is_court()) {
            add_outcome(&mut found[index], outcome, span);
        }
    }
}

/// Outcomes a clause states without naming a court: pleas and verdicts go to the subject's
/// latest court hearing, sanctions to the proceeding the clause names (`current`) or the
/// latest one.
fn clause_outcomes(
    input: &CaseInput<'_>,
    reading: &ClauseReading<'_>,
    (subject, current): (usize, Option<usize>),
    found: &mut Vec<FoundProceeding>,
) {
    let (start, end) = (reading.start, reading.end);
    let clause = &input.text[start..end];
    let has_court = found
        .iter()
        .any(|p| p.subject == subject && p.court.is_some_and(|(_, s)| s.0 >= start && s.1 <= end));
    for &(outcome, span) in &reading.outcomes {
        let court = outcome.is_court();
        if court && has_court {
            continue;
        }
        let index = if court {
            latest(found, subject, true).unwrap_or_else(|| {
                found.push(new_proceeding(subject, COURT_HEARING, span));
                found.len() - 1
            })
        } else {
            current
                .or_else(|| latest(found, subject, false))
                .unwrap_or_else(|| inferred_proceeding(found, subject, clause, span))
        };
        add_outcome(&mut found[index], outcome, span);
        // "was sacked on Thursday": the day the proceeding decided.
        if !court && found[index].date.is_none() {
            found[index].date = date_after(input, span, end).map(|d| input.date_at(d));
        }
    }
}

/// A proceeding the clause speaks of without naming its kind: its date, and where the clause
/// points back with "the hearing", the kind, date and chair of the one last named.
fn unnamed_proceeding(
    input: &CaseInput<'_>,
    reading: &ClauseReading<'_>,
    subject: usize,
    found: &mut [FoundProceeding],
    (shared, later): (&[SharedProceeding], &mut Later),
) {
    let Some((definite, noun, span)) = &reading.bare else {
        return;
    };
    let (start, end) = (reading.start, reading.end);
    let Some(index) = latest(found, subject, false).filter(|&i| fits_noun(found[i].kind, noun))
    else {
        return;
    };
    set_date(input, &mut found[index], *span, (start, end));
    let told_kind = |t: Told| match t {
        Told::Found(r) => (r != index).then(|| (found[r].kind, found[r].inferred)),
        Told::Shared(r) => Some((shared[r].kind.unwrap_or(MISCONDUCT_PROCEEDINGS), false)),
    };
    let told = last_told(found, shared, start)
        .filter(|_| *definite)
        .and_then(|t| told_kind(t).map(|k| (t, k)))
        .filter(|&(_, (kind, _))| fits_noun(kind, noun));
    if let Some((told, (kind, inferred))) = told {
        let p = &mut found[index];
        if (p.inferred || p.kind == MISCONDUCT_PROCEEDINGS) && kind != MISCONDUCT_PROCEEDINGS {
            p.kind = kind;
            p.inferred = inferred;
        }
        later.links.push((index, told));
    } else {
        named_by_noun(&mut found[index], noun, &input.text[start..end]);
    }
}

/// "The hearing, which was held on Friday, found ...": proceedings of no stated kind that a
/// clause speaking of no court calls a hearing (panel, tribunal) or a meeting were one; the kind
/// stays inferred, so that a kind the text states later still replaces it.
fn named_by_noun(p: &mut FoundProceeding, noun: &str, clause: &str) {
    if !p.inferred || p.kind != MISCONDUCT_PROCEEDINGS || CRIMINAL_COURT.is_match(clause) {
        return;
    }
    p.kind = match noun {
        "meeting" => MISCONDUCT_MEETING,
        "hearing" | "panel" | "tribunal" => MISCONDUCT_HEARING,
        _ => return,
    };
}

/// A field line of an outcomes page under a subject's name: the date (the last, where it gives
/// a range), chair or finding of the subject's latest disciplinary proceeding.
fn field_line(
    input: &CaseInput<'_>,
    (start, end): (usize, usize),
    field: &regex::Captures<'_>,
    subject: usize,
    found: &mut [FoundProceeding],
    chairs: &mut Vec<usize>,
) {
    let (Some(name), Some(whole)) = (field.get(1), field.get(0)) else {
        return;
    };
    let Some(index) = latest(found, subject, false) else {
        return;
    };
    let value = start + whole.end();
    let name = name.as_str().to_ascii_lowercase();
    let p = &mut found[index];
    if name.contains("date") {
        let last = input
            .dates
            .iter()
            .enumerate()
            .rfind(|(_, d)| d.start >= value && d.end <= end);
        if let (None, Some((d, mention))) = (p.date, last) {
            p.date = Some((d, (mention.start, mention.end)));
        }
    } else if name.contains("chair") {
        let chair = starting_in(input.mentions, value, end)
            .iter()
            .find(|m| m.start >= value && m.end <= end && m.person != subject);
        if let (None, Some(m)) = (p.chair, chair) {
            p.chair = Some((m.person, (m.head_start, m.end)));
            if !chairs.contains(&m.person) {
                chairs.push(m.person);
            }
        }
    } else if let Some(c) = FIELD_FINDING.captures(&input.text[value..end]) {
        let Some(m) = c.get(1) else { return };
        let finding = match m.as_str().to_ascii_lowercase().as_str() {
            "gross misconduct" => Finding::GrossMisconduct,
            "misconduct" => Finding::Misconduct,
            "no case to answer" => Finding::NoCaseToAnswer,
            _ => Finding::NotProven,
        };
        if p.finding
            .is_none_or(|(held, _)| finding_weight(finding) > finding_weight(held))
        {
            p.finding = Some((finding, (value + m.start(), value + m.end())));
        }
    }
}

/// Which finding stands when a proceeding is told of more than once: a breach found outweighs
/// a side allegation not proven ("An allegation that he lied was not proven"), and gross
/// misconduct outweighs misconduct.
fn finding_weight(finding: Finding) -> u8 {
    match finding {
        Finding::GrossMisconduct => 3,
        Finding::Misconduct => 2,
        Finding::NoCaseToAnswer | Finding::NotProven => 1,
    }
}

/// "a sentencing hearing on 3 May", "the trial": a court hearing named without its court.
/// It is the subject's court hearing of that date (or the one undated hearing), never merged
/// into a hearing of another date; where the clause names the court, the court pass has it.
fn court_hearing_mention(
    input: &CaseInput<'_>,
    span: (usize, usize),
    (start, end): (usize, usize),
    subject: usize,
    found: &mut Vec<FoundProceeding>,
) {
    let names_court = input
        .org_spans_in(start, end)
        .iter()
        .any(|&(org, _)| input.orgs[org].is_kind(&[OrgKind::Court]));
    if names_court {
        return;
    }
    let date = date_after(input, span, end).or_else(|| date_before(input, span, start));
    let same = |p: &FoundProceeding| {
        p.subject == subject
            && p.kind == COURT_HEARING
            && p.date.map(|d| input.dates[d.0].date) == date.map(|d| input.dates[d].date)
    };
    if found.iter().any(same) {
        return;
    }
    let mut hearing = new_proceeding(subject, COURT_HEARING, span);
    hearing.date = date.map(|d| input.date_at(d));
    found.push(hearing);
}

fn new_proceeding(subject: usize, kind: ProceedingKind, span: (usize, usize)) -> FoundProceeding {
    FoundProceeding {
        subject,
        kind,
        span,
        date: None,
        chair: None,
        finding: None,
        outcomes: Vec::new(),
        restated: Vec::new(),
        court: None,
        inferred: false,
    }
}

/// A disciplinary proceeding whose kind the clause does not state: a hearing where it speaks
/// of a hearing or panel, else proceedings of no stated kind.
fn inferred_proceeding(
    found: &mut Vec<FoundProceeding>,
    subject: usize,
    clause: &str,
    span: (usize, usize),
) -> usize {
    let kind = if BARE_HEARING.is_match(clause) {
        MISCONDUCT_HEARING
    } else if BARE_MEETING.is_match(clause) {
        MISCONDUCT_MEETING
    } else {
        MISCONDUCT_PROCEEDINGS
    };
    let mut p = new_proceeding(subject, kind, span);
    p.inferred = true;
    found.push(p);
    found.len() - 1
}

fn proceeding_for(
    found: &mut Vec<FoundProceeding>,
    subject: usize,
    kind: ProceedingKind,
    span: (usize, usize),
) -> usize {
    if let Some(i) = found
        .iter()
        .position(|p| p.subject == subject && p.kind == kind)
    {
        return i;
    }
    // An earlier stand-in ("misconduct proceedings", a hearing the text only implied)
    // becomes the named kind.
    if let Some(i) = found.iter().position(|p| {
        p.subject == subject
            && p.kind != COURT_HEARING
            && (p.inferred || p.kind == MISCONDUCT_PROCEEDINGS)
    }) {
        found[i].kind = kind;
        found[i].inferred = false;
        return i;
    }
    found.push(new_proceeding(subject, kind, span));
    found.len() - 1
}

/// What a clause leaves to be settled once the whole article is read.
#[derive(Debug, Default)]
struct Later {
    /// (proceeding, the one it points back at with "the hearing").
    links: Vec<(usize, Told)>,
    /// (subject, chair) for a chair named before any proceeding of the subject.
    chairs: Vec<(usize, Located)>,
}

/// A proceeding told of before: one of the subjects' (an index into the found ones) or one
/// told of without its subject (an index into the shared ones).
#[derive(Debug, Clone, Copy)]
enum Told {
    Found(usize),
    Shared(usize),
}

/// The proceeding told of last before `at`, whose kind is stated.
fn last_told(found: &[FoundProceeding], shared: &[SharedProceeding], at: usize) -> Option<Told> {
    let own = found
        .iter()
        .enumerate()
        .filter(|(_, p)| p.span.0 < at && p.kind != MISCONDUCT_PROCEEDINGS)
        .max_by_key(|(_, p)| p.span.0)
        .map(|(i, p)| (p.span.0, Told::Found(i)));
    let other = shared
        .iter()
        .enumerate()
        .filter(|(_, p)| p.at < at && p.kind.is_some())
        .max_by_key(|(_, p)| p.at)
        .map(|(i, p)| (p.at, Told::Shared(i)));
    match (own, other) {
        (Some(a), Some(b)) => Some(if a.0 > b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|(_, t)| t),
    }
}

/// True when a proceeding of this kind can be called by the noun: a meeting a meeting, any
/// hearing a hearing, panel or tribunal; proceedings of no stated kind either.
fn fits_noun(kind: ProceedingKind, noun: &str) -> bool {
    match kind {
        COURT_HEARING => false,
        MISCONDUCT_PROCEEDINGS => true,
        _ if noun == "chair" => true,
        MISCONDUCT_MEETING => noun == "meeting",
        MISCONDUCT_HEARING | ACCELERATED_HEARING => noun != "meeting",
        ProceedingKind::ReflectivePracticeReview => false,
    }
}

/// The subject's most recent court hearing, or disciplinary proceeding.
fn latest(found: &[FoundProceeding], subject: usize, court: bool) -> Option<usize> {
    found
        .iter()
        .rposition(|p| p.subject == subject && (p.kind == COURT_HEARING) == court)
}

fn add_outcome(p: &mut FoundProceeding, outcome: Outcome, span: (usize, usize)) {
    if !p.outcomes.iter().any(|(o, _)| *o == outcome) {
        p.outcomes.push((outcome, span));
    } else if !p.outcomes.contains(&(outcome, span)) && !p.restated.contains(&(outcome, span)) {
        p.restated.push((outcome, span));
    }
}

fn set_date(
    input: &CaseInput<'_>,
    p: &mut FoundProceeding,
    span: (usize, usize),
    clause: (usize, usize),
) {
    if p.date.is_none() {
        p.date = date_of(input, span, clause).map(|d| input.date_at(d));
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
                && p.outcomes
                    .iter()
                    .all(|(o, _)| q.outcomes.iter().any(|(qo, _)| qo == o))
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for p in [
            &COURT_CUE,
            &BARE_HEARING,
            &BARE_MEETING,
            &BARE_PROCEEDING,
            &FIELD,
            &FIELD_FINDING,
            &SUPPOSED,
            &LIST_ITEM,
            &CRIMINAL_COURT,
        ] {
            LazyLock::force(p);
        }
    }

    /// (subject's name, kind label, finding label, outcome labels) of each proceeding.
    fn proceedings(text: &str) -> Vec<(String, String, Option<String>, Vec<String>)> {
        let Ok(extractor) = super::super::Extractor::new() else {
            return Vec::new();
        };
        let article = crate::input::Article {
            identity: "test".into(),
            text: text.into(),
            ..crate::input::Article::default()
        };
        let facts = extractor.extract(&article);
        let last = |slug: &str| slug.replace('-', " ");
        facts
            .proceedings
            .iter()
            .map(|p| {
                (
                    facts.people[p.subject].name.clone(),
                    last(p.kind.slug()),
                    p.finding.as_ref().map(|(f, _)| last(f.slug())),
                    p.outcomes.iter().map(|(o, _)| last(&o.iri())).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_list_of_possible_sanctions_is_no_ones_outcome() {
        let found = proceedings(
            "PC Jane Dale of Kent Police will face a misconduct hearing on 3 May 2025.\n\n\
             If the officer is found to have committed gross misconduct, the sanctions open to the \
             panel are:\n\n• Dismissal without notice\n\n• Final written warning\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, None, "{found:?}");
        assert!(found[0].3.is_empty(), "{found:?}");
    }

    #[test]
    fn hearings_in_general_are_no_ones_proceeding() {
        let found = proceedings(
            "Misconduct hearings are normally held in public.\n\nPC Jane Dale of Kent Police \
             was given a written warning at a misconduct meeting on 3 May 2025.",
        );
        let kinds: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(kinds, vec!["misconduct meeting"], "{found:?}");
    }

    #[test]
    fn due_to_attend_court_is_a_court_hearing() {
        let found = proceedings(
            "PC Jane Dale of Kent Police was charged with assault after the Independent Office \
             for Police Conduct looked into the arrest.\n\nPC Dale is due to attend Leeds \
             Magistrates' Court on 3 May 2025.",
        );
        let kinds: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(kinds, vec!["court hearing"], "{found:?}");
    }

    #[test]
    fn a_hearing_and_its_accelerated_name_are_one_event() {
        let found = proceedings(
            "Former PC Jane Dale of Kent Police would have been dismissed, a misconduct hearing \
             has ruled.\n\nAn accelerated misconduct hearing on 3 May 2025 found that Dale \
             would have been dismissed without notice.",
        );
        let kinds: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(kinds, vec!["accelerated misconduct hearing"], "{found:?}");
    }

    #[test]
    fn proceedings_later_called_the_hearing_were_a_hearing() {
        let found = proceedings(
            "PC Jane Dale of Kent Police has been dismissed without notice.\n\nThe hearing, \
             which was held on Monday, found that she had lied.",
        );
        let kinds: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(kinds, vec!["misconduct hearing"], "{found:?}");
    }

    #[test]
    fn outcomes_of_hearings_in_general_are_no_proceeding() {
        let found = proceedings(
            "This page lists misconduct hearing outcomes.\n\nPC Jane Dale of Kent Police was \
             given a written warning at a misconduct meeting on 3 May 2025.",
        );
        let kinds: Vec<&str> = found.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(kinds, vec!["misconduct meeting"], "{found:?}");
    }
}
