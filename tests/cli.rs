//! The command line end to end, success paths: the real binary on temporary stores ingests
//! folders, JSON Lines and stdin, extracts without a store, queries in every results format,
//! exports in every RDF format, draws DOT; re-ingesting is idempotent and exports load back.
//! Failure paths are in `cli_failures.rs`.

mod common;

use common::{
    Fallible, TestResult, arg, describe, fail, ingest, people, policegraph, quad_count, query_rows,
    run, run_ok, sample, samples_dir, seeded_store, snapshot, triple_count, view, view_rows,
};
use std::collections::BTreeSet;
use std::path::Path;

const FOAF: &str = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n";

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|n| (*n).to_owned()).collect()
}

fn copy(from: &Path, to: &Path) -> TestResult {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::copy(from, to)?;
    Ok(())
}

/// The graph that holds the person with this name (their article's graph).
fn graph_of(store: &Path, name: &str) -> Fallible<String> {
    let rows = query_rows(
        store,
        &format!(
            "{FOAF}PREFIX pg: <https://w3id.org/policegraph/ontology#> \
             SELECT DISTINCT ?g WHERE {{ ?p foaf:name \"{name}\" . GRAPH ?g {{ ?p pg:mentionedIn ?a }} }}"
        ),
    )?;
    match rows.as_slice() {
        [row] => Ok(row.first().cloned().unwrap_or_default()),
        _ => Err(fail(format!("expected one graph for {name}, got {rows:?}"))),
    }
}

#[test]
fn ingest_reads_folders_recursively_and_skips_hidden_and_unknown_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("articles");
    copy(&sample("000")?, &articles.join("000.txt"))?;
    copy(&sample("001")?, &articles.join("deeper/nested/001.txt"))?;
    copy(&sample("003")?, &articles.join(".hidden/003.txt"))?;
    copy(&sample("004")?, &articles.join("notes.md"))?;
    let store = dir.path().join("store");
    let summary = ingest(&store, &[&articles])?;
    assert!(
        summary.contains("ingested 2 articles (2 new, 0 replaced, 0 unchanged)"),
        "{summary}"
    );
    assert_eq!(
        people(&store)?,
        names(&["Kevin Phillips", "Laurence Taylor", "PC A", "Simon Ovens"])
    );
    Ok(())
}

#[test]
fn ingest_reads_json_lines_with_their_metadata() -> TestResult {
    let dir = tempfile::tempdir()?;
    let jsonl = dir.path().join("articles.jsonl");
    let first = serde_json::json!({
        "text": std::fs::read_to_string(sample("000")?)?,
        "url": "https://example.org/news/phillips",
        "title": "Met officer would have been sacked",
        "published": "2022-05-27",
        "source": "Example News",
    });
    let second = serde_json::json!({ "text": std::fs::read_to_string(sample("003")?)? });
    std::fs::write(&jsonl, format!("{first}\n\n{second}\n"))?;
    let store = dir.path().join("store");
    let summary = ingest(&store, &[&jsonl])?;
    assert!(summary.contains("ingested 2 articles (2 new"), "{summary}");
    assert_eq!(
        people(&store)?,
        names(&["Kevin Phillips", "Sal Naseem", "Simon Ovens"])
    );
    let ask = "ASK { ?s ?p ?o FILTER(STR(?o) = \"https://example.org/news/phillips\") }";
    let kept = run_ok(&["query", "--store", arg(&store)?, "--format", "csv", ask])?;
    assert_eq!(kept.trim(), "true", "the article's URL is kept");
    Ok(())
}

/// Two articles name an officer of one name with a different rank and force each (two people,
/// told apart by their forces), and a chair of one name with a different rank each.
fn same_names_in_two_articles(dir: &Path) -> Fallible<std::path::PathBuf> {
    let essex = "Essex officer dismissed\n\nPublished: 3 March 2025\n\n\
        Sergeant Mark Hollis, of Essex Police, was dismissed without notice after a misconduct \
        hearing found he had lied to colleagues.\n\n\
        The hearing was chaired by Chief Superintendent Laura Finch.\n";
    let kent = "Kent inspector given final written warning\n\nPublished: 9 June 2025\n\n\
        Inspector Mark Hollis, who served with Kent Police, received a final written warning at \
        a misconduct meeting on Monday.\n\n\
        The meeting was chaired by Superintendent Laura Finch.\n";
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles)?;
    std::fs::write(articles.join("essex.txt"), essex)?;
    std::fs::write(articles.join("kent.txt"), kent)?;
    let store = dir.join("store");
    ingest(&store, &[&articles])?;
    Ok(store)
}

