//! The command line end to end, failure paths: each bad input gives a non-zero exit, one line on
//! stderr that names the file, query or store and the cause, and leaves the store as it was.

mod common;

use common::{
    Fallible, TestResult, arg, describe, fail, one_error_line, people, run, sample, seeded_store,
    snapshot, stderr_lines,
};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Ingests `path` quietly into a store seeded with a sample, and checks the run fails with
/// one error line mentioning the file name and `needles`, and that the store is unchanged.
fn ingest_fails(path: &Path, needles: &[&str]) -> Fallible<String> {
    let (_dir, store) = seeded_store("001")?;
    let before = snapshot(&store)?;
    let output = run(&["ingest", "-q", "--store", arg(&store)?, arg(path)?])?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| fail("no file name"))?;
    let mut all = vec![name];
    all.extend_from_slice(needles);
    let line = one_error_line(&output, &all)?;
    assert!(
        snapshot(&store)? == before,
        "the store changed after: {line}"
    );
    Ok(line)
}

/// Whether an error message gives a place in the text: `line 2`, `2:14`, `column 3`...
fn has_position(line: &str) -> bool {
    let bytes = line.as_bytes();
    line.contains("line ")
        || line.contains("column ")
        || line.contains("position ")
        || bytes
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit())
}

#[test]
fn missing_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    ingest_fails(&dir.path().join("nope.txt"), &["no such file"])?;
    Ok(())
}

#[test]
fn without_quiet_a_failure_adds_only_the_summary_line() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let output = run(&[
        "ingest",
        "--store",
        arg(&store)?,
        arg(&dir.path().join("nope.txt"))?,
    ])?;
    assert!(!output.status.success(), "{}", describe(&output));
    let lines = stderr_lines(&output);
    assert_eq!(
        lines.len(),
        2,
        "an error line and the summary:\n{}",
        describe(&output)
    );
    assert!(
        lines[0].starts_with("policegraph: ") && lines[0].contains("nope.txt"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("ingested 0 articles") && lines[1].contains("1 failed"),
        "{}",
        lines[1]
    );
    Ok(())
}

#[test]
fn folder_with_no_articles() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("drafts");
    std::fs::create_dir(&folder)?;
    std::fs::write(folder.join("notes.md"), "PC Smith was dismissed.")?;
    ingest_fails(&folder, &["no articles found"])?;
    Ok(())
}

#[test]
fn file_that_is_not_utf8() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("latin1.txt");
    std::fs::write(
        &file,
        b"PC Jones was dismissed for gross misconduct.\n\xe9t\xe9 2021\n",
    )?;
    ingest_fails(&file, &["not UTF-8", "byte 45"])?;
    Ok(())
}

#[test]
fn empty_and_blank_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "")?;
    ingest_fails(&empty, &["empty"])?;
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, " \n\t\n")?;
    ingest_fails(&blank, &["empty"])?;
    Ok(())
}

#[test]
fn binary_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("photo.txt");
    std::fs::write(&file, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")?;
    ingest_fails(&file, &["binary"])?;
    Ok(())
}

#[test]
fn malformed_json_line_does_not_stop_the_other_lines() -> TestResult {
    let dir = tempfile::tempdir()?;
    let jsonl = dir.path().join("feed.jsonl");
    let good = |prefix: &str| -> Fallible<String> {
        Ok(serde_json::json!({ "text": std::fs::read_to_string(sample(prefix)?)? }).to_string())
    };
    std::fs::write(
        &jsonl,
        format!(
            "{}\n{{\"text\": \"PC Smith was\n{}\n",
            good("000")?,
            good("003")?
        ),
    )?;
    let store = dir.path().join("store");
    let output = run(&["ingest", "-q", "--store", arg(&store)?, arg(&jsonl)?])?;
    one_error_line(&output, &["feed.jsonl:2", "malformed JSON"])?;
    let expected: BTreeSet<String> = ["Kevin Phillips", "Sal Naseem", "Simon Ovens"]
        .map(String::from)
        .into();
    assert_eq!(people(&store)?, expected, "the good lines must still go in");
    Ok(())
}

#[test]
fn invalid_inline_sparql_names_the_position() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let before = snapshot(&store)?;
    let output = run(&[
        "query",
        "--store",
        arg(&store)?,
        "SELECT ?x WHERE { ?x ?y }",
    ])?;
    let line = one_error_line(&output, &["query", "inline"])?;
    assert!(has_position(&line), "no line/column in: {line}");
    assert!(snapshot(&store)? == before);
    Ok(())
}

