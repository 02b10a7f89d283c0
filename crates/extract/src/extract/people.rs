//! People: finds person mentions (rank or title plus name, "Mr Naseem", "said Nazir Afzal",
//! "Kevin Phillips, 56,", designations such as "Officer A") and resolves them, within one
//! article, to people: surnames and "PC Ovens" join the full name they belong to.

use super::gazetteer::{Category, Hit};
use super::model::{Mention, PersonEntity};
use super::names::{GIVEN_NAMES, is_soft_name_word, name_words};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const NAME: &str = r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?";
/// A name word after the first, which may be a surname in capitals ("Jo REED").
const TAIL: &str = r"(?:(?:Mc|Mac|O')?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?|(?:Mc|Mac|O')?[A-Z]{2,}(?:-[A-Z]{2,})?)";

static NAME_RUN: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(&format!(r"^ ?((?:{NAME})(?: (?:{TAIL})){{0,2}})")));
static DESIGNATION_AFTER: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"^ (?:[‘'“]([A-Z])[’'”]|([A-Z])(?:[^A-Za-z0-9.']|'s|$))"));
static DESIGNATED: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"\b(Officer|Constable|Sergeant|Detective|Child|Witness|Person|Victim|Complainant|Woman|Man|Girl|Boy|Member of Staff|Staff Member|Colleague|Individual|officer) ([A-Z])\b(?:[^A-Za-z0-9.']|'s|$)",
    )
});
static HONORIFIC: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame)\.? ((?:{NAME})(?: (?:{TAIL})){{0,2}})"
    ))
});
static SPEECH_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"\b(?:said|says|added|explained|told|according to|stated|commented) ((?:{NAME})(?: (?:{TAIL})){{1,2}})"
    ))
});
static SPEECH_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"((?:{NAME})(?: (?:{TAIL})){{1,2}}),? (?:said|says|added|explained|told|stated|commented)\b"
    ))
});
static AGE_OR_APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"((?:{NAME})(?: (?:{TAIL})){{1,2}}), (?:\d{{2}}(?:,| \()|aged \d{{2}}|(?:a|an|the) (?:former |then |serving |retired )?(?:[a-z]+ |(?:{NAME}|of) ){{0,5}}(?:officer|constable|sergeant|inspector|detective|superintendent|commander|prosecutor|director|chair|commissioner|lawyer|barrister|solicitor|spokes(?:man|woman|person)|campaigner|member|chief))"
    ))
});
static CAPITALISED_PAIR: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(&format!(r"\b((?:{NAME}) (?:{TAIL})(?: (?:{TAIL}))?)\b")));
/// What stands between a name and a rank or title that describes the person: "Jane Reed, a
/// detective sergeant", "Jane Reed, 41, was a serving constable", "Jane Reed, legally
/// qualified chair". Group 1 is set when the role was a former one.
static APPOSITIVE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^(?: \([A-Z]{2,4}\))?(?:, \d{1,3})?(?:,? (?:who )?(?:is|was|has been|had been) |, | \()(?:a |an |the )?(?:(former |retired )|then |serving |then-serving )?(?:acting |temporary |senior |force |police |independent )?",
    )
});
/// A full name set off by commas after a rank or title: "His barrister, Jane Reed, said".
static FULL_NAME_SET_OFF: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"^, (?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? )?((?:{NAME}) (?:{TAIL}))(?: KC| QC)?(?:,|\.(?:\s|$)| said\b| told\b| and\b|[ \t]*(?m:$))"
    ))
});
/// A full name (two name words) right after a rank or title, as in "barrister Jane Reed".
static FULL_NAME_AFTER: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(&format!(r"^ (?:{NAME}) (?:{TAIL})\b")));
/// A heading label that a name follows on its line: "Panel Chair: Mr Jo Reed", "Lay Member
/// of the Panel: Ada Voss".
static LABELLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"^(?: [A-Za-z]+){{0,3}}: (?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? )?((?:{NAME})(?: (?:{TAIL})){{1,2}})"
    ))
});
/// Words between an organisation and the rank or title after it: "a Kent Police temporary
/// sergeant".
static ROLE_MODIFIERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"^(?:'s)? (?:(?:acting|temporary|senior|serving|police|former) )*")
});
/// What leads a rank in an opening sentence that describes the officer before naming them: "A
/// former Kent Police sergeant has been ...". Group 1 is set when the rank was a former one.
static LEDE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?:^|[\n.!?] ?)(?:[-•*] )?(?:A|An) (?:(former|retired) |serving |then )?(?:(?:[A-Z][A-Za-z'’&-]*|of|and) ){0,5}$",
    )
});
/// What follows the rank in such a sentence: its verb or a phrase that places the officer.
static LEDE_AFTER: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"^ (?:has|have|had|was|is|who|based|from|with|at|in)\b"));
static FORMER_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\b(?:former|ex-|retired|then-)\s*(?:[a-z]+ )?$"));

