//! A person's page: names and designations, ranks or titles and units as each article gives
//! them, the timeline of proceedings, investigations and referrals, standards breached, the
//! others named in the same proceedings, and the articles; every fact with its evidence.

use super::super::Shared;
use super::super::data::{self, Evidence, Fact, FactKey};
use super::evidence::{ArticleInfo, article_info, evidence_list, predicate_words, titles, value};
use super::{layout, link};
use crate::error::Error;
use crate::vocab::{pg, w3c};
use maud::{Markup, html};
use oxigraph::model::{NamedNode, Term};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything a person's page shows, read from the store.
pub(super) struct Facts {
    pub facts: Vec<Fact>,
    pub evidence: HashMap<FactKey, Vec<Evidence>>,
    pub labels: HashMap<String, String>,
    pub articles: HashMap<String, ArticleInfo>,
    pub titles: HashMap<String, String>,
}

impl Facts {
    /// Reads the facts of `subjects`, with their evidence, labels and articles.
    pub(super) fn read(
        shared: &Shared,
        subjects: &[String],
        mentions: bool,
    ) -> Result<Self, Error> {
        let facts = data::facts(shared, subjects, mentions)?;
        let evidence = data::evidence(shared, subjects, mentions)?;
        let mut iris: BTreeSet<String> = subjects.iter().cloned().collect();
        let mut article_iris = BTreeSet::new();
        for fact in &facts {
            if let Term::NamedNode(node) = &fact.object {
                iris.insert(node.as_str().to_owned());
                if fact.predicate == pg::MENTIONED_IN {
                    article_iris.insert(node.as_str().to_owned());
                }
            }
            // An organisation is stated in every article that names it: its page lists none.
            if mentions {
                article_iris.extend(fact.graphs.iter().cloned());
            }
        }
        article_iris.extend(evidence.values().flatten().map(|e| e.article.clone()));
        let labels = data::labels(shared, &iris)?;
        let articles = article_info(shared, &article_iris)?;
        let titles = titles(&articles);
        Ok(Facts {
            facts,
            evidence,
            labels,
            articles,
            titles,
        })
    }

    /// What `predicates` state of one node (an organisation named in thousands of articles),
    /// with their labels; such shared descriptions carry no evidence, so none is read.
    pub(super) fn described(
        shared: &Shared,
        iri: &str,
        predicates: &[&str],
    ) -> Result<Self, Error> {
        let facts = data::facts_of(shared, &[iri.to_owned()], predicates)?;
        let mut iris = BTreeSet::from([iri.to_owned()]);
        iris.extend(facts.iter().filter_map(|fact| match &fact.object {
            Term::NamedNode(node) => Some(node.as_str().to_owned()),
            _ => None,
        }));
        Ok(Facts {
            facts,
            evidence: HashMap::new(),
            labels: data::labels(shared, &iris)?,
            articles: HashMap::new(),
            titles: HashMap::new(),
        })
    }

    /// The facts of `subject` with `predicate`.
    pub(super) fn of<'a>(
        &'a self,
        subject: &'a str,
        predicate: &'a str,
    ) -> impl Iterator<Item = &'a Fact> + 'a {
        self.facts
            .iter()
            .filter(move |f| f.subject == subject && f.predicate == predicate)
    }

    /// Each fact as its value and the evidence for it.
    pub(super) fn items<'a>(&self, facts: impl IntoIterator<Item = &'a Fact>) -> Markup {
        html! {
            @for fact in facts {
                li {
                    span.value { (value(&fact.object, &self.labels)) }
                    (evidence_list(self.evidence.get(&data::key(fact)).map(Vec::as_slice).unwrap_or(&[]), &self.titles))
                }
            }
        }
    }

    pub(super) fn label<'a>(&'a self, iri: &'a str) -> &'a str {
        self.labels.get(iri).map(String::as_str).unwrap_or(iri)
    }
}

/// The proceedings against the person.
fn proceedings(shared: &Shared, iri: &str) -> Result<Vec<String>, Error> {
    let Ok(node) = NamedNode::new(iri) else {
        return Ok(Vec::new());
    };
    let rows = data::select(
        shared,
        &format!("SELECT DISTINCT ?p WHERE {{ ?p pg:subject {node} }} LIMIT 500"),
        "proceedings",
        500,
    )?;
    Ok(rows.iter().filter_map(|r| data::get_iri(r, "p")).collect())
}

/// The person's page.
pub(super) fn page(shared: &Shared, iri: &str) -> Result<Markup, Error> {
    let cases = proceedings(shared, iri)?;
    let mut subjects = vec![iri.to_owned()];
    subjects.extend(cases.iter().cloned());
    let mut facts = Facts::read(shared, &subjects, true)?;
    let others: BTreeSet<String> = cases
        .iter()
        .flat_map(|case| facts.of(case, pg::SUBJECT))
        .filter_map(|f| match &f.object {
            Term::NamedNode(n) if n.as_str() != iri => Some(n.as_str().to_owned()),
            _ => None,
        })
        .collect();
    facts.labels.extend(data::labels(shared, &others)?);
    let names: BTreeSet<String> = facts
        .of(iri, w3c::FOAF_NAME)
        .map(|f| data::plain(&f.object))
        .collect();
    let title = names.iter().cloned().collect::<Vec<_>>().join(" / ");
    let body = html! {
        h1 { (title) }
        p.iri { "Person " code { (iri) } }
        @let designations: Vec<&Fact> = facts.of(iri, pg::DESIGNATION).collect();
        @if !designations.is_empty() {
            section { h2 { "Designations" } ul.facts { (facts.items(designations)) } }
        }
        (roles(&facts, iri))
        (timeline(&facts, &cases))
        (investigations(&facts, iri, &cases))
        @let standards: Vec<&Fact> = facts.of(iri, pg::BREACHED_STANDARD).collect();
        @if !standards.is_empty() {
            section #standards { h2 { "Standards breached" } ul.facts { (facts.items(standards)) } }
        }
        @if !others.is_empty() {
            section #others {
                h2 { "Others named in the same proceedings" }
                ul { @for other in &others { li { (link(other, facts.label(other))) } } }
            }
        }
        (articles(&facts, iri))
    };
    Ok(layout(&title, body))
}