fn rows(list: &[&[&str]]) -> Vec<Vec<String>> {
    list.iter()
        .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
        .collect()
}

#[test]
fn views_pair_a_rank_with_a_force_only_as_one_article_gives_them() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = same_names_in_two_articles(dir.path())?;
    assert_eq!(
        view_rows(&store, "people")?,
        rows(&[
            &["Laura Finch", "Chief Superintendent", "Essex Police", ""],
            &["Laura Finch", "Superintendent", "Kent Police", ""],
            &["Mark Hollis", "Sergeant", "Essex Police", ""],
            &["Mark Hollis", "Inspector", "Kent Police", ""],
        ])
    );
    let kent = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        arg(&view("unit-members"))?,
        "--bind",
        "unit=Kent Police",
    ])?;
    assert_eq!(
        common::parse_csv(&kent)?,
        rows(&[
            &["unit", "servesIn", "partOf", "person", "role"],
            &[
                "Kent Police",
                "Kent Police",
                "",
                "Laura Finch",
                "Superintendent"
            ],
            &["Kent Police", "Kent Police", "", "Mark Hollis", "Inspector"],
        ])
    );
    let chairs: Vec<(String, String, String)> = view_rows(&store, "chairs")?
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone(), row[3].clone()))
        .collect();
    assert_eq!(
        chairs,
        [
            ("Laura Finch", "Chief Superintendent", "misconduct hearing"),
            ("Laura Finch", "Superintendent", "misconduct meeting"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
    Ok(())
}

#[test]
fn ingest_reads_stdin_and_recognises_it_again() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let text = std::fs::read(sample("003")?)?;
    let first = policegraph()?
        .args(["ingest", "--store", arg(&store)?, "-"])
        .write_stdin(text.clone())
        .output()?;
    assert!(first.status.success(), "{}", common::describe(&first));
    assert!(String::from_utf8(first.stderr)?.contains("ingested 1 articles (1 new"));
    assert_eq!(people(&store)?, names(&["Sal Naseem"]));
    let again = policegraph()?
        .args(["ingest", "--store", arg(&store)?, "-"])
        .write_stdin(text)
        .output()?;
    assert!(again.status.success(), "{}", common::describe(&again));
    assert!(String::from_utf8(again.stderr)?.contains("(0 new, 0 replaced, 1 unchanged)"));
    Ok(())
}

#[test]
fn extract_prints_ntriples_without_a_store() -> TestResult {
    let dir = tempfile::tempdir()?;
    let output = policegraph()?
        .current_dir(dir.path())
        .args(["extract", "--format", "ntriples", arg(&sample("001")?)?])
        .output()?;
    assert!(output.status.success(), "{}", common::describe(&output));
    let ntriples = String::from_utf8(output.stdout)?;
    let lines: Vec<&str> = ntriples.lines().filter(|l| !l.is_empty()).collect();
    assert!(lines.len() > 10, "too few triples:\n{ntriples}");
    for line in &lines {
        assert!(
            line.starts_with('<') || line.starts_with("_:"),
            "not an N-Triples line: {line}"
        );
        assert!(line.ends_with(" ."), "not an N-Triples line: {line}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("<http://xmlns.com/foaf/0.1/name> \"PC A\"")),
        "{ntriples}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path())?.count(),
        0,
        "extract must not create a store"
    );
    Ok(())
}

#[test]
fn query_file_in_every_results_format() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let query = |format: &str| {
        run_ok(&[
            "query",
            "--store",
            arg(&store)?,
            "--format",
            format,
            arg(&view("people"))?,
        ])
    };

    let csv = common::parse_csv(&query("csv")?)?;
    assert_eq!(
        csv.first().map(Vec::as_slice),
        Some(&["person", "role", "organisation", "partOf"].map(String::from)[..])
    );
    assert!(
        csv.contains(
            &[
                "PC A",
                "Police Constable",
                "Metropolitan Police Service",
                ""
            ]
            .map(String::from)
            .to_vec()
        )
    );

    let tsv = query("tsv")?;
    assert_eq!(
        tsv.lines().next(),
        Some("?person\t?role\t?organisation\t?partOf")
    );
    assert!(
        tsv.contains(
            "\"Laurence Taylor\"\t\"Assistant Commissioner\"\t\"Metropolitan Police Service\""
        ),
        "{tsv}"
    );

    let json: serde_json::Value = serde_json::from_str(&query("json")?)?;
    assert_eq!(
        json["head"]["vars"],
        serde_json::json!(["person", "role", "organisation", "partOf"])
    );
    let bindings = json["results"]["bindings"]
        .as_array()
        .ok_or_else(|| fail("no bindings in the JSON results"))?;
    assert_eq!(bindings.len(), 2, "{json}");
    assert!(
        bindings
            .iter()
            .any(|b| b["person"]["value"] == "PC A" && b["role"]["value"] == "Police Constable")
    );

    let xml = query("xml")?;
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains("<variable name=\"person\"/>")
            && xml.contains("<literal>Laurence Taylor</literal>"),
        "{xml}"
    );

    let table = query("table")?;
    let lines: Vec<&str> = table.lines().collect();
    assert!(
        lines.first().is_some_and(|l| l.starts_with("person ")),
        "{table}"
    );
    assert!(
        lines
            .get(1)
            .is_some_and(|l| l.starts_with("-----") && l.chars().all(|c| c == '-' || c == ' ')),
        "{table}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("PC A ") && l.contains("Police Constable")),
        "{table}"
    );
    assert_eq!(lines.last(), Some(&"(2 rows)"), "{table}");
    Ok(())
}