/// A candidate found by one of the patterns, before resolution.
#[derive(Debug, Clone)]
struct Candidate {
    /// Byte span of the name words.
    start: usize,
    end: usize,
    /// Where the mention begins, including a rank or title.
    head_start: usize,
    words: Vec<String>,
    rank: Option<(usize, usize, usize)>,
    title: Option<(usize, usize, usize)>,
    /// The rank or honorific as written, for people known by surname alone ("PC Ovens").
    prefix: Option<String>,
    designation: bool,
    officer: bool,
    former: bool,
    /// A month or place after a rank ("PC England"): only a surname of someone named in full.
    soft: bool,
}

impl Candidate {
    fn new(start: usize, words: &[&str]) -> Self {
        let len: usize =
            words.iter().map(|w| w.len()).sum::<usize>() + words.len().saturating_sub(1);
        Candidate {
            start,
            end: start + len,
            head_start: start,
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            rank: None,
            title: None,
            prefix: None,
            designation: false,
            officer: false,
            former: false,
            soft: false,
        }
    }
}

/// True when a designation prefix names a police officer rather than a civilian.
fn officer_designation(prefix: &str) -> bool {
    matches!(
        prefix,
        "Officer" | "officer" | "Constable" | "Sergeant" | "Detective"
    )
}

/// Finds candidates led by a rank or title from the gazetteer: "Ch Supt Ovens", "PC A",
/// "Regional Director Sal Naseem".
fn ranked_candidates(text: &str, hits: &[Hit], out: &mut Vec<Candidate>) {
    for hit in hits
        .iter()
        .filter(|h| matches!(h.category, Category::Rank | Category::Title))
    {
        let after = &text[hit.end..];
        let written = &text[hit.start..hit.end];
        // A rank or title in lower case is a description ("a police constable"), not a
        // prefix, unless a full name follows it ("barrister Jane Reed").
        let lower = !written.starts_with(|c: char| c.is_uppercase());
        // "His barrister, Jane Reed, said": the name follows the role after a comma.
        let set_off = FULL_NAME_SET_OFF
            .captures(after)
            .and_then(|c| c.get(1))
            .map(|run| (hit.end + run.start(), run.as_str()));
        if let Some((start, run)) = set_off {
            let words = name_words(run, &text[start + run.len()..]);
            if words.len() == 2 {
                let mut cand = Candidate::new(start, &words);
                cand.head_start = hit.start;
                cand.officer = hit.category == Category::Rank;
                match hit.category {
                    Category::Rank => cand.rank = Some((hit.index, hit.start, hit.end)),
                    _ => cand.title = Some((hit.index, hit.start, hit.end)),
                }
                cand.former =
                    FORMER_BEFORE.is_match(&text[hit.start.saturating_sub(20)..hit.start]);
                out.push(cand);
            }
            continue;
        }
        if lower && !FULL_NAME_AFTER.is_match(after) {
            continue;
        }
        let former = FORMER_BEFORE.is_match(&text[hit.start.saturating_sub(20)..hit.start]);
        let (rank, title) = match hit.category {
            Category::Rank => (Some((hit.index, hit.start, hit.end)), None),
            _ => (None, Some((hit.index, hit.start, hit.end))),
        };
        if let Some(cand) = labelled_candidate(text, hit) {
            out.push(cand);
            continue;
        }
        if let Some(c) = DESIGNATION_AFTER.captures(after) {
            let Some(letter) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            let mut cand = Candidate::new(hit.end + letter.start(), &[letter.as_str()]);
            cand.head_start = hit.start;
            cand.prefix = Some(written.to_owned());
            cand.designation = true;
            cand.officer = rank.is_some();
            cand.rank = rank;
            cand.former = former;
            out.push(cand);
            continue;
        }
        let Some(run) = NAME_RUN.captures(after).and_then(|c| c.get(1)) else {
            continue;
        };
        let mut words = name_words(run.as_str(), &after[run.end()..]);
        let first = run.as_str().split(' ').next().unwrap_or_default();
        let soft = words.is_empty() && !lower && is_soft_name_word(first);
        if soft {
            words.push(first);
        }
        if words.is_empty() {
            continue;
        }
        let mut cand = Candidate::new(hit.end + run.start(), &words);
        cand.soft = soft;
        cand.head_start = hit.start;
        cand.prefix = Some(written.to_owned());
        cand.officer = rank.is_some();
        cand.rank = rank;
        cand.title = title;
        cand.former = former;
        out.push(cand);
    }
}

