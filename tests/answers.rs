//! Answers that never invent, through the real binary: `--bind` restricts what a query matches
//! and refuses what it computes, formats are written as asked or refused, a query stops at its
//! time limit, and the evidence and dismissal queries give each fact's words and the article's
//! URL and headline, never a path of the machine that ran the ingest.

mod common;

use common::{
    Fallible, TestResult, arg, describe, fail, ingest, one_error_line, quad_count, query_rows, run,
    run_ok, triple_count, view,
};
use oxigraph::io::{RdfFormat, RdfParser};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PREFIXES: &str = "PREFIX pg: <https://w3id.org/policegraph/ontology#>\n\
    PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n\
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n\
    PREFIX org: <http://www.w3.org/ns/org#>\n";

const ASHBY_URL: &str = "https://news.example.org/kent-officer-sacked";
const ASHBY_TITLE: &str = "Kent officer sacked after hearing";

/// A store of two invented articles: a dated dismissal of an officer in a named unit, with a
/// URL, a headline and a quotation (JSON Lines), and an undated dismissal of an officer in no
/// unit (a text file, ingested by its absolute path).
fn two_dismissals(dir: &Path) -> Fallible<PathBuf> {
    let ashby = "PC Tom Ashby of Kent Police was dismissed without notice at a misconduct \
        hearing on 3 March 2022. PC Ashby served in the Roads Policing Unit of Kent Police. \
        \"I let the public down,\" PC Ashby said after the hearing.";
    let line = serde_json::json!({"text": ashby, "url": ASHBY_URL, "title": ASHBY_TITLE});
    let jsonl = dir.join("news.jsonl");
    std::fs::write(&jsonl, format!("{line}\n"))?;
    let brook = dir.join("brook.txt");
    std::fs::write(
        &brook,
        "PC Ned Brook was dismissed without notice at a misconduct hearing.\n",
    )?;
    let brook = std::fs::canonicalize(&brook)?;
    let store = dir.join("store");
    ingest(&store, &[&jsonl, &brook])?;
    Ok(store)
}

/// Runs a query with `--format csv` and some `--bind` arguments.
fn query_bound(store: &Path, query: &str, binds: &[&str]) -> Fallible<std::process::Output> {
    let mut args = vec!["query", "--store", arg(store)?, "--format", "csv", query];
    for bind in binds {
        args.extend(["--bind", bind]);
    }
    run(&args)
}

/// The rows (header included) of a successful `query_bound`.
fn bound_rows(store: &Path, query: &str, binds: &[&str]) -> Fallible<Vec<Vec<String>>> {
    let output = query_bound(store, query, binds)?;
    if !output.status.success() {
        return Err(fail(format!(
            "{query} {binds:?} failed\n{}",
            describe(&output)
        )));
    }
    common::parse_csv(&String::from_utf8(output.stdout)?)
}

#[test]
fn bind_keeps_only_rows_that_match_and_never_labels_a_row_without_a_value() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = two_dismissals(dir.path())?;
    let query = format!(
        "{PREFIXES}SELECT ?officer ?unit WHERE {{ ?p pg:subject ?o . ?o foaf:name ?officer . \
         OPTIONAL {{ ?o org:memberOf/skos:prefLabel ?unit }} }} ORDER BY ?officer ?unit"
    );
    let all = bound_rows(&store, &query, &[])?;
    let units: Vec<&str> = all
        .iter()
        .skip(1)
        .filter(|r| r[0] == "Tom Ashby")
        .map(|r| r[1].as_str())
        .collect();
    assert!(
        all.iter().any(|r| r[0] == "Ned Brook" && r[1].is_empty()),
        "Ned Brook has no unit: {all:?}"
    );
    let unit = units
        .iter()
        .find(|u| u.contains("Roads Policing"))
        .ok_or_else(|| fail(format!("no Roads Policing unit for Tom Ashby: {all:?}")))?;
    // ?unit is OPTIONAL: bound, it must drop Ned Brook, not give him Tom Ashby's unit.
    let kept = bound_rows(&store, &query, &[&format!("unit={unit}")])?;
    assert_eq!(
        kept,
        [vec!["officer", "unit"], vec!["Tom Ashby", unit]],
        "--bind unit={unit}"
    );
    // A variable every row matches is restricted (and answers from the value).
    let brook = bound_rows(&store, &query, &["officer=Ned Brook"])?;
    assert_eq!(brook, [vec!["officer", "unit"], vec!["Ned Brook", ""]]);
    // A query parameter (tested in a FILTER only) still takes its value.
    let timeline = bound_rows(&store, arg(&view("timeline"))?, &["officer=tom ashby"])?;
    assert_eq!(timeline.len(), 2, "{timeline:?}");
    assert_eq!(timeline[1][0], "tom ashby");
    Ok(())
}

