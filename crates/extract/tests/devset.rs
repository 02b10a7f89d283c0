//! Extraction quality on the dev set and the real articles, in-process: each article goes through
//! the extractor and the RDF layer into an in-memory Oxigraph store (no RocksDB), the shipped
//! views in `queries/` are asked as CSV, and the shared scorer's port
//! (`tests/common/scorer.rs`) scores them against the same floors as the top crate's dev-set
//! test, which does the same through the real binary. This is the fast loop for extraction work:
//! `cargo test --release -p policegraph-extract --test devset -- --nocapture`.

#[path = "../../../tests/common/mod.rs"]
mod common;

use common::scorer::{self, Set, VIEWS};
use common::{Fallible, TestResult, fail};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::NamedNode;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use policegraph_extract::extract::Extractor;
use policegraph_extract::input::{self, Item};
use policegraph_extract::reference::{ONTOLOGY_TTL, REFERENCE_TTL};
use policegraph_extract::{rdf, vocab};
use std::path::Path;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Result<Extractor, String>> =
    LazyLock::new(|| Extractor::new().map_err(|e| e.to_string()));

/// A store holding the ontology and reference data in their graph, as `policegraph ingest`
/// makes one.
fn reference_store() -> Fallible<Store> {
    let store = Store::new()?;
    let graph = NamedNode::new(vocab::ONTOLOGY_GRAPH)?;
    for turtle in [ONTOLOGY_TTL, REFERENCE_TTL] {
        let parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph.clone());
        store.load_from_slice(parser, turtle)?;
    }
    Ok(store)
}

/// One view over the union of the store's graphs, as CSV.
fn view_csv(store: &Store, view: &str) -> Fallible<String> {
    let sparql = std::fs::read_to_string(common::view(view))?;
    let mut prepared = SparqlEvaluator::new().parse_query(&sparql)?;
    prepared.dataset_mut().set_default_graph_as_union();
    let QueryResults::Solutions(solutions) = prepared.on_store(store).execute()? else {
        return Err(fail(format!("{view}.rq does not select rows")));
    };
    let variables = solutions.variables().to_vec();
    let mut writer = QueryResultsSerializer::from_format(QueryResultsFormat::Csv)
        .serialize_solutions_to_writer(Vec::new(), variables)?;
    for solution in solutions {
        writer.serialize(&solution?)?;
    }
    Ok(String::from_utf8(writer.finish()?)?)
}

/// Extracts one article file into a fresh in-memory store and answers each view as CSV.
fn in_process_csv(path: &Path) -> Fallible<Vec<Fallible<String>>> {
    let extractor = EXTRACTOR.as_ref().map_err(|e| fail(e.clone()))?;
    let (sources, errors) = input::discover(&[path.to_path_buf()]);
    if let Some(e) = errors.into_iter().next() {
        return Err(fail(e.to_string()));
    }
    let store = reference_store()?;
    for source in &sources {
        for item in input::read(source) {
            let Item::Article(article) = item? else {
                return Err(fail(format!("{}: not an article", path.display())));
            };
            let facts = extractor.extract(&article);
            store.extend(rdf::article_quads(&article, &facts))?;
        }
    }
    Ok(VIEWS
        .iter()
        .map(|(view, _)| view_csv(&store, view))
        .collect())
}

fn check(set: Set) -> Fallible<(String, TestResult)> {
    scorer::check(set, &in_process_csv)
}

#[test]
fn tune_split_scores_above_floors() -> TestResult {
    let (shown, verdict) = check(scorer::TUNE)?;
    println!("{shown}");
    verdict
}

#[test]
fn heldout_split_scores_above_floors() -> TestResult {
    let (shown, verdict) = check(scorer::HELDOUT)?;
    println!("{shown}");
    verdict
}

#[test]
fn real_articles_score_above_floors() -> TestResult {
    let (shown, verdict) = check(scorer::REAL)?;
    println!("{shown}");
    verdict
}
