//! Odd and hostile inputs through the real binary: articles that are one line or cut short,
//! articles far longer than any story, and paths that are not plain files (FIFOs, devices,
//! links that loop). Each run must end promptly, read every file once, say in one line what it
//! could not read, and keep every article that has text.

mod common;

use common::{Fallible, TestResult, arg, describe, fail, policegraph, view_rows};
use std::path::Path;
use std::process::Output;
use std::time::Duration;

/// Longer than any of these runs needs (each takes well under a second), short enough that a
/// hang fails the test instead of the whole suite.
const PATIENCE: Duration = Duration::from_secs(60);

/// An invented article that states a dismissal in its first sentence.
const DISMISSAL: &str = "PC Anna Brook of Kent Police was dismissed without notice at a \
                         misconduct hearing on 3 March 2022.";

/// Runs the binary with `args`, killing it after [`PATIENCE`].
fn run_patiently(args: &[&str]) -> Fallible<Output> {
    policegraph()?
        .args(args)
        .timeout(PATIENCE)
        .output()
        .map_err(|e| fail(format!("policegraph {args:?} did not finish: {e}")))
}

/// Ingests `paths` into a new store under `dir`; returns the store and what the run did.
fn ingest(dir: &Path, paths: &[&Path]) -> Fallible<(std::path::PathBuf, Output)> {
    let store = dir.join("store");
    let mut args = vec!["ingest", "--store", arg(&store)?];
    for path in paths {
        args.push(arg(path)?);
    }
    let output = run_patiently(&args)?;
    Ok((store, output))
}

/// The `policegraph: ` error lines of a run.
fn error_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.starts_with("policegraph: "))
        .map(str::to_owned)
        .collect()
}

/// The summary line of an ingest.
fn summary(output: &Output) -> Fallible<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .find(|l| l.starts_with("ingested "))
        .map(str::to_owned)
        .ok_or_else(|| fail(format!("no summary line\n{}", describe(output))))
}

/// Requires a successful run.
fn succeeded(output: &Output) -> TestResult {
    if output.status.success() {
        Ok(())
    } else {
        Err(fail(format!("expected success\n{}", describe(output))))
    }
}

/// The outcomes the proceedings view gives for `subject`.
fn outcomes_of(store: &Path, subject: &str) -> Fallible<Vec<String>> {
    Ok(view_rows(store, "proceedings")?
        .into_iter()
        .filter(|row| row.first().is_some_and(|s| s == subject))
        .filter_map(|row| row.get(5).cloned())
        .collect())
}

/// Requires that the store holds the dismissal of PC Anna Brook (named Anna Brook).
fn has_dismissal(store: &Path) -> TestResult {
    let outcomes = outcomes_of(store, "Anna Brook")?;
    if outcomes.iter().any(|o| o == "dismissal without notice") {
        Ok(())
    } else {
        Err(fail(format!(
            "Anna Brook's dismissal was lost; outcomes: {outcomes:?}"
        )))
    }
}

#[test]
fn an_article_cut_short_keeps_its_facts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("cut.txt");
    std::fs::write(&file, format!("{DISMISSAL} The IOPC investigated the"))?;
    let (store, output) = ingest(dir.path(), &[&file])?;
    succeeded(&output)?;
    has_dismissal(&store)
}

#[test]
fn a_one_line_article_without_a_full_stop_keeps_its_facts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("line.txt");
    std::fs::write(&file, DISMISSAL.trim_end_matches('.'))?;
    let (store, output) = ingest(dir.path(), &[&file])?;
    succeeded(&output)?;
    has_dismissal(&store)
}

#[test]
fn a_json_lines_article_run_together_keeps_its_facts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("articles.jsonl");
    let text = format!("{DISMISSAL} She had been a constable for six years and the panel found");
    std::fs::write(&file, format!("{}\n", serde_json::json!({ "text": text })))?;
    let (store, output) = ingest(dir.path(), &[&file])?;
    succeeded(&output)?;
    has_dismissal(&store)
}

#[test]
fn trailing_headlines_are_still_dropped() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("story.txt");
    std::fs::write(
        &file,
        format!(
            "{DISMISSAL}\nThe panel found that she had lied to colleagues about the incident.\n\
             Sergeant Tom Vale cleared after crash inquiry\n"
        ),
    )?;
    let (store, output) = ingest(dir.path(), &[&file])?;
    succeeded(&output)?;
    has_dismissal(&store)?;
    let people = common::people(&store)?;
    assert!(
        !people.iter().any(|p| p.contains("Vale")),
        "a trailing headline was read as the story: {people:?}"
    );
    Ok(())
}

#[test]
fn repeated_designations_take_linear_time() -> TestResult {
    // 16,000 designations in one sentence (176 KB): minutes before extraction was made linear.
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("officers.txt");
    let text = format!(
        "The hearing was told that {}was dismissed without notice.",
        "Officer A, ".repeat(16_000)
    );
    std::fs::write(&file, text)?;
    let output = run_patiently(&["extract", arg(&file)?])?;
    succeeded(&output)
}

