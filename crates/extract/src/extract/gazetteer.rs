//! Gazetteer: finds the reference data's labels (organisations, ranks, titles, standards,
//! proceeding kinds) in text, on word boundaries, longest match first. Built once from the
//! ontology's Turtle; case-insensitive for ordinary labels, exact for acronyms.

use crate::reference::{Entry, Reference};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Which list of the reference data a label belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Organisation,
    Rank,
    Title,
    Standard,
    ProceedingKind,
}

/// A label found in text: byte span and the entry it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub category: Category,
    pub index: usize,
}

/// Matchers over the reference labels.
#[derive(Debug)]
pub struct Gazetteer {
    pub reference: Reference,
    /// The outcomes the reference data adds without a coded cue, each as its labels' pattern.
    pub added_outcomes: Vec<(regex::Regex, crate::concepts::Outcome)>,
    any_case: AhoCorasick,
    any_case_targets: Vec<(Category, usize, usize)>,
    exact: AhoCorasick,
    exact_targets: Vec<(Category, usize, usize)>,
}

fn straight(label: &str) -> String {
    label.replace(['\u{2019}', '\u{2018}'], "'")
}

impl Gazetteer {
    /// Builds the matchers. Fails only if the automata cannot be built (too many labels).
    pub fn new(reference: Reference) -> Result<Self, aho_corasick::BuildError> {
        let lists: [(Category, &Vec<Entry>); 5] = [
            (Category::Organisation, &reference.organisations),
            (Category::Rank, &reference.ranks),
            (Category::Title, &reference.titles),
            (Category::Standard, &reference.standards),
            (Category::ProceedingKind, &reference.proceeding_kinds),
        ];
        let mut any_case = Vec::new();
        let mut any_case_targets = Vec::new();
        let mut exact = Vec::new();
        let mut exact_targets = Vec::new();
        for (category, entries) in lists {
            for (index, entry) in entries.iter().enumerate() {
                for label in &entry.labels {
                    let label = straight(label);
                    any_case_targets.push((category, index, label.len()));
                    any_case.push(label);
                }
                for label in &entry.exact_labels {
                    let label = straight(label);
                    exact_targets.push((category, index, label.len()));
                    exact.push(label);
                }
            }
        }
        let build = |patterns: &[String], case_insensitive: bool| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(case_insensitive)
                .match_kind(MatchKind::Standard)
                .build(patterns)
        };
        Ok(Gazetteer {
            added_outcomes: super::outcomes::added_outcomes(&reference.outcomes),
            any_case: build(&any_case, true)?,
            any_case_targets,
            exact: build(&exact, false)?,
            exact_targets,
            reference,
        })
    }

    /// The entry a hit names.
    pub fn entry(&self, hit: &Hit) -> &Entry {
        let r = &self.reference;
        let list = match hit.category {
            Category::Organisation => &r.organisations,
            Category::Rank => &r.ranks,
            Category::Title => &r.titles,
            Category::Standard => &r.standards,
            Category::ProceedingKind => &r.proceeding_kinds,
        };
        &list[hit.index]
    }

    /// A reference unit or body written as the start of a longer unit name ("Specialist
    /// Operations Unit" of another force): the unit patterns name it, not the reference.
    fn starts_longer_unit(&self, text: &str, hit: &Hit) -> bool {
        if hit.category != Category::Organisation {
            return false;
        }
        if self.reference.organisations[hit.index].is_force() {
            return false;
        }
        let next = text[hit.end..].strip_prefix(' ').unwrap_or_default();
        let word = next.split(|c: char| !c.is_alphanumeric()).next();
        matches!(
            word,
            Some("Unit" | "Team" | "Squad" | "Department" | "Branch" | "Section")
        )
    }

    /// Every label in `text` on word boundaries; where matches overlap the leftmost wins, then
    /// the longest.
    ///
    /// ```
    /// use policegraph_extract::extract::gazetteer::{Category, Gazetteer};
    /// use policegraph_extract::reference::Reference;
    /// let gazetteer = Gazetteer::new(Reference::load()?)?;
    /// let hits = gazetteer.find("Chief Supt Ovens of the Met's Directorate of Professional Standards");
    /// let kinds: Vec<Category> = hits.iter().map(|h| h.category).collect();
    /// assert_eq!(kinds, vec![Category::Rank, Category::Organisation, Category::Organisation]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let boundary = |start: usize, end: usize| {
            let before_ok = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            let after_ok = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
            before_ok && after_ok
        };
        let mut hits: Vec<Hit> = Vec::new();
        for (automaton, targets) in [
            (&self.any_case, &self.any_case_targets),
            (&self.exact, &self.exact_targets),
        ] {
            for m in automaton.find_overlapping_iter(text) {
                let (category, index, _) = targets[m.pattern().as_usize()];
                if boundary(m.start(), m.end()) {
                    hits.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        category,
                        index,
                    });
                }
            }
        }
        hits.retain(|h| !self.starts_longer_unit(text, h));
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut chosen: Vec<Hit> = Vec::with_capacity(hits.len());
        for hit in hits {
            if let Some(last) = chosen.last() {
                // "Head of Professional Standards Directorate": the title keeps its words and
                // the organisation that runs on past it is found too.
                let org_past_title = last.category == Category::Title
                    && hit.category == Category::Organisation
                    && hit.end > last.end;
                if hit.start < last.end && !org_past_title {
                    continue;
                }
            }
            chosen.push(hit);
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_name_that_begins_a_unit_name_is_left_to_the_unit() {
        let Ok(reference) = Reference::load() else {
            return;
        };
        let Ok(gazetteer) = Gazetteer::new(reference) else {
            return;
        };
        let orgs = |text: &str| {
            gazetteer
                .find(text)
                .iter()
                .filter(|h| h.category == Category::Organisation)
                .count()
        };
        assert_eq!(
            orgs("She joined the Territorial Support Group last year."),
            1
        );
        assert_eq!(
            orgs("She joined the Territorial Support Group Unit last year."),
            0
        );
        assert_eq!(orgs("A Dorset Police Unit officer"), 1);
    }

    #[test]
    fn an_organisation_that_runs_past_a_title_is_found_with_it() {
        let Ok(reference) = Reference::load() else {
            return;
        };
        let Ok(gazetteer) = Gazetteer::new(reference) else {
            return;
        };
        let hits = gazetteer.find("Head of Professional Standards Directorate, Supt Ann Kerr");
        let categories: Vec<Category> = hits.iter().map(|h| h.category).collect();
        assert_eq!(categories[..2], [Category::Title, Category::Organisation]);
    }
}
