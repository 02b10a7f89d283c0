//! Outcomes and findings: the sanctions, pleas and verdicts a clause states, and what a
//! proceeding found, each only when the text states it rather than denies or hedges it.

use crate::concepts::{CodedOutcome, Finding, Outcome};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::Regex;
use std::sync::LazyLock;

/// Words one of which every outcome pattern needs: a clause with none of them states no
/// outcome, and skips the patterns.
const OUTCOME_WORDS: &[&str] = &[
    "dismiss",
    "sack",
    "fired",
    "warning",
    "rank",
    "demoted",
    "management",
    "practice",
    "further action",
    "barred",
    "guilty",
    "admitted",
    "denied",
    "acquitted",
    "convicted",
    "cleared",
    "lost ",
];

/// Words one of which every finding pattern needs.
const FINDING_WORDS: &[&str] = &[
    "misconduct",
    "no case to answer",
    "proven",
    "proved",
    "substantiated",
    "upheld",
    "dismissed the",
];

static OUTCOME_GUARD: LazyLock<AhoCorasick> = LazyLock::new(|| guard(OUTCOME_WORDS));
static FINDING_GUARD: LazyLock<AhoCorasick> = LazyLock::new(|| guard(FINDING_WORDS));

#[expect(
    clippy::expect_used,
    reason = "a handful of constant words always build; a test forces it"
)]
fn guard(words: &[&str]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(words)
        .expect("constant words build an automaton")
}

/// Outcome patterns, most specific first, each with the outcome it states.
static OUTCOMES: LazyLock<Vec<(Regex, CodedOutcome)>> = LazyLock::new(|| {
    [
        (r"(?i)\bwould (?:otherwise |also |certainly )?have been (?:dismissed|sacked|fired)\b|\bwould have faced (?:dismissal|the sack)\b", CodedOutcome::WouldHaveBeenDismissed),
        (r"(?i)\bdismiss(?:ed|al) with notice\b", CodedOutcome::DismissalWithNotice),
        (r"(?i)\bdismiss(?:ed|al) without notice\b|\b(?:was|were|been|be|is|being|are)\s+(?:\w+\s+)?(?:dismissed|sacked|fired)\b|\b(?:dismissed|sacked|fired) (?:from|by)\b|\b(?:instant|summary|immediate) dismissal\b|\bdismissed (?:him|her|them)\b|\blost (?:his|her|their) jobs?\b", CodedOutcome::DismissalWithoutNotice),
        (r"(?i)\breduc(?:ed|tion) in rank\b|\bdemoted\b|\breduced to the rank of\b", CodedOutcome::ReductionInRank),
        (r"(?i)\bfinal written warnings?\b", CodedOutcome::FinalWrittenWarning),
        (r"(?i)\bwritten warnings?\b", CodedOutcome::WrittenWarning),
        (r"(?i)\bmanagement (?:action|advice)\b", CodedOutcome::ManagementAction),
        (r"(?i)\bpractice requiring improvement\b|\breflective practice\b", CodedOutcome::ReflectivePractice),
        (r"(?i)\bno further action\b", CodedOutcome::NoFurtherAction),
        (r#"(?i)\b(?:added|placed|put|included|entered|submitted|go|goes|going) (?:on|onto|to|in) (?:the |a )?"?(?:College of Policing(?:'s)? )?(?:police )?barred list\b|\bbarred from (?:the )?(?:police|policing|serving|working)\b|\bon the barred list\b"#, CodedOutcome::BarredList),
        (r"(?i)\bplead(?:ed|ing|s)? guilty\b|\bpled guilty\b|\bguilty pleas?\b|\badmitted (?:the |a |an |one |two |three |four |all )?(?:charges?|offences?|counts?)\b", CodedOutcome::GuiltyPlea),
        (r"(?i)\bplead(?:ed|ing|s)? not guilty\b|\bdenied (?:the |all )?(?:charges?|offences?)\b", CodedOutcome::NotGuilty),
        (r"(?i)\bacquitted\b|\bfound not guilty\b|\bcleared (?:by a jury|(?:at|in) (?:\w+ ){0,3}court|of (?:the |all |both |a |an |any )?(?:\w+ )?(?:charges?|counts?|offences?|criminal|crimes?|misconduct in (?:a )?public office|assault\w*|rape|murder|manslaughter|theft|fraud|dangerous driving|causing|sexual))\b", CodedOutcome::Acquitted),
        (r"(?i)\bconvicted\b|\bfound guilty\b", CodedOutcome::Convicted),
    ]
    .into_iter()
    .map(|(p, label)| (crate::regex(p), label))
    .collect()
});

/// A word shortly before an outcome that denies or hedges it.
static NEGATED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:not|never|no|spared|spare|avoid|avoided|avoiding|escaped|escape|without|could|may|might|faces?|facing|risk|risked|rather than|instead of|appeal(?:ed|ing)? against|considered|sought|seeking|recommended|possible|whether|(?:would|should) have been)\b[^.;,]{0,25}$",
    )
});

