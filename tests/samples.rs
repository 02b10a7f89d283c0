//! The sample articles through the real binary: each is ingested into its own temporary store
//! and every standard view must give the rows its `NAME.expected.json` lists.

mod common;

use common::{TestResult, check_sample};

fn sample(name: &str) -> TestResult {
    let diff = check_sample(name)?;
    assert!(
        diff.is_empty(),
        "{name}: the views disagree with {name}.expected.json\n{diff}"
    );
    Ok(())
}

#[test]
fn met_rtpc_officer_public_indecency() -> TestResult {
    sample("000_fadc9745ab15fcdb")
}

#[test]
fn met_pc_a_final_written_warning() -> TestResult {
    sample("001_350e1cf566aa1f74")
}

#[test]
fn met_foi_sexual_abuse_complaints() -> TestResult {
    sample("002_22b8a23762c7f0ec")
}

#[test]
fn iopc_learning_report_met_messages() -> TestResult {
    sample("003_5afec28a660c9788")
}

#[test]
fn met_east_area_officer_a_dismissed() -> TestResult {
    sample("004_8b936843157cefe3")
}

/// Every sample has its expectations, and nothing else lies in the samples folder.
#[test]
fn every_sample_has_expectations() -> TestResult {
    let mut articles = Vec::new();
    for entry in std::fs::read_dir(common::samples_dir())? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if let Some(stem) = name.strip_suffix(".txt") {
            articles.push(stem.to_owned());
            assert!(
                common::expectations_dir()
                    .join(format!("{stem}.expected.json"))
                    .is_file(),
                "{name} has no {stem}.expected.json"
            );
        } else {
            panic!("unexpected file in the samples folder: {name}");
        }
    }
    assert_eq!(articles.len(), 5, "the five sample articles: {articles:?}");
    Ok(())
}

/// The comparison itself can fail: a missing row and an unexpected row both show in the diff,
/// and an optional pattern tolerates a row.
#[test]
fn diff_reports_missing_and_unexpected_rows() {
    let row = |cells: &[&str]| {
        cells
            .iter()
            .map(|c| (*c).to_owned())
            .collect::<Vec<String>>()
    };
    let expected = vec![row(&[
        "PC A",
        "Police Constable",
        "Metropolitan Police Service",
    ])];
    let got = vec![
        row(&["PC A", "", "Metropolitan Police Service"]),
        row(&["Child A", "", ""]),
    ];
    let diff = common::diff_rows("people", &expected, &[row(&["Child A", "*", "*"])], &got);
    assert!(
        diff.contains("- expected, not got: \"PC A\", \"Police Constable\""),
        "{diff}"
    );
    assert!(
        diff.contains("+ got, not expected: \"PC A\", \"\""),
        "{diff}"
    );
    assert!(!diff.contains("not expected: \"Child A\""), "{diff}");
    assert!(common::diff_rows("people", &expected, &[], &expected).is_empty());
}