#[test]
fn query_inline_string() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let rows = query_rows(
        &store,
        &format!(
            "{FOAF}SELECT ?name WHERE {{ ?p a foaf:Person ; foaf:name ?name }} ORDER BY ?name"
        ),
    )?;
    assert_eq!(rows, [["Laurence Taylor"], ["PC A"]]);
    Ok(())
}

#[test]
fn ask_queries_in_every_results_format() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let ask = |name: &str, format: &str| {
        run_ok(&[
            "query",
            "--store",
            arg(&store)?,
            "--format",
            format,
            &format!("{FOAF}ASK {{ ?p foaf:name \"{name}\" }}"),
        ])
    };
    assert_eq!(ask("PC A", "csv")?.trim(), "true");
    assert_eq!(ask("Kevin Phillips", "csv")?.trim(), "false");
    assert_eq!(ask("PC A", "tsv")?.trim(), "true");
    assert_eq!(ask("PC A", "table")?.trim(), "true");
    let json: serde_json::Value = serde_json::from_str(&ask("PC A", "json")?)?;
    assert_eq!(json["boolean"], serde_json::json!(true));
    assert!(ask("Kevin Phillips", "xml")?.contains("<boolean>false</boolean>"));
    Ok(())
}

#[test]
fn construct_query_gives_turtle_that_loads_back() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let construct = format!(
        "{FOAF}CONSTRUCT {{ ?p foaf:name ?n }} WHERE {{ ?p a foaf:Person ; foaf:name ?n }}"
    );
    let turtle = run_ok(&["query", "--store", arg(&store)?, &construct])?;
    assert!(
        turtle.contains("@prefix foaf:") && turtle.contains("\"PC A\""),
        "{turtle}"
    );
    let file = dir.path().join("names.ttl");
    std::fs::write(&file, &turtle)?;
    let other = dir.path().join("other");
    ingest(&other, &[&file])?;
    let rows = query_rows(
        &other,
        &format!("{FOAF}SELECT ?n WHERE {{ ?p foaf:name ?n }} ORDER BY ?n"),
    )?;
    assert_eq!(rows, [["Laurence Taylor"], ["PC A"]]);
    Ok(())
}