/// A name after a title that labels its line: "Independent Panel Member: Mrs Ada VOSS".
fn labelled_candidate(text: &str, hit: &Hit) -> Option<Candidate> {
    // "Chair: Jo Reed" names who chairs this hearing, not a job title.
    let label = text[hit.start..hit.end].to_ascii_lowercase();
    if hit.category != Category::Title || label.starts_with("chair") {
        return None;
    }
    let line_start = text[..hit.start].rfind('\n').map_or(0, |i| i + 1);
    let lead = text[line_start..hit.start].trim_start_matches([' ', '\t', '-', '*', '•']);
    if !lead.is_empty() || !text[hit.start..].starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let after = &text[hit.end..];
    let run = LABELLED_NAME.captures(after)?.get(1)?;
    if after[..run.start()].contains('\n') {
        return None;
    }
    let words = name_words(run.as_str(), &after[run.end()..]);
    if words.len() < 2 {
        return None;
    }
    let mut cand = Candidate::new(hit.end + run.start(), &words);
    // The mention begins after the label, which stays a field name ("Chair: ") for the cases.
    cand.head_start = hit.end + after.find(": ").map_or(run.start(), |i| i + 2);
    cand.title = Some((hit.index, hit.start, hit.end));
    Some(cand)
}

/// Finds every other kind of candidate.
fn other_candidates(text: &str, out: &mut Vec<Candidate>) {
    for c in DESIGNATED.captures_iter(text) {
        let (Some(prefix), Some(letter)) = (c.get(1), c.get(2)) else {
            continue;
        };
        // "the officer I spoke to": a lower-case designation is never the pronoun.
        if prefix.as_str() == "officer" && letter.as_str() == "I" {
            continue;
        }
        let mut cand = Candidate::new(letter.start(), &[letter.as_str()]);
        cand.head_start = prefix.start();
        cand.prefix = Some(prefix.as_str().to_owned());
        cand.designation = true;
        cand.officer = officer_designation(prefix.as_str());
        out.push(cand);
    }
    for c in HONORIFIC.captures_iter(text) {
        let (Some(whole), Some(run)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let words = name_words(run.as_str(), &text[run.end()..]);
        if !words.is_empty() {
            let mut cand = Candidate::new(run.start(), &words);
            cand.head_start = whole.start();
            cand.prefix = Some(text[whole.start()..run.start()].trim().to_owned());
            out.push(cand);
        }
    }
    for pattern in [&*SPEECH_AFTER, &*SPEECH_BEFORE, &*AGE_OR_APPOSITION] {
        for c in pattern.captures_iter(text) {
            let Some(run) = c.get(1) else { continue };
            let mut words = name_words(run.as_str(), &text[run.end()..]);
            // Only a run that is a name from its first word: "Met Police said" is not a person.
            if words.len() < 2 || words.len() != run.as_str().split(' ').count() {
                continue;
            }
            let mut start = run.start();
            // "Head of Operations Jane Reed said": after "of" the first word ends a title.
            if words.len() == 3 && ends_title_phrase(&text[..start]) {
                start += words[0].len() + 1;
                words.remove(0);
            }
            out.push(Candidate::new(start, &words));
        }
    }
    for c in CAPITALISED_PAIR.captures_iter(text) {
        let Some(run) = c.get(1) else { continue };
        let words = name_words(run.as_str(), &text[run.end()..]);
        if words.len() >= 2 && GIVEN_NAMES.contains(words[0]) {
            out.push(Candidate::new(run.start(), &words));
        }
    }
}

/// True when the text before a capitalised run ends inside a title or a body's name ("Head
/// of", "Director for"), so the run's first word belongs to it.
fn ends_title_phrase(before: &str) -> bool {
    before.ends_with(" of ") || before.ends_with(" for ")
}

/// Drops candidates that overlap an organisation or another, longer candidate.
fn prune(mut cands: Vec<Candidate>, hits: &[Hit]) -> Vec<Candidate> {
    let org_spans: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.category == Category::Organisation)
        .map(|h| (h.start, h.end))
        .collect();
    let organisations = super::near::Reach::new(org_spans);
    cands.retain(|c| !organisations.overlaps(c.start, c.end));
    // A name does not begin inside a rank or title ("Director of Operations Jane Reed").
    let roles = super::near::Reach::new(
        hits.iter()
            .filter(|h| matches!(h.category, Category::Rank | Category::Title))
            .map(|h| (h.start, h.end)),
    );
    cands.retain(|c| !roles.overlaps(c.start, c.start));
    // Prefer the candidate that knows most (rank or title), then the longest.
    cands.sort_by_key(|c| {
        (
            c.start,
            std::cmp::Reverse(c.end),
            c.rank.is_none() && c.title.is_none(),
        )
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        if let Some(last) = kept.last_mut() {
            if c.start < last.end {
                if last.rank.is_none() && c.rank.is_some() && c.start == last.start {
                    last.rank = c.rank;
                    last.head_start = c.head_start;
                }
                continue;
            }
        }
        kept.push(c);
    }
    kept
}

/// Finds and resolves the people of one article.
pub fn find_people(text: &str, hits: &[Hit]) -> (Vec<PersonEntity>, Vec<Mention>) {
    let mut cands = Vec::new();
    ranked_candidates(text, hits, &mut cands);
    other_candidates(text, &mut cands);
    let cands = prune(cands, hits);
    let mut people: Vec<PersonEntity> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    // Full names first, so that surnames can join them.
    for c in cands
        .iter()
        .filter(|c| c.words.len() >= 2 && !c.designation)
    {
        let name = c.words.join(" ");
        let surname = c.words.last().cloned().unwrap_or_default();
        let index = *by_key.entry(name.clone()).or_insert_with(|| {
            people.push(PersonEntity::new(name.clone(), true, surname));
            people.len() - 1
        });
        absorb(&mut people[index], c);
        mentions.push(Mention {
            start: c.start,
            end: c.end,
            person: index,
            head_start: c.head_start,
        });
    }
    // The full names by surname, looked up for each surname alone (the people added below
    // are never full names).
    let mut by_surname: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, p) in people.iter().enumerate().filter(|(_, p)| p.full) {
        by_surname
            .entry(p.surname.to_ascii_lowercase())
            .or_default()
            .push(i);
    }
    for c in cands.iter().filter(|c| c.words.len() == 1 || c.designation) {
        let word = &c.words[0];
        let index = if c.designation {
            let officer = c.officer;
            let key = if officer {
                format!("officer {word}")
            } else {
                format!("{} {word}", c.prefix.clone().unwrap_or_default())
            };
            *by_key.entry(key).or_insert_with(|| {
                let written = format!("{} {word}", c.prefix.clone().unwrap_or_default());
                people.push(PersonEntity {
                    designation: Some(written.clone()),
                    officer,
                    ..PersonEntity::new(written, false, word.clone())
                });
                people.len() - 1
            })
        } else {
            let matches: Vec<usize> = by_surname
                .get(&word.to_ascii_lowercase())
                .cloned()
                .unwrap_or_default();
            match (matches.as_slice(), &c.prefix) {
                ([one], _) => *one,
                ([], Some(prefix)) if !c.soft => {
                    *by_key.entry(format!("{prefix} {word}")).or_insert_with(|| {
                        people.push(PersonEntity::new(
                            format!("{prefix} {word}"),
                            false,
                            word.clone(),
                        ));
                        people.len() - 1
                    })
                }
                _ => continue,
            }
        };
        absorb(&mut people[index], c);
        mentions.push(Mention {
            start: c.start,
            end: c.end,
            person: index,
            head_start: c.head_start,
        });
    }
    bare_surnames(text, &people, &mut mentions);
    name_designations(&mut people, &mentions, text);
    appositive_roles(text, hits, &mut people, &mentions);
    lede_rank(text, hits, &mut people, &mentions);
    mentions.sort();
    mentions.dedup_by_key(|m| m.start);
    (people, mentions)
}

