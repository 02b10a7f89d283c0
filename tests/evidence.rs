//! Evidence a reader can use, through the binary: a fact stated twice has both statements as
//! evidence, and a headline that names no one is not evidence where a sentence names the
//! subject.

mod common;

use common::{TestResult, ingest, query_rows};

const PREFIXES: &str = "PREFIX pg: <https://w3id.org/policegraph/ontology#>\n\
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n\
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";

#[test]
fn each_statement_naming_the_subject_is_evidence_and_a_nameless_headline_is_not() -> TestResult {
    let dir = tempfile::tempdir()?;
    let article = dir.path().join("article.txt");
    std::fs::write(
        &article,
        "Officer sacked after lies\n\n\
         PC Jane Doe of Kent Police was dismissed without notice at a misconduct hearing on \
         3 March 2022.\n\n\
         The hearing heard that she had lied to colleagues about a crash.\n\n\
         The panel found gross misconduct and she was dismissed without notice.\n",
    )?;
    let store = dir.path().join("store");
    ingest(&store, &[&article])?;
    let words = query_rows(
        &store,
        &format!(
            "{PREFIXES}SELECT ?words WHERE {{ ?e rdf:predicate pg:outcome ; \
             rdf:object/skos:prefLabel \"dismissal without notice\" ; pg:quotedText ?words }} \
             ORDER BY ?words"
        ),
    )?;
    let words: Vec<&str> = words.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(words.len(), 2, "{words:?}");
    assert!(words.iter().all(|w| w.contains("dismissed")), "{words:?}");
    assert!(!words.iter().any(|w| w.contains("sacked")), "{words:?}");
    Ok(())
}