#[test]
fn export_to_stdout_and_to_a_file_in_every_format() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let quads = quad_count(&store)?;
    for format in ["turtle", "nquads", "trig", "ntriples"] {
        let stdout = run_ok(&["export", "--store", arg(&store)?, "--format", format])?;
        let file = dir.path().join(format!("export.{format}"));
        let quiet = run_ok(&[
            "export",
            "--store",
            arg(&store)?,
            "--format",
            format,
            "-o",
            arg(&file)?,
        ])?;
        assert!(quiet.is_empty(), "{format}: -o must leave stdout empty");
        assert_eq!(
            std::fs::read_to_string(&file)?,
            stdout,
            "{format}: -o FILE and stdout differ"
        );
        assert!(stdout.contains("\"PC A\""), "{format}: no PC A");
        let lines: Vec<&str> = stdout.lines().filter(|l| !l.is_empty()).collect();
        match format {
            "turtle" => assert!(
                stdout.starts_with("@prefix ") && !stdout.contains('{'),
                "{format}"
            ),
            "trig" => assert!(
                stdout.starts_with("@prefix ") && stdout.contains(" {"),
                "{format}"
            ),
            "nquads" => {
                assert_eq!(lines.len(), quads);
                let pc_a = lines
                    .iter()
                    .find(|l| l.contains("\"PC A\""))
                    .ok_or_else(|| fail("no PC A quad"))?;
                assert!(
                    pc_a.ends_with("> .") && pc_a.contains("/article/"),
                    "PC A is not in its article's graph: {pc_a}"
                );
            }
            _ => {
                assert!(
                    lines
                        .iter()
                        .all(|l| l.starts_with('<') && l.ends_with(" .")),
                    "{format}"
                );
                assert_eq!(lines.len(), triple_count(&store)?);
            }
        }
    }
    Ok(())
}

#[test]
fn dot_draws_the_graph_and_a_focused_neighbourhood() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&sample("000")?, &sample("001")?])?;
    let whole = run_ok(&["dot", "--store", arg(&store)?])?;
    assert!(
        whole.starts_with("digraph {") && whole.trim_end().ends_with('}'),
        "{whole}"
    );
    for label in [
        "Kevin Phillips",
        "Simon Ovens",
        "PC A",
        "Laurence Taylor",
        "Croydon Crown Court",
    ] {
        // The name is the label's first line; ranks, dates and findings follow it.
        assert!(
            whole.contains(&format!("label=\"{label}\""))
                || whole.contains(&format!("label=\"{label}\\n")),
            "no node {label}:\n{whole}"
        );
    }
    assert!(whole.contains(" -> "), "no edges:\n{whole}");

    let focused = run_ok(&[
        "dot",
        "--store",
        arg(&store)?,
        "--focus",
        "ovens",
        "--depth",
        "1",
    ])?;
    assert!(focused.starts_with("digraph {"), "{focused}");
    assert!(focused.contains("label=\"Simon Ovens\\n"), "{focused}");
    assert!(
        focused.contains("label=\"Roads and Transport Policing Command"),
        "{focused}"
    );
    for far in ["PC A", "Laurence Taylor", "Croydon Crown Court"] {
        assert!(
            !focused.contains(&format!("label=\"{far}\""))
                && !focused.contains(&format!("label=\"{far}\\n")),
            "{far} is more than one step from Ovens:\n{focused}"
        );
    }
    assert!(focused.lines().count() < whole.lines().count());

    let file = dir.path().join("graph.dot");
    run_ok(&["dot", "--store", arg(&store)?, "-o", arg(&file)?])?;
    assert_eq!(
        std::fs::read_to_string(&file)?,
        whole,
        "dot -o FILE and stdout differ"
    );
    Ok(())
}