/// Rank or title and unit, as each article gives them.
fn roles(facts: &Facts, iri: &str) -> Markup {
    let wanted = [
        pg::RANK_PROP,
        pg::ROLE_TITLE,
        w3c::ORG_MEMBER_OF,
        pg::FORMER,
    ];
    let mut by_article: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
    for fact in facts
        .facts
        .iter()
        .filter(|f| f.subject == iri && wanted.contains(&f.predicate.as_str()))
    {
        for graph in &fact.graphs {
            by_article.entry(graph.as_str()).or_default().push(fact);
        }
    }
    html! {
        @if !by_article.is_empty() {
            section #roles {
                h2 { "Ranks, titles and units, as each article gives them" }
                @for (article, list) in &by_article {
                    div.article-roles {
                        h3 { (link(article, facts.titles.get(*article).map(String::as_str).unwrap_or(article))) }
                        ul.facts {
                            @for fact in list {
                                li {
                                    span.predicate { (predicate_words(&fact.predicate)) ": " }
                                    span.value { (value(&fact.object, &facts.labels)) }
                                    (evidence_list(&in_article(facts, fact, article), &facts.titles))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A fact's evidence from one article.
fn in_article(facts: &Facts, fact: &Fact, article: &str) -> Vec<Evidence> {
    facts
        .evidence
        .get(&data::key(fact))
        .map(|list| {
            list.iter()
                .filter(|e| e.article == article)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The proceedings, by date (undated last), each with what the articles say of it.
fn timeline(facts: &Facts, cases: &[String]) -> Markup {
    let date = |case: &String| {
        facts
            .of(case, pg::DATE)
            .map(|f| data::plain(&f.object))
            .min()
            .unwrap_or_else(|| "~".to_owned())
    };
    let mut cases: Vec<&String> = cases.iter().collect();
    cases.sort_by_key(|c| (date(c), (*c).clone()));
    let parts = [
        pg::DATE,
        pg::PROCEEDING_KIND_PROP,
        pg::CHAIR,
        pg::FINDING_PROP,
        pg::OUTCOME_PROP,
        pg::COURT,
    ];
    html! {
        @if !cases.is_empty() {
            section #timeline {
                h2 { "Proceedings" }
                ol.timeline {
                    @for case in &cases {
                        li.proceeding {
                            h3 { (link(case, &kind_and_date(facts, case))) }
                            dl {
                                @for part in parts {
                                    @let list: Vec<&Fact> = facts.of(case, part).collect();
                                    @if !list.is_empty() {
                                        dt { (predicate_words(part)) }
                                        dd class=(predicate_words(part).replace(' ', "-")) { ul.facts { (facts.items(list)) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn kind_and_date(facts: &Facts, case: &str) -> String {
    let kind = facts
        .of(case, pg::PROCEEDING_KIND_PROP)
        .map(|f| facts.label(&data::plain(&f.object)).to_owned())
        .next()
        .unwrap_or_else(|| "Proceeding".to_owned());
    match facts
        .of(case, pg::DATE)
        .map(|f| data::plain(&f.object))
        .min()
    {
        Some(date) => format!("{kind}, {date}"),
        None => kind,
    }
}

/// Investigations, referrals and files submitted, of the person or of a proceeding.
fn investigations(facts: &Facts, iri: &str, cases: &[String]) -> Markup {
    let kinds = [pg::INVESTIGATED_BY, pg::REFERRED_TO, pg::FILE_SUBMITTED_TO];
    let list: Vec<&Fact> = facts
        .facts
        .iter()
        .filter(|f| {
            (f.subject == iri || cases.contains(&f.subject))
                && kinds.contains(&f.predicate.as_str())
        })
        .collect();
    html! {
        @if !list.is_empty() {
            section #investigations {
                h2 { "Investigations and referrals" }
                ul.facts {
                    @for fact in &list {
                        li {
                            span.predicate { (predicate_words(&fact.predicate)) ": " }
                            span.value { (value(&fact.object, &facts.labels)) }
                            (evidence_list(facts.evidence.get(&data::key(fact)).map(Vec::as_slice).unwrap_or(&[]), &facts.titles))
                        }
                    }
                }
            }
        }
    }
}

/// The articles that mention the person.
fn articles(facts: &Facts, iri: &str) -> Markup {
    let list: BTreeSet<String> = facts
        .of(iri, pg::MENTIONED_IN)
        .map(|f| data::plain(&f.object))
        .collect();
    html! {
        section #articles {
            h2 { "Articles" }
            ul {
                @for article in &list {
                    @let info = facts.articles.get(article);
                    li {
                        (link(article, facts.titles.get(article).map(String::as_str).unwrap_or(article)))
                        @if let Some(date) = info.and_then(|i| i.published.as_ref()) { " (" (date) ")" }
                    }
                }
            }
        }
    }
}