/// A clause whose subject is a charge, allegation, case or appeal: "dismissed" there ends
/// the matter, not anyone's service ("An allegation against PC A ... was dismissed").
static NOT_A_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(?:(?:an?|the|one|two|three|four|five|a further|further|all|both|other|remaining|this|that|these|those|his|her|their)\s+)*(?:\w+\s+){0,2}?(?:allegations?|charges?|complaints?|case|cases|claims?|counts?|appeals?|proceedings)\b",
    )
});

/// A denial inside a dismissal's own words ("was not dismissed"); verdicts such as "found not
/// guilty" carry "not" as part of what they say.
static NEGATED_INSIDE: LazyLock<Regex> = LazyLock::new(|| crate::regex(r"(?i)\b(?:not|never)\b"));

static FINDING_NOT_PROVEN: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bnot (?:been )?(?:proven|proved|found proven|substantiated|upheld)\b|\bunproven\b|\bdismissed the (?:case|allegations?)\b|\bcleared of (?:all |any )?(?:(?:the )?allegations? of )?(?:gross )?misconduct\b",
    )
});
static FINDING_NO_CASE: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\bno case to answer\b"));
static FINDING_NOT_GROSS_BUT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:did not|didn't|does not|not) (?:amount to|constitute|reach the (?:level|threshold) of) gross misconduct\b[^.;]{0,60}\bmisconduct\b",
    )
});
/// Misconduct set against gross misconduct ("amounted to misconduct rather than gross
/// misconduct").
static FINDING_MISCONDUCT_NOT_GROSS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:amount(?:ed|s|ing)? to|constitut(?:ed|es|ing)|was|were|be|as)\s+misconduct,?\s+(?:rather than|but not|and not|not|instead of)\s+(?:at the level of\s+)?gross misconduct\b",
    )
});
static FINDING_GROSS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:found|proven|proved|amount(?:ed|s|ing)? to|constitut(?:ed|es)|guilty of|(?:dismissed|sacked|fired)(?: with(?:out)? notice)? for|at the level of|established|upheld|admitted|committed)\b[^.;]{0,60}?\bgross misconduct\b|\bfindings? of gross misconduct\b|\bgross misconduct\b[^.;]{0,40}\b(?:was|were|had been|has been)\s+(?:\w+\s+)?(?:found|proven|proved|established|upheld)\b",
    )
});
static FINDING_MISCONDUCT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:found|proven|proved|amount(?:ed|s|ing)? to|constitut(?:ed|es)|guilty of|at the level of|established|upheld|admitted)\b[^.;]{0,40}?\b(?:misconduct)\b(?: (?:hearing|meeting|proceedings|panel|investigation))?",
    )
});
/// What a verdict or plea is of, up to a misconduct it names: "of three charges of gross
/// misconduct", "to misconduct".
static DISCIPLINARY_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\s*(?:of|to)\s+(?:(?:an?|the|one|two|three|four|five|six|all|several|\d+|both)\s+)?(?:(?:allegations?|charges?|counts?|breaches?|acts?)\s+of\s+)?(?:gross\s+)?misconduct\b",
    )
});
/// The offence whose name holds the word misconduct.
static OFFENCE_NAMED_MISCONDUCT: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)^\s+in\s+(?:a\s+)?public\s+office\b"));
/// Words before a finding that make it an allegation, not a finding ("It is alleged this
/// amounted to gross misconduct").
static ALLEGED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:(?:is|are|was|were|been|being)\s+alleged|alleged(?:ly)?\s+(?:that|to have|this|these)|allegedly|accused of|will (?:face|be asked)|due to)\b",
    )
});
/// A verdict that clears ("found not guilty of gross misconduct"): whatever finding words
/// follow it are denied.
static CLEARING_VERDICT: LazyLock<Regex> = LazyLock::new(|| crate::regex(r"(?i)\bnot\s+guilty\b"));
static NEGATED_FINDING: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\b(?:not|no|never)\b[^.;]{0,20}$"));

