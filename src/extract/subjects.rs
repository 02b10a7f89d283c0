//! Subjects: decides which people a case is about (the officers facing proceedings) and, for a
//! stretch of text, which of them it speaks of. Where the text does not settle who is meant,
//! the answer is nobody: a fact left out is better than a fact on the wrong officer.

use super::people::{Mention, PersonEntity};
use crate::text::Sentence;
use regex::Regex;
use std::sync::LazyLock;

/// Words after a mention that make its person the one facing the case.
static ACCUSED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?x)^(?:'s?)?(?:,[^,]{0,100},)?\s+(?:who\s+)?(?:(?:has|had|was|were|is|will|would|have|be|been|being|now|since|also|subsequently|later|then|previously|initially|both|each|all)\s+)*
        (?:dismissed|sacked|fired|arrested|charged|suspended|convicted|acquitted|cleared|jailed|sentenced|found|given|handed|issued|reduced|demoted|barred|placed|added|banned|resigned|retired|pleaded|pled|admitted|denied|appeared|faced|breached|received|attended|committed|removed|struck|remanded|bailed|served\s+with|spared|accused|alleged|investigated|interviewed|disciplined|punished|quit|left\s+the|stood\s+trial|entered)\b",
    )
});

/// Words before a mention that make its person the one facing the case.
static ACCUSED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?ix)(?:(?:allegations?|case|complaints?|hearing|proceedings|charges?|investigation|misconduct|evidence)\s+(?:\w+\s+){0,3}(?:against|into|involving|concerning|of)|dismissed|sacked|suspended|arrested|charged|convicted|disciplined)\s+(?:former\s+|serving\s+)?$",
    )
});

/// Words that point back at a person already named.
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:he|she|him|her|his|hers|himself|herself|the (?:former )?(?:officer|pc|constable|sergeant|detective|inspector|policeman|policewoman|dc|ds|pcso|staff member))\b",
    )
});

/// Words that make a clause speak of several people at once.
static PLURAL: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\b(?:both|each|all|were|they|the (?:two|three|four|five) (?:officers|men|women)|the officers)\b"));

/// Clause boundaries inside a sentence, used when a sentence names several subjects.
static CLAUSE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r";|, (?:while|whilst|but|and|whereas|although)\b| (?:while|whilst|whereas) "));

/// People facing the case: designated officers, and people the text puts in the accused's
/// place ("Phillips was arrested", "allegations against PC Reed").
pub fn find_subjects(text: &str, people: &[PersonEntity], mentions: &[Mention], chairs: &[usize]) -> Vec<bool> {
    let mut subject = vec![false; people.len()];
    for (index, person) in people.iter().enumerate() {
        if person.title.is_some() && person.rank.is_none() {
            continue;
        }
        if person.designation.is_some() {
            subject[index] = person.officer;
            continue;
        }
        subject[index] = mentions.iter().filter(|m| m.person == index).any(|m| {
            let after = &text[m.end..(m.end + 160).min(text.len())];
            let after = after.get(..after.find('\n').unwrap_or(after.len())).unwrap_or(after);
            let before = &text[m.head_start.saturating_sub(80)..m.head_start];
            ACCUSED_AFTER.is_match(after) || ACCUSED_BEFORE.is_match(before)
        }) && !chairs.contains(&index);
    }
    subject
}

/// Which subjects a span of text (a clause of sentence `sentence`) speaks of.
pub struct Resolver<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub mentions: &'a [Mention],
    pub subject: &'a [bool],
    /// People whose mention says nothing about who a clause is about (chairs).
    pub chairs: &'a [usize],
}

impl Resolver<'_> {
    fn subjects_in(&self, start: usize, end: usize) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .mentions
            .iter()
            .filter(|m| m.start >= start && m.end <= end && self.subject[m.person])
            .map(|m| m.person)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    fn all_subjects(&self) -> Vec<usize> {
        (0..self.subject.len()).filter(|&i| self.subject[i]).collect()
    }

    /// The clauses of a sentence, as byte spans: the whole sentence when it names at most one
    /// subject, else the pieces between clause breaks.
    pub fn clauses(&self, sentence: &Sentence) -> Vec<(usize, usize)> {
        if self.subjects_in(sentence.start, sentence.end).len() <= 1 {
            return vec![(sentence.start, sentence.end)];
        }
        let body = sentence.text(self.text);
        let mut spans = Vec::new();
        let mut from = 0;
        for m in CLAUSE_BREAK.find_iter(body) {
            spans.push((sentence.start + from, sentence.start + m.start()));
            from = m.end();
        }
        spans.push((sentence.start + from, sentence.end));
        spans
    }

    /// The subjects a clause speaks of: those it names (several only with a plural verb or
    /// "both"), else, through "he", "the officer" or no mention at all, the only subject of the
    /// article or the only one named in the sentence before.
    pub fn resolve(&self, sentence: usize, start: usize, end: usize, case_level: bool) -> Vec<usize> {
        let named = self.subjects_in(start, end);
        let clause = &self.text[start..end];
        match named.len() {
            1 => return named,
            0 => {}
            _ => return if PLURAL.is_match(clause) || case_level { named } else { Vec::new() },
        }
        // A clause that names someone who is not a subject speaks of them, not of a subject,
        // unless it also points back with a pronoun.
        let names_other = self
            .mentions
            .iter()
            .any(|m| m.start >= start && m.end <= end && !self.subject[m.person] && !self.chairs.contains(&m.person));
        let anaphor = ANAPHOR.is_match(clause);
        if names_other && !anaphor {
            return if case_level { self.only_or_all(case_level) } else { Vec::new() };
        }
        let all = self.all_subjects();
        if all.len() <= 1 {
            return all;
        }
        if sentence > 0 {
            let previous = &self.sentences[sentence - 1];
            let before = self.subjects_in(previous.start, previous.end);
            if before.len() == 1 && !PLURAL.is_match(clause) {
                return before;
            }
        }
        self.only_or_all(case_level)
    }

    fn only_or_all(&self, case_level: bool) -> Vec<usize> {
        let all = self.all_subjects();
        if all.len() == 1 || case_level { all } else { Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for p in [&ACCUSED_AFTER, &ACCUSED_BEFORE, &ANAPHOR, &PLURAL, &CLAUSE_BREAK] {
            LazyLock::force(p);
        }
    }

    #[test]
    fn accused_cues() {
        assert!(ACCUSED_AFTER.is_match(", 56, who has since resigned but"));
        assert!(ACCUSED_AFTER.is_match(" was dismissed without notice"));
        assert!(!ACCUSED_AFTER.is_match(", who leads the command, said"));
        assert!(ACCUSED_BEFORE.is_match("heard a number of allegations against "));
    }
}