#[test]
fn bind_refuses_a_variable_the_query_computes_or_does_not_have() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = two_dismissals(dir.path())?;
    // ?date is BIND(STR(?d) AS ?date): binding it once printed undated dismissals as 2023.
    let output = query_bound(&store, arg(&view("dismissed"))?, &["date=2023"])?;
    one_error_line(
        &output,
        &["dismissed.rq", "--bind date", "?date", "computed"],
    )?;
    assert!(output.stdout.is_empty(), "{}", describe(&output));
    let computed = [
        (
            "SELECT (STR(?n) AS ?name) WHERE { ?o foaf:name ?n }",
            "name",
        ),
        (
            "SELECT ?o (COUNT(?p) AS ?cases) WHERE { ?p pg:subject ?o } GROUP BY ?o",
            "cases",
        ),
        (
            "SELECT ?y WHERE { ?p pg:date ?d } GROUP BY (YEAR(?d) AS ?y)",
            "y",
        ),
    ];
    for (select, variable) in computed {
        let query = format!("{PREFIXES}{select}");
        let output = query_bound(&store, &query, &[&format!("{variable}=1")])?;
        one_error_line(
            &output,
            &["(inline)", &format!("--bind {variable}"), "computed"],
        )?;
    }
    let output = query_bound(&store, arg(&view("dismissed"))?, &["year=2023"])?;
    one_error_line(
        &output,
        &["dismissed.rq", "--bind year", "no variable ?year"],
    )?;
    // A variable of VALUES is matched: binding it keeps the rows with that value.
    let values = format!(
        "{PREFIXES}SELECT ?kind ?officer WHERE {{ VALUES (?kind ?outcome) {{ \
         (\"without notice\" <https://w3id.org/policegraph/id/outcome/dismissal-without-notice>) \
         (\"with notice\" <https://w3id.org/policegraph/id/outcome/dismissal-with-notice>) }} \
         ?p pg:outcome ?outcome ; pg:subject/foaf:name ?officer }} ORDER BY ?officer"
    );
    let rows = bound_rows(&store, &values, &["kind=with notice"])?;
    assert_eq!(rows, [vec!["kind", "officer"]]);
    let rows = bound_rows(&store, &values, &["kind=without notice"])?;
    assert_eq!(rows.len(), 3, "{rows:?}");
    Ok(())
}

#[test]
fn a_query_stops_at_its_time_limit_with_one_error_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = two_dismissals(dir.path())?;
    let help = run_ok(&["query", "--help"])?;
    assert!(help.contains("--timeout <SECONDS>"), "{help}");
    // Every triple of the store (the ontology included) with every other, three times over:
    // streamed as CSV, gathered for a table, and counted before the only row.
    let product = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let counted = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    for (query, format) in [(product, "csv"), (product, "table"), (counted, "csv")] {
        let started = Instant::now();
        let output = run(&[
            "query",
            "--store",
            arg(&store)?,
            "--timeout",
            "1",
            "--format",
            format,
            query,
        ])?;
        let took = started.elapsed();
        one_error_line(
            &output,
            &["query (inline)", "time limit of 1 s", "--timeout"],
        )?;
        assert!(
            took < Duration::from_secs(20),
            "{format}: stopped after {took:?}"
        );
        // What was streamed before the limit is bounded by the limit, not by the product.
        assert!(
            output.stdout.len() < 2_000_000_000,
            "{format}: {} bytes",
            output.stdout.len()
        );
    }
    let output = run(&["query", "--store", arg(&store)?, "--timeout", "0", "ASK {}"])?;
    one_error_line(&output, &["--timeout", "positive number of seconds"])?;
    Ok(())
}

