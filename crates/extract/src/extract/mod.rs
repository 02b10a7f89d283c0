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
pub mod chairs;
pub mod context;
pub mod gazetteer;
pub mod model;
pub mod names;
pub mod near;
pub mod organisations;
pub mod outcomes;
pub mod people;
pub mod shared;
pub mod subjects;
pub mod units;

use crate::concepts::Outcome;
use crate::error::Error;
use crate::facts::{
    Evidence, Facts, Organisation, Person, PersonFact, Proceeding, Quotation, Relation, Rule,
    Scope, SentenceRecord,
};
use crate::input::Article;
use crate::reference::Reference;
use crate::text::{self, Sentence};
use case_facts::CaseFact;
use context::CaseInput;
use gazetteer::{Category, Gazetteer, Hit};
use model::Roles;
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
        let gazetteer = Gazetteer::new(reference).map_err(|source| Error::Gazetteer { source })?;
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
        let read = self.read(article);
        let found = self.find_entities(&read);
        let mut chairs = chairs::find_chairs(&read.clean, &found.mentions);
        let roles = self.assign_roles(&read, &found, &chairs);
        let resolver = subjects::Resolver {
            text: &read.clean,
            sentences: &read.sentences,
            mentions: &found.mentions,
            roles: &roles,
        };
        let org_spans = near::sorted_spans(&found.orgs);
        let input = CaseInput {
            text: &read.clean,
            sentences: &read.sentences,
            hits: &found.hits,
            orgs: &found.orgs,
            org_spans: &org_spans,
            mentions: &found.mentions,
            dates: &read.dates,
            resolver: &resolver,
            gazetteer: &self.gazetteer,
        };
        let proceedings = cases::find_proceedings(&input, &mut chairs);
        let case_facts = case_facts::find_case_facts(&input);
        let memberships = self.memberships(&read, &found, &roles, &resolver);
        let anchors = self.anchors(&found, &memberships);
        let quotes = affiliations::quotations(&read.clean, &found.mentions);

        let mut builder = FactsBuilder {
            clean: &read.clean,
            mentions: &found.mentions,
            pending: Vec::new(),
            pending_index: BTreeMap::new(),
            original: Original::new(&article.text),
            sentences: &read.sentences,
            kept: BTreeMap::new(),
            facts: Facts::default(),
        };
        // The order of the stages below is the order of the sentences in the facts.
        builder.add_people(&found, (&roles, &anchors), self.reference());
        builder.add_organisations(&found.orgs);
        builder.add_memberships(&memberships);
        builder.add_case_facts(case_facts);
        builder.add_proceedings(proceedings, &read.dates);
        builder.add_quotations(quotes);
        builder.finish()
    }

    /// Stage 1: the article's clean text, sentences and dates (read against its publication
    /// year).
    fn read(&self, article: &Article) -> Reading {
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
        Reading {
            clean,
            sentences,
            dates,
        }
    }

    /// Stage 2: the organisations and people the article names, with their mentions.
    fn find_entities(&self, read: &Reading) -> Entities {
        let hits = self.hits(&read.clean);
        let orgs = organisations::find_organisations(&read.clean, &hits, &self.gazetteer);
        let (people, mentions) = people::find_people(&read.clean, &hits);
        Entities {
            hits,
            orgs,
            people,
            mentions,
        }
    }

    /// Stage 3: who faces the case, who chaired it, who is a bystander or a member of the public.
    fn assign_roles(&self, read: &Reading, found: &Entities, chairs: &[usize]) -> Vec<Roles> {
        let subject = subjects::find_subjects(&subjects::SubjectInput {
            text: &read.clean,
            sentences: &read.sentences,
            people: &found.people,
            mentions: &found.mentions,
            chairs,
            titles: &self.gazetteer.reference.titles,
            added_outcomes: &self.gazetteer.added_outcomes,
        });
        found
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let chair = chairs.contains(&i);
                Roles {
                    subject: subject[i],
                    chair,
                    bystander: p.officer && !subject[i] && !chair,
                    civilian: p.member_of_public() && !subject[i],
                }
            })
            .collect()
    }

    /// Stage 6: what tells each person apart from others of the same name
    /// ([`crate::facts::Person::anchor`]): the police force at or above the organisation they
    /// serve in, else the top of that organisation; without one, their job title.
    fn anchors(&self, found: &Entities, memberships: &[Option<Membership>]) -> Vec<Option<String>> {
        let reference = self.reference();
        let is_force = |iri: &str| match found.orgs.iter().find(|o| o.iri == iri) {
            Some(o) => o.kind == crate::concepts::OrgKind::PoliceForce,
            None => reference.organisation(iri).is_some_and(|e| e.is_force()),
        };
        (found.people.iter().enumerate())
            .map(|(i, person)| match memberships.get(i).copied().flatten() {
                Some((org, _, _)) => {
                    let entity = &found.orgs[org];
                    let mut chain = vec![entity.iri.clone()];
                    chain.extend(organisations::ancestors(
                        entity,
                        &found.orgs,
                        &self.gazetteer,
                    ));
                    let force = chain.iter().find(|iri| is_force(iri));
                    force.or(chain.last()).cloned()
                }
                None => (person.title).map(|(t, _, _)| reference.titles[t].iri.clone()),
            })
            .collect()
    }

    /// Stage 5: where each person serves, and the rule that said so: named with the person,
    /// then for a group of officers, then on an outcomes page's field line.
    fn memberships(
        &self,
        read: &Reading,
        found: &Entities,
        roles: &[Roles],
        resolver: &subjects::Resolver<'_>,
    ) -> Vec<Option<Membership>> {
        let (text, orgs) = (&read.clean, &found.orgs);
        let mut affiliations =
            affiliations::affiliations(text, &found.people, &found.mentions, orgs, &self.gazetteer);
        let with_name = affiliations.clone();
        let subject: Vec<bool> = roles.iter().map(|r| r.subject).collect();
        affiliations::group_units(
            text,
            &read.sentences,
            &found.mentions,
            orgs,
            &subject,
            &self.gazetteer,
            &mut affiliations,
        );
        let of_group = affiliations.clone();
        affiliations::field_units(
            text,
            &read.sentences,
            orgs,
            &self.gazetteer,
            |sentence, start, end| resolver.resolve(sentence, start, end, false),
            &mut affiliations,
        );
        let rules = membership_rules(&with_name, &of_group, &affiliations);
        (affiliations.into_iter().zip(rules))
            .map(|(a, rule)| a.map(|(org, span)| (org, span, rule)))
            .collect()
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

/// A personal pronoun: a sentence with one may speak of a person it does not name.
static PRONOUN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::regex(r"(?i)\b(?:he|she|him|her|his|hers|they|them|their)\b")
});

