//! Shared helpers of the integration tests: run the real `policegraph` binary on temporary
//! stores, read its CSV results and N-Quads exports, and compare row sets with a readable diff.
#![allow(
    dead_code,
    reason = "each test crate uses a different part of the helpers"
)]

pub mod scorer;

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Why a test failed. A test returning `Err` has it printed with `Debug`, which here is the
/// message as written, so multi-line diffs and command outputs stay readable.
pub struct Failure(String);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl<E: std::error::Error> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure(error.to_string())
    }
}

/// A failure with this message.
pub fn fail(message: impl Into<String>) -> Failure {
    Failure(message.into())
}

pub type TestResult = Result<(), Failure>;
pub type Fallible<T> = Result<T, Failure>;

/// The standard views, each a `queries/<view>.rq`.
pub const VIEWS: [&str; 5] = [
    "people",
    "organisations",
    "proceedings",
    "investigations",
    "standards",
];

/// The project's root directory: the workspace's, whichever of its crates the test belongs to.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("queries").is_dir())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The bundled sample articles.
pub fn samples_dir() -> PathBuf {
    root().join("samples")
}

/// The expectations for the sample articles, `NAME.expected.json` beside nothing else.
pub fn expectations_dir() -> PathBuf {
    root().join("tests/fixtures/samples")
}

/// A sample article by the start of its file name, e.g. `"001"`.
pub fn sample(prefix: &str) -> Fallible<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(samples_dir())? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with(prefix) && name.ends_with(".txt") {
            found.push(path);
        }
    }
    match found.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(fail(format!(
            "expected one sample named {prefix}*.txt, found {found:?}"
        ))),
    }
}

/// A standard view's query file.
pub fn view(name: &str) -> PathBuf {
    root().join("queries").join(format!("{name}.rq"))
}

/// The real binary, with no store taken from the environment.
pub fn policegraph() -> Fallible<Command> {
    let mut command = Command::cargo_bin("policegraph")?;
    command.env_remove("POLICEGRAPH_STORE");
    Ok(command)
}

/// Runs the binary with `args` and returns what it did, whatever its exit status.
pub fn run(args: &[&str]) -> Fallible<Output> {
    Ok(policegraph()?.args(args).output()?)
}

/// A path as a `&str` argument.
pub fn arg(path: &Path) -> Fallible<&str> {
    path.to_str()
        .ok_or_else(|| fail(format!("path is not UTF-8: {}", path.display())))
}

/// Formats what a command did, for assertion messages.
pub fn describe(output: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs the binary and requires success; returns stdout.
pub fn run_ok(args: &[&str]) -> Fallible<String> {
    let output = run(args)?;
    if !output.status.success() {
        return Err(fail(format!(
            "policegraph {args:?} failed\n{}",
            describe(&output)
        )));
    }
    Ok(String::from_utf8(output.stdout)?)
}

/// Ingests `paths` into the store at `store`, requiring success; returns stderr (the summary).
pub fn ingest(store: &Path, paths: &[&Path]) -> Fallible<String> {
    let mut args = vec!["ingest", "--store", arg(store)?];
    for path in paths {
        args.push(arg(path)?);
    }
    let output = run(&args)?;
    if !output.status.success() {
        return Err(fail(format!(
            "policegraph {args:?} failed\n{}",
            describe(&output)
        )));
    }
    Ok(String::from_utf8(output.stderr)?)
}

/// Runs a query (file or inline) with `--format csv`; returns the rows without the header.
pub fn query_rows(store: &Path, query: &str) -> Fallible<Vec<Vec<String>>> {
    let csv = run_ok(&["query", "--store", arg(store)?, "--format", "csv", query])?;
    let mut rows = parse_csv(&csv)?;
    if rows.is_empty() {
        return Err(fail(format!("no header in the CSV results of {query}")));
    }
    rows.remove(0);
    Ok(rows)
}

/// Runs a standard view over the store; returns its rows.
pub fn view_rows(store: &Path, name: &str) -> Fallible<Vec<Vec<String>>> {
    query_rows(store, arg(&view(name))?)
}

/// The names the people view gives.
pub fn people(store: &Path) -> Fallible<BTreeSet<String>> {
    Ok(view_rows(store, "people")?
        .into_iter()
        .filter_map(|row| row.into_iter().next())
        .collect())
}

/// Parses CSV (RFC 4180: quoted cells, doubled quotes, CRLF or LF line ends) into rows.
pub fn parse_csv(text: &str) -> Fallible<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err(fail("unterminated quoted cell in CSV"));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    Ok(rows)
}

/// The store's quads as exported N-Quads lines, sorted: equal snapshots mean an unchanged store.
pub fn snapshot(store: &Path) -> Fallible<Vec<String>> {
    let nquads = run_ok(&["export", "--store", arg(store)?, "--format", "nquads"])?;
    let mut lines: Vec<String> = nquads
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    lines.sort();
    Ok(lines)
}

/// Number of quads in the store.
pub fn quad_count(store: &Path) -> Fallible<usize> {
    Ok(snapshot(store)?.len())
}

/// Number of distinct triples in the store (the N-Triples export has each once).
pub fn triple_count(store: &Path) -> Fallible<usize> {
    let ntriples = run_ok(&["export", "--store", arg(store)?, "--format", "ntriples"])?;
    Ok(ntriples.lines().filter(|l| !l.trim().is_empty()).count())
}

