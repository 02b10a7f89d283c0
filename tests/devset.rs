//! Extraction quality on the project's dev set (`tests/devset/{tune,heldout}`) and on the real
//! articles of `../shared/eval/real` where that folder exists, scored exactly as the shared scorer
//! `../shared/eval/score.py` does: every article is ingested into its own fresh store by the real
//! binary, the five standard views are queried as CSV, rows are split into facts and compared
//! with the gold, and micro precision, recall and F1 are asserted above floors. The scorer's port
//! is `tests/common/scorer.rs`; the extraction crate runs the same sets in-process.
//!
//! Run `cargo test --release --test devset -- --nocapture` to see the per-view tables.

mod common;

use common::scorer::{
    self, Fact, Names, Set, VIEWS, controlled, expand_rank, fact, facts, matched, norm, prf, show,
};
use common::{Fallible, TestResult, arg, policegraph, run_ok};
use std::collections::BTreeSet;
use std::path::Path;

/// Ingests one article into a fresh store with the binary and queries each view as CSV.
fn binary_csv(article: &Path) -> Fallible<Vec<Fallible<String>>> {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let output = policegraph()?
        .args(["ingest", "--store", arg(&store)?, arg(article)?])
        .output()?;
    if !output.status.success() {
        return Err(common::fail(common::describe(&output)));
    }
    let store = arg(&store)?;
    Ok(VIEWS
        .iter()
        .map(|(view, _)| {
            let query = common::view(view);
            run_ok(&["query", "--store", store, "--format", "csv", arg(&query)?])
        })
        .collect())
}

fn check(set: Set) -> Fallible<(String, TestResult)> {
    scorer::check(set, &binary_csv)
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

/// The port gives score.py's answers (taken from running score.py on these very inputs).
#[test]
fn port_agrees_with_score_py() {
    assert_eq!(norm("The Met's DPS"), "met dps");
    assert_eq!(norm("Café  Rouge & Co."), "cafe rouge and co");
    assert_eq!(norm("Officer’s ﬁle — Ünïts"), "officer file units");
    assert_eq!(norm("the the Met"), "the met");
    #[rustfmt::skip]
    let ranks = [
        ("Ch Supt", "chief superintendent"), ("former DC", "detective constable"),
        ("Det Ch Supt", "detective chief superintendent"), ("Constable", "police constable"),
        ("Acting Police Sergeant", "sergeant"), ("T/Det Insp", "detective inspector"),
        ("Dep Asst Comm", "deputy assistant commissioner"), ("A/DS", "detective sergeant"),
        ("Regional Director", "regional director"), ("ps", "sergeant"),
    ];
    for (role, want) in ranks {
        assert_eq!(expand_rank(role), want, "expand_rank({role:?})");
    }
    assert_eq!(
        controlled("Special Case Hearing"),
        "accelerated misconduct hearing"
    );
    assert_eq!(controlled("Dismissal"), "dismissal without notice");
    assert_eq!(controlled("Fitness for Duty"), "fitness for work");
    let gold = serde_json::json!({
        "aliases": {"Metropolitan Police Service": ["Met", "MPS"], "Kevin Phillips": ["Phillips"]},
        "optional": ["Child A", "PC Z"],
    });
    let names = Names::new(&gold).expect("names");
    assert_eq!(
        names.optional,
        BTreeSet::from(["child a".to_owned(), "pc z".to_owned()])
    );
    #[rustfmt::skip]
    let canons = [
        ("the Met", "metropolitan police service"), ("Det Sgt Kevin Phillips", "kevin phillips"),
        ("Former PC Phillips", "kevin phillips"), ("Sgt Unknown", "sgt unknown"), ("Mr", "mr"),
        ("Detective Chief Inspector", "detective chief inspector"),
    ];
    for (name, want) in canons {
        assert_eq!(names.canon(name), want, "canon({name:?})");
    }
    // A row's cells separated by `|`, split into facts.
    let row = |view: &str, cells: &str| -> BTreeSet<Fact> {
        let cols = VIEWS.iter().find(|(v, _)| *v == view).expect("a view").1;
        let row = cols.iter().zip(cells.split('|'));
        let row = row.map(|(c, v)| ((*c).to_owned(), v.to_owned())).collect();
        facts(view, &row, &names).into_iter().collect()
    };
    let gold = row(
        "proceedings",
        "Kevin Phillips|misconduct hearing|2024-03-14||gross misconduct|dismissal",
    );
    let pred = row(
        "proceedings",
        "PC Phillips|Misconduct Hearing|--03-14||Gross misconduct|Dismissed without notice",
    );
    assert_eq!(gold.len(), 4);
    assert_eq!(matched(&pred, &gold), 3.5, "a --MM-DD date earns half");
    let other_day = row(
        "proceedings",
        "PC Phillips|Misconduct Hearing|--03-15|||Dismissed without notice",
    );
    assert_eq!(matched(&other_day, &gold), 2.0);
    assert!(row("people", "Child A||").is_empty());
    assert!(row("investigations", "PC Z|IOPC").is_empty());
    let person = row("people", "Phillips|Former DS|The MPS");
    let role = fact(&["person.role", "kevin phillips", "detective sergeant"]);
    let unit = [
        "person.organisation",
        "kevin phillips",
        "metropolitan police service",
    ];
    assert!(person.contains(&role) && person.contains(&fact(&unit)));
    assert_eq!(prf(0.0, 0, 0), (1.0, 1.0, 1.0));
    assert_eq!(show(&fact(&["person", "o'neil"])), "('person', \"o'neil\")");
}
