//! Proceedings: disciplinary and court proceedings with their date, chair, finding and
//! outcomes, each tied to the subject the clause speaks of.

use super::gazetteer::{Category, Gazetteer, Hit};
use super::near::starting_in;
use super::organisations::OrgEntity;
use super::outcomes::{COURT_OUTCOMES, finding_in, outcomes_in};
use super::people::Mention;
use super::shared::{SharedProceeding, apply_shared, note_shared};
use super::subjects::{Resolver, decides_after};
use crate::text::{DateMention, Sentence};
use regex::Regex;
use std::sync::LazyLock;

/// An index (into people, dates...) with the byte span it was read from.
type Located = (usize, (usize, usize));

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
    /// The kind was inferred ("the panel found ..."), not stated.
    pub inferred: bool,
}

pub const COURT_HEARING: &str = "court hearing";
pub const MISCONDUCT_PROCEEDINGS: &str = "misconduct proceedings";
const MISCONDUCT_HEARING: &str = "misconduct hearing";
const MISCONDUCT_MEETING: &str = "misconduct meeting";
const ACCELERATED_HEARING: &str = "accelerated misconduct hearing";

/// Words between a date and the proceeding after it: "a 3 May hearing", "dismissed on 3 May
/// (Tuesday) after a hearing"; or, where the date opens the clause (`lead`), "On 3 May, at Force
/// HQ, Wakefield, a hearing ..." and "On 3 May, PC A, of Kent Police, appeared at a hearing".
static DATE_BEFORE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^\s*\)?[,\s]*(?:(?:after|following)\s+)?(?:(?:an?|the|his|her|their)\s+)?(?:full\s+|three-day\s+|two-day\s+|public\s+)?$|(?P<lead>^(?:[,\s-]*(?:at|in)\s+(?:the\s+)?(?:\d[\d.:]*\s*(?:am|pm)?|[A-Z0-9][\w.'&-]*)(?:[,\s-]+(?:[A-Z0-9][\w.'&-]*))*)*[,\s]*(?:an?|the)\s+$|^,\s+[^.;]{0,120}?\b(?:appeared|appears|attended|attends|faced|faces)\s+(?:at\s+|before\s+)?(?:an?|the|his|her)\s+(?:[\w-]+\s+){0,2}$)",
    )
});
static DATE_AFTER_GAP: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:[\s,]*(?:held|which|that|was|were|took place|concluded|ended|finished|sat|heard|the (?:following|next|same|previous) (?:week|day|month|morning|afternoon)|for sentencing|for (?:a )?(?:trial|plea hearing|sentence)|(?:at|in) [A-Z][\w' ]{0,40}|, (?-i:[A-Z][\w']+)|(?:presided(?: over)?|chaired|overseen|conducted|led) by [\w' ]{1,50}|(?:is|are|will be) |(?:due|set|expected|scheduled) to (?:take place|begin|start|open|be held|sit|resume)|will (?:take place|begin|start|open|be held|sit|resume)|at \d{1,2}(?:[.:]\d\d)?\s*(?:am|pm)))*[\s,]*(?:on|between)?\s*(?:\(\s*)?$",
    )
});

/// Words right before a date that make it the day a proceeding sat or ended.
static HEARING_DATE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^[^.;:]*\b(?:concluded|ended|finished|closed|opened|began|started|held|took place|sat)\s+(?:on\s+)?$|^[^.;:]*\b(?:concluded|ended|finished|held|took place|sat|ran)\b[^.;:]{0,80}?\s(?:on|from\s+(?:\w+day\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+\w+)?\s+(?:to|until|and))\s+$",
    )
});
static COURT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:appear(?:ed|s|ing)?|attend(?:ed|s|ing)?|due (?:to|at|before)|plead(?:ed|s|ing)?|pled|convicted|sentenced|jailed|trial|remanded|bailed|found guilty|found not guilty|acquitted|cleared|guilty|court hearing|hearing)\b",
    )
});
pub(super) static HYPOTHETICAL_PROCEEDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:would|could|may|might)\s+(?:have\s+)?(?:faced|face|been subject to|justif(?:y|ied)|warrant(?:ed)?|merit(?:ed)?|lead to|led to|result(?:ed)? in)\b[^.;]{0,30}$|\bany\s+(?:resulting\s+|subsequent\s+|further\s+|possible\s+|potential\s+)?$",
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
/// Words after a proceeding's name that speak of such proceedings in general: "misconduct
/// hearing outcomes", "misconduct proceedings may be brought".
static IN_GENERAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\s+(?:outcomes|results|procedures|regulations|process(?:es)?|dates|schedules?|lists?|pages?|(?:may|can|could|might|are|should)\b)",
    )
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