/// A person fact with every statement of it (the words and the rule), in text order.
type StatedFact = (usize, Relation, Vec<(model::Span, Rule)>);

/// Where a person serves: the organisation, the words that say so, and the rule.
type Membership = (usize, model::Span, Rule);

/// The article's text as the passes read it.
struct Reading {
    clean: String,
    sentences: Vec<Sentence>,
    dates: Vec<text::DateMention>,
}

/// The organisations and people an article names.
struct Entities {
    hits: Vec<Hit>,
    orgs: Vec<model::OrgEntity>,
    people: Vec<model::PersonEntity>,
    mentions: Vec<model::Mention>,
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
    /// The people's mentions: a statement names its subject where one stands in its sentence.
    mentions: &'a [model::Mention],
    /// Person facts as stated, each with every statement of it (span and rule), in order.
    pending: Vec<StatedFact>,
    /// Where each (person, relation) stands in `pending`.
    pending_index: BTreeMap<(usize, Relation), usize>,
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

    /// Notes a person fact and the words that state it; a fact stated again keeps each
    /// statement ([`Self::statements`] chooses among them when the facts are finished).
    fn relate(&mut self, person: usize, relation: Relation, span: (usize, usize), rule: Rule) {
        let next = self.pending.len();
        let index = *(self.pending_index)
            .entry((person, relation.clone()))
            .or_insert(next);
        match self.pending.get_mut(index) {
            Some((_, _, said)) => said.push((span, rule)),
            None => self.pending.push((person, relation, vec![(span, rule)])),
        }
    }

