//! Case facts other than proceedings: the bodies that investigated a subject, were referred
//! the case or received a file, and the Standards of Professional Behaviour found breached.

use super::cases::CaseInput;
use super::gazetteer::{Category, Hit};
use regex::Regex;
use std::sync::LazyLock;

/// A fact about a subject's case: investigation, referral, file or standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CaseFact {
    InvestigatedBy(usize),
    ReferredTo(usize),
    FileSubmittedTo(usize),
    /// Index into the reference standards.
    Breached(usize),
}

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
        r"(?i)^(?:'s)?(?:\s*\([A-Z]{2,6}\))?,?\s+(?:(?:which|who)\s+)?(?:(?:\w+\s+){0,3}?(?:launched|began|begun|started|opened|conducted|carried out|led|continued|completed|oversaw|oversees|managed|supervised|directed|undertook|would conduct|will conduct|to conduct|conducts|independently investigated|investigated)\b[\w' ,-]{0,40}?\b(?:investigation|inquiry|probe|enquiries|him|her|them|the (?:officer|case|matter|allegations?|complaint))|investigated\b|(?:own\s+|independent\s+|criminal\s+|misconduct\s+|local\s+|full\s+|directed\s+|managed\s+|supervised\s+)*(?:investigation|inquiry|probe)\b)",
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
        r"(?i)\bbreach\w*|\bstandards? of professional behaviou?r|\bin relation to\b|\bproven\b|\bproved\b|\bfound\b|\bamount(?:ed)? to\b|\bcontrary to\b|\bfailed to meet\b|\bfell below\b|\bfollowing standards\b",
    )
});
static STANDARD_NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bnot (?:been )?(?:proven|proved|found|breached|upheld|substantiated)\b|\bno breach\b|\bdid not breach\b|\bcleared of\b|\bunproven\b|\balleged\b|\ballegations? (?:that|of)\b|\bfaces?\b|\bfacing\b|\bwill be\b",
    )
});

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
        let standards: Vec<&Hit> = input
            .hits
            .iter()
            .filter(|h| {
                h.category == Category::Standard
                    && h.start >= sentence.start
                    && h.end <= sentence.end
            })
            .collect();
        let cue = || STANDARD_CUE.is_match(body);
        let negated = || STANDARD_NEGATED.is_match(body);
        if !standards.is_empty() && (list_cue || cue()) && !negated() {
            for subject in
                input
                    .resolver
                    .resolve(sentence.index, sentence.start, sentence.end, false)
            {
                out.extend(
                    standards
                        .iter()
                        .map(|h| (subject, CaseFact::Breached(h.index), (h.start, h.end))),
                );
            }
        }
        // "was found to have breached the same three standards": those of the subject whose
        // standards were told last.
        if standards.is_empty() && SAME_STANDARDS.is_match(body) && !negated() {
            let resolved =
                input
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
        // A cue line ending in a colon introduces a list of standards on the lines after it.
        // A list of standards only alleged ("alleged to have been breached:") is not one.
        list_cue = (body.trim_end().ends_with(':') && cue() && !negated())
            || (list_cue && !standards.is_empty());
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
        .is_kind(&["watchdog", "police force", "directorate", "unit", "command"])
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
        "watchdog",
        "directorate",
        "unit",
        "command",
        "prosecutor",
        "police force",
        "inspectorate",
    ];
    for (org, span) in input.org_spans_in(start, end) {
        let entity = &input.orgs[org];
        if !entity.is_kind(&investigators) {
            continue;
        }
        // The words before the organisation, or before the one that owns it ("investigated by
        // the Met's DPS").
        let lead = owner_start(input, start, span.0);
        let before = &input.text[start.max(lead.saturating_sub(120))..lead];
        let after = &input.text[span.1..end];
        let wide = &input.text[start.max(lead.saturating_sub(240))..lead];
        let directed =
            || DIRECTED_BY.is_match(wide) || INVESTIGATED_FIELD.is_match(&input.text[start..lead]);
        let fact = if FILE_TO.is_match(before) {
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
        } else if entity.is_kind(&["prosecutor"]) && PROSECUTOR_REVIEWED.is_match(after) {
            Some(CaseFact::FileSubmittedTo(org))
        } else {
            None
        };
        // "the Met's Directorate of Professional Standards": the unit, not the force, did it.
        let owned_by_next = after.starts_with("'s ")
            && input
                .org_spans_in(span.1, end)
                .first()
                .is_some_and(|(_, s)| s.0 <= span.1 + 4);
        if let (Some(fact), false) = (fact, owned_by_next) {
            facts.push((fact, span));
        }
    }
    facts
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
}
