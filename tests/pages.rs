//! Saved web pages through the real binary: each page fixture (tests/fixtures/pages, written for
//! the project in the shapes of real sites, all people invented) gives the same facts as its
//! story saved as text, by the scorer's measure; the page's metadata reaches the store; evidence
//! spans index the text the store keeps; and hostile pages (malformed, huge, scripts only, a
//! wrong charset) end promptly with a clear result.

mod common;

use common::scorer::{Fact, Names, Row, VIEWS, facts, matched, prf};
use common::{
    Fallible, TestResult, arg, describe, fail, ingest, one_error_line, parse_csv, policegraph,
    query_rows, root, view_rows,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// Longer than any of these runs needs, short enough that a hang fails the test.
const PATIENCE: Duration = Duration::from_secs(120);

/// The lowest agreement allowed between the facts of a page and of its story as text.
const MIN_AGREEMENT: f64 = 0.98;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/pages").join(name)
}

fn run_patiently(args: &[&str]) -> Fallible<Output> {
    policegraph()?
        .args(args)
        .timeout(PATIENCE)
        .output()
        .map_err(|e| fail(format!("policegraph {args:?} did not finish: {e}")))
}

/// A new store under `dir` holding `paths`.
fn store_of(dir: &Path, name: &str, paths: &[&Path]) -> Fallible<PathBuf> {
    let store = dir.join(name);
    ingest(&store, paths)?;
    Ok(store)
}

/// Every fact of the standard views, split as the scorer splits them (no aliases).
fn view_facts(store: &Path) -> Fallible<BTreeSet<Fact>> {
    let names = Names::new(&serde_json::json!({}))?;
    let mut out = BTreeSet::new();
    for (view, cols) in VIEWS {
        for cells in view_rows(store, view)? {
            let row: Row = cols.iter().map(|c| (*c).to_owned()).zip(cells).collect();
            out.extend(facts(view, &row, &names));
        }
    }
    Ok(out)
}

/// The facts of the page against those of the text, as the scorer's F1 with the text's facts
/// as the gold; fails with both sides' differences when below [`MIN_AGREEMENT`].
fn agreement(name: &str) -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = store_of(dir.path(), "text", &[&fixture(&format!("{name}.txt"))])?;
    let page = store_of(dir.path(), "page", &[&fixture(&format!("{name}.html"))])?;
    let (gold, got) = (view_facts(&text)?, view_facts(&page)?);
    assert!(
        gold.len() >= 8,
        "{name}: the text gives too few facts to compare: {gold:?}"
    );
    let (p, r, f1) = prf(matched(&got, &gold), got.len(), gold.len());
    eprintln!(
        "{name}: page vs text F1 {f1:.3} (P {p:.3} R {r:.3}), {} facts from the text, {} from the page",
        gold.len(),
        got.len()
    );
    if f1 < MIN_AGREEMENT {
        let missed: Vec<&Fact> = gold.difference(&got).collect();
        let extra: Vec<&Fact> = got.difference(&gold).collect();
        return Err(fail(format!(
            "{name}: page and text agree with F1 {f1:.3}\nonly in the text: {missed:?}\nonly in the page: {extra:?}"
        )));
    }
    Ok(())
}

#[test]
fn national_news_page_agrees_with_its_text() -> TestResult {
    agreement("national")
}

#[test]
fn regional_page_with_heavy_chrome_agrees_with_its_text() -> TestResult {
    agreement("regional")
}

#[test]
fn force_press_release_page_agrees_with_its_text() -> TestResult {
    agreement("press-release")
}

#[test]
fn iopc_news_page_agrees_with_its_text() -> TestResult {
    agreement("iopc")
}

#[test]
fn outcomes_listing_page_agrees_with_its_text() -> TestResult {
    agreement("outcomes")
}

/// The article's own description in the store: headline, URL, date, publisher.
fn described(store: &Path) -> Fallible<Vec<String>> {
    let rows = query_rows(
        store,
        "PREFIX schema: <https://schema.org/>
         SELECT ?headline ?url ?published ?publisher WHERE {
           GRAPH ?g { ?a a schema:NewsArticle ; schema:headline ?headline ; schema:url ?url .
                      OPTIONAL { ?a schema:datePublished ?published }
                      OPTIONAL { ?a schema:publisher ?publisher } } }",
    )?;
    match rows.as_slice() {
        [row] => Ok(row.clone()),
        _ => Err(fail(format!(
            "expected one described article, got {rows:?}"
        ))),
    }
}