pub(super) static CHAIR_BY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:(?:chaired|presided over|headed|led|heard|conducted|overseen)|(?:hearing|meeting|panel))\s+by\s+(?:an?\s+|the\s+)?(?:independent\s+)?(?:legally\s+qualified\s+chair,?\s+)?$|\b(?:legally\s+qualified|independent)\s+chair(?:person|man|woman)?\s*(?:,|:|was|is)?\s+$",
    )
});
/// "Jane Reed, a legally qualified chair,": the name before it chaired.
pub(super) static CHAIR_APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\s*(?:KC|QC)?\s*,?\s*(?:\(|,)\s*(?:an?|the)\s+(?:independent\s+)?legally\s+qualified\s+chair(?:person|man|woman)?\b",
    )
});
static CHAIR_VERB_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:'s)?(?:,[^,]{0,120},)?\s+(?:who\s+)?(?:chaired|presided|decided|ruled|concluded|determined|found|imposed|gave|handed|issued|said the (?:panel|hearing) had found)\b",
    )
});

/// A line of an outcomes page that gives one field of a case ("Date: 20/03/2025", "Chair:
/// Ms Jane Reed", "Finding: Gross misconduct"); group 1 is the field.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(date\(s\)|dates?|date of (?:the )?(?:hearing|meeting)|hearing dates?|meeting date|chair|chaired by|chairperson|finding|findings|panel's finding|finding of the (?:panel|meeting|hearing))\s*:\s*",
    )
});
/// A chair field line, up to a name on it: whoever it names chaired.
static CHAIR_FIELD: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)^\W*(?:chair|chaired by|chairperson)\s*:"));

/// The value of a finding field, from its start.
static FIELD_FINDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:(?:allegations?|case)\s+)?(?:proven\s*[-:,;]?\s*(?:as\s+|at the level of\s+)?)?(gross misconduct|misconduct|no case to answer|not proven|unproven)\b",
    )
});

/// Everything the case passes read from one article.
pub struct CaseInput<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub hits: &'a [Hit],
    pub orgs: &'a [OrgEntity],
    /// The organisations' spans in text order ([`super::near::sorted_spans`]).
    pub org_spans: &'a [(usize, (usize, usize))],
    pub mentions: &'a [Mention],
    pub dates: &'a [DateMention],
    pub resolver: &'a Resolver<'a>,
    pub gazetteer: &'a Gazetteer,
}