/// Takes what a candidate knows into its person.
fn absorb(person: &mut PersonEntity, c: &Candidate) {
    if person.rank.is_none() {
        person.rank = c.rank;
    }
    if person.title.is_none() && person.rank.is_none() {
        person.title = c.title;
    }
    person.officer |= c.officer;
    person.former |= c.former;
}

/// A surname standing alone ("Phillips was arrested", "Phillips' badge") is a mention of the
/// one person of that surname.
fn bare_surnames(text: &str, people: &[PersonEntity], mentions: &mut Vec<Mention>) {
    let mut full_with: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for person in people.iter().filter(|p| p.full) {
        *full_with
            .entry(person.surname.to_ascii_lowercase())
            .or_default() += 1;
    }
    // The surnames to look for: each full name's, unless two people share it or it is a
    // month or place alone ("in May").
    let mut wanted: Vec<(String, usize)> = Vec::new();
    for (index, person) in people.iter().enumerate().filter(|(_, p)| p.full) {
        let surname = person.surname.to_ascii_lowercase();
        if full_with.get(&surname).is_some_and(|&n| n > 1) || is_soft_name_word(&person.surname) {
            continue;
        }
        wanted.push((surname, index));
    }
    if wanted.is_empty() {
        return;
    }
    // Every surname in one pass over the text (not one pass each: an article naming many
    // people would cost their number times its length).
    let Ok(finder) = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(wanted.iter().map(|(surname, _)| surname))
    else {
        return;
    };
    let covering = super::near::Reach::new(mentions.iter().map(|m| (m.start, m.end)));
    for found in finder.find_overlapping_iter(text) {
        let (start, end) = (found.start(), found.end());
        let index = wanted[found.pattern().as_usize()].1;
        // Matched in any case ("REED" and "Reed"), but only capitalised.
        if !text[start..].starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let before_ok = start == 0 || !text[..start].ends_with(|c: char| c.is_alphanumeric());
        let after_ok = !text[end..].starts_with(|c: char| c.is_alphanumeric());
        if before_ok && after_ok && !covering.covers(start, end) {
            mentions.push(Mention {
                start,
                end,
                person: index,
                head_start: start,
            });
        }
    }
}