#[test]
fn invalid_sparql_file_gives_one_line_naming_file_and_position() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let before = snapshot(&store)?;
    let file = dir.path().join("broken.rq");
    std::fs::write(
        &file,
        "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nSELECT ?x WHERE {\n  ?x foaf:name\n}\n",
    )?;
    let output = run(&["query", "--store", arg(&store)?, arg(&file)?])?;
    let line = one_error_line(&output, &["broken.rq"])?;
    assert!(has_position(&line), "no line/column in: {line}");
    assert!(snapshot(&store)? == before);
    Ok(())
}

#[test]
fn missing_query_file() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let output = run(&[
        "query",
        "--store",
        arg(&store)?,
        arg(&dir.path().join("nope.rq"))?,
    ])?;
    one_error_line(&output, &["nope.rq", "cannot read"])?;
    Ok(())
}

#[test]
fn query_and_export_need_an_existing_store() -> TestResult {
    let dir = tempfile::tempdir()?;
    let missing = dir.path().join("nostore");
    let query = run(&["query", "--store", arg(&missing)?, "ASK {}"])?;
    one_error_line(&query, &["nostore", "no store"])?;
    let export = run(&["export", "--store", arg(&missing)?])?;
    one_error_line(&export, &["nostore", "no store"])?;
    let dot = run(&["dot", "--store", arg(&missing)?])?;
    one_error_line(&dot, &["nostore", "no store"])?;
    assert!(!missing.exists(), "a read-only command created a store");
    Ok(())
}

#[test]
fn unknown_format_is_a_usage_error() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let before = snapshot(&store)?;
    for args in [
        vec!["query", "--format", "yaml", "ASK {}"],
        vec!["export", "--format", "yaml"],
    ] {
        let mut full = vec![args[0], "--store", arg(&store)?];
        full.extend_from_slice(&args[1..]);
        let output = run(&full)?;
        assert_eq!(output.status.code(), Some(2), "{}", describe(&output));
        one_error_line(
            &output,
            &["invalid value 'yaml'", "--format", "possible values"],
        )?;
        assert!(output.stdout.is_empty());
    }
    assert!(snapshot(&store)? == before);
    Ok(())
}

#[test]
fn store_directory_holding_something_else() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("photos");
    std::fs::create_dir(&folder)?;
    std::fs::write(folder.join("holiday.jpg"), b"not a store")?;
    let output = run(&["ingest", "--store", arg(&folder)?, arg(&sample("001")?)?])?;
    one_error_line(&output, &["photos", "not a policegraph store"])?;
    let entries: Vec<_> = std::fs::read_dir(&folder)?.collect::<Result<_, _>>()?;
    assert_eq!(
        entries.len(),
        1,
        "files were written into a folder that is not a store"
    );
    assert_eq!(std::fs::read(folder.join("holiday.jpg"))?, b"not a store");
    Ok(())
}

/// A second policegraph holding a store open; killed (by its own id) when dropped.
struct Holder(Child);

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until the holder has the store's RocksDB LOCK file open (seen through /proc), or a
/// few seconds where /proc does not exist.
fn wait_for_lock(holder: &mut Holder, store: &Path) -> TestResult {
    let fds = std::path::PathBuf::from(format!("/proc/{}/fd", holder.0.id()));
    if !Path::new("/proc/self/fd").exists() {
        std::thread::sleep(Duration::from_secs(3));
        return Ok(());
    }
    let lock = std::fs::canonicalize(store)?.join("LOCK");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Some(status) = holder.0.try_wait()? {
            return Err(fail(format!("the holding process exited early: {status}")));
        }
        if let Ok(entries) = std::fs::read_dir(&fds) {
            for entry in entries.flatten() {
                if std::fs::read_link(entry.path()).is_ok_and(|target| target == lock) {
                    return Ok(());
                }
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(fail("the holding process never opened the store"))
}

#[test]
fn store_locked_by_another_process() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let before = snapshot(&store)?;
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_policegraph"))
        .args(["ingest", "-q", "--store", arg(&store)?, "-"])
        .env_remove("POLICEGRAPH_STORE")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let mut holder = Holder(child);
    wait_for_lock(&mut holder, &store)?;

    let second = run(&[
        "ingest",
        "-q",
        "--store",
        arg(&store)?,
        arg(&sample("000")?)?,
    ])?;
    let line = one_error_line(&second, &["store", "locked"])?;
    assert!(
        line.contains(arg(&store)?),
        "the error does not name the store: {line}"
    );

    drop(holder.0.stdin.take());
    let status = holder.0.wait()?;
    assert!(
        !status.success(),
        "the holder read an empty stdin, which is an error"
    );
    assert!(snapshot(&store)? == before, "the store changed");
    Ok(())
}

#[test]
fn malformed_turtle_loads_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("broken.ttl");
    std::fs::write(
        &file,
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n<https://example.org/p> foaf:name \"Valid Name\" .\n<https://example.org/q> foaf:name \"unterminated .\n",
    )?;
    let line = ingest_fails(&file, &[])?;
    assert!(has_position(&line), "no line/column in: {line}");
    Ok(())
}

