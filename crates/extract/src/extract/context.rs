//! The article as the case passes read it (`CaseInput`): its text, sentences, gazetteer hits,
//! organisations, mentions, dates and who is who, with the questions those passes share: which
//! proceedings a clause names, and the date of a proceeding named at a span.

use super::gazetteer::{Category, Gazetteer, Hit};
use super::model::{Located, Mention, OrgEntity};
use super::near::starting_in;
use super::subjects::Resolver;
use crate::concepts::ProceedingKind;
use crate::text::{DateMention, Sentence};
use regex::Regex;
use std::sync::LazyLock;

pub(super) static HYPOTHETICAL_PROCEEDING: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:would|could|may|might)\s+(?:have\s+)?(?:faced|face|been subject to|justif(?:y|ied)|warrant(?:ed)?|merit(?:ed)?|lead to|led to|result(?:ed)? in)\b[^.;]{0,30}$|\bany\s+(?:resulting\s+|subsequent\s+|further\s+|possible\s+|potential\s+)?$",
    )
});

/// Words after a proceeding's name that speak of such proceedings in general: "misconduct
/// hearing outcomes", "misconduct proceedings may be brought".
static IN_GENERAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\s+(?:outcomes|results|procedures|regulations|process(?:es)?|dates|schedules?|lists?|pages?|(?:may|can|could|might|are|should)\b)",
    )
});

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
    pub(super) fn date_at(&self, d: usize) -> Located {
        (d, (self.dates[d].start, self.dates[d].end))
    }

    pub(super) fn clause_start(&self, start: usize, at: usize) -> usize {
        self.text[start..at]
            .rfind([';', '.', '\n'])
            .map_or(start, |i| start + i + 1)
    }
}

pub(super) fn date_after(
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

pub(super) fn date_before(
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

/// The kind of proceeding a reference concept (a gazetteer hit) names.
pub(super) fn proceeding_kind(iri: &str) -> ProceedingKind {
    ProceedingKind::from_iri(iri).unwrap_or(ProceedingKind::MisconductProceedings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for p in [
            &HYPOTHETICAL_PROCEEDING,
            &IN_GENERAL_AFTER,
            &DATE_BEFORE_GAP,
            &DATE_AFTER_GAP,
            &HEARING_DATE_VERB,
        ] {
            LazyLock::force(p);
        }
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
