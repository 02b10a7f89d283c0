//! Extraction, the middle arrows of the data flow: clean text -> sentences -> mentions ->
//! entities (resolved within the article) -> facts with evidence.
//!
//! - [`gazetteer`]: reference labels in text
//! - [`organisations`]: organisations of the article, from the gazetteer and patterns
//! - [`names`]: words that can be part of a person's name
//! - [`people`]: person mentions and their resolution
//! - [`subjects`]: who the case is about, and who a clause speaks of
//! - [`units`]: force units the reference data cannot list
//! - [`outcomes`]: outcomes and findings a clause states
//! - [`cases`]: proceedings with date, chair, finding and outcomes
//! - [`shared`]: proceedings told of without their subject, shared by the subjects'
//! - [`case_facts`]: investigations, referrals, files and standards breached
//! - [`affiliations`]: where people serve, and who said what

pub mod affiliations;
pub mod case_facts;
pub mod cases;
pub mod gazetteer;
pub mod names;
pub mod near;
pub mod organisations;
pub mod outcomes;
pub mod people;
pub mod shared;
pub mod subjects;
pub mod units;

use crate::error::Error;
use crate::facts::{
    Evidence, Facts, Organisation, Person, PersonFact, Proceeding, Quotation, Relation, Rule,
    Scope, SentenceRecord,
};
use crate::input::Article;
use crate::reference::{Reference, concept_iri};
use crate::text::{self, Sentence};
use crate::vocab::scheme;
use case_facts::CaseFact;
use cases::CaseInput;
use gazetteer::{Category, Gazetteer, Hit};
use std::collections::BTreeMap;

/// Turns articles into facts. Built once (the gazetteer's automata), shared across threads.
#[derive(Debug)]
pub struct Extractor {
    gazetteer: Gazetteer,
    current_year: i32,
}

impl Extractor {
    /// An extractor over the shipped reference data.
    pub fn new() -> Result<Self, Error> {
        Self::with_reference(Reference::load()?)
    }

    /// An extractor over the given reference data.
    pub fn with_reference(reference: Reference) -> Result<Self, Error> {
        let gazetteer = Gazetteer::new(reference).map_err(|e| Error::Reference {
            origin: "ontology/reference.ttl".into(),
            cause: e.to_string(),
        })?;
        Ok(Extractor {
            gazetteer,
            current_year: current_year(),
        })
    }

    /// Sets the year that dates without a year are inferred against when an article has no
    /// publication date (by default the current year); a publication date later than it is not
    /// one.
    pub fn with_current_year(mut self, year: i32) -> Self {
        self.current_year = year;
        self
    }

    pub fn reference(&self) -> &Reference {
        &self.gazetteer.reference
    }

