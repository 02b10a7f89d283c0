//! Affiliations and quotations: which organisation each person serves in ("Officer A,
//! attached to East Area Command Unit", "IOPC Regional Director Sal Naseem"), and who said
//! each quoted passage.

use super::gazetteer::Gazetteer;
use super::model::{Mention, OrgEntity, PersonEntity, main_force};
use super::near::starting_in;
use super::organisations::{ancestors, depth};
use super::subjects::number_word;
use crate::concepts::OrgKind;
use crate::text::Sentence;
use regex::Regex;
use std::sync::LazyLock;

/// Words between a person and an organisation that make the person serve in it.
static SERVES_IN: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^(?:'s)?,?(?:\s*\d{1,3},)?\s+(?:who\s+(?:is|was|has been|had been)\s+|who\s+|a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,6}?(?:attached\s+to|of|from|based\s+(?:at|in|with|within|on)|serv(?:ing|es|ed)\s+(?:with|in|at|on)|(?:leads|heads|led|headed|runs|commands|commanded|manages|managed)|responsible\s+for|works?\s+(?:for|in|at|on)|worked\s+(?:for|in|at|on)|in\s+charge\s+of\s+[\w\s]{0,40}?\s+(?:at|in)|posted\s+(?:to|at)|stationed\s+at|with|at|for|in)\s+(?:the\s+)?(?:same\s+)?(?:[\w-]+\s+(?:[\w-]+\s+)?(?:known\s+as|called)\s+)?(?:(?:force|service|constabulary)'s\s+)?$|^,\s+an?\s+(?:former\s+|retired\s+|serving\s+)?$",
    )
});

/// "Jane Reed, of the department": a unit referred to by its head word, the nearest before.
static OF_THE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^,? (?:who is |who was )?(?:also )?(?:of|from|in|with|head of|deputy head of) the (department|unit|command|directorate|team|branch|division|squad)\b",
    )
});

/// A person's organisation: the most specific one named in the words around a mention; else,
/// for an officer or a member of police staff, the article's main police force.
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
    let mut index = SpanIndex::new(&spans);
    let list_ends = list_ends(text, mentions);
    let mut result: Vec<Option<(usize, (usize, usize))>> = vec![None; people.len()];
    for (mi, m) in mentions.iter().enumerate() {
        let mut candidates: Vec<(usize, (usize, usize))> = Vec::new();
        // "IOPC Regional Director Sal Naseem", "Kent Police PC Jane Reed".
        if m.head_start < m.start {
            if let Some(&(org, span)) = index
                .ending_in(m.head_start.saturating_sub(4), m.head_start + 1)
                .first()
                .map(|&i| &spans[i])
            {
                let gap = &text[span.1..m.head_start];
                if gap.trim().is_empty() || gap.trim() == "'s" {
                    candidates.push((org, span));
                }
            }
        }
        if let Some(found) = apposed_unit(text, &spans, &index, m) {
            candidates.push(found);
        }
        // Organisations in the clause after the mention, reached through "of", "attached to"...
        // "PC A and PC B, both attached to ...": the words after the list speak of each.
        let anchor = list_ends[mi];
        let window = &text[anchor..(anchor + 160).min(text.len())];
        let limit = window
            .find(['\n', ';', '"'])
            .map_or(anchor + window.len(), |i| anchor + i);
        if let Some(found) = unit_referred_to(text, &spans, &mut index, orgs, m.end) {
            candidates.push(found);
        }
        let judicial = people[m.person].title.is_some() && !people[m.person].officer;
        for &(org, span) in index.starting_in(anchor, limit).iter().map(|&i| &spans[i]) {
            // A court is where officers and defendants appear; only a judge or magistrate
            // serves in one ("sitting at").
            if orgs[org].is_kind(&[OrgKind::Court])
                && !(judicial || text[anchor..span.0].contains("sitting"))
            {
                continue;
            }
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
    if let Some(force) = main_force(orgs) {
        let force = &force;
        for (index, person) in people.iter().enumerate() {
            if result[index].is_none() && (person.officer || police_staff(person, gazetteer)) {
                result[index] = orgs[*force].spans.first().map(|&s| (*force, s));
            }
        }
    }
    result
}

/// A speech verb right after an organisation set beside a name: "Supt Ann Kerr, Professional
/// Standards Department, said".
static SAYS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"^,? (?:said|says|added|told|explained|commented|stated)\b"));
/// The head of an organisation named before a person: "Head of the Economic Crime Unit, DI
/// Ann Kerr".
static HEAD_OF: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\b(?:head|director|deputy head) of (?:the )?$"));

