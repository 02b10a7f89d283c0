//! Every IRI policegraph writes, once, as constants: the project's own ontology (`pg:`), the
//! identifiers of the things it describes (`id:`), and the W3C and schema.org terms it reuses.
//!
//! A test (`tests/ontology.rs`) checks that every `pg:` constant here is declared in
//! `ontology/policegraph.ttl`.

/// The project ontology: classes and properties.
pub const PG: &str = "https://w3id.org/policegraph/ontology#";
/// Identifiers of individuals: organisations, named people, reference concepts, articles.
pub const ID: &str = "https://w3id.org/policegraph/id/";
/// The named graph holding the ontology and reference data.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/policegraph/graph/ontology";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const SCHEMA: &str = "https://schema.org/";

/// Prefixes used when serialising Turtle and TriG, and declared by the queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("pg", PG),
    ("id", ID),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("org", ORG),
    ("prov", PROV),
    ("foaf", FOAF),
    ("schema", SCHEMA),
];

/// Builds a full IRI from a namespace and a local name at compile time.
macro_rules! iri {
    ($ns:literal, $local:literal) => {
        concat!($ns, $local)
    };
}

/// Classes and properties of the project ontology.
pub mod pg {
    // Classes.
    pub const POLICE_OFFICER: &str =
        iri!("https://w3id.org/policegraph/ontology#", "PoliceOfficer");
    pub const PROCEEDING: &str = iri!("https://w3id.org/policegraph/ontology#", "Proceeding");
    pub const EVIDENCE: &str = iri!("https://w3id.org/policegraph/ontology#", "Evidence");
    pub const EXTRACTION_RULE: &str =
        iri!("https://w3id.org/policegraph/ontology#", "ExtractionRule");
    pub const SENTENCE: &str = iri!("https://w3id.org/policegraph/ontology#", "Sentence");
    pub const RANK: &str = iri!("https://w3id.org/policegraph/ontology#", "Rank");
    pub const TITLE: &str = iri!("https://w3id.org/policegraph/ontology#", "Title");
    pub const POLICE_STAFF_TITLE: &str =
        iri!("https://w3id.org/policegraph/ontology#", "PoliceStaffTitle");
    pub const PROCEEDING_KIND: &str =
        iri!("https://w3id.org/policegraph/ontology#", "ProceedingKind");
    pub const FINDING: &str = iri!("https://w3id.org/policegraph/ontology#", "Finding");
    pub const OUTCOME: &str = iri!("https://w3id.org/policegraph/ontology#", "Outcome");
    pub const STANDARD: &str = iri!("https://w3id.org/policegraph/ontology#", "Standard");
    pub const ORGANISATION_KIND: &str =
        iri!("https://w3id.org/policegraph/ontology#", "OrganisationKind");

    // People.
    /// Person -> rank concept (`pg:Rank`).
    pub const RANK_PROP: &str = iri!("https://w3id.org/policegraph/ontology#", "rank");
    /// Person -> job title as written, for people without a police rank ("Regional Director").
    pub const ROLE_TITLE: &str = iri!("https://w3id.org/policegraph/ontology#", "roleTitle");
    /// Person -> "Officer A": an anonymised designation, meaningful inside one article only.
    pub const DESIGNATION: &str = iri!("https://w3id.org/policegraph/ontology#", "designation");
    /// Person -> true when the article says they have resigned, retired or left.
    pub const FORMER: &str = iri!("https://w3id.org/policegraph/ontology#", "formerOfficer");

    // Organisations.
    /// Organisation -> organisation-kind concept.
    pub const ORGANISATION_KIND_PROP: &str =
        iri!("https://w3id.org/policegraph/ontology#", "organisationKind");

    // Proceedings.
    /// Proceeding -> the person the proceeding is against.
    pub const SUBJECT: &str = iri!("https://w3id.org/policegraph/ontology#", "subject");
    /// Proceeding -> proceeding-kind concept.
    pub const PROCEEDING_KIND_PROP: &str =
        iri!("https://w3id.org/policegraph/ontology#", "proceedingKind");
    /// Proceeding -> xsd:date, or xsd:gMonthDay where the article gives no year.
    pub const DATE: &str = iri!("https://w3id.org/policegraph/ontology#", "date");
    /// Proceeding -> the person who chaired or decided it.
    pub const CHAIR: &str = iri!("https://w3id.org/policegraph/ontology#", "chair");
    /// Proceeding -> finding concept.
    pub const FINDING_PROP: &str = iri!("https://w3id.org/policegraph/ontology#", "finding");
    /// Proceeding -> outcome concept.
    pub const OUTCOME_PROP: &str = iri!("https://w3id.org/policegraph/ontology#", "outcome");
    /// Proceeding -> the court it was heard in.
    pub const COURT: &str = iri!("https://w3id.org/policegraph/ontology#", "court");

    // Investigations and standards (about the person the case concerns).
    /// Person -> body that investigated them.
    pub const INVESTIGATED_BY: &str =
        iri!("https://w3id.org/policegraph/ontology#", "investigatedBy");
    /// Person -> body their case was referred to.
    pub const REFERRED_TO: &str = iri!("https://w3id.org/policegraph/ontology#", "referredTo");
    /// Person -> body a file on their case was submitted to.
    pub const FILE_SUBMITTED_TO: &str =
        iri!("https://w3id.org/policegraph/ontology#", "fileSubmittedTo");
    /// Person -> standard concept found breached.
    pub const BREACHED_STANDARD: &str =
        iri!("https://w3id.org/policegraph/ontology#", "breachedStandard");