    /// Extracts the facts of one article.
    ///
    /// ```
    /// use policegraph_extract::{extract::Extractor, input::Article};
    /// let extractor = Extractor::new()?;
    /// let article = Article {
    ///     identity: "example".into(),
    ///     text: "PC A, of Kent Police, was dismissed without notice at a misconduct hearing.".into(),
    ///     ..Article::default()
    /// };
    /// let facts = extractor.extract(&article);
    /// assert_eq!(facts.people[0].name, "PC A");
    /// assert_eq!(facts.proceedings[0].outcomes.len(), 1);
    /// # Ok::<(), policegraph_extract::error::Error>(())
    /// ```
    pub fn extract(&self, article: &Article) -> Facts {
        let clean = text::clean(&article.text);
        let sentences = text::split_sentences(&clean);
        let published = article
            .published
            .as_deref()
            .and_then(iso_date)
            .or_else(|| text::dateline(&article.text))
            .filter(|p| !matches!(p, text::Date::Full { year, .. } if *year > self.current_year));
        let year = match published {
            Some(text::Date::Full { year, .. }) => year,
            _ => article
                .published
                .as_deref()
                .and_then(|p| p.get(..4))
                .and_then(|y| y.parse().ok())
                .unwrap_or(self.current_year),
        };
        let dates = text::find_dates(&clean, Some(year), published);
        let hits = self.hits(&clean);
        let orgs = organisations::find_organisations(&clean, &hits, &self.gazetteer);
        let (people, mentions) = people::find_people(&clean, &hits);
        let mut chairs = cases::find_chairs(&clean, &mentions);
        let subject = subjects::find_subjects(&subjects::SubjectInput {
            text: &clean,
            sentences: &sentences,
            people: &people,
            mentions: &mentions,
            chairs: &chairs,
            titles: &self.gazetteer.reference.titles,
        });
        let known_chairs = chairs.clone();
        let bystanders: Vec<bool> = people
            .iter()
            .enumerate()
            .map(|(i, p)| p.officer && !subject[i] && !known_chairs.contains(&i))
            .collect();
        let civilians: Vec<bool> = people
            .iter()
            .enumerate()
            .map(|(i, p)| p.member_of_public() && !subject[i])
            .collect();
        let resolver = subjects::Resolver {
            text: &clean,
            sentences: &sentences,
            mentions: &mentions,
            subject: &subject,
            chairs: &known_chairs,
            bystanders: &bystanders,
            civilians: &civilians,
        };
        let org_spans = near::sorted_spans(&orgs);
        let input = CaseInput {
            text: &clean,
            sentences: &sentences,
            hits: &hits,
            orgs: &orgs,
            org_spans: &org_spans,
            mentions: &mentions,
            dates: &dates,
            resolver: &resolver,
            gazetteer: &self.gazetteer,
        };
        let proceedings = cases::find_proceedings(&input, &mut chairs);
        let case_facts = case_facts::find_case_facts(&input);
        let mut affiliations =
            affiliations::affiliations(&clean, &people, &mentions, &orgs, &self.gazetteer);
        let with_name = affiliations.clone();
        affiliations::group_units(
            &clean,
            &sentences,
            &mentions,
            &orgs,
            &subject,
            &self.gazetteer,
            &mut affiliations,
        );
        let of_group = affiliations.clone();
        affiliations::field_units(
            &clean,
            &sentences,
            &orgs,
            &self.gazetteer,
            |sentence, start, end| resolver.resolve(sentence, start, end, false),
            &mut affiliations,
        );
        let membership_rules = membership_rules(&with_name, &of_group, &affiliations);
        let quotes = affiliations::quotations(&clean, &mentions);

        let mut builder = FactsBuilder {
            clean: &clean,
            original: Original::new(&article.text),
            sentences: &sentences,
            kept: BTreeMap::new(),
            facts: Facts::default(),
        };
        for (index, person) in people.iter().enumerate() {
            let person_mentions: Vec<Evidence> = mentions
                .iter()
                .filter(|m| m.person == index)
                .map(|m| builder.evidence((m.head_start, m.end), Rule::PersonMention))
                .collect();
            let rank = person
                .rank
                .map(|(i, s, e)| (self.gazetteer.reference.ranks[i].iri.clone(), (s, e)));
            let title = person.title.map(|(i, s, e)| {
                (
                    self.gazetteer.reference.titles[i].pref_label.clone(),
                    (s, e),
                )
            });
            // The name as the article spells it (accents kept), where a mention shows it whole.
            let name = mentions
                .iter()
                .filter(|m| m.person == index)
                .find_map(|m| {
                    [(m.start, m.end), (m.head_start, m.end)]
                        .into_iter()
                        .find(|&(s, e)| clean.get(s..e) == Some(person.name.as_str()))
                })
                .map_or_else(
                    || person.name.clone(),
                    |(s, e)| builder.original.slice(s, e).to_owned(),
                );
            builder.facts.people.push(Person {
                name,
                scope: if person.full {
                    Scope::Global
                } else {
                    Scope::Article
                },
                rank: rank.as_ref().map(|(r, _)| r.clone()),
                title: title.as_ref().map(|(t, _)| t.clone()),
                designation: person.designation.clone(),
                officer: person.officer || subject[index],
                former: person.former,
                mentions: person_mentions,
            });
            if let Some((rank, span)) = rank {
                builder.relate(index, Relation::Rank(rank), span, Rule::RankWithName);
            }
            if let Some((title, span)) = title {
                builder.relate(index, Relation::Title(title), span, Rule::TitleWithName);
            }
        }
        for org in &orgs {
            let org_mentions = (org.spans.iter())
                .map(|&s| builder.evidence(s, Rule::OrganisationMention))
                .collect();
            builder.facts.organisations.push(Organisation {
                iri: org.iri.clone(),
                name: org.name.clone(),
                kind: org.kind.clone(),
                parent: org.parent.clone(),
                from_reference: org.from_reference,
                mentions: org_mentions,
            });
        }
        for (person, affiliation) in affiliations.iter().enumerate() {
            if let Some((org, span)) = affiliation {
                let rule = membership_rules[person];
                builder.relate(person, Relation::MemberOf(*org), *span, rule);
            }
        }
        for (person, fact, span) in case_facts {
            let (relation, rule) = match fact {
                CaseFact::InvestigatedBy(o) => (Relation::InvestigatedBy(o), Rule::Investigation),
                CaseFact::ReferredTo(o) => (Relation::ReferredTo(o), Rule::Referral),
                CaseFact::FileSubmittedTo(o) => (Relation::FileSubmittedTo(o), Rule::FileSubmitted),
                CaseFact::Breached(s) => (
                    Relation::BreachedStandard(self.gazetteer.reference.standards[s].iri.clone()),
                    Rule::StandardBreached,
                ),
            };
            builder.relate(person, relation, span, rule);
        }
        for p in proceedings {
            let proceeding = Proceeding {
                subject: p.subject,
                kind: concept_iri(scheme::PROCEEDING_KIND, p.kind),
                evidence: builder.evidence(
                    p.span,
                    if p.inferred {
                        Rule::ProceedingInferred
                    } else {
                        Rule::ProceedingStated
                    },
                ),
                date: (p.date)
                    .map(|(d, span)| (dates[d].date, builder.evidence(span, Rule::ProceedingDate))),
                chair: (p.chair)
                    .map(|(c, span)| (c, builder.evidence(span, Rule::ProceedingChair))),
                finding: p.finding.map(|(f, span)| {
                    let evidence = builder.evidence(span, Rule::Finding);
                    (concept_iri(scheme::FINDING, f), evidence)
                }),
                outcomes: (p.outcomes.iter())
                    .map(|&(o, span)| {
                        let evidence = builder.evidence(span, Rule::Outcome);
                        (concept_iri(scheme::OUTCOME, o), evidence)
                    })
                    .collect(),
                court: (p.court)
                    .map(|(c, span)| (c, builder.evidence(span, Rule::ProceedingCourt))),
            };
            builder.facts.proceedings.push(proceeding);
        }
        for q in quotes {
            let quotation = Quotation {
                text: builder.original.slice(q.span.0, q.span.1).trim().to_owned(),
                speaker: q.speaker.map(|(p, _)| p),
                evidence: builder.evidence(q.span, Rule::Quotation),
            };
            builder.facts.quotations.push(quotation);
        }
        builder.finish()
    }