/// An organisation set beside a person's name, between commas before a speech verb, or one
/// the person is head of, named right before the name.
fn apposed_unit(
    text: &str,
    spans: &[(usize, (usize, usize))],
    index: &SpanIndex,
    m: &Mention,
) -> Option<(usize, (usize, usize))> {
    let after = index
        .starting_in(m.end + 2, m.end + 3)
        .into_iter()
        .map(|i| &spans[i])
        .find(|(_, (s, e))| text.get(m.end..*s) == Some(", ") && SAYS_AFTER.is_match(&text[*e..]));
    // Only an organisation ending in the run of spaces and commas before the name can qualify.
    let run_start = text[..m.head_start]
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',')
        .len();
    let before = || {
        index
            .ending_in(run_start, m.head_start + 1)
            .into_iter()
            .map(|i| &spans[i])
            .find(|(_, (s, e))| {
                *e <= m.head_start
                    && text[*e..m.head_start].trim() == ","
                    && HEAD_OF.is_match(&text[..*s])
            })
    };
    after.or_else(before).copied()
}

/// Words that say where a group of officers served, right before the organisation: "The four
/// officers, all from the ...", "Both officers were attached to ...". Group 1 is how many.
static GROUP_SERVES: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:the|all|both)\s+(?:(two|three|four|five|six)\s+)?(?:officers|constables|officers and staff)\b(?:,\s*(?:all|both)|\s+(?:were|are)\s+(?:all\s+)?|\s+(?:all|both))?\s*(?:from|of|in|attached\s+to|based\s+(?:at|in|with)|serving\s+(?:with|in|on)|members\s+of|(?:who\s+)?(?:worked|work|served|serve)\s+(?:for|in|with|on))\s+(?:the\s+)?(?:force's\s+)?(?-i:[A-Z][\w'&]*\s+){0,3}$",
    )
});

/// "The four officers, all from the Territorial Support Group": a unit said of the subjects
/// together, in a sentence naming no one else, passes to each subject whose own unit is not
/// known more closely, when the group is as many as the subjects.
pub fn group_units(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    orgs: &[OrgEntity],
    subject: &[bool],
    gazetteer: &Gazetteer,
    result: &mut [Option<(usize, (usize, usize))>],
) {
    let subjects: Vec<usize> = (0..subject.len()).filter(|&i| subject[i]).collect();
    if subjects.len() < 2 {
        return;
    }
    let org_spans = super::near::sorted_spans(orgs);
    for sentence in sentences {
        let first = mentions.partition_point(|m| m.start < sentence.start);
        let names_other = mentions[first..]
            .iter()
            .take_while(|m| m.start < sentence.end)
            .any(|m| m.end <= sentence.end && !subject[m.person]);
        if names_other {
            continue;
        }
        for (org, span) in super::near::spans_within(&org_spans, sentence.start, sentence.end) {
            let Some(c) = GROUP_SERVES.captures(&text[sentence.start..span.0]) else {
                continue;
            };
            let size = match c.get(1) {
                None if c[0].to_ascii_lowercase().starts_with("both") => Some(2),
                None => None,
                Some(n) => number_word(n.as_str()),
            };
            if size.is_some_and(|n| n != subjects.len()) {
                continue;
            }
            for &person in &subjects {
                let closer = result[person].is_none_or(|(current, _)| {
                    current != org
                        && ancestors(&orgs[org], orgs, gazetteer).contains(&orgs[current].iri)
                });
                if closer {
                    result[person] = Some((org, span));
                }
            }
        }
    }
}

/// A field line that gives a person's unit ("Unit at the time: Roads Policing Unit").
static UNIT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(?:(?:unit|department|command|team|station|base|posting)(?:\s+at the time(?:\s+of the (?:conduct|incident|offences?|events))?)?|based|posted to)\s*:\s*",
    )
});

/// "Unit at the time: Operational Support Group" under an officer's name: that officer's unit,
/// where it is known more closely than before. `resolve` gives the subjects a span speaks of.
pub fn field_units(
    text: &str,
    sentences: &[Sentence],
    orgs: &[OrgEntity],
    gazetteer: &Gazetteer,
    resolve: impl Fn(usize, usize, usize) -> Vec<usize>,
    result: &mut [Option<(usize, (usize, usize))>],
) {
    let org_spans = super::near::sorted_spans(orgs);
    for sentence in sentences {
        let Some(field) = UNIT_FIELD.find(sentence.text(text)) else {
            continue;
        };
        let value = sentence.start + field.end();
        let Some((org, span)) = super::near::spans_within(&org_spans, value, sentence.end)
            .into_iter()
            .max_by_key(|(org, _)| depth(&orgs[*org], orgs, gazetteer))
        else {
            continue;
        };
        if let [person] = resolve(sentence.index, sentence.start, value)[..] {
            let closer = result[person].is_none_or(|(current, _)| {
                depth(&orgs[org], orgs, gazetteer) > depth(&orgs[current], orgs, gazetteer)
            });
            if closer {
                result[person] = Some((org, span));
            }
        }
    }
}

