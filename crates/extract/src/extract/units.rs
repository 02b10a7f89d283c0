//! Force units: the departments, units, commands and divisions of a force that the reference
//! data cannot list ("GMP's Tactical Aid Unit", "the force's Professional Standards
//! Department (PSD)", "Greater Glasgow Division"), each a part of the force the text ties it
//! to, or of the article's only force.

use super::gazetteer::{Category, Gazetteer, Hit};
use super::model::{OrgEntity, main_force};
use super::near::{Reach, starting_in};
use crate::concepts::OrgKind;
use crate::reference::concept_iri;
use crate::vocab::scheme;
use regex::Regex;
use std::sync::LazyLock;

/// A capitalised name ending in a unit word: "Serious and Organised Crime Unit".
/// Words may be hyphenated ("Anti-Corruption Unit"); a control room is a unit too.
static FORCE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"\b((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)*|[A-Z]{2,5}|and|&)(?:'s)?(?: (?:[A-Z][a-z]+(?:-[A-Z][a-z]+)*|[A-Z]{2,5}|and|&)(?:'s)?){0,5}) (Unit|Command|Directorate|Branch|Division|Squad|Team|Department|Control Room|Operations Room|Contact Centre)\b(?: \(([A-Z]{2,6})\))?",
    )
});
/// A department named head first, after a force: "Cleveland Police's Department of Standards
/// and Ethics", "the force's Directorate of Intelligence".
static DEPARTMENT_OF: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?:'s|\bforce's) ((Department|Directorate|Command|Branch) (?:of|for) [A-Z][a-z]+(?:(?: and| &)? [A-Z][a-z]+){0,3})\b(?: \(([A-Z]{2,6})\))?",
    )
});
/// What ties a unit to the organisation it belongs to when the text says so after it: "the
/// Anti-Corruption Unit, which is part of the force's Professional Standards Department".
static PART_OF: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^,? (?:which|that) (?:is|was|forms|sits) (?:a |now )?(?:part|a unit|a team) (?:of|within) (?:the )?|^,? (?:part of|within) (?:the )?",
    )
});
/// The professional standards department in lower case or by its usual acronym.
static PSD: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"\b(?:[Pp]rofessional [Ss]tandards [Dd]epartment|PSD)\b"));

/// The forces or counties named before a shared unit, each but the last followed by a comma:
/// "Dorset, " in "Dorset, Devon and Cornwall Major Crime Team".
static JOINT_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?, )+$"));
/// A division written in lower case after its place: "based on West Sussex division".
static PLACE_DIVISION: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"\b((?:[A-Z][a-z]+ ){1,3}division)\b"));
/// Professional standards named without a head word: "DI Jane Reed from Professional
/// Standards said". Group 1 is the name.
static BARE_STANDARDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"\b(?:[Ff]rom|[Ii]n|[Ww]ithin|[Aa]t|[Ww]ith|[A-Z][a-z]+ of) (?:the )?(?:force's )?(Professional Standards)\b",
    )
});

/// Head words that end a unit's name.
const UNIT_HEADS: &[&str] = &[
    "Department",
    "Directorate",
    "Branch",
    "Unit",
    "Command",
    "Team",
    "Board",
];

/// Words a unit name does not begin with.
const LEADING_NOISE: &[&str] = &[
    "The",
    "A",
    "An",
    "At",
    "In",
    "On",
    "From",
    "By",
    "To",
    "Of",
    "For",
    "With",
    "After",
    "Following",
    "Before",
    "Our",
    "Its",
    "Their",
    "His",
    "Her",
    "Force",
    "Force's",
    "and",
    "&",
    "Police",
    "Former",
    "Both",
    "All",
];

/// The kind of a unit, from its head word and name.
fn kind_of(head: &str, name: &str) -> OrgKind {
    match head {
        "Command" | "Division" => OrgKind::Command,
        "Directorate" => OrgKind::Directorate,
        // A force's professional standards department stands where the Met's directorate
        // does; its other departments (CID) are units.
        "Department"
            if ["Standards", "Ethics", "Integrity", "Professionalism"]
                .iter()
                .any(|w| name.contains(w)) =>
        {
            OrgKind::Directorate
        }
        _ => OrgKind::Unit,
    }
}

