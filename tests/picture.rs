//! The picture at scale, through the real binary: `dot --focus` draws what a reader can take in
//! (hubs drawn but not walked through), says which of several namesakes a name matches and takes
//! the one chosen, marks the focus, has a legend, shows ranks, findings and dates, tells units of
//! different forces apart (in the people view too), and refuses a drawing too large for Graphviz with advice.
//!
//! The articles are invented for these tests.

mod common;

use common::{Fallible, TestResult, arg, fail, one_error_line, run, run_ok, stderr_lines};
use std::path::{Path, PathBuf};

/// Four invented articles, one JSON line each: two Kent cases in the same unit, an Essex case in
/// a unit of the same name, and a Kent case with an anonymised officer.
const ARTICLES: [(&str, &str, &str); 4] = [
    (
        "https://news.example/kent-crash",
        "Kent officer dismissed after crash",
        "A Kent Police constable has been dismissed after a misconduct hearing.\n\n\
         PC John Ashby and Sergeant Mary Quinlan, both of Kent Police's Roads Policing Unit, \
         faced a misconduct hearing on 4 October 2023.\n\n\
         The panel found that PC Ashby's conduct amounted to gross misconduct. \
         He was dismissed without notice.",
    ),
    (
        "https://news.example/kent-warning",
        "Kent constable given final written warning",
        "A second Kent Police officer has been disciplined.\n\n\
         PC Peter Brandt, of Kent Police's Roads Policing Unit, faced a misconduct hearing \
         on 9 March 2024.\n\n\
         The panel found his conduct amounted to misconduct. He was given a final written \
         warning.",
    ),
    (
        "https://news.example/essex-speeding",
        "Essex officer dismissed over speeding",
        "An Essex Police officer has been dismissed.\n\n\
         PC Alan Corder, of Essex Police's Roads Policing Unit, faced a misconduct hearing on \
         12 June 2024.\n\n\
         The officer, referred to as Officer A, also of Essex Police, was given a written \
         warning.\n\n\
         The panel found PC Corder's conduct amounted to gross misconduct. He was dismissed \
         without notice.",
    ),
    (
        "https://news.example/kent-anonymous",
        "Anonymous Kent officer disciplined",
        "A Kent Police officer who cannot be named has been disciplined.\n\n\
         The officer, referred to as Officer A, of Kent Police, faced a misconduct meeting on \
         2 May 2024.\n\n\
         Officer A was given a written warning.",
    ),
];

/// A store holding [`ARTICLES`], in a temporary directory.
fn store() -> Fallible<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let jsonl = dir.path().join("articles.jsonl");
    let lines: Vec<String> = ARTICLES
        .iter()
        .map(|(url, title, text)| {
            serde_json::json!({ "url": url, "title": title, "text": text }).to_string()
        })
        .collect();
    std::fs::write(&jsonl, lines.join("\n") + "\n")?;
    let store = dir.path().join("store");
    run_ok(&["ingest", "--quiet", "--store", arg(&store)?, arg(&jsonl)?])?;
    Ok((dir, store))
}

fn dot(store: &Path, args: &[&str]) -> Fallible<String> {
    let mut all = vec!["dot", "--store", arg(store)?];
    all.extend_from_slice(args);
    run_ok(&all)
}

/// The labels of the drawing's nodes (not the legend's), each line of a label one string
/// joined by `|`.
fn labels(dot: &str) -> Vec<String> {
    dot.lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()) && !l.contains("->"))
        .filter_map(|l| {
            let start = l.find("label=\"")? + 7;
            let rest = &l[start..];
            let end = rest.find("\" ")?;
            Some(rest[..end].replace("\\n", "|"))
        })
        .collect()
}

fn has_label(dot: &str, prefix: &str) -> bool {
    labels(dot).iter().any(|l| l.starts_with(prefix))
}

/// The IRI of the node whose label starts with `prefix`, from its tooltip.
fn iri_of(dot: &str, prefix: &str) -> Fallible<String> {
    dot.lines()
        .find(|l| l.contains(&format!("label=\"{prefix}")))
        .and_then(|l| {
            let tooltip = &l[l.find("tooltip=\"")? + 9..];
            let tooltip = &tooltip[..tooltip.find('"')?];
            Some(tooltip.split_once(": ")?.1.to_owned())
        })
        .ok_or_else(|| fail(format!("no node {prefix}:\n{dot}")))
}