/// Words that may follow a rank or title at the end of an appositive: "a constable with",
/// "a sergeant who", "a former constable based in".
const ROLE_ENDS: &[&str] = &[
    "with ",
    "at ",
    "in ",
    "for ",
    "of ",
    "on ",
    "who ",
    "based ",
    "working ",
    "serving ",
    "attached ",
    "until ",
    "when ",
];

/// "Nazir Afzal, a former chief crown prosecutor", "Jane Reed, a detective sergeant with...":
/// a rank or title in lower case right after a name describes that person.
fn appositive_roles(text: &str, hits: &[Hit], people: &mut [PersonEntity], mentions: &[Mention]) {
    for m in mentions {
        let person = &mut people[m.person];
        if person.rank.is_some() {
            continue;
        }
        let Some(c) = APPOSITIVE_LEAD.captures(&text[m.end..]) else {
            continue;
        };
        let Some(whole) = c.get(0) else { continue };
        let at = role_start(text, hits, m.end + whole.end());
        // The lead may have read the first word of a longer title ("independent ...").
        let Some(hit) = hits
            .iter()
            .filter(|h| matches!(h.category, Category::Rank | Category::Title))
            .find(|h| h.start == at || (m.end < h.start && h.start < at && at < h.end))
        else {
            continue;
        };
        // A title already known gives way only to a fuller form of itself: "Panel chair Jane
        // Reed, a legally qualified chair".
        if let Some((_, s, e)) = person.title {
            let known = text[s..e].to_ascii_lowercase();
            let fuller = text[hit.start..hit.end].to_ascii_lowercase();
            if hit.category != Category::Title
                || fuller.len() <= known.len()
                || !fuller.ends_with(&format!(" {known}"))
            {
                continue;
            }
        }
        // The role must end the appositive: "a former chief crown prosecutor," not "a crown prosecutor's case".
        let line_ends = text[hit.end..].starts_with(['\n', '\r']);
        let rest = text[hit.end..].trim_start();
        if !(rest.is_empty()
            || line_ends
            || rest.starts_with([',', '.', ';', ')'])
            || ROLE_ENDS.iter().any(|w| rest.starts_with(w)))
        {
            continue;
        }
        person.former |= c.get(1).is_some();
        match hit.category {
            Category::Rank => {
                person.rank = Some((hit.index, hit.start, hit.end));
                person.officer = true;
            }
            _ => person.title = Some((hit.index, hit.start, hit.end)),
        }
    }
}