/// A unit found by pattern, before it is joined to the article's organisations.
struct FoundUnit {
    name: String,
    kind: OrgKind,
    span: (usize, usize),
    /// A force named right before the unit ("GMP's", "Kent Police").
    force: Option<usize>,
    acronym: Option<String>,
    /// A unit several forces share ("Dorset, Devon and Cornwall Major Crime Team"): no one
    /// force is its parent.
    joint: bool,
}

/// Finds unit names in `text`; `hits` are the gazetteer's, whose organisations a unit name
/// may begin with but never overlap at its end.
fn found_units(text: &str, hits: &[Hit], gazetteer: &Gazetteer) -> Vec<FoundUnit> {
    let is_force = |h: &Hit| h.category == Category::Organisation && gazetteer.entry(h).is_force();
    // Hits near a match are found by position (hits are in text order): a hit ending after a
    // place starts at most the longest hit's length before it.
    let near = NearHits {
        hits,
        longest: hits.iter().map(|h| h.end - h.start).max().unwrap_or(0),
        organisations: Reach::new(
            hits.iter()
                .filter(|h| h.category == Category::Organisation)
                .map(|h| (h.start, h.end)),
        ),
        all: Reach::new(hits.iter().map(|h| (h.start, h.end))),
    };
    let force_before = |at: usize| {
        starting_in(hits, at.saturating_sub(4 + near.longest), at + 1)
            .iter()
            .filter(|h| h.end <= at && at - h.end <= 4 && is_force(h))
            .map(|h| h.index)
            .next_back()
    };
    let mut out: Vec<FoundUnit> = FORCE_UNIT
        .captures_iter(text)
        .filter_map(|c| force_unit(text, &c, &near, (&is_force, &force_before)))
        .collect();
    departments_of(text, &near, &force_before, &mut out);
    bare_professional_standards(text, &near, &force_before, &mut out);
    other_units(text, hits, &mut out);
    out.sort_by_key(|u| u.span);
    out
}

/// The gazetteer's hits, for look-ups by position.
struct NearHits<'a> {
    hits: &'a [Hit],
    /// The longest hit's length.
    longest: usize,
    /// Where organisations are named.
    organisations: Reach,
    /// Where anything is named.
    all: Reach,
}

/// A unit named by a run of capitalised words and a head word ("Tactical Aid Unit"), with
/// the force named inside or right before the run.
fn force_unit(
    text: &str,
    c: &regex::Captures<'_>,
    near: &NearHits<'_>,
    (is_force, force_before): (&impl Fn(&Hit) -> bool, &impl Fn(usize) -> Option<usize>),
) -> Option<FoundUnit> {
    let (words, head) = (c.get(1)?, c.get(2)?);
    if near.organisations.overlaps(head.start(), head.end()) {
        return None;
    }
    let mut start = words.start();
    let mut force = None;
    // A force or a role inside the run ends what comes before the name: "GMP's Tactical
    // Aid Unit" is the force's, "Chief Inspector Reed Serious Crime Unit" is not a name.
    let from = start;
    for h in starting_in(near.hits, from.saturating_sub(near.longest), head.start())
        .iter()
        .filter(|h| h.end > from && h.start < head.start() && h.end < head.start())
    {
        force = if is_force(h) { Some(h.index) } else { None };
        start = h.end;
    }
    // Leading words that are not part of the name.
    loop {
        let rest = text[start..head.start()].trim_start();
        let rest = rest.strip_prefix("'s").unwrap_or(rest).trim_start();
        start = head.start() - rest.len();
        let first = rest.split(' ').next().unwrap_or_default();
        if first.is_empty() || !LEADING_NOISE.contains(&first) {
            break;
        }
        start += first.len();
    }
    let name = &text[start..head.end()];
    if name.split(' ').count() < 2 {
        return None;
    }
    if force.is_none() {
        force = force_before(start);
    }
    let acronym = c.get(3).map(|a| a.as_str().to_owned());
    let joint = JOINT_PREFIX
        .find(&text[..start])
        .filter(|_| name.split(' ').take(4).any(|w| w == "and"));
    let (start, force) = match joint {
        Some(prefix) => (prefix.start(), None),
        None => (start, force),
    };
    let name = &text[start..head.end()];
    Some(FoundUnit {
        name: name.to_owned(),
        kind: kind_of(head.as_str(), name),
        span: (start, head.end()),
        force,
        acronym,
        joint: joint.is_some(),
    })
}