    /// Gazetteer hits, less short labels matched in lower case ("the sun", "the observer"),
    /// which are ordinary words there.
    fn hits(&self, clean: &str) -> Vec<Hit> {
        let mut hits = self.gazetteer.find(clean);
        hits.retain(|h| {
            let written = &clean[h.start..h.end];
            let short = written.split_whitespace().count() <= 2;
            !(h.category == Category::Organisation
                && short
                && !written.chars().any(char::is_uppercase))
        });
        hits
    }
}

/// The rule each person's membership was stated by: the stage that last set it.
fn membership_rules<T: PartialEq>(with_name: &[T], of_group: &[T], last: &[T]) -> Vec<Rule> {
    (last.iter().enumerate())
        .map(|(i, m)| {
            if of_group.get(i) != Some(m) {
                Rule::MembershipFieldLine
            } else if with_name.get(i) != Some(m) {
                Rule::MembershipOfGroup
            } else {
                Rule::MembershipWithName
            }
        })
        .collect()
}

/// The date of an ISO 8601 date or date-time ("2025-02-07", "2025-02-07T16:42:00Z").
fn iso_date(value: &str) -> Option<text::Date> {
    let mut parts = value.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts
        .next()?
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = parts
        .next()?
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    Some(text::Date::Full { year, month, day })
}