    // Articles, sentences and evidence.
    /// Entity -> article that mentions it.
    pub const MENTIONED_IN: &str = iri!("https://w3id.org/policegraph/ontology#", "mentionedIn");
    /// Article -> SHA-256 of its text, to skip unchanged articles on re-ingest.
    pub const CONTENT_HASH: &str = iri!("https://w3id.org/policegraph/ontology#", "contentHash");
    /// Article -> where it was read from (file name, `file#line`, or `-`).
    pub const SOURCE_LOCATION: &str =
        iri!("https://w3id.org/policegraph/ontology#", "sourceLocation");
    /// Sentence or evidence -> article it belongs to.
    pub const IN_ARTICLE: &str = iri!("https://w3id.org/policegraph/ontology#", "inArticle");
    /// Evidence -> sentence it was read from.
    pub const IN_SENTENCE: &str = iri!("https://w3id.org/policegraph/ontology#", "inSentence");
    /// Sentence -> its position in the article, from 1.
    pub const SENTENCE_INDEX: &str =
        iri!("https://w3id.org/policegraph/ontology#", "sentenceIndex");
    /// Sentence or evidence -> first character (Unicode scalar offset into the article text).
    pub const START_CHAR: &str = iri!("https://w3id.org/policegraph/ontology#", "startChar");
    /// Sentence or evidence -> one past the last character.
    pub const END_CHAR: &str = iri!("https://w3id.org/policegraph/ontology#", "endChar");
    /// Evidence -> the words of the article it rests on.
    pub const QUOTED_TEXT: &str = iri!("https://w3id.org/policegraph/ontology#", "quotedText");
    /// Evidence -> the extraction rule that stated the fact.
    pub const RULE: &str = iri!("https://w3id.org/policegraph/ontology#", "rule");

    // Reference data.
    /// Rank -> order of seniority, 1 for Police Constable.
    pub const IDENTIFIED_BY: &str = iri!("https://w3id.org/policegraph/ontology#", "identifiedBy");
    pub const POSSIBLY_SAME_AS: &str =
        iri!("https://w3id.org/policegraph/ontology#", "possiblySameAs");
    pub const DECIDED_SAME_AS: &str =
        iri!("https://w3id.org/policegraph/ontology#", "decidedSameAs");
    pub const DECIDED_DIFFERENT_FROM: &str = iri!(
        "https://w3id.org/policegraph/ontology#",
        "decidedDifferentFrom"
    );
    pub const SENIORITY: &str = iri!("https://w3id.org/policegraph/ontology#", "seniority");
    /// Concept or organisation -> a spelling that is matched case-sensitively only (acronyms,
    /// short forms such as "Met" that are also English words).
    pub const CASE_SENSITIVE_LABEL: &str = iri!(
        "https://w3id.org/policegraph/ontology#",
        "caseSensitiveLabel"
    );
}

/// Terms from W3C and schema.org vocabularies.
pub mod w3c {
    pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    pub const RDF_STATEMENT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";
    pub const RDF_SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
    pub const RDF_PREDICATE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
    pub const RDF_OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
    pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
    pub const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
    pub const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
    pub const XSD_G_MONTH_DAY: &str = "http://www.w3.org/2001/XMLSchema#gMonthDay";
    pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
    pub const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
    pub const SKOS_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#Concept";
    pub const SKOS_CONCEPT_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#ConceptScheme";
    pub const SKOS_IN_SCHEME: &str = "http://www.w3.org/2004/02/skos/core#inScheme";
    pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
    pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
    pub const SKOS_HIDDEN_LABEL: &str = "http://www.w3.org/2004/02/skos/core#hiddenLabel";
    pub const ORG_ORGANIZATION: &str = "http://www.w3.org/ns/org#Organization";
    pub const ORG_ORGANIZATIONAL_UNIT: &str = "http://www.w3.org/ns/org#OrganizationalUnit";
    pub const ORG_SUB_ORGANIZATION_OF: &str = "http://www.w3.org/ns/org#subOrganizationOf";
    pub const ORG_MEMBER_OF: &str = "http://www.w3.org/ns/org#memberOf";
    pub const PROV_ENTITY: &str = "http://www.w3.org/ns/prov#Entity";
    pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
    pub const FOAF_PERSON: &str = "http://xmlns.com/foaf/0.1/Person";
    pub const FOAF_NAME: &str = "http://xmlns.com/foaf/0.1/name";
    pub const SCHEMA_NEWS_ARTICLE: &str = "https://schema.org/NewsArticle";
    pub const SCHEMA_QUOTATION: &str = "https://schema.org/Quotation";
    pub const SCHEMA_TEXT: &str = "https://schema.org/text";
    pub const SCHEMA_CREATOR: &str = "https://schema.org/creator";
    pub const SCHEMA_IS_PART_OF: &str = "https://schema.org/isPartOf";
    pub const SCHEMA_URL: &str = "https://schema.org/url";
    pub const SCHEMA_HEADLINE: &str = "https://schema.org/headline";
    pub const SCHEMA_DATE_PUBLISHED: &str = "https://schema.org/datePublished";
    pub const SCHEMA_PUBLISHER: &str = "https://schema.org/publisher";
    /// The article's text as read (a page's: the text taken from it), which evidence offsets
    /// (`pg:startChar`, `pg:endChar`) count characters in.
    pub const SCHEMA_ARTICLE_BODY: &str = "https://schema.org/articleBody";
}

/// Identifier paths under [`ID`] for reference concepts, one per SKOS scheme.
pub mod scheme {
    pub const RANK: &str = "rank";
    pub const TITLE: &str = "title";
    pub const PROCEEDING_KIND: &str = "proceeding-kind";
    pub const FINDING: &str = "finding";
    pub const OUTCOME: &str = "outcome";
    pub const STANDARD: &str = "standard";
    pub const ORGANISATION_KIND: &str = "organisation-kind";
    pub const ORGANISATION: &str = "org";
}