#[test]
fn page_metadata_describes_the_article() -> TestResult {
    let dir = tempfile::tempdir()?;
    let national = store_of(dir.path(), "national", &[&fixture("national.html")])?;
    assert_eq!(
        described(&national)?,
        [
            "Met officer sacked after lying about crash in police car",
            "https://www.dailyledger.example/news/uk/met-officer-sacked-crash-lie-4411873",
            "2025-03-06T11:42:00+00:00",
            "The Daily Ledger",
        ]
    );
    // The date comes from <time datetime> alone, the URL from og:url.
    let regional = store_of(dir.path(), "regional", &[&fixture("regional.html")])?;
    let row = described(&regional)?;
    assert_eq!(row[2], "2025-02-14T06:00:00Z");
    assert!(row[1].ends_with("norfolk-detective-final-written-warning-a88213"));
    // JSON-LD in an @graph gives the date; the canonical link the URL.
    let release = store_of(dir.path(), "release", &[&fixture("press-release.html")])?;
    let row = described(&release)?;
    assert_eq!(row[2], "2025-01-21T14:05:00Z");
    assert_eq!(row[3], "Cheshire Constabulary");
    Ok(())
}

/// The proceedings view's dates for `subject`.
fn dates_of(store: &Path, subject: &str) -> Fallible<BTreeSet<String>> {
    Ok(view_rows(store, "proceedings")?
        .into_iter()
        .filter(|row| row.first().is_some_and(|s| s == subject))
        .filter_map(|row| row.get(2).cloned())
        .collect())
}

#[test]
fn dates_without_a_year_resolve_against_the_page_date() -> TestResult {
    let dir = tempfile::tempdir()?;
    // "on Wednesday, 12 February", in a page dated only by <time datetime="2025-02-14...">.
    let regional = store_of(dir.path(), "regional", &[&fixture("regional.html")])?;
    let dates = dates_of(&regional, "Sarah Quinlan")?;
    assert!(dates.contains("2025-02-12"), "{dates:?}");
    // "on Tuesday", in a page dated 6 March 2025 by its meta tags.
    let national = store_of(dir.path(), "national", &[&fixture("national.html")])?;
    let dates = dates_of(&national, "Marcus Whitfield")?;
    assert!(dates.contains("2025-03-04"), "{dates:?}");
    Ok(())
}

#[test]
fn evidence_spans_index_the_text_the_store_keeps() -> TestResult {
    let dir = tempfile::tempdir()?;
    let pages = ["national.html", "press-release.html", "outcomes.html"].map(fixture);
    let store = store_of(
        dir.path(),
        "store",
        &pages.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    )?;
    let rows = query_rows(
        &store,
        "PREFIX pg: <https://w3id.org/policegraph/ontology#>
         PREFIX schema: <https://schema.org/>
         SELECT ?quoted ?shown WHERE {
           GRAPH ?article {
             ?e pg:startChar ?start ; pg:endChar ?end ; pg:quotedText ?quoted ;
                pg:inSentence/pg:inArticle ?article .
             ?article schema:articleBody ?body . }
           BIND (SUBSTR(?body, ?start + 1, ?end - ?start) AS ?shown) }",
    )?;
    assert!(rows.len() >= 30, "too few evidence spans: {}", rows.len());
    // The quoted words stop at the end of the span's sentence (a quotation's span may run on).
    let wrong: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[0].is_empty() || !r[1].starts_with(&r[0]))
        .collect();
    assert!(
        wrong.is_empty(),
        "spans that do not show their words: {wrong:?}"
    );
    let whole = rows.iter().filter(|r| r[0] == r[1]).count();
    assert!(
        whole * 10 >= rows.len() * 9,
        "{whole} of {} spans whole",
        rows.len()
    );
    // The text kept is the page's main text, without its chrome.
    let body = query_rows(
        &store,
        "SELECT ?body WHERE { GRAPH ?g { ?a <https://schema.org/articleBody> ?body ;
           <https://schema.org/publisher> \"The Daily Ledger\" } }",
    )?;
    let body = &body[0][0];
    assert!(body.starts_with("Met officer sacked after lying about crash in police car\n\n"));
    assert!(body.contains("damaged.\n\nPC Marcus Whitfield"), "{body}");
    for chrome in [
        "cookies",
        "Most read",
        "Tom Baxter",
        "Gary Holt",
        "Sign up",
        "Photo:",
    ] {
        assert!(!body.contains(chrome), "{chrome:?} kept: {body}");
    }
    Ok(())
}