fn police_staff(person: &PersonEntity, gazetteer: &Gazetteer) -> bool {
    // Without a unit, police staff serve in the article's force as officers do.
    person
        .title
        .is_some_and(|(t, _, _)| gazetteer.reference.titles[t].police_staff)
}

/// The unit a mention refers to by its head word ("of the department"): the nearest
/// organisation before it whose name has that word.
fn unit_referred_to(
    text: &str,
    spans: &[(usize, (usize, usize))],
    index: &mut SpanIndex,
    orgs: &[OrgEntity],
    at: usize,
) -> Option<(usize, (usize, usize))> {
    let c = OF_THE_UNIT.captures(&text[at..])?;
    let head = c.get(1)?;
    let word = head.as_str().to_ascii_lowercase();
    let with_word = index.with_word.entry(word).or_insert_with_key(|word| {
        let has_word = |name: &str| name.to_ascii_lowercase().split(' ').any(|w| w == word);
        index
            .by_end
            .iter()
            .filter(|&&(_, i)| {
                let (org, (s, e)) = spans[i];
                has_word(&orgs[org].name) || has_word(&text[s..e])
            })
            .copied()
            .collect()
    });
    // The latest end (and of equal ends the last listed, as `max_by_key` would take).
    let before = with_word.partition_point(|&(e, _)| e <= at);
    let (_, i) = *with_word.get(before.checked_sub(1)?)?;
    Some((spans[i].0, (at + head.start(), at + head.end())))
}

/// "the Met's Roads and Transport Policing Command": the second organisation belongs to the
/// first.
fn gap_is_possessive(text: &str, first_end: usize, second_start: usize) -> bool {
    first_end <= second_start
        && matches!(text[first_end..second_start].trim(), "'s" | "" | "'s own")
}

/// Whether a mention of someone else starts between `from` and `until`; `mentions` are in text
/// order (by start), so only those in between are looked at.
fn crosses_another_person(mentions: &[Mention], from: usize, person: usize, until: usize) -> bool {
    let first = mentions.partition_point(|o| o.start <= from);
    mentions[first..]
        .iter()
        .take_while(|o| o.start < until)
        .any(|o| o.person != person)
}

/// For each mention, the end of the list of people it begins or stands in ("PC A, PC B and PC
/// C"), or its own end. A list goes on through the mention after the separator, whose own list
/// end is known first (it stands later), so the cost follows the mentions, not their lists.
fn list_ends(text: &str, mentions: &[Mention]) -> Vec<usize> {
    let mut at_head: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        at_head.entry(m.head_start).or_insert(i);
    }
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(mentions[i].start));
    let mut ends: Vec<usize> = mentions.iter().map(|m| m.end).collect();
    for i in order {
        let end = mentions[i].end;
        let next = [", ", " and ", ", and ", " & "]
            .iter()
            .filter(|sep| text.get(end..end + sep.len()) == Some(**sep))
            .filter_map(|sep| at_head.get(&(end + sep.len())).copied())
            .filter(|&j| mentions[j].start > mentions[i].start)
            .min();
        if let Some(j) = next {
            ends[i] = ends[j];
        }
    }
    ends
}

/// Organisation spans ordered by where they start and where they end, so that a look-up near a
/// mention costs what lies near it, not the whole article.
struct SpanIndex {
    /// (start, index into the spans), sorted.
    by_start: Vec<(usize, usize)>,
    /// (end, index into the spans), sorted.
    by_end: Vec<(usize, usize)>,
    /// `by_end` cut to the organisations named with a head word ("unit"), once per word.
    with_word: std::collections::HashMap<String, Vec<(usize, usize)>>,
}

impl SpanIndex {
    fn new(spans: &[(usize, (usize, usize))]) -> Self {
        let mut by_start: Vec<(usize, usize)> = spans
            .iter()
            .enumerate()
            .map(|(i, (_, (s, _)))| (*s, i))
            .collect();
        let mut by_end: Vec<(usize, usize)> = spans
            .iter()
            .enumerate()
            .map(|(i, (_, (_, e)))| (*e, i))
            .collect();
        by_start.sort_unstable();
        by_end.sort_unstable();
        SpanIndex {
            by_start,
            by_end,
            with_word: std::collections::HashMap::new(),
        }
    }

    /// The spans whose position (from `sorted`) lies in `lo..hi`, in their listed order.
    fn within(sorted: &[(usize, usize)], lo: usize, hi: usize) -> Vec<usize> {
        let first = sorted.partition_point(|&(p, _)| p < lo);
        let mut found: Vec<usize> = sorted[first..]
            .iter()
            .take_while(|&&(p, _)| p < hi)
            .map(|&(_, i)| i)
            .collect();
        found.sort_unstable();
        found
    }