impl CaseInput<'_> {
    /// The proceedings a clause names, less those it only imagines ("would have faced a
    /// misconduct hearing").
    pub(super) fn proceeding_hits(&self, start: usize, end: usize) -> impl Iterator<Item = &Hit> {
        starting_in(self.hits, start, end).iter().filter(move |h| {
            h.category == Category::ProceedingKind
                && h.start >= start
                && h.end <= end
                && !HYPOTHETICAL_PROCEEDING.is_match(&self.text[start..h.start])
                && !self.generic(h, start, end)
        })
    }

    /// "Misconduct hearings are held in public": proceedings in general, named in the plural
    /// by a clause that speaks of no one.
    fn generic(&self, hit: &Hit, start: usize, end: usize) -> bool {
        let word = self.text[hit.start..hit.end].to_ascii_lowercase();
        let plural = word.ends_with("hearings") || word.ends_with("meetings");
        let general = plural || IN_GENERAL_AFTER.is_match(&self.text[hit.end..end]);
        general && !self.resolver.speaks_of_someone(start, end)
    }

    pub(super) fn org_spans_in(&self, start: usize, end: usize) -> Vec<(usize, (usize, usize))> {
        super::near::spans_within(self.org_spans, start, end)
    }

    /// A date mention with its span.
    fn date_at(&self, d: usize) -> Located {
        (d, (self.dates[d].start, self.dates[d].end))
    }

    fn clause_start(&self, start: usize, at: usize) -> usize {
        self.text[start..at]
            .rfind([';', '.', '\n'])
            .map_or(start, |i| start + i + 1)
    }
}

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
            let reading = ClauseReading::new(input.text, (start, end));
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
fn names_the_same(general: &str, specific: &str) -> bool {
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
        let mut same: Vec<(&'static str, Option<Located>)> = found
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
    outcomes: Vec<(&'static str, (usize, usize))>,
    finding: Option<(&'static str, (usize, usize))>,
}

impl<'t> ClauseReading<'t> {
    fn new(text: &'t str, (start, end): (usize, usize)) -> Self {
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
        let mut outcomes = outcomes_in(text, start, end);
        outcomes.retain(|(o, _)| !supposed || o.starts_with("would"));
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
    let clause = &input.text[start..end];
    if let Some(field) = &reading.field {
        field_line(input, (start, end), field, subject, found, chairs);
    }
    // Explicit disciplinary proceedings.
    let mut current: Option<usize> = None;
    for hit in input.proceeding_hits(start, end) {
        let kind = input.gazetteer.entry(hit).pref_label.as_str();
        let kind = static_label(kind);
        if kind == COURT_HEARING {
            court_hearing_mention(input, (hit.start, hit.end), (start, end), subject, found);
            continue;
        }
        let index = proceeding_for(found, subject, kind, (hit.start, hit.end));
        set_date(input, &mut found[index], (hit.start, hit.end), (start, end));
        current = Some(index);
    }
    // Courts.
    if reading.court_cue {
        for (org, span) in input.org_spans_in(start, end) {
            if !input.orgs[org].is_kind(&["court"])
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
            for &(outcome, span) in reading
                .outcomes
                .iter()
                .filter(|(o, _)| COURT_OUTCOMES.contains(o))
            {
                add_outcome(&mut found[index], outcome, span);
            }
        }
    }
    // Outcomes without a court in the clause.
    let has_court = found
        .iter()
        .any(|p| p.subject == subject && p.court.is_some_and(|(_, s)| s.0 >= start && s.1 <= end));
    let outcomes = &reading.outcomes;
    for &(outcome, span) in outcomes {
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
    // Findings.
    let finding = reading.finding;
    if let Some((finding, span)) = finding {
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
    // A proceeding the clause speaks of without naming its kind: its date, and where the
    // clause points back with "the hearing", the kind, date and chair of the one last named.
    if let (None, Some((definite, noun, span))) = (current, &reading.bare) {
        if let Some(index) =
            latest(found, subject, false).filter(|&i| fits_noun(found[i].kind, noun))
        {
            set_date(input, &mut found[index], *span, (start, end));
            let told_kind = |t: Told| match t {
                Told::Found(r) => (r != index).then(|| (found[r].kind, found[r].inferred)),
                Told::Shared(r) => Some((shared[r].kind.unwrap_or(MISCONDUCT_PROCEEDINGS), false)),
            };
            let told = last_told(found, shared, start)
                .filter(|_| *definite)
                .and_then(|t| told_kind(t).map(|k| (t, k)))
                .filter(|(_, (kind, _))| fits_noun(kind, noun));
            if let Some((told, (kind, inferred))) = told {
                let p = &mut found[index];
                if (p.inferred || p.kind == MISCONDUCT_PROCEEDINGS)
                    && kind != MISCONDUCT_PROCEEDINGS
                {
                    p.kind = kind;
                    p.inferred = inferred;
                }
                later.links.push((index, told));
            } else {
                named_by_noun(&mut found[index], noun, clause);
            }
        }
    }
    // Chairs.
    let decides = current.is_some() || finding.is_some() || !outcomes.is_empty();
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
            "gross misconduct" => "gross misconduct",
            "misconduct" => "misconduct",
            "no case to answer" => "no case to answer",
            _ => "not proven",
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
fn finding_weight(finding: &str) -> u8 {
    match finding {
        "gross misconduct" => 3,
        "misconduct" => 2,
        _ => 1,
    }
}

/// The people who chaired proceedings ("presided over by ...") or decided them ("ACC Reed
/// found that ..."), found before subjects are decided so that a chair is never taken for the
/// accused.
pub fn find_chairs(text: &str, mentions: &[Mention]) -> Vec<usize> {
    let mut chairs = Vec::new();
    // Where each line starts, once: a search back for the line break from every mention would
    // cost a long line's length for each of its mentions.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for m in mentions {
        let before = &text[m.head_start.saturating_sub(90)..m.head_start];
        let line_start = line_starts[line_starts.partition_point(|&s| s <= m.head_start) - 1];
        let line = &text[line_start..m.head_start];
        let decides = CHAIR_BY.is_match(before)
            || CHAIR_APPOSITION.is_match(&text[m.end..])
            || decides_after(text, m.end)
            || CHAIR_FIELD.is_match(line);
        if decides && !chairs.contains(&m.person) {
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
    for m in starting_in(input.mentions, start, end)
        .iter()
        .filter(|m| m.start >= start && m.end <= end && m.person != subject)
    {
        let before = &input.text[start.max(m.head_start.saturating_sub(90))..m.head_start];
        if CHAIR_BY.is_match(before) || CHAIR_APPOSITION.is_match(&input.text[m.end..end]) {
            return Some((m.person, (m.head_start, m.end)));
        }
        let after = &input.text[m.end..end];
        if decides && CHAIR_VERB_AFTER.is_match(after) && !input.resolver.subject[m.person] {
            return Some((m.person, (m.head_start, m.end)));
        }
    }
    None
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
        .any(|&(org, _)| input.orgs[org].is_kind(&["court"]));
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

pub(super) fn static_label(label: &str) -> &'static str {
    const KINDS: &[&str] = &[
        "misconduct hearing",
        "accelerated misconduct hearing",
        "misconduct meeting",
        "misconduct proceedings",
        "court hearing",
        "reflective practice review",
    ];
    KINDS
        .iter()
        .find(|k| **k == label)
        .copied()
        .unwrap_or(MISCONDUCT_PROCEEDINGS)
}

fn new_proceeding(subject: usize, kind: &'static str, span: (usize, usize)) -> FoundProceeding {
    FoundProceeding {
        subject,
        kind,
        span,
        date: None,
        chair: None,
        finding: None,
        outcomes: Vec::new(),
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
    kind: &'static str,
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
fn fits_noun(kind: &str, noun: &str) -> bool {
    match kind {
        COURT_HEARING => false,
        MISCONDUCT_PROCEEDINGS => true,
        _ if noun == "chair" => true,
        MISCONDUCT_MEETING => noun == "meeting",
        _ => kind.contains("hearing") && noun != "meeting",
    }
}

/// The subject's most recent court hearing, or disciplinary proceeding.
fn latest(found: &[FoundProceeding], subject: usize, court: bool) -> Option<usize> {
    found
        .iter()
        .rposition(|p| p.subject == subject && (p.kind == COURT_HEARING) == court)
}

fn add_outcome(p: &mut FoundProceeding, outcome: &'static str, span: (usize, usize)) {
    if !p.outcomes.iter().any(|(o, _)| *o == outcome) {
        p.outcomes.push((outcome, span));
    }
}

fn date_after(
    input: &CaseInput<'_>,
    (_, mention_end): (usize, usize),
    clause_end: usize,
) -> Option<usize> {
    input.dates.iter().position(|d| {
        d.start >= mention_end
            && d.end <= clause_end
            && d.start - mention_end <= 60
            && DATE_AFTER_GAP.is_match(&input.text[mention_end..d.start])
    })
}

fn date_before(
    input: &CaseInput<'_>,
    (mention_start, _): (usize, usize),
    clause_start: usize,
) -> Option<usize> {
    input.dates.iter().rposition(|d| {
        if d.start < clause_start || d.end > mention_start || mention_start - d.end > 160 {
            return false;
        }
        let Some(gap) = DATE_BEFORE_GAP.captures(&input.text[d.end..mention_start]) else {
            return false;
        };
        if gap.name("lead").is_some() {
            // The date opens the clause: "On 3 May, ..." and nothing else before it but the
            // page's own date label.
            crate::text::dates::after_date_label(&input.text[clause_start..d.start])
                .trim()
                .eq_ignore_ascii_case("on")
        } else {
            mention_start - d.end <= 30
        }
    })
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

/// The date of a proceeding mentioned at `span` in the clause: right after or before it
/// ("a hearing on 3 May", "a 3 May hearing"), or further on where the clause says when it
/// ended ("The hearing, which sat for five days, concluded on 3 May").
pub(super) fn date_of(
    input: &CaseInput<'_>,
    span: (usize, usize),
    (start, end): (usize, usize),
) -> Option<usize> {
    let clause_start = input.clause_start(start, span.0);
    date_after(input, span, end)
        .or_else(|| date_before(input, span, clause_start))
        .or_else(|| {
            input.dates.iter().position(|d| {
                d.start >= span.1
                    && d.end <= end
                    && d.start - span.1 <= 160
                    && HEARING_DATE_VERB.is_match(&input.text[span.1..d.start])
            })
        })
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
            &DATE_BEFORE_GAP,
            &DATE_AFTER_GAP,
            &HEARING_DATE_VERB,
            &COURT_CUE,
            &HYPOTHETICAL_PROCEEDING,
            &BARE_HEARING,
            &BARE_MEETING,
            &BARE_PROCEEDING,
            &CHAIR_BY,
            &CHAIR_VERB_AFTER,
            &FIELD,
            &FIELD_FINDING,
            &CHAIR_FIELD,
            &SUPPOSED,
            &LIST_ITEM,
            &IN_GENERAL_AFTER,
            &CHAIR_APPOSITION,
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
        let last = |iri: &str| iri.rsplit('/').next().unwrap_or_default().replace('-', " ");
        facts
            .proceedings
            .iter()
            .map(|p| {
                (
                    facts.people[p.subject].name.clone(),
                    last(&p.kind),
                    p.finding.as_ref().map(|(f, _)| last(f)),
                    p.outcomes.iter().map(|(o, _)| last(o)).collect(),
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
    fn a_legally_qualified_chair_named_either_side() {
        assert!(CHAIR_BY.is_match("the panel was a legally qualified chair, "));
        assert!(CHAIR_BY.is_match("The independent chair "));
        assert!(CHAIR_APPOSITION.is_match(", a legally qualified chair, found"));
        assert!(CHAIR_APPOSITION.is_match(" KC, an independent legally qualified chair"));
        assert!(!CHAIR_APPOSITION.is_match(", a police constable, was"));
    }

    #[test]
    fn a_hearing_by_someone_is_chaired_by_them() {
        assert!(CHAIR_BY.is_match("at an accelerated misconduct hearing by "));
        assert!(CHAIR_BY.is_match("a panel by "));
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

    #[test]
    fn dates_after_a_proceeding() {
        assert!(DATE_AFTER_GAP.is_match(" the following week, on "));
        assert!(DATE_AFTER_GAP.is_match(" which concluded on "));
        assert!(!DATE_AFTER_GAP.is_match(" was told that on "));
        assert!(DATE_AFTER_GAP.is_match(" chaired by the deputy chief constable in Bath on "));
        assert!(DATE_AFTER_GAP.is_match(" at Force HQ, Taunton, on "));
        assert!(DATE_AFTER_GAP.is_match(" is due to take place at 2pm on "));
        assert!(DATE_AFTER_GAP.is_match(" will begin at 9.30am on "));
        assert!(!DATE_AFTER_GAP.is_match(" heard he was arrested on "));
    }

    #[test]
    fn dates_before_a_proceeding() {
        assert!(DATE_BEFORE_GAP.is_match(") after a "));
        assert!(DATE_BEFORE_GAP.is_match(" following the "));
        let lead = |gap: &str| {
            DATE_BEFORE_GAP
                .captures(gap)
                .is_some_and(|c| c.name("lead").is_some())
        };
        assert!(lead(", PC B, an officer with Avon Police, appeared at a "));
        assert!(lead(" at 10am at Force Headquarters, Bristol BS1 2AA a "));
        assert!(!lead(
            ", PC B assaulted a man and was later suspended before a "
        ));
        assert!(!DATE_BEFORE_GAP.is_match(" he was arrested and later faced a "));
    }

    #[test]
    fn imagined_proceedings() {
        assert!(HYPOTHETICAL_PROCEEDING.is_match("he would have faced a "));
        assert!(HYPOTHETICAL_PROCEEDING.is_match("behaved in a way that would justify "));
        assert!(!HYPOTHETICAL_PROCEEDING.is_match("He appeared at a "));
        assert!(HYPOTHETICAL_PROCEEDING.is_match("Details of any resulting "));
        assert!(!HYPOTHETICAL_PROCEEDING.is_match("He was dismissed at a "));
    }

    #[test]
    fn hearing_dates_after_what_it_did() {
        assert!(HEARING_DATE_VERB.is_match(", which sat for four days in Leeds, concluded on "));
        assert!(HEARING_DATE_VERB.is_match(" was held on "));
        assert!(
            HEARING_DATE_VERB
                .is_match(", which took place at the force's headquarters from Tuesday 4 to ")
        );
        assert!(HEARING_DATE_VERB.is_match(", which was held in public at Hutton Hall on "));
        assert!(!HEARING_DATE_VERB.is_match(". The officer was arrested on "));
    }
}