/// Departments named as "Department of ..." that no other unit or hit covers.
fn departments_of(
    text: &str,
    near: &NearHits<'_>,
    force_before: &impl Fn(usize) -> Option<usize>,
    out: &mut Vec<FoundUnit>,
) {
    // Matches of one pattern never overlap one another: the units found before it suffice.
    let units_before = Reach::new(out.iter().map(|u: &FoundUnit| u.span));
    for c in DEPARTMENT_OF.captures_iter(text) {
        let (Some(name), Some(head)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let span = (name.start(), name.end());
        if units_before.overlaps(span.0, span.1) || near.all.overlaps(span.0, span.1) {
            continue;
        }
        out.push(FoundUnit {
            name: name.as_str().to_owned(),
            kind: kind_of(head.as_str(), name.as_str()),
            span,
            force: force_before(name.start()),
            acronym: c.get(3).map(|a| a.as_str().to_owned()),
            joint: false,
        });
    }
}

/// A force's professional standards department named without a force-specific name.
fn bare_professional_standards(
    text: &str,
    near: &NearHits<'_>,
    force_before: &impl Fn(usize) -> Option<usize>,
    out: &mut Vec<FoundUnit>,
) {
    let units_before = Reach::new(out.iter().map(|u: &FoundUnit| u.span));
    for m in PSD.find_iter(text) {
        let inside = units_before.covers(m.start(), m.end()) || near.all.covers(m.start(), m.end());
        if !inside {
            out.push(FoundUnit {
                name: "Professional Standards Department".to_owned(),
                // A force's counterpart of the Met's Directorate of Professional Standards.
                kind: OrgKind::Directorate,
                span: (m.start(), m.end()),
                force: force_before(m.start()),
                acronym: None,
                joint: false,
            });
        }
    }
}

/// Units without a capitalised head word: "West Sussex division", and professional standards
/// named bare ("from Professional Standards"), which is the article's standards department
/// where it names one.
fn other_units(text: &str, hits: &[Hit], out: &mut Vec<FoundUnit>) {
    // Matches of one pattern never overlap one another, so the units found before each loop
    // and the organisation hits are all a match can overlap.
    let organisations = Reach::new(
        hits.iter()
            .filter(|h| h.category == Category::Organisation)
            .map(|h| (h.start, h.end)),
    );
    let free =
        |units: &Reach, s: usize, e: usize| !units.overlaps(s, e) && !organisations.overlaps(s, e);
    let units = Reach::new(out.iter().map(|u: &FoundUnit| u.span));
    for c in PLACE_DIVISION.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let (offset, name) = strip_noise(m.as_str());
        let start = m.start() + offset;
        if name.split(' ').count() >= 2 && free(&units, start, m.end()) {
            out.push(FoundUnit {
                name: name.to_owned(),
                kind: OrgKind::Command,
                span: (start, m.end()),
                force: None,
                acronym: None,
                joint: false,
            });
        }
    }
    let units = Reach::new(out.iter().map(|u: &FoundUnit| u.span));
    let standards = out
        .iter()
        .find(|u| u.name.contains("Standards"))
        .map(|u| (u.name.clone(), u.kind));
    for c in BARE_STANDARDS.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        // Only the words just before count: lower-casing all the text before would cost the
        // article's length at every match.
        let at = c.get(0).map_or(0, |w| w.start());
        let mut from = at.saturating_sub("breaches ".len());
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let before = text[from..at].to_ascii_lowercase();
        let breach = before.ends_with("breach ") || before.ends_with("breaches ");
        // "Professional Standards Directorate" is a name the reference or a pattern gives.
        let headed = text[m.end()..]
            .strip_prefix(' ')
            .is_some_and(|rest| UNIT_HEADS.iter().any(|h| rest.starts_with(h)));
        if breach || headed || !free(&units, m.start(), m.end()) {
            continue;
        }
        let (name, kind) = standards
            .clone()
            .unwrap_or_else(|| ("Professional Standards".to_owned(), OrgKind::Unit));
        out.push(FoundUnit {
            name,
            kind,
            span: (m.start(), m.end()),
            force: None,
            acronym: None,
            joint: false,
        });
    }
}

/// A run of capitalised words without the leading words that are not part of a name.
fn strip_noise(run: &str) -> (usize, &str) {
    let mut offset = 0;
    let mut rest = run;
    while let Some((first, tail)) = rest.split_once(' ') {
        if !LEADING_NOISE.contains(&first) {
            break;
        }
        offset += first.len() + 1;
        rest = tail;
    }
    (offset, rest)
}

