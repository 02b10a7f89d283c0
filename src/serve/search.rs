//! The home page's search: the names of people, the labels of organisations and the headlines
//! of articles, read once when the server starts (the server holds a reader's lock, so the
//! store cannot change under it) and matched by fragment, ignoring case and accents.

use super::data::{Row, get, get_iri, get_number, select_in};
use crate::error::Error;
use crate::sparql::TimeLimit;
use crate::store::GraphStore;
use crate::text::clean::fold_letter;

/// What a search result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum EntryKind {
    Person,
    Organisation,
    Article,
}

impl EntryKind {
    pub(super) fn words(self) -> &'static str {
        match self {
            EntryKind::Person => "person",
            EntryKind::Organisation => "organisation",
            EntryKind::Article => "article",
        }
    }
}

/// One thing the search can find.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub kind: EntryKind,
    pub iri: String,
    pub label: String,
    /// What tells it apart from others of the same label: an organisation's parent, an
    /// article's file or address.
    pub qualifier: String,
}

/// How many of each thing the store holds.
#[derive(Debug, Clone, Default)]
pub(super) struct Counts {
    pub people: usize,
    pub organisations: usize,
    pub articles: usize,
    pub proceedings: usize,
}

/// The searchable names, and the store's counts.
pub(crate) struct SearchIndex {
    entries: Vec<Entry>,
    /// Every entry's label folded, in the entries' order, each followed by a line break (which
    /// no folded label holds): one text, searched in one pass (at 100,000 articles, a search
    /// entry by entry took 250 ms on a loaded machine).
    folded: String,
    /// Where each entry's folded label starts in `folded`.
    starts: Vec<usize>,
    pub(super) counts: Counts,
}

/// Lower case without accents, so that "Bélanger", "BELANGER" and "belanger" are one; a line
/// break becomes a space.
pub(super) fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' {
                ' '
            } else if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                fold_letter(c).to_ascii_lowercase()
            }
        })
        .collect()
}

const PEOPLE: &str = "SELECT ?x ?label WHERE { ?x a foaf:Person ; foaf:name ?label }";
const ORGANISATIONS: &str = "SELECT ?x ?label ?qualifier WHERE {
  ?x pg:organisationKind ?kind ; skos:prefLabel ?label .
  OPTIONAL { ?x org:subOrganizationOf/skos:prefLabel ?qualifier } }";
const ARTICLES: &str = "SELECT ?x ?label ?qualifier WHERE {
  ?x a schema:NewsArticle ; pg:sourceLocation ?location .
  OPTIONAL { ?x schema:headline ?headline } OPTIONAL { ?x schema:url ?url }
  BIND(COALESCE(?headline, ?location) AS ?label) BIND(COALESCE(?url, ?location) AS ?qualifier) }";
/// The least time the search index may take to read.
const INDEX_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(600);

const PROCEEDINGS: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?p a pg:Proceeding }";

impl SearchIndex {
    /// Reads every name from the store (before the server takes requests). This is not a
    /// request: it may take up to ten minutes, or the server's time limit if that is longer
    /// (at 100,000 articles on a loaded machine it passed the default 30 s, and the server
    /// never started).
    pub(super) fn build(store: &GraphStore, limit: TimeLimit) -> Result<Self, Error> {
        let limit = TimeLimit::new(limit.duration().max(INDEX_TIME_LIMIT));
        let mut entries = Vec::new();
        for (kind, sparql) in [
            (EntryKind::Person, PEOPLE),
            (EntryKind::Organisation, ORGANISATIONS),
            (EntryKind::Article, ARTICLES),
        ] {
            entries.extend(read_entries(store, limit, kind, sparql)?);
        }
        entries.sort_by(|a, b| {
            (a.kind, &a.label, &a.qualifier).cmp(&(b.kind, &b.label, &b.qualifier))
        });
        entries.dedup_by(|a, b| a.iri == b.iri);
        let mut folded = String::new();
        let mut starts = Vec::with_capacity(entries.len());
        for entry in &entries {
            starts.push(folded.len());
            folded.push_str(&fold(&entry.label));
            folded.push('\n');
        }
        let count = |kind| entries.iter().filter(|e| e.kind == kind).count();
        let counts = Counts {
            people: count(EntryKind::Person),
            organisations: count(EntryKind::Organisation),
            articles: count(EntryKind::Article),
            proceedings: count_proceedings(store, limit)?,
        };
        Ok(SearchIndex {
            entries,
            folded,
            starts,
            counts,
        })
    }

    /// The entries whose label holds `text` (case and accents ignored), people first, at most
    /// `limit`; and how many there are in all.
    pub(super) fn find(&self, text: &str, limit: usize) -> (Vec<&Entry>, usize) {
        let wanted = fold(text.trim());
        if wanted.is_empty() {
            return (Vec::new(), 0);
        }
        let mut found = Vec::new();
        let mut total = 0;
        let mut last = None;
        for (at, _) in self.folded.match_indices(wanted.as_str()) {
            // The entry whose label holds the match: the last to start at or before it.
            let entry = self.starts.partition_point(|&start| start <= at) - 1;
            if last == Some(entry) {
                continue;
            }
            last = Some(entry);
            total += 1;
            if found.len() < limit {
                found.push(&self.entries[entry]);
            }
        }
        (found, total)
    }
}

fn run(store: &GraphStore, limit: TimeLimit, sparql: &str, name: &str) -> Result<Vec<Row>, Error> {
    select_in(store, limit, sparql, name, usize::MAX)
}

fn read_entries(
    store: &GraphStore,
    limit: TimeLimit,
    kind: EntryKind,
    sparql: &str,
) -> Result<Vec<Entry>, Error> {
    let name = format!("search index ({})", kind.words());
    Ok(run(store, limit, sparql, &name)?
        .into_iter()
        .filter_map(|row| {
            let label = get(&row, "label");
            Some(Entry {
                kind,
                iri: get_iri(&row, "x")?,
                label,
                qualifier: get(&row, "qualifier"),
            })
        })
        .collect())
}

fn count_proceedings(store: &GraphStore, limit: TimeLimit) -> Result<usize, Error> {
    let rows = run(store, limit, PROCEEDINGS, "search index (proceedings)")?;
    Ok(rows
        .first()
        .and_then(|row| get_number(row, "n"))
        .unwrap_or(0))
}