    /// The evidence for a fact about `person` stated at each of `said` (in text order): every
    /// statement whose sentence names the person or points back at them with a pronoun; where
    /// none does (a headline that names no one), the first alone.
    fn statements(&mut self, person: usize, said: &[(model::Span, Rule)]) -> Vec<Evidence> {
        let mut chosen: Vec<(model::Span, Rule)> = Vec::new();
        for &(span, rule) in said {
            if !chosen.iter().any(|&(s, _)| s == span) && self.refers_to(person, span) {
                chosen.push((span, rule));
            }
        }
        if chosen.is_empty() {
            chosen.extend(said.first().copied());
        }
        (chosen.into_iter())
            .map(|(span, rule)| self.evidence(span, rule))
            .collect()
    }

    /// True when the sentence holding `span` names `person` or has a personal pronoun.
    fn refers_to(&self, person: usize, (start, _): model::Span) -> bool {
        let position = self.sentences.partition_point(|s| s.end <= start);
        let Some(sentence) = self.sentences.get(position) else {
            return false;
        };
        let names = near::starting_in(self.mentions, sentence.start, sentence.end)
            .iter()
            .any(|m| m.person == person && m.end <= sentence.end);
        names || PRONOUN.is_match(sentence.text(self.clean))
    }

    fn add_people(
        &mut self,
        found: &Entities,
        (roles, anchors): (&[Roles], &[Option<String>]),
        reference: &Reference,
    ) {
        for (index, person) in found.people.iter().enumerate() {
            let person_mentions: Vec<Evidence> = found
                .mentions
                .iter()
                .filter(|m| m.person == index)
                .map(|m| self.evidence((m.head_start, m.end), Rule::PersonMention))
                .collect();
            let rank = (person.rank).map(|(i, s, e)| (reference.ranks[i].iri.clone(), (s, e)));
            let title =
                (person.title).map(|(i, s, e)| (reference.titles[i].pref_label.clone(), (s, e)));
            let name = self.spelt_name(found, index);
            self.facts.people.push(Person {
                name,
                scope: if person.full {
                    Scope::Global
                } else {
                    Scope::Article
                },
                rank: rank.as_ref().map(|(r, _)| r.clone()),
                title: title.as_ref().map(|(t, _)| t.clone()),
                designation: person.designation.clone(),
                officer: person.officer || roles[index].subject,
                former: person.former,
                anchor: anchors[index].clone(),
                mentions: person_mentions,
            });
            if let Some((rank, span)) = rank {
                self.relate(index, Relation::Rank(rank), span, Rule::RankWithName);
            }
            if let Some((title, span)) = title {
                self.relate(index, Relation::Title(title), span, Rule::TitleWithName);
            }
        }
    }

    /// The name as the article spells it (accents kept), where a mention shows it whole.
    fn spelt_name(&self, found: &Entities, index: usize) -> String {
        let person = &found.people[index];
        (found.mentions.iter())
            .filter(|m| m.person == index)
            .find_map(|m| {
                [(m.start, m.end), (m.head_start, m.end)]
                    .into_iter()
                    .find(|&(s, e)| self.clean.get(s..e) == Some(person.name.as_str()))
            })
            .map_or_else(
                || person.name.clone(),
                |(s, e)| self.original.slice(s, e).to_owned(),
            )
    }