/// Outcomes stated (not denied or hedged) in a clause: those with coded cues, then those the
/// reference data adds (`added`: each one's labels as a pattern).
pub fn outcomes_in(
    text: &str,
    (start, end): (usize, usize),
    added: &[(Regex, Outcome)],
) -> Vec<(Outcome, (usize, usize))> {
    let clause = &text[start..end];
    let coded = OUTCOME_GUARD.is_match(clause);
    if !coded && added.is_empty() {
        return Vec::new();
    }
    let coded = OUTCOMES
        .iter()
        .filter(|_| coded)
        .map(|(pattern, outcome)| (pattern, Outcome::Coded(*outcome)));
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for (pattern, outcome) in coded.chain(added.iter().map(|(p, o)| (p, *o))) {
        for m in pattern.find_iter(clause) {
            let span = (start + m.start(), start + m.end());
            if taken.iter().any(|&(s, e)| span.0 < e && s < span.1) {
                continue;
            }
            taken.push(span);
            if stated(clause, m, outcome) && !out.iter().any(|&(o, _)| o == outcome) {
                out.push((outcome, span));
            }
        }
    }
    // "final written warning" also matches "written warning": the longer phrase was taken first.
    out
}

/// True unless the clause denies or hedges the outcome matched at `m`, or it is no one's.
fn stated(clause: &str, m: regex::Match<'_>, outcome: Outcome) -> bool {
    // A denial does not reach across a comma ("who did not attend, was dismissed";
    // "dismissed without notice, and he will be barred"), and "dismissed without notice
    // and will be barred" has no denial in its "without".
    let before = &clause[..m.start()];
    let before = before
        .rfind("without notice")
        .map_or(before, |i| &before[i + "without notice".len()..]);
    let denied = NEGATED_BEFORE.is_match(before)
        || (outcome.is_dismissal() && NEGATED_INSIDE.is_match(m.as_str()));
    let hedge = denied && outcome != Outcome::Coded(CodedOutcome::WouldHaveBeenDismissed);
    if outcome.is_dismissal() && !m.as_str().contains("notice") && NOT_A_PERSON.is_match(clause) {
        return false;
    }
    if outcome.is_court() && of_disciplinary_misconduct(&clause[m.end()..]) {
        return false;
    }
    !hedge
}

/// The patterns of the outcomes the reference data adds without a coded cue: each outcome's
/// labels, whole words, any case.
pub fn added_outcomes(outcomes: &[crate::reference::Entry]) -> Vec<(Regex, Outcome)> {
    outcomes
        .iter()
        .filter(|e| CodedOutcome::from_iri(&e.iri).is_none())
        .filter_map(|e| {
            let slug: &'static str =
                Box::leak(e.iri.rsplit('/').next()?.to_owned().into_boxed_str());
            let labels: Vec<String> = e.labels.iter().map(|l| regex::escape(l)).collect();
            let pattern = format!(r"(?i)\b(?:{})\b", labels.join("|"));
            Some((Regex::new(&pattern).ok()?, Outcome::Added(slug)))
        })
        .collect()
}

/// True when a verdict or plea is of a breach of discipline, not of a crime ("found guilty of
/// three allegations of gross misconduct", "pleaded guilty to misconduct"), unlike the offence
/// of misconduct in public office.
fn of_disciplinary_misconduct(after: &str) -> bool {
    DISCIPLINARY_OBJECT
        .captures(after)
        .and_then(|c| c.get(0))
        .is_some_and(|m| !OFFENCE_NAMED_MISCONDUCT.is_match(&after[m.end()..]))
}