    fn starting_in(&self, lo: usize, hi: usize) -> Vec<usize> {
        Self::within(&self.by_start, lo, hi)
    }

    fn ending_in(&self, lo: usize, hi: usize) -> Vec<usize> {
        Self::within(&self.by_end, lo, hi)
    }
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
        let attributed = starting_in(mentions, line_start, line_end)
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
        LazyLock::force(&OF_THE_UNIT);
        LazyLock::force(&GROUP_SERVES);
        LazyLock::force(&UNIT_FIELD);
        LazyLock::force(&SAYS_AFTER);
        LazyLock::force(&HEAD_OF);
        assert!(UNIT_FIELD.is_match("Department at the time of the conduct: "));
        assert!(GROUP_SERVES.is_match("The four officers, all from the MPS "));
        assert!(GROUP_SERVES.is_match("Both officers were attached to the "));
        assert!(!GROUP_SERVES.is_match("Both men were taken to the "));
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

    /// Each person of `text` with the name of the organisation they serve in.
    fn members(text: &str) -> Vec<(String, Option<String>)> {
        let Ok(reference) = crate::reference::Reference::load() else {
            return Vec::new();
        };
        let Ok(gazetteer) = Gazetteer::new(reference) else {
            return Vec::new();
        };
        let hits = gazetteer.find(text);
        let orgs = super::super::organisations::find_organisations(text, &hits, &gazetteer);
        let (people, mentions) = super::super::people::find_people(text, &hits);
        let found = affiliations(text, &people, &mentions, &orgs, &gazetteer);
        people
            .iter()
            .zip(found)
            .map(|(p, a)| (p.name.clone(), a.map(|(o, _)| orgs[o].name.clone())))
            .collect()
    }

    fn member(person: &str, org: Option<&str>) -> (String, Option<String>) {
        (person.to_owned(), org.map(str::to_owned))
    }

    #[test]
    fn a_court_is_where_officers_appear() {
        assert_eq!(
            members("PC Tom Hale, 30, appeared at Leeds Magistrates' Court. Kent Police said."),
            vec![member("Tom Hale", Some("Kent Police"))]
        );
        assert_eq!(
            members("Judge Ann Pryor, sitting at Leeds Crown Court, jailed him."),
            vec![member("Ann Pryor", Some("Leeds Crown Court"))]
        );
    }

    #[test]
    fn a_unit_referred_to_by_its_head_word() {
        let text = "Dorset Police's Economic Crime Unit led the inquiry. Detective Inspector \
                    Rhona Fell, of the unit, said it was thorough.";
        assert!(members(text).contains(&member("Rhona Fell", Some("Economic Crime Unit"))));
    }

    #[test]
    fn police_staff_serve_in_the_main_force() {
        assert_eq!(
            members("Detention officer Gail Innes was dismissed by Durham Constabulary."),
            vec![member("Gail Innes", Some("Durham Constabulary"))]
        );
        assert_eq!(
            members("Barrister Gail Innes represented the Durham Constabulary officer."),
            vec![member("Gail Innes", None)]
        );
    }

    #[test]
    fn based_within_responsible_for_known_as_and_a_former() {
        assert!(SERVES_IN.is_match(", based within the "));
        assert!(SERVES_IN.is_match(", who was based on "));
        assert!(SERVES_IN.is_match(", responsible for "));
        assert!(SERVES_IN.is_match(", who was attached to the custody team known as "));
        assert!(SERVES_IN.is_match(", a former "));
        assert!(SERVES_IN.is_match(", an "));
        assert!(!SERVES_IN.is_match(", a man who complained to the "));
        assert_eq!(
            members("Sergeant Ian Roe, a former Dorset Police custody sergeant, was jailed."),
            vec![member("Ian Roe", Some("Dorset Police"))]
        );
    }

    #[test]
    fn a_unit_beside_the_name() {
        let text = "Dorset Police dismissed PC Ian Roe. Superintendent Ann Kerr, Economic Crime \
                    Unit, said the case was clear.";
        assert!(members(text).contains(&member("Ann Kerr", Some("Economic Crime Unit"))));
        let text = "Dorset Police dismissed PC Ian Roe. Head of the Economic Crime Unit, \
                    Superintendent Ann Kerr, said the case was clear.";
        assert!(members(text).contains(&member("Ann Kerr", Some("Economic Crime Unit"))));
    }

    #[test]
    fn worked_on_and_managed() {
        assert!(SERVES_IN.is_match(", who worked on the same "));
        assert!(SERVES_IN.is_match(", who managed the "));
    }
}