#[test]
fn an_article_over_the_size_limit_is_refused_by_name() -> TestResult {
    let dir = tempfile::tempdir()?;
    let big = dir.path().join("huge.txt");
    let line = format!("{DISMISSAL} ");
    let copies = policegraph_extract::input::MAX_ARTICLE_BYTES / line.len() + 1;
    std::fs::write(&big, line.repeat(copies))?;
    let small = dir.path().join("small.txt");
    std::fs::write(&small, DISMISSAL)?;
    let (store, output) = ingest(dir.path(), &[&big, &small])?;
    assert!(!output.status.success(), "{}", describe(&output));
    let errors = error_lines(&output);
    assert!(
        errors.len() == 1 && errors[0].contains("huge.txt") && errors[0].contains("limit"),
        "{}",
        describe(&output)
    );
    assert!(summary(&output)?.contains("ingested 1 articles"));
    has_dismissal(&store)
}

#[test]
fn a_json_line_over_the_size_limit_is_refused_and_the_next_line_read() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("feed.jsonl");
    let long = "x ".repeat(policegraph_extract::input::MAX_ARTICLE_BYTES / 2 + 1);
    let lines = [
        serde_json::json!({ "text": long }).to_string(),
        serde_json::json!({ "text": DISMISSAL }).to_string(),
    ];
    std::fs::write(&file, lines.join("\n"))?;
    let (store, output) = ingest(dir.path(), &[&file])?;
    assert!(!output.status.success(), "{}", describe(&output));
    let errors = error_lines(&output);
    assert!(
        errors.len() == 1 && errors[0].contains("feed.jsonl:1") && errors[0].contains("limit"),
        "{}",
        describe(&output)
    );
    has_dismissal(&store)
}

#[cfg(unix)]
mod special_files {
    use super::*;
    use std::os::unix::fs::symlink;

    /// Makes a FIFO with the system's `mkfifo`.
    fn mkfifo(path: &Path) -> TestResult {
        let status = std::process::Command::new("mkfifo").arg(path).status()?;
        if status.success() {
            Ok(())
        } else {
            Err(fail(format!("mkfifo {} failed", path.display())))
        }
    }

    /// A folder holding one good article, `a.txt`.
    fn folder_with_article(dir: &Path) -> Fallible<std::path::PathBuf> {
        let folder = dir.join("articles");
        std::fs::create_dir(&folder)?;
        std::fs::write(folder.join("a.txt"), DISMISSAL)?;
        Ok(folder)
    }

    /// Requires a failed run with one error line naming `name` and `cause`, after which the
    /// good article still went in.
    fn refused(output: &Output, store: &Path, name: &str, cause: &str) -> TestResult {
        assert!(!output.status.success(), "{}", describe(output));
        let errors = error_lines(output);
        assert!(
            errors.len() == 1 && errors[0].contains(name) && errors[0].contains(cause),
            "expected one error naming {name} and {cause:?}\n{}",
            describe(output)
        );
        has_dismissal(store)
    }

    #[test]
    fn a_fifo_named_on_the_command_line_is_refused() -> TestResult {
        let dir = tempfile::tempdir()?;
        let folder = folder_with_article(dir.path())?;
        let fifo = dir.path().join("pipe.txt");
        mkfifo(&fifo)?;
        let (store, output) = ingest(dir.path(), &[&fifo, &folder.join("a.txt")])?;
        refused(&output, &store, "pipe.txt", "not a regular file (a FIFO)")
    }

    #[test]
    fn a_fifo_inside_a_folder_is_refused() -> TestResult {
        let dir = tempfile::tempdir()?;
        let folder = folder_with_article(dir.path())?;
        mkfifo(&folder.join("b.txt"))?;
        let (store, output) = ingest(dir.path(), &[&folder])?;
        refused(&output, &store, "b.txt", "FIFO")
    }

    #[test]
    fn a_device_named_like_an_article_is_refused() -> TestResult {
        let dir = tempfile::tempdir()?;
        let folder = folder_with_article(dir.path())?;
        symlink("/dev/zero", folder.join("z.txt"))?;
        let (store, output) = ingest(dir.path(), &[&folder])?;
        refused(&output, &store, "z.txt", "character device")
    }

    #[test]
    fn links_back_up_the_tree_are_walked_once() -> TestResult {
        let dir = tempfile::tempdir()?;
        let folder = folder_with_article(dir.path())?;
        symlink(".", folder.join("again"))?;
        symlink(".", folder.join("once-more"))?;
        let (store, output) = ingest(dir.path(), &[&folder])?;
        succeeded(&output)?;
        let line = summary(&output)?;
        assert!(line.starts_with("ingested 1 articles"), "{line}");
        has_dismissal(&store)
    }

    #[test]
    fn a_file_reached_twice_is_read_once() -> TestResult {
        let dir = tempfile::tempdir()?;
        let folder = folder_with_article(dir.path())?;
        symlink(folder.join("a.txt"), folder.join("b.txt"))?;
        let (_store, output) = ingest(dir.path(), &[&folder, &folder.join("a.txt")])?;
        succeeded(&output)?;
        let line = summary(&output)?;
        assert!(line.starts_with("ingested 1 articles"), "{line}");
        Ok(())
    }

    #[test]
    fn a_link_to_itself_is_named() -> TestResult {
        let dir = tempfile::tempdir()?;
        let folder = folder_with_article(dir.path())?;
        symlink("self.txt", folder.join("self.txt"))?;
        let (store, output) = ingest(dir.path(), &[&folder])?;
        refused(&output, &store, "self.txt", "symbolic links")
    }
}