#[test]
fn dot_output_renders_with_graphviz() -> TestResult {
    let graphviz = std::process::Command::new("dot").arg("-V").output();
    if !graphviz.is_ok_and(|o| o.status.success()) {
        eprintln!("note: Graphviz `dot` is not installed; skipping the rendering test");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&samples_dir()])?;
    let file = dir.path().join("graph.dot");
    run_ok(&["dot", "--store", arg(&store)?, "-o", arg(&file)?])?;
    let svg = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&file)
        .output()?;
    let stderr = String::from_utf8_lossy(&svg.stderr);
    assert!(
        svg.status.success() && stderr.trim().is_empty(),
        "dot -Tsvg failed:\n{stderr}"
    );
    let svg = String::from_utf8(svg.stdout)?;
    assert!(
        svg.contains("<svg") && svg.contains("Kevin Phillips") && svg.contains("Officer A"),
        "{svg}"
    );
    Ok(())
}

#[test]
fn ingesting_the_samples_twice_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let first = ingest(&store, &[&samples_dir()])?;
    assert!(
        first.contains("ingested 5 articles (5 new, 0 replaced, 0 unchanged)"),
        "{first}"
    );
    // The summary counts the quads it wrote: those `extract` gives for the same articles.
    let extracted = run_ok(&["extract", "--format", "nquads", arg(&samples_dir())?])?;
    let written = format!("; {} quads written", extracted.lines().count());
    assert!(first.contains(&written), "{first}\nexpected{written}");
    let before = snapshot(&store)?;
    let second = ingest(&store, &[&samples_dir()])?;
    assert!(
        second.contains("ingested 5 articles (0 new, 0 replaced, 5 unchanged)"),
        "{second}"
    );
    assert!(second.contains("; 0 quads written"), "{second}");
    let after = snapshot(&store)?;
    assert_eq!(before.len(), after.len(), "the quad count changed");
    assert!(
        before == after,
        "the store changed on re-ingesting the same articles"
    );
    Ok(())
}

#[test]
fn a_changed_article_replaces_only_its_own_facts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("articles");
    copy(&sample("000")?, &articles.join("a.txt"))?;
    copy(&sample("001")?, &articles.join("b.txt"))?;
    let store = dir.path().join("store");
    ingest(&store, &[&articles])?;
    let graph_a = graph_of(&store, "Kevin Phillips")?;
    let graph_b = graph_of(&store, "Laurence Taylor")?;
    assert_ne!(graph_a, graph_b, "each article has its own graph");
    let in_graph = |lines: &[String], graph: &str| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.ends_with(&format!("<{graph}> .")))
            .cloned()
            .collect()
    };
    let before = snapshot(&store)?;
    let b_before = in_graph(&before, &graph_b);
    assert!(!b_before.is_empty(), "no quads in b.txt's graph {graph_b}");

    std::fs::write(articles.join("a.txt"), std::fs::read(sample("003")?)?)?;
    let summary = ingest(&store, &[&articles])?;
    assert!(
        summary.contains("(0 new, 1 replaced, 1 unchanged)"),
        "{summary}"
    );
    assert_eq!(
        people(&store)?,
        names(&["Laurence Taylor", "PC A", "Sal Naseem"])
    );
    assert_eq!(
        graph_of(&store, "Sal Naseem")?,
        graph_a,
        "a.txt keeps its graph"
    );
    let organisations: Vec<String> = common::view_rows(&store, "organisations")?
        .into_iter()
        .filter_map(|r| r.into_iter().next())
        .collect();
    assert!(
        !organisations.iter().any(|o| o.starts_with("Croydon")),
        "a.txt's old facts remain: {organisations:?}"
    );
    let after = snapshot(&store)?;
    assert!(
        in_graph(&after, &graph_b) == b_before,
        "b.txt's graph changed when a.txt changed"
    );
    assert!(
        !after.iter().any(|l| l.contains("Kevin Phillips")),
        "a.txt's old facts remain"
    );
    Ok(())
}