/// Adds the article's force units to `orgs`: each a part of the force named with it, else of
/// the article's only force. Later mentions by acronym ("the PSB") join the unit.
pub fn find_units(text: &str, hits: &[Hit], gazetteer: &Gazetteer, orgs: &mut Vec<OrgEntity>) {
    let only_force = main_force(orgs).map(|i| (orgs[i].iri.clone(), orgs[i].name.clone()));
    let mut units = found_units(text, hits, gazetteer);
    // Acronyms given in brackets name the unit wherever else they stand.
    let acronyms: Vec<(String, String, OrgKind)> = units
        .iter()
        .filter_map(|u| u.acronym.clone().map(|a| (a, u.name.clone(), u.kind)))
        .collect();
    for (acronym, name, kind) in acronyms {
        for (at, _) in text.match_indices(acronym.as_str()) {
            let end = at + acronym.len();
            let bounded = !text[..at].ends_with(|c: char| c.is_alphanumeric())
                && !text[end..].starts_with(|c: char| c.is_alphanumeric());
            if bounded
                && !units
                    .iter()
                    .any(|u| u.span.0 <= at && end <= u.span.1 + acronym.len() + 3)
            {
                units.push(FoundUnit {
                    name: name.clone(),
                    kind,
                    span: (at, end),
                    force: None,
                    acronym: None,
                    joint: false,
                });
            }
        }
    }
    for unit in units {
        let force = unit
            .force
            .map(|i| &gazetteer.reference.organisations[i])
            .map(|e| (e.iri.clone(), e.pref_label.clone()))
            .or_else(|| only_force.clone().filter(|_| !unit.joint));
        let key = match &force {
            Some((_, force_name)) => format!("{force_name} {}", unit.name),
            None => unit.name.clone(),
        };
        let iri = concept_iri(scheme::ORGANISATION, &key);
        if let Some(o) = orgs.iter_mut().find(|o| o.iri == iri) {
            o.spans.push(unit.span);
            continue;
        }
        orgs.push(OrgEntity {
            iri,
            name: unit.name,
            kind: unit.kind,
            parent: force.map(|(iri, _)| iri),
            from_reference: false,
            spans: vec![unit.span],
        });
    }
    part_of(text, orgs);
}