#[test]
fn a_folder_walk_takes_html_and_htm_pages() -> TestResult {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("saved");
    std::fs::create_dir_all(folder.join("older"))?;
    std::fs::copy(fixture("iopc.html"), folder.join("iopc.html"))?;
    std::fs::copy(
        fixture("press-release.html"),
        folder.join("older/release.HTM"),
    )?;
    std::fs::copy(fixture("national.txt"), folder.join("national.txt"))?;
    std::fs::write(folder.join("notes.md"), "not an article")?;
    let summary = ingest(&dir.path().join("store"), &[&folder])?;
    assert!(summary.contains("ingested 3 articles"), "{summary}");
    let people = common::people(&dir.path().join("store"))?;
    for person in ["Jordan Fenwick", "Owen Prichard", "Marcus Whitfield"] {
        assert!(people.contains(person), "{person} missing: {people:?}");
    }
    Ok(())
}

#[test]
fn a_page_on_stdin_or_under_another_name_is_read_as_a_page() -> TestResult {
    let dir = tempfile::tempdir()?;
    let html = std::fs::read(fixture("iopc.html"))?;
    let output = policegraph()?
        .args(["extract", "--format", "ntriples", "-"])
        .write_stdin(html.clone())
        .timeout(PATIENCE)
        .output()?;
    assert!(output.status.success(), "{}", describe(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("\"Jordan Fenwick\"") && !out.contains("Colin Varley"),
        "{out}"
    );
    assert!(out.contains(
        "<https://schema.org/publisher> \"Independent Office for Police Conduct (IOPC)\""
    ));
    // Named on the command line with an extension policegraph does not know.
    let named = dir.path().join("news-item.php");
    std::fs::write(&named, html)?;
    let output = run_patiently(&["extract", "--format", "ntriples", arg(&named)?])?;
    assert!(output.status.success(), "{}", describe(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("\"Jordan Fenwick\"") && !out.contains("Colin Varley"),
        "{out}"
    );
    Ok(())
}

/// The one article body of a store.
fn body(store: &Path) -> Fallible<String> {
    let rows = query_rows(
        store,
        "SELECT ?b WHERE { GRAPH ?g { ?a <https://schema.org/articleBody> ?b } }",
    )?;
    rows.first()
        .and_then(|r| r.first())
        .cloned()
        .ok_or_else(|| fail("no article body"))
}

/// A page declaring `charset` whose story names Zoë Ashworth, written as `bytes` of it.
fn page_bytes(charset: &str, encode: impl Fn(&str) -> Vec<u8>) -> Vec<u8> {
    let html = format!(
        "<html><head><meta charset=\"{charset}\"><title>Caf\u{e9} owner\u{2019}s complaint</title></head>\
         <body><main><p>PC Zo\u{eb} Ashworth of Kent Police was dismissed without notice at a \
         misconduct hearing on 3 March 2022 after a complaint by a caf\u{e9} owner.</p></main></body></html>"
    );
    encode(&html)
}

fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{2019}' => 0x92,
            c => u8::try_from(u32::from(c)).unwrap_or(b'?'),
        })
        .collect()
}

