//! Affiliations and quotations: which organisation each person serves in ("Officer A,
//! attached to East Area Command Unit", "IOPC Regional Director Sal Naseem"), and who said
//! each quoted passage.

use super::gazetteer::Gazetteer;
use super::organisations::{OrgEntity, depth};
use super::people::{Mention, PersonEntity};
use regex::Regex;
use std::sync::LazyLock;

/// Words between a person and an organisation that make the person serve in it.
static SERVES_IN: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:'s)?,?(?:\s*\d{1,3},)?\s+(?:who\s+(?:is|was|has been|had been)\s+|who\s+|a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,6}?(?:attached\s+to|of|from|based\s+(?:at|in|with)|serv(?:ing|es|ed)\s+(?:with|in|at|on)|(?:leads|heads|led|headed|runs|commands|commanded)|works?\s+(?:for|in|at)|worked\s+(?:for|in|at)|in\s+charge\s+of\s+[\w\s]{0,40}?\s+(?:at|in)|posted\s+(?:to|at)|stationed\s+at|with|at|for|in)\s+(?:the\s+)?(?:(?:force|service|constabulary)'s\s+)?$",
    )
});

/// A person's organisation: the most specific one named in the words around a mention; else,
/// for an officer, the article's only police force.
pub fn affiliations(
    text: &str,
    people: &[PersonEntity],
    mentions: &[Mention],
    orgs: &[OrgEntity],
    gazetteer: &Gazetteer,
) -> Vec<Option<(usize, (usize, usize))>> {
    let spans: Vec<(usize, (usize, usize))> = orgs
        .iter()
        .enumerate()
        .flat_map(|(i, o)| o.spans.iter().map(move |&s| (i, s)))
        .collect();
    let mut result: Vec<Option<(usize, (usize, usize))>> = vec![None; people.len()];
    for m in mentions {
        let mut candidates: Vec<(usize, (usize, usize))> = Vec::new();
        // "IOPC Regional Director Sal Naseem", "Kent Police PC Jane Reed".
        if m.head_start < m.start {
            if let Some(&(org, span)) = spans
                .iter()
                .find(|(_, (_, e))| *e + 4 >= m.head_start && *e <= m.head_start)
            {
                let gap = &text[span.1..m.head_start];
                if gap.trim().is_empty() || gap.trim() == "'s" {
                    candidates.push((org, span));
                }
            }
        }
        // Organisations in the clause after the mention, reached through "of", "attached to"...
        // "PC A and PC B, both attached to ...": the words after the list speak of each.
        let anchor = list_end(text, mentions, m);
        let line_end = text[anchor..]
            .find(['\n', ';', '"'])
            .map_or(text.len(), |i| anchor + i);
        let limit = (anchor + 160).min(line_end);
        for &(org, span) in spans
            .iter()
            .filter(|(_, (s, _))| *s >= anchor && *s < limit)
        {
            let gap = &text[anchor..span.0];
            let chain_ok = SERVES_IN.is_match(gap)
                || candidates
                    .iter()
                    .any(|(_, c)| gap_is_possessive(text, c.1, span.0));
            let crosses = crosses_another_person(mentions, anchor, m.person, span.0);
            if chain_ok && !gap.contains(". ") && !crosses {
                candidates.push((org, span));
            }
        }
        let best = candidates
            .into_iter()
            .max_by_key(|(org, _)| depth(&orgs[*org], orgs, gazetteer));
        if let Some((org, span)) = best {
            let slot = &mut result[m.person];
            let better = slot.is_none_or(|(current, _)| {
                depth(&orgs[org], orgs, gazetteer) > depth(&orgs[current], orgs, gazetteer)
            });
            if better {
                *slot = Some((org, span));
            }
        }
    }
    if let Some(force) = super::organisations::main_force(orgs) {
        let force = &force;
        for (index, person) in people.iter().enumerate() {
            if result[index].is_none() && person.officer {
                result[index] = orgs[*force].spans.first().map(|&s| (*force, s));
            }
        }
    }
    result
}

/// "the Met's Roads and Transport Policing Command": the second organisation belongs to the
/// first.
fn gap_is_possessive(text: &str, first_end: usize, second_start: usize) -> bool {
    first_end <= second_start
        && matches!(text[first_end..second_start].trim(), "'s" | "" | "'s own")
}

fn crosses_another_person(mentions: &[Mention], from: usize, person: usize, until: usize) -> bool {
    mentions
        .iter()
        .any(|o| o.person != person && o.start > from && o.start < until)
}

/// The end of the list of people a mention begins or stands in ("PC A, PC B and PC C"), or
/// the mention's own end.
fn list_end(text: &str, mentions: &[Mention], m: &Mention) -> usize {
    let mut end = m.end;
    while let Some(next) = mentions.iter().find(|o| {
        o.head_start > end && matches!(&text[end..o.head_start], ", " | " and " | ", and " | " & ")
    }) {
        end = next.end;
    }
    end
}

/// A quoted passage and its speaker, byte spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    pub span: (usize, usize),
    pub speaker: Option<(usize, (usize, usize))>,
}

static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:said|says|say|added|adds|told|continued|concluded|explained|wrote|stated|commented|according to|warned|insisted)\b",
    )
});

/// Quoted passages of twenty characters or more, each with the person the line attributes it
/// to; a paragraph that only continues a quotation keeps the previous speaker.
pub fn quotations(text: &str, mentions: &[Mention]) -> Vec<FoundQuote> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut last_speaker: Option<(usize, (usize, usize))> = None;
    for line in text.split_inclusive('\n') {
        let quotes: Vec<usize> = line
            .match_indices('"')
            .map(|(i, _)| line_start + i)
            .collect();
        let line_end = line_start + line.trim_end().len();
        let mut spans = Vec::new();
        for pair in quotes.chunks(2) {
            let open = pair[0] + 1;
            let close = pair.get(1).copied().unwrap_or(line_end);
            if close > open && text[open..close].trim().chars().count() >= 20 {
                spans.push((open, close));
            }
        }
        let inside = |pos: usize| spans.iter().any(|&(s, e)| pos >= s && pos < e);
        let attributed = mentions
            .iter()
            .filter(|m| m.start >= line_start && m.end <= line_end && !inside(m.start))
            .find(|m| {
                let around = &text
                    [m.head_start.saturating_sub(30).max(line_start)..(m.end + 30).min(line_end)];
                SPEECH_VERB.is_match(around)
            })
            .map(|m| (m.person, (m.head_start, m.end)));
        let continues = attributed.is_none() && line.trim_start().starts_with('"');
        let speaker = attributed.or(if continues { last_speaker } else { None });
        for span in &spans {
            out.push(FoundQuote {
                span: *span,
                speaker,
            });
        }
        if !spans.is_empty() {
            last_speaker = speaker;
        }
        line_start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&SERVES_IN);
        LazyLock::force(&SPEECH_VERB);
    }

    #[test]
    fn serves_in_gaps() {
        assert!(SERVES_IN.is_match(", attached to "));
        assert!(SERVES_IN.is_match(", of the "));
        assert!(SERVES_IN.is_match(", who leads the "));
        assert!(SERVES_IN.is_match(", 56, who has since resigned but is still attached to the "));
        assert!(SERVES_IN.is_match(", who is in charge of professionalism at the "));
        assert!(!SERVES_IN.is_match(" said the case had been referred to the "));
        assert!(SERVES_IN.is_match(", who was posted to the force's "));
    }
}
