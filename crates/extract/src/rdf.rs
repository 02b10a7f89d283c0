//! RDF: turns one article's facts into quads in the article's own named graph, with stable
//! IRIs and provenance (every fact carries an evidence node naming its sentence and span).

use crate::facts::{Evidence, Facts, Relation, Rule, Scope};
use crate::input::Article;
use crate::reference::slug;
use crate::text::Date;
use crate::vocab::{ID, pg, w3c};
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Hex SHA-256 of a string or bytes.
pub fn sha256_hex(data: impl AsRef<[u8]>) -> String {
    let digest = Sha256::digest(data.as_ref());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The IRI of an article, from its identity (URL, file name or `file#line`).
///
/// ```
/// let iri = policegraph_extract::rdf::article_iri("000_fadc9745ab15fcdb.txt");
/// assert!(iri.starts_with("https://w3id.org/policegraph/id/article/"));
/// assert_eq!(iri, policegraph_extract::rdf::article_iri("000_fadc9745ab15fcdb.txt"));
/// ```
pub fn article_iri(identity: &str) -> String {
    format!("{ID}article/{}", &sha256_hex(identity)[..16])
}

/// The named graph that the triples of an RDF file without graphs (Turtle, N-Triples) go into,
/// from the file's content: one source, like an article, so that the views pair its facts with
/// one another and not with other sources' (and loading the same file again adds nothing).
pub fn rdf_file_graph(data: &[u8]) -> String {
    format!("{ID}rdf/{}", &sha256_hex(data)[..16])
}

/// The IRI a person gets. A person named in full is one node across articles where the
/// articles agree on who they are: the same name and the same anchor (police force, body or
/// job title), `id:person/<name>/<anchor's path>`; with no anchor, `id:person/<name>`, which
/// may be any of them (`queries/possibly-same.rq`). Others live inside their article.
///
/// ```
/// use policegraph_extract::{facts::Scope, rdf::person_iri};
/// let kent = Some("https://w3id.org/policegraph/id/org/kent-police");
/// assert_eq!(
///     person_iri("a", "John Smith", Scope::Global, kent),
///     "https://w3id.org/policegraph/id/person/john-smith/org/kent-police"
/// );
/// assert_eq!(
///     person_iri("a", "John Smith", Scope::Global, None),
///     "https://w3id.org/policegraph/id/person/john-smith"
/// );
/// ```
pub fn person_iri(article: &str, name: &str, scope: Scope, anchor: Option<&str>) -> String {
    match (scope, anchor.and_then(|a| a.strip_prefix(ID))) {
        (Scope::Global, Some(path)) => format!("{ID}person/{}/{path}", slug(name)),
        (Scope::Global, None) => format!("{ID}person/{}", slug(name)),
        (Scope::Article, _) => format!("{article}/person/{}", slug(name)),
    }
}

/// The IRI of an extraction rule, `id:rule/<slug>`, declared in the ontology.
pub fn rule_iri(rule: Rule) -> String {
    format!("{ID}rule/{}", rule.slug())
}

fn node(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// Collects an article's quads.
struct Writer {
    graph: GraphName,
    /// Where `add` writes: the article's graph, or the default graph for shared descriptions.
    target: GraphName,
    article: String,
    quads: Vec<Quad>,
    /// How many evidence nodes each fact has so far (by its key, see [`Writer::fact`]).
    evidence_seen: HashMap<String, usize>,
}

impl Writer {
    fn add(&mut self, s: &str, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(node(s)),
            node(p),
            o.into(),
            self.target.clone(),
        ));
    }

    /// Writes what follows into the default graph (descriptions shared by every article that
    /// names the entity, stored once), or back into the article's graph.
    fn shared(&mut self, shared: bool) {
        self.target = if shared {
            GraphName::DefaultGraph
        } else {
            self.graph.clone()
        };
    }

    fn iri(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, node(o));
    }

    fn text(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, Literal::new_simple_literal(o));
    }

    fn integer(&mut self, s: &str, p: &str, o: usize) {
        self.add(
            s,
            p,
            Literal::new_typed_literal(o.to_string(), node(w3c::XSD_INTEGER)),
        );
    }

    fn sentence_iri(&self, index: usize) -> String {
        format!("{}/sentence/{}", self.article, index + 1)
    }

    /// A fact and the evidence node that says where it was read. The node is named after what
    /// it is evidence of (the fact and the rule, and which time in the article the rule read
    /// it), not after its place in the output, so that a version of the article with a
    /// sentence added or taken out gives the others' evidence the same names, and replacing
    /// an updated story in the store changes only what changed.
    fn fact(&mut self, s: &str, p: &str, o: Term, evidence: Evidence, facts: &Facts) {
        self.add(s, p, o.clone());
        let key = sha256_hex(format!("{s} {p} {o} {}", evidence.rule.slug()));
        let seen = self.evidence_seen.entry(key[..16].to_owned()).or_default();
        *seen += 1;
        let e = format!("{}/evidence/{}-{seen}", self.article, &key[..16]);
        self.iri(&e, w3c::RDF_TYPE, pg::EVIDENCE);
        self.iri(&e, w3c::RDF_SUBJECT, s);
        self.iri(&e, w3c::RDF_PREDICATE, p);
        self.add(&e, w3c::RDF_OBJECT, o);
        let sentence = self.sentence_iri(evidence.sentence);
        self.iri(&e, pg::IN_SENTENCE, &sentence);
        self.integer(&e, pg::START_CHAR, evidence.start_char);
        self.integer(&e, pg::END_CHAR, evidence.end_char);
        self.iri(&e, pg::RULE, &rule_iri(evidence.rule));
        if let Some(record) = facts.sentences.get(evidence.sentence) {
            let from = evidence.start_char.saturating_sub(record.start_char);
            let to = evidence.end_char.saturating_sub(record.start_char);
            let words: String = record
                .text
                .chars()
                .skip(from)
                .take(to.saturating_sub(from))
                .collect();
            self.text(&e, pg::QUOTED_TEXT, &words);
        }
    }
}

