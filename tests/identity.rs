//! Who is who across articles, through the binary, on articles written for the purpose: one
//! name in two forces is two people; one officer of one force named twice (once with a rank,
//! once without) is one; a name with nothing to tell it apart may be any of them and is listed
//! for a person to decide; decisions are kept across re-ingest.

mod common;

use common::{Fallible, TestResult, arg, describe, fail, ingest, query_rows, run, view};
use std::path::{Path, PathBuf};

const PREFIXES: &str = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n\
    PREFIX pg: <https://w3id.org/policegraph/ontology#>\n\
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";

/// Writes invented articles into `dir/articles` and ingests them into `dir/store`.
fn store_of(dir: &Path, articles: &[(&str, &str)]) -> Fallible<PathBuf> {
    let folder = dir.join("articles");
    std::fs::create_dir_all(&folder)?;
    for (name, text) in articles {
        std::fs::write(folder.join(name), text)?;
    }
    let store = dir.join("store");
    ingest(&store, &[&folder])?;
    Ok(store)
}

/// The person nodes named `name`, with what tells each apart (empty where nothing does).
fn nodes(store: &Path, name: &str) -> Fallible<Vec<Vec<String>>> {
    query_rows(
        store,
        &format!(
            "{PREFIXES}SELECT DISTINCT ?p ?by WHERE {{ ?p a foaf:Person ; foaf:name \"{name}\" . \
             OPTIONAL {{ ?p pg:identifiedBy/skos:prefLabel ?by }} }} ORDER BY ?p"
        ),
    )
}

/// The outcomes of the proceedings against each node named `name`.
fn outcomes(store: &Path, name: &str) -> Fallible<Vec<Vec<String>>> {
    query_rows(
        store,
        &format!(
            "{PREFIXES}SELECT ?p ?outcome WHERE {{ ?p foaf:name \"{name}\" . \
             ?case pg:subject ?p ; pg:outcome/skos:prefLabel ?outcome }} ORDER BY ?p ?outcome"
        ),
    )
}

const KENT: &str = "Kent officer dismissed\n\nPC John Smith of Kent Police was dismissed without \
    notice at a misconduct hearing on 3 March 2022 after he lied to colleagues.\n";
const ESSEX: &str = "Essex sergeant warned\n\nSergeant John Smith of Essex Police was given a \
    final written warning at a misconduct meeting on 9 June 2023.\n";

#[test]
fn one_name_in_two_forces_is_two_people() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = store_of(dir.path(), &[("kent.txt", KENT), ("essex.txt", ESSEX)])?;
    let found = nodes(&store, "John Smith")?;
    let anchors: Vec<&str> = found.iter().map(|row| row[1].as_str()).collect();
    assert_eq!(anchors, ["Essex Police", "Kent Police"], "{found:?}");
    // The dismissal is the Kent officer's alone.
    let sanctions = outcomes(&store, "John Smith")?;
    let kent_node = &found[1][0];
    for row in &sanctions {
        if row[1] == "dismissal without notice" {
            assert_eq!(&row[0], kent_node, "{sanctions:?}");
        }
    }
    assert!(
        sanctions.iter().any(|r| r[1] == "dismissal without notice"),
        "{sanctions:?}"
    );
    Ok(())
}

#[test]
fn one_officer_of_one_force_named_with_and_without_rank_is_one() -> TestResult {
    let dir = tempfile::tempdir()?;
    let later = "Kent officer's appeal\n\nJohn Smith, of Kent Police, lost his appeal against \
        the decision on 2 May 2023.\n";
    let store = store_of(dir.path(), &[("kent.txt", KENT), ("appeal.txt", later)])?;
    let found = nodes(&store, "John Smith")?;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0][1], "Kent Police");
    Ok(())
}

#[test]
fn a_watchdog_director_and_a_constable_of_one_name_are_two() -> TestResult {
    let dir = tempfile::tempdir()?;
    let director = "Watchdog statement\n\nIOPC Director John Smith said the investigation into \
        the force's handling of the complaint had ended on 4 April 2023.\n";
    let store = store_of(dir.path(), &[("kent.txt", KENT), ("iopc.txt", director)])?;
    let found = nodes(&store, "John Smith")?;
    assert_eq!(found.len(), 2, "{found:?}");
    Ok(())
}