/// "X, which is part of Y": a unit the reference data cannot list takes the organisation the
/// text names right after it as its parent ("Kent Police's Y": Y, the more specific).
fn part_of(text: &str, orgs: &mut [OrgEntity]) {
    let mut parents: Vec<(usize, String)> = Vec::new();
    for (index, org) in orgs.iter().enumerate().filter(|(_, o)| !o.from_reference) {
        for &(_, end) in &org.spans {
            let Some(m) = PART_OF.find(&text[end..]) else {
                continue;
            };
            let mut at = end + m.end();
            let mut parent = None;
            while let Some((i, span)) = orgs
                .iter()
                .enumerate()
                .find_map(|(i, o)| o.spans.iter().find(|s| s.0 == at).map(|&s| (i, s)))
            {
                parent = Some(i);
                match text[span.1..].strip_prefix("'s ") {
                    Some(_) => at = span.1 + 3,
                    None => break,
                }
            }
            if let Some(p) = parent.filter(|&p| p != index) {
                parents.push((index, orgs[p].iri.clone()));
            }
        }
    }
    for (index, parent) in parents {
        orgs[index].parent = Some(parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Reference;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&FORCE_UNIT);
        LazyLock::force(&PSD);
        LazyLock::force(&DEPARTMENT_OF);
        LazyLock::force(&PART_OF);
        LazyLock::force(&JOINT_PREFIX);
        LazyLock::force(&PLACE_DIVISION);
        LazyLock::force(&BARE_STANDARDS);
    }

    #[test]
    fn a_unit_shared_by_several_forces_has_its_full_name_and_no_force() {
        assert_eq!(
            units("It is run by the Dorset, Devon and Cornwall Major Crime Team."),
            vec![(
                "Dorset, Devon and Cornwall Major Crime Team".to_owned(),
                OrgKind::Unit,
                false
            )]
        );
    }

    #[test]
    fn divisions_in_lower_case_and_bare_professional_standards() {
        assert_eq!(
            units("PC Ian Roe, who was based on North Dorset division, resigned."),
            vec![("North Dorset division".to_owned(), OrgKind::Command, false)]
        );
        assert_eq!(
            units("DI Ann Kerr from Professional Standards said"),
            vec![("Professional Standards".to_owned(), OrgKind::Unit, false)]
        );
        assert!(units("It was a breach of Professional Standards rules.").is_empty());
        assert!(
            !units("Head of Professional Standards Directorate, Supt Ann Kerr, said")
                .iter()
                .any(|u| u.0 == "Professional Standards")
        );
        let both = units(
            "The Professional Standards Department investigated. DI Ann Kerr, Head of \
             Professional Standards, said",
        );
        assert!(
            both.iter()
                .all(|u| u.0 == "Professional Standards Department")
        );
    }

    #[test]
    fn local_is_part_of_a_unit_name() {
        assert_eq!(
            units("She worked in the Local Policing Directorate."),
            vec![(
                "Local Policing Directorate".to_owned(),
                OrgKind::Directorate,
                false
            )]
        );
    }

    fn units(text: &str) -> Vec<(String, OrgKind, bool)> {
        let Ok(reference) = Reference::load() else {
            return Vec::new();
        };
        let Ok(gazetteer) = Gazetteer::new(reference) else {
            return Vec::new();
        };
        let hits = gazetteer.find(text);
        found_units(text, &hits, &gazetteer)
            .into_iter()
            .map(|u| (u.name, u.kind, u.force.is_some()))
            .collect()
    }

    #[test]
    fn unit_names_and_their_forces() {
        assert_eq!(
            units("She joined Dorset Police's Serious and Organised Crime Unit last year."),
            vec![(
                "Serious and Organised Crime Unit".to_owned(),
                OrgKind::Unit,
                true
            )]
        );
        assert_eq!(
            units("The force's Economic Crime Directorate said"),
            vec![(
                "Economic Crime Directorate".to_owned(),
                OrgKind::Directorate,
                false
            )]
        );
        assert_eq!(
            units("He served in the Northern Division"),
            vec![("Northern Division".to_owned(), OrgKind::Command, false)]
        );
        assert_eq!(
            units("Officers from the professional standards department"),
            vec![(
                "Professional Standards Department".to_owned(),
                OrgKind::Directorate,
                false
            )]
        );
        assert!(units("The Unit said").is_empty());
    }

    #[test]
    fn hyphenated_and_head_first_names() {
        assert_eq!(
            units("Detectives from Avon and Somerset Police's Counter-Fraud Unit arrested him."),
            vec![("Counter-Fraud Unit".to_owned(), OrgKind::Unit, true)]
        );
        assert_eq!(
            units(
                "He was investigated by Durham Constabulary's Department of Ethics and Integrity."
            ),
            vec![(
                "Department of Ethics and Integrity".to_owned(),
                OrgKind::Directorate,
                true
            )]
        );
        assert!(units("a letter from the Department of Health").is_empty());
    }

    #[test]
    fn departments_other_than_standards_are_units() {
        assert_eq!(
            kind_of("Department", "Professional Standards Department"),
            OrgKind::Directorate
        );
        assert_eq!(
            kind_of("Department", "Criminal Investigation Department"),
            OrgKind::Unit
        );
        assert_eq!(
            units("She worked in the Force Contact and Control Room at night."),
            vec![("Contact and Control Room".to_owned(), OrgKind::Unit, false)]
        );
    }

    #[test]
    fn a_unit_that_is_part_of_another() {
        let Ok(reference) = Reference::load() else {
            return;
        };
        let Ok(gazetteer) = Gazetteer::new(reference) else {
            return;
        };
        let text = "The Counter-Fraud Unit, which is part of Dorset Police's Professional \
                    Standards Department, led the inquiry.";
        let hits = gazetteer.find(text);
        let mut orgs = super::super::organisations::find_organisations(text, &hits, &gazetteer);
        orgs.sort_by(|a, b| a.name.cmp(&b.name));
        let parent_of = |name: &str| {
            let org = orgs.iter().find(|o| o.name == name)?;
            let parent = org.parent.as_ref()?;
            orgs.iter()
                .find(|o| &o.iri == parent)
                .map(|o| o.name.clone())
        };
        assert_eq!(
            parent_of("Counter-Fraud Unit").as_deref(),
            Some("Professional Standards Department")
        );
        assert_eq!(
            parent_of("Professional Standards Department").as_deref(),
            Some("Dorset Police")
        );
    }
}