/// The finding a clause states, if any.
pub fn finding_in(clause: &str, start: usize) -> Option<(Finding, (usize, usize))> {
    if !FINDING_GUARD.is_match(clause) {
        return None;
    }
    let span = |m: regex::Match<'_>| (start + m.start(), start + m.end());
    if let Some(m) = FINDING_NOT_PROVEN.find(clause) {
        let lower = clause.to_ascii_lowercase();
        if ["misconduct", "allegation", "case against", "complaint"]
            .iter()
            .any(|w| lower.contains(w))
        {
            return Some((Finding::NotProven, span(m)));
        }
    }
    if let Some(m) = FINDING_NO_CASE.find(clause) {
        return Some((Finding::NoCaseToAnswer, span(m)));
    }
    if let Some(m) = FINDING_NOT_GROSS_BUT
        .find(clause)
        .or_else(|| FINDING_MISCONDUCT_NOT_GROSS.find(clause))
    {
        return Some((Finding::Misconduct, span(m)));
    }
    let alleged = |m: regex::Match<'_>| ALLEGED_BEFORE.is_match(&clause[..m.start()]);
    if let Some(m) = FINDING_GROSS.find(clause).filter(|m| !alleged(*m)) {
        if !NEGATED_FINDING.is_match(&clause[..m.start()]) && !CLEARING_VERDICT.is_match(m.as_str())
        {
            return Some((Finding::GrossMisconduct, span(m)));
        }
    }
    if let Some(m) = FINDING_MISCONDUCT.find(clause).filter(|m| !alleged(*m)) {
        let phrase = m.as_str().to_ascii_lowercase();
        let names_proceeding = [
            "hearing",
            "meeting",
            "proceedings",
            "panel",
            "investigation",
        ]
        .iter()
        .any(|w| phrase.ends_with(w));
        if !names_proceeding
            && !NEGATED_FINDING.is_match(&clause[..m.start()])
            && !CLEARING_VERDICT.is_match(&phrase)
            && !phrase.contains("gross")
        {
            return Some((Finding::Misconduct, span(m)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&OUTCOMES);
        LazyLock::force(&OUTCOME_GUARD);
        LazyLock::force(&FINDING_GUARD);
        for p in [
            &NOT_A_PERSON,
            &NEGATED_BEFORE,
            &NEGATED_INSIDE,
            &FINDING_NOT_PROVEN,
            &FINDING_NO_CASE,
            &FINDING_NOT_GROSS_BUT,
            &FINDING_MISCONDUCT_NOT_GROSS,
            &FINDING_GROSS,
            &FINDING_MISCONDUCT,
            &NEGATED_FINDING,
            &DISCIPLINARY_OBJECT,
            &OFFENCE_NAMED_MISCONDUCT,
            &CLEARING_VERDICT,
            &ALLEGED_BEFORE,
        ] {
            LazyLock::force(p);
        }
    }

    fn outcomes(s: &str) -> Vec<CodedOutcome> {
        outcomes_in(s, (0, s.len()), &[])
            .into_iter()
            .filter_map(|(o, _)| match o {
                Outcome::Coded(o) => Some(o),
                Outcome::Added(_) => None,
            })
            .collect()
    }

    #[test]
    fn outcome_phrasing() {
        assert_eq!(
            outcomes("she was found not guilty by the jury"),
            vec![CodedOutcome::Acquitted]
        );
        assert_eq!(
            outcomes("he pleaded not guilty to assault"),
            vec![CodedOutcome::NotGuilty]
        );
        assert_eq!(
            outcomes("he would have been fired without notice"),
            vec![CodedOutcome::WouldHaveBeenDismissed]
        );
        assert_eq!(
            outcomes("The sergeant was dismissed without notice."),
            vec![CodedOutcome::DismissalWithoutNotice]
        );
        assert_eq!(
            outcomes("she was handed a final written warning"),
            vec![CodedOutcome::FinalWrittenWarning]
        );
        assert_eq!(
            outcomes("he received a written warning"),
            vec![CodedOutcome::WrittenWarning]
        );
        assert_eq!(
            outcomes("But he spared him instant dismissal"),
            Vec::<CodedOutcome>::new()
        );
        assert_eq!(outcomes("he was not dismissed"), Vec::<CodedOutcome>::new());
        assert_eq!(
            outcomes("He could face dismissal if found guilty"),
            Vec::<CodedOutcome>::new()
        );
        assert_eq!(
            outcomes("where he entered a guilty plea"),
            vec![CodedOutcome::GuiltyPlea]
        );
        assert_eq!(
            outcomes("was found guilty of gross misconduct"),
            Vec::<CodedOutcome>::new()
        );
    }

    #[test]
    fn the_barred_list_in_its_common_shapes() {
        for text in [
            "He will now be added to the \"barred list\" kept by the College of Policing.",
            "Her details will be submitted to the College of Policing Barred List.",
            "He cannot serve again after being placed on a barred list.",
        ] {
            assert!(outcomes(text).contains(&CodedOutcome::BarredList), "{text}");
        }
    }

    #[test]
    fn a_denial_stays_in_its_own_clause() {
        let text =
            "The chair dismissed her without notice, and she will be put on the barred list.";
        let found = outcomes(text);
        assert!(found.contains(&CodedOutcome::BarredList), "{found:?}");
        let text = "She was dismissed without notice and will be put on the barred list.";
        let found = outcomes(text);
        assert!(found.contains(&CodedOutcome::BarredList), "{found:?}");
        let text = "Ms Reed, who did not attend, was dismissed without notice.";
        assert_eq!(outcomes(text).len(), 1);
        let text = "He was not dismissed, but was given a final written warning.";
        let found = outcomes(text);
        assert_eq!(found, vec![CodedOutcome::FinalWrittenWarning]);
    }

    #[test]
    fn a_sanction_that_would_have_been_is_no_outcome() {
        let s = "The force argued the right sanction would have been instant dismissal.";
        assert!(outcomes(s).is_empty());
        let s = "The panel said he would have been dismissed without notice.";
        assert_eq!(outcomes(s), vec![CodedOutcome::WouldHaveBeenDismissed]);
    }

    #[test]
    fn a_dismissed_allegation_is_no_dismissal() {
        for text in [
            "A further allegation against PC Dale, that he lied to a colleague, was dismissed.",
            "Her appeal against the finding was dismissed by the tribunal.",
        ] {
            assert!(outcomes(text).is_empty(), "{text}");
        }
        let text = "PC Dale, who faced two allegations, was dismissed.";
        assert_eq!(outcomes(text).len(), 1);
    }

    #[test]
    fn convicted_of_misconduct_in_public_office_is_a_conviction() {
        let text = "PC Vale was convicted of misconduct in public office at Leeds Crown Court.";
        let found = outcomes(text);
        assert_eq!(found, vec![CodedOutcome::Convicted]);
    }

    #[test]
    fn verdicts_on_disciplinary_charges_are_not_court_outcomes() {
        for text in [
            "She was found guilty of two allegations of gross misconduct.",
            "He was found not guilty of misconduct by the panel.",
            "The inspector pleaded guilty to gross misconduct at the hearing.",
            "He was convicted of gross misconduct.",
        ] {
            assert!(outcomes(text).is_empty(), "{text}");
        }
        let text = "He was found guilty of misconduct in a public office.";
        assert_eq!(outcomes(text), vec![CodedOutcome::Convicted]);
        let text = "after pleading guilty to theft, the sergeant was jailed";
        assert_eq!(outcomes(text), vec![CodedOutcome::GuiltyPlea]);
    }

    #[test]
    fn a_clearing_verdict_finds_no_breach() {
        assert_eq!(
            finding("The officer was found not guilty of misconduct."),
            None
        );
        assert_eq!(
            finding("The constable was found not guilty of gross misconduct."),
            None
        );
    }

    #[test]
    fn an_alleged_breach_is_no_finding() {
        assert_eq!(
            finding("It is alleged that her conduct amounted to gross misconduct."),
            None
        );
        assert_eq!(
            finding("The sergeant is accused of conduct amounting to misconduct."),
            None
        );
    }

    #[test]
    fn cleared_of_misconduct_is_not_proven() {
        assert_eq!(
            finding("The two constables were cleared of gross misconduct."),
            Some(Finding::NotProven)
        );
        assert!(outcomes("The two constables were cleared of gross misconduct.").is_empty());
    }

    #[test]
    fn a_finding_of_gross_misconduct() {
        assert_eq!(
            finding("The panel made a finding of gross misconduct against the officer."),
            Some(Finding::GrossMisconduct)
        );
        assert_eq!(finding("There was no finding of gross misconduct."), None);
    }

    fn finding(s: &str) -> Option<Finding> {
        finding_in(s, 0).map(|(f, _)| f)
    }

    #[test]
    fn finding_phrasing() {
        assert_eq!(
            finding("allegations which were proven at the level of gross misconduct"),
            Some(Finding::GrossMisconduct)
        );
        assert_eq!(
            finding("decided the officer was guilty of gross misconduct"),
            Some(Finding::GrossMisconduct)
        );
        assert_eq!(
            finding("She was dismissed without notice for gross misconduct last week."),
            Some(Finding::GrossMisconduct)
        );
        assert_eq!(
            finding("the panel said it did not amount to gross misconduct but was misconduct"),
            Some(Finding::Misconduct)
        );
        assert_eq!(
            finding("The panel found there was no case to answer."),
            Some(Finding::NoCaseToAnswer)
        );
        assert_eq!(
            finding("The allegation of gross misconduct was not proven."),
            Some(Finding::NotProven)
        );
        assert_eq!(finding("He faced a gross misconduct hearing"), None);
        assert_eq!(
            finding("His actions breached the standard of honesty, amounting to gross misconduct."),
            Some(Finding::GrossMisconduct)
        );
        assert_eq!(
            finding("The panel found the case against her not proven."),
            Some(Finding::NotProven)
        );
        assert_eq!(
            finding(
                "The chair ruled his failings amounted to misconduct rather than gross misconduct."
            ),
            Some(Finding::Misconduct)
        );
    }
}