fn date_literal(date: Date) -> Literal {
    let datatype = match date {
        Date::Full { .. } => w3c::XSD_DATE,
        Date::MonthDay { .. } => w3c::XSD_G_MONTH_DAY,
    };
    Literal::new_typed_literal(date.to_string(), node(datatype))
}

/// Where an article was read from, as the store keeps it: an absolute path keeps only its file
/// name (with `:line` for a JSON Lines line), so that the store records no folder of the
/// machine that ran the ingest; a relative path, and `-` for stdin, stay as given.
fn recorded_location(location: &str) -> &str {
    let path = std::path::Path::new(location);
    if !path.is_absolute() {
        return location;
    }
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(location)
}

/// The quads of one article: the article itself, its evidence sentences, people,
/// organisations, person facts, proceedings and quotations, all in the article's graph.
pub fn article_quads(article: &Article, facts: &Facts) -> Vec<Quad> {
    let iri = article_iri(&article.identity);
    let graph = GraphName::NamedNode(node(&iri));
    let mut w = Writer {
        target: graph.clone(),
        graph,
        article: iri.clone(),
        quads: Vec::new(),
        evidence_seen: HashMap::new(),
    };
    w.article(article);
    w.sentences(facts);
    let people: Vec<String> = facts
        .people
        .iter()
        .map(|p| person_iri(&iri, &p.name, p.scope, p.anchor.as_deref()))
        .collect();
    w.people(&people, facts);
    w.organisations(facts);
    w.person_facts(&people, facts);
    w.proceedings(&people, facts);
    w.quotations(&people, facts);
    w.quads
}

impl Writer {
    /// The article: its types, content hash, where it was read from, what it says of itself and
    /// its text.
    fn article(&mut self, article: &Article) {
        let iri = self.article.clone();
        self.iri(&iri, w3c::RDF_TYPE, w3c::SCHEMA_NEWS_ARTICLE);
        self.iri(&iri, w3c::RDF_TYPE, w3c::PROV_ENTITY);
        self.text(&iri, pg::CONTENT_HASH, &sha256_hex(&article.text));
        self.text(
            &iri,
            pg::SOURCE_LOCATION,
            recorded_location(&article.location),
        );
        let described = [
            (w3c::SCHEMA_URL, &article.url),
            (w3c::SCHEMA_HEADLINE, &article.title),
            (w3c::SCHEMA_DATE_PUBLISHED, &article.published),
            (w3c::SCHEMA_PUBLISHER, &article.publisher),
        ];
        for (property, value) in described {
            if let Some(value) = value {
                self.text(&iri, property, value);
            }
        }
        // The text the evidence spans count characters in, so that a span can always be shown.
        self.text(&iri, w3c::SCHEMA_ARTICLE_BODY, &article.text);
    }

    /// The sentences some fact rests on, with their text and span.
    fn sentences(&mut self, facts: &Facts) {
        for (index, sentence) in facts.sentences.iter().enumerate() {
            let s = self.sentence_iri(index);
            let article = self.article.clone();
            self.iri(&s, w3c::RDF_TYPE, pg::SENTENCE);
            self.iri(&s, pg::IN_ARTICLE, &article);
            self.integer(&s, pg::START_CHAR, sentence.start_char);
            self.integer(&s, pg::END_CHAR, sentence.end_char);
            self.text(&s, w3c::SCHEMA_TEXT, &sentence.text);
        }
    }