/// "A former Kent Police sergeant has been dismissed. Jo Reed, 34, ...": a rank in an opening
/// sentence that describes an officer before anyone is named goes to the person named next,
/// when that is the first person of the article and nothing else gives them a rank or title.
fn lede_rank(text: &str, hits: &[Hit], people: &mut [PersonEntity], mentions: &[Mention]) {
    let Some(first) = mentions.iter().min_by_key(|m| m.head_start) else {
        return;
    };
    let Some((hit, former)) = hits
        .iter()
        .filter(|h| h.category == Category::Rank && h.end <= first.head_start)
        .find_map(|h| {
            let lead = LEDE_BEFORE.captures(&text[h.start.saturating_sub(120)..h.start])?;
            LEDE_AFTER
                .is_match(&text[h.end..])
                .then_some((h, lead.get(1).is_some()))
        })
    else {
        return;
    };
    // Someone the article calls "Mr Lowe" is a member of the public, not the officer.
    let civilian = mentions
        .iter()
        .filter(|m| m.person == first.person)
        .any(|m| {
            let head = &text[m.head_start..m.start];
            ["Mr", "Mrs", "Ms", "Miss", "Mx"]
                .iter()
                .any(|h| head.starts_with(h))
        });
    let person = &mut people[first.person];
    if civilian
        || first.head_start - hit.end > 400
        || !person.full
        || person.rank.is_some()
        || person.title.is_some()
        || person.designation.is_some()
    {
        return;
    }
    person.rank = Some((hit.index, hit.start, hit.end));
    person.officer = true;
    person.former |= former;
}

/// Where the rank or title of an appositive begins: after the organisation that may lead it
/// ("a former Kent Police temporary sergeant").
fn role_start(text: &str, hits: &[Hit], at: usize) -> usize {
    let Some(org) = hits
        .iter()
        .find(|h| h.start == at && h.category == Category::Organisation)
    else {
        return at;
    };
    ROLE_MODIFIERS
        .find(&text[org.end..])
        .map_or(at, |m| org.end + m.end())
}