/// A store holding the sample article `prefix`, in a fresh temporary directory.
pub fn seeded_store(prefix: &str) -> Fallible<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&sample(prefix)?])?;
    Ok((dir, store))
}

/// The stderr lines of a command.
pub fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Checks that a command failed with exactly one stderr line, starting `policegraph: ` and
/// containing every one of `needles` (case-insensitive); returns that line.
pub fn one_error_line(output: &Output, needles: &[&str]) -> Fallible<String> {
    if output.status.success() {
        return Err(fail(format!("expected a failure\n{}", describe(output))));
    }
    let lines = stderr_lines(output);
    let [line] = lines.as_slice() else {
        return Err(fail(format!(
            "expected exactly one stderr line, got {}\n{}",
            lines.len(),
            describe(output)
        )));
    };
    if !line.starts_with("policegraph: ") {
        return Err(fail(format!(
            "the error line does not start with `policegraph: `: {line}"
        )));
    }
    let lower = line.to_lowercase();
    for needle in needles {
        if !lower.contains(&needle.to_lowercase()) {
            return Err(fail(format!(
                "the error line does not mention {needle:?}: {line}"
            )));
        }
    }
    Ok(line.clone())
}

/// A row pattern: `*` matches any cell.
fn matches(pattern: &[String], row: &[String]) -> bool {
    pattern.len() == row.len() && pattern.iter().zip(row).all(|(p, c)| p == "*" || p == c)
}

fn show(row: &[String]) -> String {
    row.iter()
        .map(|c| format!("{c:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compares a view's rows with the expected rows, tolerating rows that match an optional
/// pattern; returns a readable expected/got diff, empty when they agree.
pub fn diff_rows(
    view: &str,
    expected: &[Vec<String>],
    optional: &[Vec<String>],
    got: &[Vec<String>],
) -> String {
    let expected_set: BTreeSet<&Vec<String>> = expected.iter().collect();
    let got_set: BTreeSet<&Vec<String>> = got.iter().collect();
    let missing: Vec<&&Vec<String>> = expected_set.difference(&got_set).collect();
    let unexpected: Vec<&&Vec<String>> = got_set
        .difference(&expected_set)
        .filter(|row| !optional.iter().any(|p| matches(p, row)))
        .collect();
    if missing.is_empty() && unexpected.is_empty() {
        return String::new();
    }
    let mut out = format!("view {view}:\n");
    for row in &missing {
        out.push_str(&format!("  - expected, not got: {}\n", show(row)));
    }
    for row in &unexpected {
        out.push_str(&format!("  + got, not expected: {}\n", show(row)));
    }
    out.push_str("  expected:\n");
    for row in &expected_set {
        out.push_str(&format!("      {}\n", show(row)));
    }
    out.push_str("  got:\n");
    for row in &got_set {
        out.push_str(&format!("      {}\n", show(row)));
    }
    out
}

fn rows_of(value: Option<&serde_json::Value>, what: &str) -> Fallible<Vec<Vec<String>>> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let rows = value
        .as_array()
        .ok_or_else(|| fail(format!("{what}: not an array of rows")))?;
    rows.iter()
        .map(|row| {
            row.as_array()
                .ok_or_else(|| fail(format!("{what}: a row is not an array")))?
                .iter()
                .map(|cell| {
                    cell.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| fail(format!("{what}: a cell is not a string")))
                })
                .collect()
        })
        .collect()
}

/// Ingests the sample `NAME.txt` into a new store, runs every standard view and compares its
/// rows with `NAME.expected.json`; returns the diff of every view that disagrees.
pub fn check_sample(name: &str) -> Fallible<String> {
    let article = samples_dir().join(format!("{name}.txt"));
    let expected_path = expectations_dir().join(format!("{name}.expected.json"));
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&expected_path)?)?;
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&article])?;
    let mut report = String::new();
    for view in VIEWS {
        let want = rows_of(expected.get(view), view)?;
        if expected.get(view).is_none() {
            return Err(fail(format!(
                "{}: no {view:?} rows",
                expected_path.display()
            )));
        }
        let optional = rows_of(expected.get("optional").and_then(|o| o.get(view)), view)?;
        let got = view_rows(&store, view)?;
        report.push_str(&diff_rows(view, &want, &optional, &got));
    }
    Ok(report)
}

/// A `policegraph serve` process, killed when dropped.
#[allow(dead_code)]
pub struct Serving {
    pub child: std::process::Child,
    /// The base URL it announced (`http://127.0.0.1:PORT`).
    pub base: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `policegraph serve` on a free port of 127.0.0.1 over `store`, with `extra` arguments.
#[allow(dead_code)]
pub fn start_serve(store: &Path, extra: &[&str]) -> Fallible<Serving> {
    use std::io::{BufRead, BufReader};
    let binary = policegraph()?.get_program().to_owned();
    let mut child = std::process::Command::new(binary)
        .args(["serve", "--store", arg(store)?, "--bind", "127.0.0.1:0"])
        .args(extra)
        .env_remove("POLICEGRAPH_STORE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| fail("the server has no stdout"))?;
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first)?;
    let base = first
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .map(|word| word.trim_end_matches('/').to_owned())
        .ok_or_else(|| fail(format!("no address in the server's first line: {first:?}")))?;
    Ok(Serving { child, base })
}

/// Percent-encodes a query-string value (every byte but the unreserved ones).
#[allow(dead_code)]
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
