//! Shared proceedings: a hearing or meeting the article tells of without saying, in that
//! clause, whom it concerned ("At a misconduct hearing which concluded on 12 December, a panel
//! chaired by Jane Reed found:"). Its kind, date and chair pass to the subjects' proceedings
//! that the text does not name, date or give a chair for itself, but only where the article
//! tells of one such proceeding, so that nothing passes between two.

use super::chairs::{CHAIR_APPOSITION, CHAIR_BY};
use super::context::{CaseInput, date_of, proceeding_kind};
use super::model::{FoundProceeding, SharedProceeding};
use super::near::starting_in;
use crate::concepts::ProceedingKind;
use crate::concepts::ProceedingKind::CourtHearing as COURT_HEARING;
use regex::Regex;
use std::sync::LazyLock;

/// "The hearing", "the meeting", "the panel": the proceeding already told of.
static THE_PROCEEDING: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\bthe (?:hearing|meeting|panel)\b"));

/// Notes the proceedings, dates and chairs of a clause that speaks of no one subject.
pub fn note_shared(
    input: &CaseInput<'_>,
    (start, end): (usize, usize),
    shared: &mut Vec<SharedProceeding>,
) {
    let text = input.text;
    let mut told = false;
    for hit in input.proceeding_hits(start, end) {
        told = true;
        let kind = proceeding_kind(&input.gazetteer.entry(hit).iri);
        if kind == COURT_HEARING {
            continue;
        }
        let date = date_of(input, (hit.start, hit.end), (start, end));
        note(input, shared, (Some(kind), hit.start), date);
    }
    if !told {
        if let Some(m) = THE_PROCEEDING.find(&text[start..end]) {
            let span = (start + m.start(), start + m.end());
            if let Some(date) = date_of(input, span, (start, end)) {
                note(input, shared, (None, span.0), Some(date));
            }
        }
    }
    // "a panel chaired by Jane Reed": the chair of the proceeding last told of.
    let chair = starting_in(input.mentions, start, end).iter().find(|m| {
        m.start >= start
            && m.end <= end
            && (CHAIR_BY.is_match(&text[window_before(start, m.head_start, 90)..m.head_start])
                || CHAIR_APPOSITION.is_match(&text[m.end..end]))
    });
    if let Some(m) = chair {
        if shared.is_empty() {
            shared.push(SharedProceeding {
                kind: None,
                date: None,
                chair: None,
                at: m.start,
            });
        }
        if let Some(last) = shared.last_mut().filter(|s| s.chair.is_none()) {
            last.chair = Some((m.person, (m.head_start, m.end)));
        }
    }
}

/// Joins a proceeding of the given kind (or of no stated kind) and date to the one already
/// told of, or adds it.
fn note(
    input: &CaseInput<'_>,
    shared: &mut Vec<SharedProceeding>,
    (kind, at): (Option<ProceedingKind>, usize),
    date: Option<usize>,
) {
    let date = date.map(|d| (d, (input.dates[d].start, input.dates[d].end)));
    let same_day =
        |a: Option<(usize, (usize, usize))>, b: Option<(usize, (usize, usize))>| match (a, b) {
            (Some(a), Some(b)) => input.dates[a.0].date == input.dates[b.0].date,
            _ => true,
        };
    let joins = |s: &SharedProceeding| {
        (kind.is_none() || s.kind.is_none() || s.kind == kind) && same_day(s.date, date)
    };
    match shared.iter_mut().rev().find(|s| joins(s)) {
        Some(s) => {
            s.kind = s.kind.or(kind);
            s.date = s.date.or(date);
            s.at = s.at.max(at);
        }
        None => shared.push(SharedProceeding {
            kind,
            date,
            chair: None,
            at,
        }),
    }
}

/// Passes what the article says of its one shared proceeding to the subjects' proceedings: the
/// kind where theirs was only implied, and the date and chair where theirs has none. A shared
/// proceeding of no stated kind passes only where the subjects' proceedings are of one kind.
pub fn apply_shared(found: &mut [FoundProceeding], shared: &[SharedProceeding]) {
    let [one] = shared else { return };
    let mut kinds: Vec<ProceedingKind> = found
        .iter()
        .filter(|p| p.kind != COURT_HEARING && !p.inferred)
        .map(|p| p.kind)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for p in found.iter_mut().filter(|p| p.kind != COURT_HEARING) {
        if let (true, Some(kind)) = (p.inferred, one.kind) {
            p.kind = kind;
            p.inferred = false;
        }
        let fits = match one.kind {
            Some(kind) => p.kind == kind,
            None => kinds.len() <= 1,
        };
        if !fits {
            continue;
        }
        if p.date.is_none() {
            p.date = one.date;
        }
        if p.chair.is_none() {
            p.chair = one.chair;
        }
    }
}

/// Where a look-back of `reach` bytes before `at` starts, kept inside the clause that begins at
/// `start`; never past `at` (a mention's rank can stand in the sentence before its name).
fn window_before(start: usize, at: usize, reach: usize) -> usize {
    start.max(at.saturating_sub(reach)).min(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proceeding(kind: ProceedingKind, inferred: bool) -> FoundProceeding {
        FoundProceeding {
            subject: 0,
            kind,
            span: (0, 1),
            date: None,
            chair: None,
            finding: None,
            outcomes: Vec::new(),
            restated: Vec::new(),
            court: None,
            inferred,
        }
    }

    #[test]
    fn a_look_back_never_passes_its_end() {
        assert_eq!(window_before(100, 250, 90), 160);
        assert_eq!(window_before(100, 150, 90), 100);
        assert_eq!(window_before(100, 80, 90), 80);
    }

    #[test]
    fn patterns_compile() {
        LazyLock::force(&THE_PROCEEDING);
        assert!(THE_PROCEEDING.is_match("The meeting, which was held in private, ended"));
    }

    #[test]
    fn one_shared_hearing_dates_the_implied_ones() {
        let shared = [SharedProceeding {
            kind: Some(ProceedingKind::MisconductMeeting),
            date: Some((0, (5, 9))),
            chair: Some((2, (1, 3))),
            at: 0,
        }];
        let mut found = vec![
            proceeding(ProceedingKind::MisconductHearing, true),
            proceeding(COURT_HEARING, false),
        ];
        apply_shared(&mut found, &shared);
        assert_eq!(found[0].kind, ProceedingKind::MisconductMeeting);
        assert_eq!(found[0].date, Some((0, (5, 9))));
        assert_eq!(found[0].chair.map(|c| c.0), Some(2));
        assert_eq!(found[1].date, None);
    }

    #[test]
    fn two_shared_hearings_pass_nothing() {
        let shared = [
            SharedProceeding {
                kind: Some(ProceedingKind::MisconductMeeting),
                date: None,
                chair: None,
                at: 0,
            },
            SharedProceeding {
                kind: Some(ProceedingKind::MisconductHearing),
                date: Some((0, (5, 9))),
                chair: None,
                at: 9,
            },
        ];
        let mut found = vec![proceeding(ProceedingKind::MisconductHearing, true)];
        apply_shared(&mut found, &shared);
        assert_eq!(found[0].date, None);
        assert!(found[0].inferred);
    }
}