#[test]
fn declared_and_wrong_charsets_are_read_sensibly() -> TestResult {
    let dir = tempfile::tempdir()?;
    let cases: [(&str, Vec<u8>); 4] = [
        ("declared-1252", page_bytes("windows-1252", windows_1252)),
        ("declared-latin1", page_bytes("ISO-8859-1", windows_1252)),
        // Declared UTF-8 but written in Windows-1252: read as Windows-1252.
        ("wrong-utf8", page_bytes("utf-8", windows_1252)),
        // Declared Windows-1252 but written in UTF-8: read as UTF-8, not as mojibake.
        (
            "wrong-1252",
            page_bytes("windows-1252", |t| t.as_bytes().to_vec()),
        ),
    ];
    for (name, bytes) in cases {
        let file = dir.path().join(format!("{name}.html"));
        std::fs::write(&file, bytes)?;
        let store = store_of(dir.path(), name, &[&file])?;
        let text = body(&store)?;
        assert!(
            text.contains("PC Zo\u{eb} Ashworth") && text.contains("caf\u{e9} owner"),
            "{name}: {text:?}"
        );
        assert!(
            !text.contains('\u{fffd}') && !text.contains("Ã"),
            "{name}: {text:?}"
        );
        assert!(
            text.starts_with("Caf\u{e9} owner\u{2019}s complaint\n\n"),
            "{name}: {text:?}"
        );
        assert!(
            common::people(&store)?.contains("Zoe Ashworth")
                || common::people(&store)?.contains("Zo\u{eb} Ashworth"),
            "{name}"
        );
    }
    // The press release fixture is Windows-1252 with curly quotes.
    let store = store_of(dir.path(), "release", &[&fixture("press-release.html")])?;
    assert!(body(&store)?.contains("Chester Magistrates\u{2019} Court"));
    Ok(())
}

#[test]
fn a_page_of_only_scripts_is_a_clear_error_and_other_articles_go_in() -> TestResult {
    let dir = tempfile::tempdir()?;
    let scripts = dir.path().join("app-shell.html");
    std::fs::write(
        &scripts,
        "<!doctype html><html><head><title>Loading</title><script>var s = 'PC Ann Vale was \
         dismissed.';</script><style>p{}</style></head><body><div id=\"root\"></div>\
         <script src=\"/app.js\"></script><noscript>You need to enable JavaScript.</noscript>\
         </body></html>",
    )?;
    let output = run_patiently(&["extract", arg(&scripts)?])?;
    one_error_line(&output, &["app-shell.html", "no article text"])?;
    let store = dir.path().join("store");
    let output = run_patiently(&[
        "ingest",
        "--store",
        arg(&store)?,
        arg(&scripts)?,
        arg(&fixture("iopc.html"))?,
    ])?;
    assert!(!output.status.success(), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("policegraph: "))
        .collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains("app-shell.html") && errors[0].contains("no article text"));
    assert!(stderr.contains("ingested 1 articles"), "{stderr}");
    Ok(())
}

#[test]
fn malformed_html_is_read() -> TestResult {
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("soup.htm");
    std::fs::write(
        &page,
        "<html><head><title>Soup</title><body><div class=story><p>PC Anna Brook of Kent Police \
         was dismissed without notice <b><i>at a misconduct</b></i> hearing on 3 March 2022.<p>The \
         panel found gross misconduct.</div></td><table><tr><td>cell</table><p unclosed=\"attr>more \
         </body></html></html><div>trailing <a href=x>link",
    )?;
    let store = store_of(dir.path(), "store", &[&page])?;
    let rows = view_rows(&store, "proceedings")?;
    assert!(
        rows.iter()
            .any(|r| r[0] == "Anna Brook" && r[5] == "dismissal without notice"),
        "{rows:?}"
    );
    let text = body(&store)?;
    assert!(
        text.contains("dismissed without notice at a misconduct hearing"),
        "{text}"
    );
    Ok(())
}