/// A designated person is named by the form the article uses most ("PC A" over
/// "Police Constable A"), the first on a tie.
fn name_designations(people: &mut [PersonEntity], mentions: &[Mention], text: &str) {
    for (index, person) in people.iter_mut().enumerate() {
        if person.designation.is_none() {
            continue;
        }
        let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for m in mentions.iter().filter(|m| m.person == index) {
            let form = text[m.head_start..m.end].replace(['‘', '’', '\'', '“'], "");
            let entry = counts.entry(form).or_insert((0, m.start));
            entry.0 += 1;
        }
        if let Some((form, _)) = counts
            .iter()
            .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
        {
            person.name = form.clone();
            person.designation = Some(form.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for p in [
            &NAME_RUN,
            &DESIGNATION_AFTER,
            &DESIGNATED,
            &HONORIFIC,
            &SPEECH_AFTER,
            &SPEECH_BEFORE,
            &AGE_OR_APPOSITION,
            &CAPITALISED_PAIR,
            &FORMER_BEFORE,
            &FULL_NAME_AFTER,
            &APPOSITIVE_LEAD,
            &FULL_NAME_SET_OFF,
            &LABELLED_NAME,
            &ROLE_MODIFIERS,
            &LEDE_BEFORE,
            &LEDE_AFTER,
        ] {
            LazyLock::force(p);
        }
    }

    #[test]
    fn lower_case_titles_lead_full_names_only() {
        assert!(FULL_NAME_AFTER.is_match(" Harriet Cole, for the officer"));
        assert!(!FULL_NAME_AFTER.is_match(" who attended"));
        assert!(!FULL_NAME_AFTER.is_match(" Cole said"));
    }

    /// Each person of `text` as (name, rank or title as written, former).
    fn people_of(text: &str) -> Vec<(String, Option<String>, bool)> {
        let Ok(reference) = crate::reference::Reference::load() else {
            return Vec::new();
        };
        let Ok(gazetteer) = crate::extract::gazetteer::Gazetteer::new(reference) else {
            return Vec::new();
        };
        let hits = gazetteer.find(text);
        let (people, _) = find_people(text, &hits);
        people
            .into_iter()
            .map(|p| {
                let role = p.rank.or(p.title).map(|(_, s, e)| text[s..e].to_owned());
                (p.name, role, p.former)
            })
            .collect()
    }

    fn person(name: &str, role: Option<&str>) -> (String, Option<String>, bool) {
        (name.to_owned(), role.map(str::to_owned), false)
    }

    #[test]
    fn predicate_and_appositive_ranks() {
        assert_eq!(
            people_of("Tom Hale, 29, was a serving constable with Kent Police at the time."),
            vec![person("Tom Hale", Some("constable"))]
        );
        assert_eq!(
            people_of("Officer C, a sergeant who was on duty that night, said nothing."),
            vec![person("Officer C", Some("sergeant"))]
        );
        assert_eq!(
            people_of("Ella Mayne, a former constable based in Wrexham, resigned."),
            vec![("Ella Mayne".to_owned(), Some("constable".to_owned()), true)]
        );
        assert_eq!(
            people_of("Signed: Mrs Rosa Kemp, legally qualified chair\nNext item"),
            vec![person("Rosa Kemp", Some("legally qualified chair"))]
        );
    }

    #[test]
    fn a_constable_written_pc_in_title_case_keeps_the_rank() {
        assert_eq!(
            people_of("Tom Marlow was on patrol. Later that day Pc Marlow denied moving the box."),
            vec![person("Tom Marlow", Some("Pc"))]
        );
    }

    #[test]
    fn a_fuller_title_replaces_a_shorter_one() {
        assert_eq!(
            people_of("Panel chair Owen Pryce, a legally qualified chair, said so."),
            vec![person("Owen Pryce", Some("legally qualified chair"))]
        );
    }

    #[test]
    fn names_set_off_after_a_role() {
        assert_eq!(
            people_of("Her barrister, Miles Granger, said she regretted it."),
            vec![person("Miles Granger", Some("barrister"))]
        );
        assert_eq!(
            people_of("His barrister, Ruth Ambler KC, told the panel he was sorry."),
            vec![person("Ruth Ambler", Some("barrister"))]
        );
        assert_eq!(
            people_of("Prosecutor Nina Castell told the jury the messages were explicit."),
            vec![person("Nina Castell", Some("Prosecutor"))]
        );
    }

    #[test]
    fn a_title_ending_in_of_does_not_lend_its_last_word() {
        assert!(ends_title_phrase("the Head of "));
        let people = people_of("Head of Custody Priya Lorne said the cell was checked.");
        assert!(people.iter().all(|(n, _, _)| !n.starts_with("Custody")));
        assert_eq!(
            people_of("Director of Investigations Colm Rafferty said the footage was clear."),
            vec![person("Colm Rafferty", Some("Director of Investigations"))]
        );
    }

    #[test]
    fn surnames_in_capitals_and_heading_words() {
        assert_eq!(
            people_of("Presenting: Inspector Ada Lin VOSS (Assessor)\n"),
            vec![person("Ada Lin VOSS", Some("Inspector"))]
        );
        assert_eq!(
            people_of("PC Tom Hale Outcome\n\nThe panel met."),
            vec![person("Tom Hale", Some("PC"))]
        );
    }

    #[test]
    fn a_month_or_place_can_end_a_name_after_a_rank() {
        let people = people_of("PC Jo England was dismissed. PC England had admitted it.");
        assert_eq!(people, vec![person("Jo England", Some("PC"))]);
        let people = people_of("It was made law by then Home Secretary Ada May in 2015.");
        assert_eq!(people, vec![person("Ada May", Some("Home Secretary"))]);
    }

    #[test]
    fn titles_that_label_a_line() {
        assert_eq!(
            people_of("Independent Panel Member: Mrs Ada VOSS\nLay Member: Mr Jo Reed\n"),
            vec![
                person("Ada VOSS", Some("Independent Panel Member")),
                person("Jo Reed", Some("Lay Member")),
            ]
        );
        // A hearing's chair is not a job title.
        assert_eq!(
            people_of("Chair: Mr Jo Reed\n"),
            vec![person("Jo Reed", None)]
        );
    }

    #[test]
    fn roles_in_parentheses_after_organisations_or_set_off() {
        assert_eq!(
            people_of("Member: Tom HALE (Independent Panel Member)\n"),
            vec![person("Tom HALE", Some("Independent Panel Member"))]
        );
        assert_eq!(
            people_of("Ella Mayne, a former Kent Police temporary sergeant, resigned."),
            vec![("Ella Mayne".to_owned(), Some("sergeant".to_owned()), true)]
        );
        assert_eq!(
            people_of("It was overseen by Legally Qualified Chair, Mrs Ada Voss."),
            vec![person("Ada Voss", Some("Legally Qualified Chair"))]
        );
    }

    #[test]
    fn designations_quoted_or_in_lower_case() {
        let names: Vec<String> = people_of("Officer: Former PC ‘W’\nThe panel found against PC W.")
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(names, vec!["PC W"]);
        let names: Vec<String> = people_of("The sergeant, known as officer K, was warned.")
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(names, vec!["officer K"]);
        assert!(people_of("It was the officer I saw.").is_empty());
    }

    #[test]
    fn appositions_after_initials_or_through_an_organisation() {
        assert_eq!(
            people_of("Rob Quayle (RQ), a former Kent Police Sergeant, was demoted."),
            vec![("Rob Quayle".to_owned(), Some("Sergeant".to_owned()), true)]
        );
        assert_eq!(
            people_of("Zed Orrin, a former Kent Police temporary superintendent, left."),
            vec![(
                "Zed Orrin".to_owned(),
                Some("superintendent".to_owned()),
                true
            )]
        );
    }

    #[test]
    fn an_opening_description_gives_its_rank_to_the_officer_named_next() {
        assert_eq!(
            people_of(
                "Officer demoted\nA Kent Police sergeant has been demoted.\nRob Quayle, 41, admitted it."
            ),
            vec![person("Rob Quayle", Some("sergeant"))]
        );
        // Not when someone was named first.
        let people = people_of(
            "Sarah Reed spoke.\nA Kent Police sergeant has been demoted.\nRob Quayle, 41, admitted it.",
        );
        assert!(people.iter().all(|p| p.1.is_none()));
        // Nor to someone the article calls Mr.
        let people = people_of(
            "A Kent Police sergeant has been warned.\nRob Quayle, 41, died in a cell. Mr Quayle was ill.",
        );
        assert!(people.iter().all(|p| p.1.is_none()));
    }
}