/// A name with nothing to tell it apart may be either officer: it is linked to both by
/// pg:possiblySameAs (never owl:sameAs), listed with the facts for and against, and a decision
/// takes the pair out of the list, before and after the articles are ingested again.
#[test]
fn undecided_people_are_listed_and_decisions_are_kept() -> TestResult {
    let dir = tempfile::tempdir()?;
    let quoted = "Campaigners speak\n\nJohn Smith told the inquiry on 5 May 2023 that he had \
        been treated unfairly.\n";
    let store = store_of(
        dir.path(),
        &[
            ("kent.txt", KENT),
            ("essex.txt", ESSEX),
            ("quoted.txt", quoted),
        ],
    )?;
    let links = run(&[
        "query",
        "--store",
        arg(&store)?,
        arg(&view("possibly-same"))?,
    ])?;
    // Turtle may write the IRIs as prefixed names, with `/` escaped.
    let links_text = String::from_utf8(links.stdout.clone())?.replace("\\/", "/");
    assert!(links.status.success(), "{}", describe(&links));
    let linked: Vec<&str> = links_text
        .lines()
        .filter(|l| l.contains("pg:possiblySameAs"))
        .collect();
    assert_eq!(linked.len(), 4, "{links_text}");
    for node in ["john-smith/org/kent-police", "john-smith/org/essex-police"] {
        assert!(links_text.contains(node), "{node} not linked: {links_text}");
    }
    assert!(!links_text.contains("sameAs>") && !links_text.contains("owl:sameAs"));

    let ambiguous = query_rows(&store, arg(&view("ambiguous"))?)?;
    assert_eq!(ambiguous.len(), 2, "{ambiguous:?}");
    let open = ambiguous[0][1].clone();
    let (essex, kent) = (ambiguous[0][2].clone(), ambiguous[1][2].clone());
    assert_eq!(
        [ambiguous[0][3].as_str(), ambiguous[1][3].as_str()],
        ["Essex Police", "Kent Police"]
    );

    let decisions = dir.path().join("decisions.txt");
    std::fs::write(
        &decisions,
        format!("# read the articles\ndifferent {open} {kent}\n"),
    )?;
    let resolved = run(&["resolve", "--store", arg(&store)?, arg(&decisions)?])?;
    assert!(resolved.status.success(), "{}", describe(&resolved));
    let left = |store: &Path| -> Fallible<Vec<String>> {
        Ok(query_rows(store, arg(&view("ambiguous"))?)?
            .into_iter()
            .map(|row| row[2].clone())
            .collect())
    };
    assert_eq!(left(&store)?, std::slice::from_ref(&essex));

    // Re-ingesting changed articles keeps the decision.
    let folder = dir.path().join("articles");
    std::fs::write(
        folder.join("quoted.txt"),
        format!("{quoted}\nHe spoke for an hour.\n"),
    )?;
    ingest(&store, &[&folder])?;
    assert_eq!(left(&store)?, [essex]);
    Ok(())
}

#[test]
fn a_bad_decision_is_refused_with_its_line_and_nothing_recorded() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = store_of(dir.path(), &[("kent.txt", KENT)])?;
    let kent = nodes(&store, "John Smith")?
        .first()
        .map(|row| row[0].clone())
        .ok_or_else(|| fail("no John Smith"))?;
    let decisions = dir.path().join("decisions.txt");
    for (text, needle) in [
        (
            format!("same {kent} https://w3id.org/policegraph/id/person/nobody\n"),
            "decisions.txt:1: <https://w3id.org/policegraph/id/person/nobody> is no person in the store",
        ),
        (
            format!("\nperhaps {kent} {kent}\n"),
            "decisions.txt:2: `perhaps`",
        ),
    ] {
        std::fs::write(&decisions, text)?;
        let output = run(&["resolve", "--store", arg(&store)?, arg(&decisions)?])?;
        assert!(!output.status.success(), "{}", describe(&output));
        let stderr = String::from_utf8(output.stderr)?;
        assert!(stderr.contains(needle), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
    let recorded = query_rows(
        &store,
        &format!("{PREFIXES}SELECT * WHERE {{ ?a pg:decidedSameAs|pg:decidedDifferentFrom ?b }}"),
    )?;
    assert!(recorded.is_empty(), "{recorded:?}");
    Ok(())
}

/// A unit's name with a capitalised first word ("Dog Section") is no person.
#[test]
fn a_section_is_not_a_person() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "Handler dismissed\n\nPC Jane Doe of Kent Police was dismissed without notice at \
        a misconduct hearing on 3 March 2022. She had served with the force's Dog Section for \
        ten years.\n\nChief Inspector Mark Reed, who leads the Dog Section, said: \"We expect \
        better.\"\n";
    let store = store_of(dir.path(), &[("dogs.txt", text)])?;
    let people = common::people(&store)?;
    assert!(!people.iter().any(|p| p.contains("Section")), "{people:?}");
    assert!(people.contains("Jane Doe"), "{people:?}");
    Ok(())
}

/// The headlines a news site lists under "More from ..." name no one the story is about.
#[test]
fn a_site_s_list_of_other_stories_names_no_one() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "Handler dismissed\n\nPC Jane Doe of Kent Police was dismissed without notice \
        at a misconduct hearing on 3 March 2022.\n\nThe panel found she had lied to colleagues \
        about a crash.\n\nMore from Weald Evening Online\n- Town hall car park to close\n\
        - Police Sergeant Hawthorne Cleared Over Crash\n\nGot a story? Email our newsdesk.\n";
    let store = store_of(dir.path(), &[("site.txt", text)])?;
    let people = common::people(&store)?;
    assert!(
        !people.iter().any(|p| p.contains("Hawthorne")),
        "{people:?}"
    );
    assert!(people.contains("Jane Doe"), "{people:?}");
    Ok(())
}