#[test]
fn a_focus_does_not_walk_through_the_unit_or_the_force() -> TestResult {
    let (_dir, store) = store()?;
    let focused = dot(&store, &["--focus", "John Ashby"])?;
    for near in [
        "John Ashby",
        "Mary Quinlan",
        "misconduct hearing",
        "Roads Policing Unit (Kent Police)",
        "Kent Police",
    ] {
        assert!(has_label(&focused, near), "no {near}:\n{focused}");
    }
    // Quinlan is in the same proceedings (the extractor gives each officer their own): the
    // article's proceedings are drawn as one case.
    assert!(
        focused.contains("label=\"one article: Kent officer dismissed after crash\""),
        "{focused}"
    );
    // Brandt serves in the same unit, in another case: only the unit links him to Ashby.
    assert!(
        !has_label(&focused, "Peter Brandt"),
        "the unit was walked through:\n{focused}"
    );
    assert!(
        focused.contains("not drawn)"),
        "the unit's other links are not counted:\n{focused}"
    );
    // The unit itself as the focus draws everyone who serves in it.
    let iri = iri_of(&focused, "Roads Policing Unit (Kent Police)")?;
    let unit = dot(&store, &["--focus-iri", &iri, "--depth", "1"])?;
    assert!(has_label(&unit, "Peter Brandt"), "{unit}");
    assert!(has_label(&unit, "John Ashby"), "{unit}");
    Ok(())
}

#[test]
fn units_of_the_same_name_are_told_apart_by_their_force() -> TestResult {
    let (_dir, store) = store()?;
    let whole = dot(&store, &[])?;
    for unit in [
        "Roads Policing Unit (Kent Police)",
        "Roads Policing Unit (Essex Police)",
    ] {
        assert!(
            labels(&whole).iter().any(|l| l == unit),
            "no {unit}:\n{whole}"
        );
    }
    // A name only one node has stays as it is.
    assert!(
        labels(&whole).iter().any(|l| l == "Essex Police"),
        "{whole}"
    );
    Ok(())
}

/// The people and unit-members views name what each person's unit is part of, so the two
/// forces' units of one name are told apart there too.
#[test]
fn the_people_view_tells_units_of_the_same_name_apart() -> TestResult {
    let (_dir, store) = store()?;
    let rows = common::view_rows(&store, "people")?;
    let unit_of = |person: &str| -> Vec<(String, String)> {
        rows.iter()
            .filter(|row| row[0] == person)
            .map(|row| (row[2].clone(), row[3].clone()))
            .collect()
    };
    let unit = |force: &str| vec![("Roads Policing Unit".to_owned(), force.to_owned())];
    assert_eq!(unit_of("John Ashby"), unit("Kent Police"), "{rows:#?}");
    assert_eq!(unit_of("Alan Corder"), unit("Essex Police"), "{rows:#?}");
    // A force is part of nothing.
    assert!(
        rows.iter()
            .any(|row| row[2] == "Kent Police" && row[3].is_empty()),
        "{rows:#?}"
    );
    // Asked for by the name they share, the units' members come with their force.
    let csv = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        arg(&common::view("unit-members"))?,
        "--bind",
        "unit=Roads Policing Unit",
    ])?;
    let members: Vec<(String, String)> = common::parse_csv(&csv)?
        .into_iter()
        .skip(1)
        .map(|row| (row[3].clone(), row[2].clone()))
        .collect();
    let expected = [
        ("Alan Corder", "Essex Police"),
        ("John Ashby", "Kent Police"),
        ("Mary Quinlan", "Kent Police"),
        ("Peter Brandt", "Kent Police"),
    ]
    .map(|(person, force)| (person.to_owned(), force.to_owned()));
    assert_eq!(members, expected, "{csv}");
    Ok(())
}

#[test]
fn a_name_several_have_lists_them_and_an_iri_or_article_chooses() -> TestResult {
    let (_dir, store) = store()?;
    let output = run(&[
        "dot",
        "--store",
        arg(&store)?,
        "--focus",
        "roads policing unit",
    ])?;
    assert!(!output.status.success());
    assert!(output.stdout.is_empty(), "a drawing was written anyway");
    let lines = stderr_lines(&output);
    let (last, listed) = lines
        .split_last()
        .ok_or_else(|| fail("nothing on stderr"))?;
    assert!(
        last.starts_with("policegraph: ") && last.contains("2 ") && last.contains("--focus-iri"),
        "{last}"
    );
    assert_eq!(listed.len(), 2, "{lines:#?}");
    let kent = listed
        .iter()
        .find(|l| l.contains("Roads Policing Unit (Kent Police), unit"))
        .ok_or_else(|| fail(format!("the Kent unit is not listed: {lines:#?}")))?;
    assert!(
        listed
            .iter()
            .any(|l| l.contains("Roads Policing Unit (Essex Police), unit")),
        "{lines:#?}"
    );
    assert!(kent.contains("2 articles"), "{kent}");
    let kent_iri = kent
        .split_whitespace()
        .next()
        .ok_or_else(|| fail("no IRI"))?;

    let chosen = dot(&store, &["--focus-iri", kent_iri, "--depth", "1"])?;
    assert!(has_label(&chosen, "Peter Brandt"), "{chosen}");
    assert!(!has_label(&chosen, "Alan Corder"), "{chosen}");

    let by_article = dot(
        &store,
        &[
            "--focus",
            "Roads Policing Unit",
            "--article",
            "https://news.example/essex-speeding",
            "--depth",
            "1",
        ],
    )?;
    assert!(has_label(&by_article, "Alan Corder"), "{by_article}");
    assert!(!has_label(&by_article, "Peter Brandt"), "{by_article}");
    Ok(())
}