/// Parses RDF in `format`, returning its quads' count.
fn parse_count(text: &[u8], format: RdfFormat) -> Fallible<usize> {
    let mut count = 0;
    for quad in RdfParser::from_format(format).for_slice(text) {
        quad?;
        count += 1;
    }
    Ok(count)
}

#[test]
fn export_writes_json_ld_and_rdf_xml_and_refuses_other_extensions() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = two_dismissals(dir.path())?;
    let jsonld = dir.path().join("graph.jsonld");
    run_ok(&["export", "--store", arg(&store)?, "-o", arg(&jsonld)?])?;
    let text = std::fs::read(&jsonld)?;
    serde_json::from_slice::<serde_json::Value>(&text)?;
    let json_ld = RdfFormat::from_extension("jsonld").ok_or_else(|| fail("no JSON-LD"))?;
    assert_eq!(parse_count(&text, json_ld)?, quad_count(&store)?);
    let rdfxml = dir.path().join("graph.RDF");
    run_ok(&["export", "--store", arg(&store)?, "-o", arg(&rdfxml)?])?;
    let text = std::fs::read(&rdfxml)?;
    assert!(text.starts_with(b"<?xml"), "not RDF/XML");
    assert_eq!(
        parse_count(&text, RdfFormat::RdfXml)?,
        triple_count(&store)?
    );
    let stdout = run_ok(&["export", "--store", arg(&store)?, "--format", "rdfxml"])?;
    assert_eq!(stdout.as_bytes(), text.as_slice());
    for name in ["graph.owl", "graph.json", "graph.n3"] {
        let file = dir.path().join(name);
        let output = run(&["export", "--store", arg(&store)?, "-o", arg(&file)?])?;
        let extension = name.trim_start_matches("graph");
        one_error_line(&output, &[name, extension, ".jsonld", ".rdf", "--format"])?;
        assert!(!file.exists(), "{name} written");
    }
    Ok(())
}

#[test]
fn query_writes_a_graph_in_the_syntax_asked_and_refuses_a_results_format() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = two_dismissals(dir.path())?;
    let construct =
        format!("{PREFIXES}CONSTRUCT {{ ?p foaf:name ?n }} WHERE {{ ?p foaf:name ?n }}");
    for format in ["json", "csv", "table"] {
        let output = run(&[
            "query",
            "--store",
            arg(&store)?,
            "--format",
            format,
            &construct,
        ])?;
        one_error_line(
            &output,
            &[
                "(inline)",
                "CONSTRUCT",
                &format!("--format {format}"),
                "jsonld",
            ],
        )?;
        assert!(output.stdout.is_empty(), "{}", describe(&output));
    }
    let jsonld = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "jsonld",
        &construct,
    ])?;
    let json_ld = RdfFormat::from_extension("jsonld").ok_or_else(|| fail("no JSON-LD"))?;
    assert_eq!(parse_count(jsonld.as_bytes(), json_ld)?, 2, "{jsonld}");
    let ntriples = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "ntriples",
        &construct,
    ])?;
    assert_eq!(ntriples.lines().count(), 2, "{ntriples}");
    let select = format!("{PREFIXES}SELECT ?n WHERE {{ ?p foaf:name ?n }}");
    let output = run(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "turtle",
        &select,
    ])?;
    one_error_line(&output, &["(inline)", "SELECT", "--format turtle", "csv"])?;
    let output = run(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "rdfxml",
        "ASK {}",
    ])?;
    one_error_line(&output, &["(inline)", "ASK", "--format rdfxml"])?;
    let update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }";
    let output = run(&["query", "--store", arg(&store)?, update])?;
    one_error_line(&output, &["(inline)", "updates are not supported"])?;
    Ok(())
}

