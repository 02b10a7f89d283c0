//! How a fact is shown: its words highlighted in the sentence they come from, with a link to
//! the place in the article; and the words for the store's properties.

use super::super::Shared;
use super::super::data::{self, Evidence};
use super::{href, link};
use crate::error::Error;
use crate::vocab::{pg, w3c};
use maud::{Markup, html};
use oxigraph::model::Term;
use std::collections::{BTreeSet, HashMap};

/// `text` (which starts at character `text_start` of its article) with the character spans
/// `spans` (article offsets, with the words they should hold) marked. A span whose offsets do
/// not hold its words is looked for by its words instead; one not found is not marked.
pub(crate) fn highlight(text: &str, text_start: usize, spans: &[(usize, usize, &str)]) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let mut marked = vec![false; chars.len()];
    for &(start, end, words) in spans {
        let Some((from, to)) = locate(&chars, text_start, start, end, words) else {
            continue;
        };
        for m in &mut marked[from..to] {
            *m = true;
        }
    }
    let mut runs: Vec<(bool, usize, String)> = Vec::new();
    for (i, (c, m)) in chars.iter().zip(&marked).enumerate() {
        match runs.last_mut() {
            Some((run_marked, _, run)) if *run_marked == *m => run.push(*c),
            _ => runs.push((*m, text_start + i, c.to_string())),
        }
    }
    html! {
        @for (is_marked, at, run) in &runs {
            @if *is_marked { mark id=(format!("c{at}")) { (run) } } @else { (run) }
        }
    }
}

/// Where the words of a span are in `chars`: at its offsets if they hold them, else where
/// the words first occur.
fn locate(
    chars: &[char],
    text_start: usize,
    start: usize,
    end: usize,
    words: &str,
) -> Option<(usize, usize)> {
    let (from, to) = (start.checked_sub(text_start)?, end.checked_sub(text_start)?);
    if from < to && to <= chars.len() && chars[from..to].iter().collect::<String>() == words {
        return Some((from, to));
    }
    let wanted: Vec<char> = words.chars().collect();
    if wanted.is_empty() || wanted.len() > chars.len() {
        return None;
    }
    (0..=chars.len() - wanted.len())
        .find(|&i| chars[i..i + wanted.len()] == wanted[..])
        .map(|i| (i, i + wanted.len()))
}

/// The evidence of one fact: each sentence with the words marked, linked to the article.
pub(crate) fn evidence_list(items: &[Evidence], titles: &HashMap<String, String>) -> Markup {
    html! {
        @if !items.is_empty() {
            ul.evidence {
                @for item in items {
                    li {
                        q { (highlight(&item.sentence, item.sentence_start, &[(item.start, item.end, item.words.as_str())])) }
                        " — "
                        @let title = titles.get(&item.article).map(String::as_str).unwrap_or("the article");
                        @match href(&item.article) {
                            Some(address) => a.source href=(format!("{address}#c{}", item.start)) { (title) },
                            None => (title),
                        }
                    }
                }
            }
        }
    }
}

/// An object's value: a linked label for a node, the text of a literal.
pub(crate) fn value(object: &Term, labels: &HashMap<String, String>) -> Markup {
    match object {
        Term::NamedNode(node) => {
            let iri = node.as_str();
            let label = labels.get(iri).map(String::as_str).unwrap_or(iri);
            link(iri, label)
        }
        other => html! { (data::plain(other)) },
    }
}

/// The words for a property.
pub(crate) fn predicate_words(predicate: &str) -> &str {
    match predicate {
        p if p == pg::RANK_PROP => "rank",
        p if p == pg::ROLE_TITLE => "title",
        p if p == pg::DESIGNATION => "designation",
        p if p == pg::FORMER => "former officer",
        p if p == pg::SUBJECT => "subject",
        p if p == pg::PROCEEDING_KIND_PROP => "kind",
        p if p == pg::DATE => "date",
        p if p == pg::CHAIR => "chair",
        p if p == pg::FINDING_PROP => "finding",
        p if p == pg::OUTCOME_PROP => "outcome",
        p if p == pg::COURT => "court",
        p if p == pg::INVESTIGATED_BY => "investigated by",
        p if p == pg::REFERRED_TO => "referred to",
        p if p == pg::FILE_SUBMITTED_TO => "file submitted to",
        p if p == pg::BREACHED_STANDARD => "breached the standard",
        p if p == pg::MENTIONED_IN => "mentioned in",
        p if p == pg::ORGANISATION_KIND_PROP => "kind",
        p if p == w3c::ORG_MEMBER_OF => "serves in",
        p if p == w3c::ORG_SUB_ORGANIZATION_OF => "part of",
        p if p == w3c::FOAF_NAME => "name",
        p if p == w3c::SKOS_PREF_LABEL => "label",
        p if p == w3c::RDF_TYPE => "type",
        p if p == w3c::SCHEMA_CREATOR => "said",
        p => p.rsplit(['/', '#']).next().unwrap_or(p),
    }
}

/// Each article's title (headline, else address, else file), with its address and date.
#[derive(Debug, Clone, Default)]
pub(crate) struct ArticleInfo {
    pub title: String,
    pub url: Option<String>,
    pub location: String,
    pub published: Option<String>,
}

/// What the pages say of each of `articles`.
pub(crate) fn article_info(
    shared: &Shared,
    articles: &BTreeSet<String>,
) -> Result<HashMap<String, ArticleInfo>, Error> {
    let mut info = HashMap::new();
    for chunk in articles.iter().collect::<Vec<_>>().chunks(500) {
        let sparql = format!(
            "SELECT ?a ?location ?headline ?url ?published WHERE {{ VALUES ?a {{ {} }}
               ?a pg:sourceLocation ?location .
               OPTIONAL {{ ?a schema:headline ?headline }} OPTIONAL {{ ?a schema:url ?url }}
               OPTIONAL {{ ?a schema:datePublished ?published }} }}",
            data::values(chunk.iter().map(|s| s.as_str()))
        );
        for row in data::select(shared, &sparql, "articles", 10_000)? {
            let url = row.get("url").map(data::plain);
            let location = data::get(&row, "location");
            let headline = data::get(&row, "headline");
            let title = if !headline.is_empty() {
                headline
            } else {
                url.clone().unwrap_or_else(|| location.clone())
            };
            info.insert(
                data::get(&row, "a"),
                ArticleInfo {
                    title,
                    url,
                    location,
                    published: row.get("published").map(data::plain),
                },
            );
        }
    }
    Ok(info)
}

/// The titles alone.
pub(crate) fn titles(info: &HashMap<String, ArticleInfo>) -> HashMap<String, String> {
    info.iter()
        .map(|(iri, a)| (iri.clone(), a.title.clone()))
        .collect()
}