#[test]
fn one_bad_file_in_a_folder_does_not_stop_the_others() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder)?;
    std::fs::copy(sample("000")?, folder.join("a.txt"))?;
    std::fs::write(folder.join("b.txt"), b"PC Jones \xff\xfe was dismissed")?;
    std::fs::copy(sample("001")?, folder.join("c.txt"))?;
    let store = dir.path().join("store");
    let output = run(&["ingest", "--store", arg(&store)?, arg(&folder)?])?;
    assert!(
        !output.status.success(),
        "a failed file must give a non-zero exit\n{}",
        describe(&output)
    );
    let lines = stderr_lines(&output);
    let errors: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("policegraph: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", describe(&output));
    assert!(
        errors[0].contains("b.txt") && errors[0].contains("not UTF-8"),
        "{}",
        errors[0]
    );
    let summary = lines
        .iter()
        .find(|l| l.starts_with("ingested "))
        .ok_or_else(|| fail("no summary line"))?;
    assert!(
        summary.contains("ingested 2 articles (2 new") && summary.contains("1 failed"),
        "{summary}"
    );
    let expected: BTreeSet<String> = ["Kevin Phillips", "Laurence Taylor", "PC A", "Simon Ovens"]
        .map(String::from)
        .into();
    assert_eq!(people(&store)?, expected);
    Ok(())
}

#[test]
fn export_to_an_unwritable_place_leaves_nothing_behind() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let target = dir.path().join("missing-folder").join("out.ttl");
    let output = run(&["export", "--store", arg(&store)?, "-o", arg(&target)?])?;
    one_error_line(&output, &["out.ttl", "cannot write"])?;
    assert!(!target.exists());
    Ok(())
}

#[test]
fn dot_focus_on_an_unknown_name() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let output = run(&["dot", "--store", arg(&store)?, "--focus", "Nobody Atall"])?;
    one_error_line(&output, &["Nobody Atall"])?;
    Ok(())
}

#[test]
fn extract_refuses_rdf_files() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("data.ttl");
    std::fs::write(
        &file,
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
    )?;
    let output = run(&["extract", arg(&file)?])?;
    one_error_line(&output, &["data.ttl", "ingest"])?;
    Ok(())
}

#[test]
fn undeclared_prefix_gives_one_line() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let output = run(&[
        "query",
        "--store",
        arg(&store)?,
        "SELECT * WHERE { ?s foaf:name ?o }",
    ])?;
    let line = one_error_line(&output, &["query", "inline"])?;
    assert!(has_position(&line), "no line/column in: {line}");
    Ok(())
}

#[test]
fn update_queries_are_refused() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let before = snapshot(&store)?;
    for update in [
        "DELETE WHERE { ?s ?p ?o }",
        "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }",
    ] {
        let output = run(&["query", "--store", arg(&store)?, update])?;
        one_error_line(&output, &["query"])?;
    }
    assert!(snapshot(&store)? == before, "an update went through");
    Ok(())
}

#[test]
fn store_path_that_is_a_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("store.db");
    std::fs::write(&file, "keep me")?;
    let output = run(&["ingest", "--store", arg(&file)?, arg(&sample("001")?)?])?;
    one_error_line(&output, &["store.db", "not a directory"])?;
    assert_eq!(std::fs::read_to_string(&file)?, "keep me");
    Ok(())
}