    fn people(&mut self, people: &[String], facts: &Facts) {
        let article = node(&self.article);
        for (person, p) in people.iter().zip(&facts.people) {
            // A person named in full is described once for every article that names them.
            self.shared(p.scope == Scope::Global);
            self.iri(person, w3c::RDF_TYPE, w3c::FOAF_PERSON);
            if p.officer {
                self.iri(person, w3c::RDF_TYPE, pg::POLICE_OFFICER);
            }
            self.text(person, w3c::FOAF_NAME, &p.name);
            if let Some(anchor) = p.anchor.as_deref().filter(|_| p.scope == Scope::Global) {
                self.iri(person, pg::IDENTIFIED_BY, anchor);
            }
            if let Some(d) = &p.designation {
                self.text(person, pg::DESIGNATION, d);
            }
            if p.former {
                let yes = Literal::new_typed_literal("true", node(w3c::XSD_BOOLEAN));
                self.add(person, pg::FORMER, yes);
            }
            self.shared(false);
            if let Some(first) = p.mentions.first() {
                self.fact(
                    person,
                    pg::MENTIONED_IN,
                    article.clone().into(),
                    *first,
                    facts,
                );
            }
        }
    }

    fn organisations(&mut self, facts: &Facts) {
        let article = node(&self.article);
        for org in &facts.organisations {
            if !org.from_reference {
                // Courts and units found by pattern are described once, like reference ones.
                self.shared(true);
                self.iri(&org.iri, w3c::RDF_TYPE, w3c::ORG_ORGANIZATION);
                self.text(&org.iri, w3c::SKOS_PREF_LABEL, &org.name);
                self.iri(&org.iri, pg::ORGANISATION_KIND_PROP, &org.kind.iri());
                if let Some(parent) = &org.parent {
                    self.iri(&org.iri, w3c::ORG_SUB_ORGANIZATION_OF, parent);
                }
                self.shared(false);
            }
            if let Some(first) = org.mentions.first() {
                self.fact(
                    &org.iri,
                    pg::MENTIONED_IN,
                    article.clone().into(),
                    *first,
                    facts,
                );
            }
        }
    }

    fn person_facts(&mut self, people: &[String], facts: &Facts) {
        for f in &facts.person_facts {
            let person = &people[f.person];
            let org = |i: &usize| Term::from(node(&facts.organisations[*i].iri));
            let (predicate, object): (&str, Term) = match &f.relation {
                Relation::Rank(rank) => (pg::RANK_PROP, node(rank).into()),
                Relation::Title(title) => {
                    (pg::ROLE_TITLE, Literal::new_simple_literal(title).into())
                }
                Relation::MemberOf(o) => (w3c::ORG_MEMBER_OF, org(o)),
                Relation::InvestigatedBy(o) => (pg::INVESTIGATED_BY, org(o)),
                Relation::ReferredTo(o) => (pg::REFERRED_TO, org(o)),
                Relation::FileSubmittedTo(o) => (pg::FILE_SUBMITTED_TO, org(o)),
                Relation::BreachedStandard(s) => (pg::BREACHED_STANDARD, node(&s.iri()).into()),
            };
            self.fact(person, predicate, object, f.evidence, facts);
        }
    }

    fn proceedings(&mut self, people: &[String], facts: &Facts) {
        for (index, p) in facts.proceedings.iter().enumerate() {
            let s = format!("{}/proceeding/{}", self.article, index + 1);
            let article = self.article.clone();
            self.iri(&s, w3c::RDF_TYPE, pg::PROCEEDING);
            self.iri(&s, w3c::PROV_WAS_DERIVED_FROM, &article);
            let subject = node(&people[p.subject]).into();
            self.fact(&s, pg::SUBJECT, subject, p.evidence, facts);
            let kind = node(&p.kind.iri()).into();
            self.fact(&s, pg::PROCEEDING_KIND_PROP, kind, p.evidence, facts);
            if let Some((date, e)) = p.date {
                self.fact(&s, pg::DATE, date_literal(date).into(), e, facts);
            }
            if let Some((chair, e)) = p.chair {
                self.fact(&s, pg::CHAIR, node(&people[chair]).into(), e, facts);
            }
            if let Some((finding, e)) = &p.finding {
                self.fact(&s, pg::FINDING_PROP, node(&finding.iri()).into(), *e, facts);
            }
            for (outcome, e) in &p.outcomes {
                self.fact(&s, pg::OUTCOME_PROP, node(&outcome.iri()).into(), *e, facts);
            }
            if let Some((court, e)) = p.court {
                let court = node(&facts.organisations[court].iri).into();
                self.fact(&s, pg::COURT, court, e, facts);
            }
        }
    }

    fn quotations(&mut self, people: &[String], facts: &Facts) {
        for (index, q) in facts.quotations.iter().enumerate() {
            let s = format!("{}/quotation/{}", self.article, index + 1);
            let article = self.article.clone();
            self.iri(&s, w3c::RDF_TYPE, w3c::SCHEMA_QUOTATION);
            self.iri(&s, w3c::SCHEMA_IS_PART_OF, &article);
            self.text(&s, w3c::SCHEMA_TEXT, &q.text);
            if let Some(speaker) = q.speaker {
                let speaker = node(&people[speaker]).into();
                self.fact(&s, w3c::SCHEMA_CREATOR, speaker, q.evidence, facts);
            }
        }
    }
}