    fn add_organisations(&mut self, orgs: &[model::OrgEntity]) {
        for org in orgs {
            let org_mentions = (org.spans.iter())
                .map(|&s| self.evidence(s, Rule::OrganisationMention))
                .collect();
            self.facts.organisations.push(Organisation {
                iri: org.iri.clone(),
                name: org.name.clone(),
                kind: org.kind,
                parent: org.parent.clone(),
                from_reference: org.from_reference,
                mentions: org_mentions,
            });
        }
    }

    fn add_memberships(&mut self, memberships: &[Option<Membership>]) {
        for (person, membership) in memberships.iter().enumerate() {
            if let Some((org, span, rule)) = *membership {
                self.relate(person, Relation::MemberOf(org), span, rule);
            }
        }
    }

    fn add_case_facts(&mut self, case_facts: Vec<(usize, CaseFact, (usize, usize))>) {
        for (person, fact, span) in case_facts {
            let (relation, rule) = match fact {
                CaseFact::InvestigatedBy(o) => (Relation::InvestigatedBy(o), Rule::Investigation),
                CaseFact::ReferredTo(o) => (Relation::ReferredTo(o), Rule::Referral),
                CaseFact::FileSubmittedTo(o) => (Relation::FileSubmittedTo(o), Rule::FileSubmitted),
                CaseFact::Breached(s) => (Relation::BreachedStandard(s), Rule::StandardBreached),
            };
            self.relate(person, relation, span, rule);
        }
    }

    fn add_proceedings(
        &mut self,
        proceedings: Vec<model::FoundProceeding>,
        dates: &[text::DateMention],
    ) {
        for p in proceedings {
            let stated = if p.inferred {
                Rule::ProceedingInferred
            } else {
                Rule::ProceedingStated
            };
            let proceeding = Proceeding {
                subject: p.subject,
                kind: p.kind,
                evidence: self.evidence(p.span, stated),
                date: (p.date)
                    .map(|(d, span)| (dates[d].date, self.evidence(span, Rule::ProceedingDate))),
                chair: (p.chair).map(|(c, span)| (c, self.evidence(span, Rule::ProceedingChair))),
                finding: (p.finding).map(|(f, span)| (f, self.evidence(span, Rule::Finding))),
                outcomes: self.outcome_statements(&p),
                court: (p.court).map(|(c, span)| (c, self.evidence(span, Rule::ProceedingCourt))),
            };
            self.facts.proceedings.push(proceeding);
        }
    }

    /// Each outcome with every statement of it that names the subject (see [`Self::statements`]).
    fn outcome_statements(&mut self, p: &model::FoundProceeding) -> Vec<(Outcome, Evidence)> {
        let mut out = Vec::new();
        for &(outcome, span) in &p.outcomes {
            let said: Vec<(model::Span, Rule)> = std::iter::once(span)
                .chain(
                    p.restated
                        .iter()
                        .filter(|(o, _)| *o == outcome)
                        .map(|&(_, s)| s),
                )
                .map(|s| (s, Rule::Outcome))
                .collect();
            for evidence in self.statements(p.subject, &said) {
                out.push((outcome, evidence));
            }
        }
        out
    }

    fn add_quotations(&mut self, quotes: Vec<affiliations::FoundQuote>) {
        for q in quotes {
            let quotation = Quotation {
                text: self.original.slice(q.span.0, q.span.1).trim().to_owned(),
                speaker: q.speaker.map(|(p, _)| p),
                evidence: self.evidence(q.span, Rule::Quotation),
            };
            self.facts.quotations.push(quotation);
        }
    }

    fn finish(mut self) -> Facts {
        for (person, relation, said) in std::mem::take(&mut self.pending) {
            for evidence in self.statements(person, &said) {
                self.facts.person_facts.push(PersonFact {
                    person,
                    relation: relation.clone(),
                    evidence,
                });
            }
        }
        self.facts
    }
}