fn current_year() -> i32 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Good to the day for the purpose: the year of the current date.
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let year = 1970 + (days * 400 / 146_097);
    i32::try_from(year).unwrap_or(2026)
}

/// The article as read, sliced by character offsets (the clean text is ASCII, so its byte
/// offsets are character offsets into the original).
struct Original<'a> {
    text: &'a str,
    /// Byte offset of each character, and of the end.
    offsets: Vec<usize>,
}

impl<'a> Original<'a> {
    fn new(text: &'a str) -> Self {
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        Original { text, offsets }
    }

    fn slice(&self, start_char: usize, end_char: usize) -> &'a str {
        let last = self.offsets.len() - 1;
        let (start, end) = (
            self.offsets[start_char.min(last)],
            self.offsets[end_char.min(last)],
        );
        self.text.get(start..end.max(start)).unwrap_or_default()
    }
}

/// Assembles [`Facts`], turning byte spans into evidence and keeping only the sentences that
/// some fact rests on.
struct FactsBuilder<'a> {
    clean: &'a str,
    /// The article as read: evidence quotes its words, not the cleaned ones.
    original: Original<'a>,
    sentences: &'a [Sentence],
    /// Sentence index in the article -> index in `facts.sentences`.
    kept: BTreeMap<usize, usize>,
    facts: Facts,
}

impl FactsBuilder<'_> {
    fn evidence(&mut self, (start, end): (usize, usize), rule: Rule) -> Evidence {
        let position = self
            .sentences
            .partition_point(|s| s.end <= start)
            .min(self.sentences.len().saturating_sub(1));
        let Some(sentence) = self.sentences.get(position) else {
            return Evidence {
                sentence: 0,
                start_char: 0,
                end_char: 0,
                rule,
            };
        };
        let start = start.max(sentence.start);
        let end = end.min(self.clean.len()).max(start);
        // The clean text is ASCII (cleaning folds each character to one ASCII character), so
        // bytes count characters; counting them one by one would cost a long sentence's length
        // for each fact it holds.
        let start_char = sentence.start_char + (start - sentence.start);
        let end_char = start_char + (end - start);
        let next = self.kept.len();
        let index = *self.kept.entry(position).or_insert(next);
        if index == next {
            self.facts.sentences.push(SentenceRecord {
                start_char: sentence.start_char,
                end_char: sentence.end_char,
                text: self
                    .original
                    .slice(sentence.start_char, sentence.end_char)
                    .to_owned(),
            });
        }
        Evidence {
            sentence: index,
            start_char,
            end_char,
            rule,
        }
    }

    fn relate(&mut self, person: usize, relation: Relation, span: (usize, usize), rule: Rule) {
        let evidence = self.evidence(span, rule);
        if !self
            .facts
            .person_facts
            .iter()
            .any(|f| f.person == person && f.relation == relation)
        {
            self.facts.person_facts.push(PersonFact {
                person,
                relation,
                evidence,
            });
        }
    }

    fn finish(self) -> Facts {
        self.facts
    }
}
