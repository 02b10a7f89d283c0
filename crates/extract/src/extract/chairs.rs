//! Chairs: the people who chaired or decided proceedings, found before subjects are decided so
//! that a chair is never taken for the accused, and the chair a clause names for a proceeding.

use super::context::CaseInput;
use super::model::Mention;
use super::near::starting_in;
use super::subjects::decides_after;
use crate::text::Sentence;
use regex::Regex;
use std::sync::LazyLock;

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

/// A chair field line, up to a name on it: whoever it names chaired.
static CHAIR_FIELD: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)^\W*(?:chair|chaired by|chairperson)\s*:"));

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

pub(super) fn chair_in(
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
        if decides && CHAIR_VERB_AFTER.is_match(after) && !input.resolver.is_subject(m.person) {
            return Some((m.person, (m.head_start, m.end)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for p in [
            &CHAIR_BY,
            &CHAIR_APPOSITION,
            &CHAIR_VERB_AFTER,
            &CHAIR_FIELD,
        ] {
            LazyLock::force(p);
        }
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
}