#[test]
fn evidence_gives_every_fact_about_an_entity_with_its_words_and_article() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = two_dismissals(dir.path())?;
    let evidence_file = view("evidence");
    let evidence = arg(&evidence_file)?;
    // The IRI the store gives Tom Ashby (however it is minted).
    let ashby = query_rows(
        &store,
        &format!("{PREFIXES}SELECT ?e WHERE {{ ?e foaf:name \"Tom Ashby\" }}"),
    )?;
    let [ashby] = ashby.as_slice() else {
        return Err(fail(format!("expected one Tom Ashby: {ashby:?}")));
    };
    let ashby = ashby.first().cloned().unwrap_or_default();
    let rows = bound_rows(&store, evidence, &[&format!("entity=<{ashby}>")])?;
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name);
    let (
        Some(fact),
        Some(words),
        Some(sentence),
        Some(start),
        Some(article),
        Some(headline),
        Some(rule),
    ) = (
        column("fact"),
        column("words"),
        column("sentence"),
        column("start"),
        column("article"),
        column("headline"),
        column("rule"),
    )
    else {
        return Err(fail(format!("columns missing: {header:?}")));
    };
    let facts: Vec<&str> = rows.iter().skip(1).map(|r| r[fact].as_str()).collect();
    for expected in [
        "rank",
        "memberOf",
        "mentioned in",
        "subject",
        "outcome",
        "date",
        "creator",
    ] {
        assert!(
            facts.iter().any(|f| f.contains(expected)),
            "no {expected:?} fact about Tom Ashby: {facts:?}"
        );
    }
    for row in rows.iter().skip(1) {
        assert!(
            !row[words].is_empty() && row[sentence].contains(&row[words]),
            "{row:?}"
        );
        assert!(row[start].parse::<usize>().is_ok(), "{row:?}");
        assert_eq!(row[article], ASHBY_URL, "{row:?}");
        assert_eq!(row[headline], ASHBY_TITLE, "{row:?}");
        assert!(!row[rule].is_empty(), "{row:?}");
    }
    // By name, the same rows; for the unit, the membership that names it.
    let by_name = bound_rows(&store, evidence, &["name=Tom Ashby"])?;
    assert_eq!(by_name, rows);
    let unit = bound_rows(&store, evidence, &["name=Roads Policing Unit"])?;
    assert!(
        unit.iter()
            .skip(1)
            .any(|r| r[fact] == "memberOf" && r[column("subject").unwrap_or(0)] == "Tom Ashby"),
        "{unit:?}"
    );
    Ok(())
}

#[test]
fn dismissals_carry_the_url_and_headline_and_no_path_of_the_ingesting_machine() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = two_dismissals(dir.path())?;
    let rows = bound_rows(&store, arg(&view("dismissed"))?, &[])?;
    assert_eq!(
        rows[0],
        [
            "officer",
            "unit",
            "outcome",
            "proceeding",
            "date",
            "article",
            "headline"
        ]
    );
    let ashby = rows
        .iter()
        .find(|r| r[0] == "Tom Ashby")
        .ok_or_else(|| fail(format!("no Tom Ashby: {rows:?}")))?;
    assert_eq!(
        (ashby[5].as_str(), ashby[6].as_str()),
        (ASHBY_URL, ASHBY_TITLE)
    );
    let brook = rows
        .iter()
        .find(|r| r[0] == "Ned Brook")
        .ok_or_else(|| fail(format!("no Ned Brook: {rows:?}")))?;
    assert_eq!((brook[4].as_str(), brook[5].as_str()), ("", "brook.txt"));
    let locations = query_rows(
        &store,
        &format!("{PREFIXES}SELECT ?l WHERE {{ ?a pg:sourceLocation ?l }} ORDER BY ?l"),
    )?;
    assert_eq!(locations, [["brook.txt"], ["news.jsonl:1"]]);
    Ok(())
}