#[test]
fn a_page_that_never_closes_its_elements_is_read_promptly() -> TestResult {
    // 200,000 open <div>s and <span>s: minutes for the parser unless the depth is bounded.
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("deep.html");
    let html = format!(
        "<html><body>{}{STORY}{}</body></html>",
        "<div><span>".repeat(100_000),
        "<p>More.</p><div>".repeat(10_000)
    );
    std::fs::write(&page, html)?;
    let started = std::time::Instant::now();
    let output = run_patiently(&["extract", "--format", "ntriples", arg(&page)?])?;
    assert!(output.status.success(), "{}", describe(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("\"Anna Brook\""));
    eprintln!("200,000 open elements: {:?}", started.elapsed());
    Ok(())
}

/// The story of the large page, one sentence that states the facts.
const STORY: &str = "<p>PC Anna Brook of Kent Police was dismissed without notice at a misconduct \
                     hearing on 3 March 2022.</p><p>The panel found that she had lied to \
                     colleagues about a crash.</p>";

#[test]
#[cfg(unix)]
fn a_fifty_megabyte_page_is_read_in_bounded_memory() -> TestResult {
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("big.html");
    let mut html = format!(
        "<html><head><title>Big</title><script>var blob = \"{}\";</script></head><body>\
         <main><article>{STORY}</article></main><section class=\"related-stories\"><ul>",
        "A".repeat(10_000_000)
    );
    let mut i = 0;
    while html.len() < 50_000_000 {
        html.push_str(&format!(
            "<li><a href=\"/s/{i}\">Sergeant Tom Vale story number {i} about the weather</a></li>\n"
        ));
        i += 1;
    }
    html.push_str("</ul></section></body></html>");
    std::fs::write(&page, &html)?;
    drop(html);
    // At most 1 GiB of address space: about 20 times the page (parsing takes about 7).
    let binary = assert_cmd::cargo::cargo_bin("policegraph");
    let output = std::process::Command::new("sh")
        .args(["-c", "ulimit -v 1048576 && exec \"$0\" \"$@\""])
        .arg(&binary)
        .args(["extract", "--format", "ntriples", arg(&page)?])
        .output()?;
    assert!(output.status.success(), "{}", describe(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("\"Anna Brook\""), "the story was lost");
    assert!(!out.contains("Tom Vale"), "the related list was read");
    Ok(())
}

#[test]
fn a_page_over_the_page_limit_is_refused_by_name() -> TestResult {
    let dir = tempfile::tempdir()?;
    let page = dir.path().join("dump.html");
    let file = std::fs::File::create(&page)?;
    // Sparse: no disk is written.
    file.set_len(u64::try_from(policegraph_extract::input::MAX_PAGE_BYTES)? + 1)?;
    let output = run_patiently(&["extract", arg(&page)?])?;
    one_error_line(&output, &["dump.html", "limit"])?;
    Ok(())
}

#[test]
fn json_lines_records_carry_pages() -> TestResult {
    let dir = tempfile::tempdir()?;
    let html = std::fs::read_to_string(fixture("iopc.html"))?;
    let own_text = "PC Rhys Tandy of Kent Police was given a written warning at a misconduct \
                    meeting on 4 May 2024.";
    let lines = [
        // A page alone: its text and metadata.
        serde_json::json!({ "html": html }),
        // Text and page: the record's text wins; the page fills the missing metadata and the
        // record's own fields win over the page's.
        serde_json::json!({ "text": own_text, "html": html, "source": "Feed" }),
        // Neither: a clear error for that line.
        serde_json::json!({ "title": "nothing here" }),
        // A page with no text: a clear error for that line.
        serde_json::json!({ "html": "<html><body><script>app()</script></body></html>" }),
    ];
    let file = dir.path().join("scraped.jsonl");
    let joined: Vec<String> = lines.iter().map(ToString::to_string).collect();
    std::fs::write(&file, joined.join("\n"))?;
    let store = dir.path().join("store");
    let output = run_patiently(&["ingest", "--store", arg(&store)?, arg(&file)?])?;
    assert!(!output.status.success(), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("scraped.jsonl:3: no \"text\" or \"html\" field"),
        "{stderr}"
    );
    assert!(
        stderr.contains("scraped.jsonl:4: no article text in the page"),
        "{stderr}"
    );
    let people = common::people(&store)?;
    assert!(
        people.contains("Jordan Fenwick") && people.contains("Rhys Tandy"),
        "{people:?}"
    );
    let csv = common::run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        "PREFIX schema: <https://schema.org/>
         SELECT ?publisher ?headline ?body WHERE { GRAPH ?g { ?a schema:publisher ?publisher ;
           schema:headline ?headline ; schema:articleBody ?body } } ORDER BY ?publisher",
    ])?;
    let rows = parse_csv(&csv)?;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][0], "Feed");
    assert_eq!(rows[1][2], own_text);
    assert_eq!(rows[2][0], "Independent Office for Police Conduct (IOPC)");
    for row in &rows[1..] {
        assert_eq!(
            row[1],
            "West Midlands Police officer dismissed after failing to act on 999 call"
        );
    }
    Ok(())
}