#[test]
fn loading_an_rdf_file_counts_only_the_quads_it_adds() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&samples_dir()])?;
    let file = dir.path().join("export.nq");
    run_ok(&["export", "--store", arg(&store)?, "-o", arg(&file)?])?;
    let exported = std::fs::read_to_string(&file)?.lines().count();
    let copy = dir.path().join("copy");
    let loaded = |summary: &str| -> Fallible<usize> {
        let line = summary
            .lines()
            .find(|l| l.contains(": loaded "))
            .ok_or_else(|| fail(format!("no 'loaded' line in:\n{summary}")))?;
        let count = line.split(": loaded ").nth(1).unwrap_or_default();
        Ok(count.trim_end_matches(" quads").parse()?)
    };
    let load = || -> Fallible<String> {
        let output = run(&["ingest", "--verbose", "--store", arg(&copy)?, arg(&file)?])?;
        Ok(String::from_utf8(output.stderr)?)
    };
    let first = load()?;
    // The reference data is in every new store already: the rest of the file is new.
    let added = loaded(&first)?;
    assert!(
        added > 0 && added < exported,
        "{added} of {exported}: {first}"
    );
    assert!(
        first.contains(&format!("; {added} quads written")),
        "{first}"
    );
    let second = load()?;
    assert_eq!(loaded(&second)?, 0, "{second}");
    Ok(())
}

#[test]
fn every_rdf_export_loads_back_into_a_new_store() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&samples_dir()])?;
    let quads = snapshot(&store)?;
    let triples = triple_count(&store)?;
    for (format, extension, keeps_graphs) in [
        ("nquads", "nq", true),
        ("trig", "trig", true),
        ("turtle", "ttl", false),
        ("ntriples", "nt", false),
    ] {
        let file = dir.path().join(format!("export.{extension}"));
        run_ok(&[
            "export",
            "--store",
            arg(&store)?,
            "--format",
            format,
            "-o",
            arg(&file)?,
        ])?;
        let copy = dir.path().join(format!("copy-{extension}"));
        let summary = ingest(&copy, &[&file])?;
        assert!(summary.contains("1 RDF files"), "{format}: {summary}");
        assert_eq!(
            triple_count(&copy)?,
            triples,
            "{format}: the triple count changed in the round trip"
        );
        if !keeps_graphs {
            // One source, one graph: the file's triples all go into a graph named after it.
            let graphs: BTreeSet<String> = snapshot(&copy)?
                .iter()
                .map(|line| line.rsplit_once(" <").map_or("", |(_, g)| g).to_owned())
                .filter(|g| !g.contains("/graph/ontology"))
                .collect();
            assert_eq!(graphs.len(), 1, "{format}: graphs {graphs:?}");
            assert!(
                graphs
                    .iter()
                    .all(|g| g.starts_with("https://w3id.org/policegraph/id/rdf/")),
                "{format}: graphs {graphs:?}"
            );
        }
        if keeps_graphs {
            let copied = snapshot(&copy)?;
            assert_eq!(
                copied.len(),
                quads.len(),
                "{format}: the quad count changed in the round trip"
            );
            assert!(
                copied == quads,
                "{format}: the quads changed in the round trip"
            );
            let again = dir.path().join(format!("again.{extension}"));
            run_ok(&[
                "export",
                "--store",
                arg(&copy)?,
                "--format",
                format,
                "-o",
                arg(&again)?,
            ])?;
            assert_eq!(
                std::fs::read_to_string(&again)?.lines().count(),
                std::fs::read_to_string(&file)?.lines().count()
            );
        }
    }
    let people_view = |s: &Path| common::view_rows(s, "people");
    assert_eq!(
        people_view(&dir.path().join("copy-ttl"))?,
        people_view(&store)?,
        "the views differ after a Turtle round trip"
    );
    Ok(())
}

/// Compacting the store changes no fact: the same quads, the same view rows.
#[test]
fn optimize_keeps_every_fact() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&samples_dir()])?;
    let before = snapshot(&store)?;
    let people_before = view_rows(&store, "people")?;
    let output = run(&["optimize", "--store", arg(&store)?])?;
    assert!(output.status.success(), "{}", describe(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("optimized store"),
        "{}",
        describe(&output)
    );
    assert_eq!(snapshot(&store)?, before);
    assert_eq!(view_rows(&store, "people")?, people_before);
    Ok(())
}
