//! RDF: turns one article's facts into quads in the article's own named graph, with stable
//! IRIs and provenance (every fact carries an evidence node naming its sentence and span).

use crate::facts::{Evidence, Facts, Relation, Rule, Scope};
use crate::input::Article;
use crate::reference::slug;
use crate::text::Date;
use crate::vocab::{ID, pg, w3c};
use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

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

/// The IRI a person gets: global for full names, inside the article otherwise.
pub fn person_iri(article: &str, name: &str, scope: Scope) -> String {
    match scope {
        Scope::Global => format!("{ID}person/{}", slug(name)),
        Scope::Article => format!("{article}/person/{}", slug(name)),
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
    evidence_count: usize,
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

    /// A fact and the evidence node that says where it was read.
    fn fact(&mut self, s: &str, p: &str, o: Term, evidence: Evidence, facts: &Facts) {
        self.add(s, p, o.clone());
        self.evidence_count += 1;
        let e = format!("{}/evidence/{}", self.article, self.evidence_count);
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
        evidence_count: 0,
    };
    w.iri(&iri, w3c::RDF_TYPE, w3c::SCHEMA_NEWS_ARTICLE);
    w.iri(&iri, w3c::RDF_TYPE, w3c::PROV_ENTITY);
    w.text(&iri, pg::CONTENT_HASH, &sha256_hex(&article.text));
    w.text(
        &iri,
        pg::SOURCE_LOCATION,
        recorded_location(&article.location),
    );
    if let Some(url) = &article.url {
        w.text(&iri, w3c::SCHEMA_URL, url);
    }
    if let Some(title) = &article.title {
        w.text(&iri, w3c::SCHEMA_HEADLINE, title);
    }
    if let Some(published) = &article.published {
        w.text(&iri, w3c::SCHEMA_DATE_PUBLISHED, published);
    }
    if let Some(publisher) = &article.publisher {
        w.text(&iri, w3c::SCHEMA_PUBLISHER, publisher);
    }
    for (index, sentence) in facts.sentences.iter().enumerate() {
        let s = w.sentence_iri(index);
        w.iri(&s, w3c::RDF_TYPE, pg::SENTENCE);
        w.iri(&s, pg::IN_ARTICLE, &iri);
        w.integer(&s, pg::START_CHAR, sentence.start_char);
        w.integer(&s, pg::END_CHAR, sentence.end_char);
        w.text(&s, w3c::SCHEMA_TEXT, &sentence.text);
    }
    let people: Vec<String> = facts
        .people
        .iter()
        .map(|p| person_iri(&iri, &p.name, p.scope))
        .collect();
    for (person, p) in people.iter().zip(&facts.people) {
        // A person named in full is described once for every article that names them.
        w.shared(p.scope == Scope::Global);
        w.iri(person, w3c::RDF_TYPE, w3c::FOAF_PERSON);
        if p.officer {
            w.iri(person, w3c::RDF_TYPE, pg::POLICE_OFFICER);
        }
        w.text(person, w3c::FOAF_NAME, &p.name);
        if let Some(d) = &p.designation {
            w.text(person, pg::DESIGNATION, d);
        }
        if p.former {
            w.add(
                person,
                pg::FORMER,
                Literal::new_typed_literal("true", node(w3c::XSD_BOOLEAN)),
            );
        }
        w.shared(false);
        if let Some(first) = p.mentions.first() {
            w.fact(person, pg::MENTIONED_IN, node(&iri).into(), *first, facts);
        }
    }
    for org in &facts.organisations {
        if !org.from_reference {
            // Courts and units found by pattern are described once, like reference ones.
            w.shared(true);
            w.iri(&org.iri, w3c::RDF_TYPE, w3c::ORG_ORGANIZATION);
            w.text(&org.iri, w3c::SKOS_PREF_LABEL, &org.name);
            w.iri(&org.iri, pg::ORGANISATION_KIND_PROP, &org.kind);
            if let Some(parent) = &org.parent {
                w.iri(&org.iri, w3c::ORG_SUB_ORGANIZATION_OF, parent);
            }
            w.shared(false);
        }
        if let Some(first) = org.mentions.first() {
            w.fact(&org.iri, pg::MENTIONED_IN, node(&iri).into(), *first, facts);
        }
    }
    for f in &facts.person_facts {
        let person = &people[f.person];
        let org = |i: &usize| Term::from(node(&facts.organisations[*i].iri));
        let (predicate, object): (&str, Term) = match &f.relation {
            Relation::Rank(rank) => (pg::RANK_PROP, node(rank).into()),
            Relation::Title(title) => (pg::ROLE_TITLE, Literal::new_simple_literal(title).into()),
            Relation::MemberOf(o) => (w3c::ORG_MEMBER_OF, org(o)),
            Relation::InvestigatedBy(o) => (pg::INVESTIGATED_BY, org(o)),
            Relation::ReferredTo(o) => (pg::REFERRED_TO, org(o)),
            Relation::FileSubmittedTo(o) => (pg::FILE_SUBMITTED_TO, org(o)),
            Relation::BreachedStandard(s) => (pg::BREACHED_STANDARD, node(s).into()),
        };
        w.fact(person, predicate, object, f.evidence, facts);
    }
    for (index, p) in facts.proceedings.iter().enumerate() {
        let s = format!("{iri}/proceeding/{}", index + 1);
        w.iri(&s, w3c::RDF_TYPE, pg::PROCEEDING);
        w.iri(&s, w3c::PROV_WAS_DERIVED_FROM, &iri);
        w.fact(
            &s,
            pg::SUBJECT,
            node(&people[p.subject]).into(),
            p.evidence,
            facts,
        );
        w.fact(
            &s,
            pg::PROCEEDING_KIND_PROP,
            node(&p.kind).into(),
            p.evidence,
            facts,
        );
        if let Some((date, e)) = p.date {
            w.fact(&s, pg::DATE, date_literal(date).into(), e, facts);
        }
        if let Some((chair, e)) = p.chair {
            w.fact(&s, pg::CHAIR, node(&people[chair]).into(), e, facts);
        }
        if let Some((finding, e)) = &p.finding {
            w.fact(&s, pg::FINDING_PROP, node(finding).into(), *e, facts);
        }
        for (outcome, e) in &p.outcomes {
            w.fact(&s, pg::OUTCOME_PROP, node(outcome).into(), *e, facts);
        }
        if let Some((court, e)) = p.court {
            w.fact(
                &s,
                pg::COURT,
                node(&facts.organisations[court].iri).into(),
                e,
                facts,
            );
        }
    }
    for (index, q) in facts.quotations.iter().enumerate() {
        let s = format!("{iri}/quotation/{}", index + 1);
        w.iri(&s, w3c::RDF_TYPE, w3c::SCHEMA_QUOTATION);
        w.iri(&s, w3c::SCHEMA_IS_PART_OF, &iri);
        w.text(&s, w3c::SCHEMA_TEXT, &q.text);
        if let Some(speaker) = q.speaker {
            w.fact(
                &s,
                w3c::SCHEMA_CREATOR,
                node(&people[speaker]).into(),
                q.evidence,
                facts,
            );
        }
    }
    w.quads
}