#[test]
fn namesake_people_are_listed_with_their_force_and_article() -> TestResult {
    let (_dir, store) = store()?;
    let output = run(&["dot", "--store", arg(&store)?, "--focus", "Officer A"])?;
    assert!(!output.status.success());
    let lines = stderr_lines(&output);
    for (force, url) in [
        ("Kent Police", "https://news.example/kent-anonymous"),
        ("Essex Police", "https://news.example/essex-speeding"),
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!("Officer A ({force})"))
                    && l.contains("officer")
                    && l.contains(url)),
            "{force}'s Officer A is not listed with its article: {lines:#?}"
        );
    }
    let chosen = dot(
        &store,
        &[
            "--focus",
            "Officer A",
            "--article",
            "https://news.example/kent-anonymous",
        ],
    )?;
    assert!(has_label(&chosen, "Officer A (Kent Police)"), "{chosen}");
    assert!(!has_label(&chosen, "Officer A (Essex Police)"), "{chosen}");
    Ok(())
}

#[test]
fn the_focus_stands_out_and_a_legend_explains_the_drawing() -> TestResult {
    let (_dir, store) = store()?;
    let focused = dot(&store, &["--focus", "Alan Corder"])?;
    let marked: Vec<&str> = focused
        .lines()
        .filter(|l| l.contains("penwidth=3") && !l.contains("legend_"))
        .collect();
    assert_eq!(marked.len(), 1, "{focused}");
    assert!(marked[0].contains("label=\"Alan Corder"), "{focused}");
    assert!(focused.contains("subgraph cluster_legend"), "{focused}");
    for entry in ["officer", "police force", "unit", "proceeding", "the focus"] {
        assert!(
            focused.contains(&format!("[label=\"{entry}\"")),
            "no legend entry {entry}:\n{focused}"
        );
    }
    assert!(
        focused.contains("label=\"Alan Corder: 2 steps around"),
        "{focused}"
    );
    Ok(())
}

#[test]
fn ranks_findings_and_dates_are_on_the_drawing() -> TestResult {
    let (_dir, store) = store()?;
    let whole = dot(&store, &[])?;
    let all = labels(&whole);
    assert!(all.iter().any(|l| l == "Mary Quinlan|Sergeant"), "{all:#?}");
    assert!(
        all.iter()
            .any(|l| l.starts_with("misconduct hearing|4 October 2023|")
                && l.contains("gross misconduct")
                && l.contains("dismissal without notice")),
        "{all:#?}"
    );
    Ok(())
}

#[test]
fn a_drawing_past_the_node_limit_is_refused_with_advice() -> TestResult {
    let (dir, store) = store()?;
    let file = dir.path().join("graph.dot");
    let output = run(&[
        "dot",
        "--store",
        arg(&store)?,
        "--max-nodes",
        "5",
        "-o",
        arg(&file)?,
    ])?;
    one_error_line(&output, &["whole graph", "--max-nodes", "--focus"])?;
    assert!(!file.exists(), "a refused drawing was written");
    let focused = run(&[
        "dot",
        "--store",
        arg(&store)?,
        "--focus",
        "John Ashby",
        "--max-nodes",
        "2",
    ])?;
    one_error_line(&focused, &["--depth", "--max-nodes"])?;
    dot(&store, &["--max-nodes", "100"])?;
    Ok(())
}

#[test]
fn a_focus_iri_or_article_that_is_not_there_is_one_error_line() -> TestResult {
    let (_dir, store) = store()?;
    let output = run(&[
        "dot",
        "--store",
        arg(&store)?,
        "--focus-iri",
        "https://w3id.org/policegraph/id/person/nobody",
    ])?;
    one_error_line(&output, &["--focus-iri", "person/nobody"])?;
    let output = run(&[
        "dot",
        "--store",
        arg(&store)?,
        "--focus",
        "Officer A",
        "--article",
        "https://news.example/nowhere",
    ])?;
    one_error_line(&output, &["--article", "news.example/nowhere"])?;
    Ok(())
}

#[test]
fn a_focus_renders_with_graphviz() -> TestResult {
    let graphviz = std::process::Command::new("dot").arg("-V").output();
    if !graphviz.is_ok_and(|o| o.status.success()) {
        eprintln!("note: Graphviz `dot` is not installed; skipping the rendering test");
        return Ok(());
    }
    let (dir, store) = store()?;
    let file = dir.path().join("focus.dot");
    dot(&store, &["--focus", "John Ashby", "-o", arg(&file)?])?;
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
        svg.contains("John Ashby") && svg.contains("Legend"),
        "{svg}"
    );
    Ok(())
}
