//! The command line under faults, end to end: a replaced article leaves the store a fresh
//! ingest would give, readers beside a writer, a damaged store, leftovers of a killed ingest,
//! `-o` files that are read-only or links, update queries, and articles with no facts. The
//! articles are invented sentences.

mod common;

use common::{
    Fallible, TestResult, arg, describe, fail, ingest, one_error_line, run, run_ok, sample,
    seeded_store, snapshot,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const OFFICER: &str = "Former PC John Smith of Kent Police was dismissed without notice at a \
misconduct hearing on 3 March 2022. The hearing found that he had breached the standards of \
honesty and integrity.\n";
const REWRITTEN: &str = "A misconduct hearing on 3 March 2022 found that a former Kent Police \
officer had breached the standards of honesty and integrity. The officer was dismissed without \
notice.\n";
const WITNESS: &str = "PC John Smith of Kent Police gave evidence at the hearing of a colleague \
in May 2023.\n";
const IS_FORMER: &str = "PREFIX pg: <https://w3id.org/policegraph/ontology#> \
PREFIX foaf: <http://xmlns.com/foaf/0.1/> \
ASK { ?p foaf:name \"John Smith\" ; pg:formerOfficer true }";

/// The answer of an ASK query: `true` or `false`.
fn ask(store: &Path, query: &str) -> Fallible<String> {
    let csv = run_ok(&["query", "--store", arg(store)?, "--format", "csv", query])?;
    csv.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| fail("no answer to the ASK query"))
}

/// Writes `text` to `dir/name` and returns the path.
fn write(dir: &Path, name: &str, text: &str) -> Fallible<PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, text)?;
    Ok(path)
}

#[test]
fn a_replaced_article_leaves_the_store_a_fresh_ingest_of_the_same_files_gives() -> TestResult {
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles)?;
    let one = write(&articles, "one.txt", OFFICER)?;
    let two = write(&articles, "two.txt", WITNESS)?;
    let store = dir.path().join("replaced");
    ingest(&store, &[&one, &two])?;
    assert_eq!(
        ask(&store, IS_FORMER)?,
        "true",
        "the former officer was not read"
    );

    write(&articles, "one.txt", REWRITTEN)?;
    let summary = ingest(&store, &[&one])?;
    assert!(summary.contains("1 replaced"), "not replaced: {summary}");
    assert_eq!(
        ask(&store, IS_FORMER)?,
        "false",
        "what only the old version said of him outlived it"
    );

    let fresh = dir.path().join("fresh");
    ingest(&fresh, &[&one, &two])?;
    let (replaced, fresh) = (snapshot(&store)?, snapshot(&fresh)?);
    let stale: Vec<&String> = replaced.iter().filter(|q| !fresh.contains(q)).collect();
    let missing: Vec<&String> = fresh.iter().filter(|q| !replaced.contains(q)).collect();
    assert!(
        stale.is_empty() && missing.is_empty(),
        "the replaced store differs from a fresh one\nonly after replacing: {stale:#?}\nonly in the fresh store: {missing:#?}"
    );
    Ok(())
}

/// A story of several hearings, one sentence each, about officers of `force` named after
/// `names`: an article long enough that one sentence more or less leaves most of it as it was.
fn hearings(force: &str, names: &[&str]) -> String {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            format!(
                "PC {name} of {force} was given a final written warning at a misconduct \
                 meeting on {} June 2021.\n",
                i + 1
            )
        })
        .collect()
}

/// Updated stories (most of each new version stored already) are changed in place: what a
/// new version no longer says goes, even where another article still names the person; a
/// shared description one updated story lets go while another, updated in the same run, now
/// gives stays; and one that no article gave before comes in.
#[test]
fn updated_stories_leave_the_store_a_fresh_ingest_of_the_same_files_gives() -> TestResult {
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles)?;
    let kent = hearings(
        "Kent Police",
        &["Ann Lee", "Bob Hart", "Cal Reid", "Dee Moss"],
    );
    let essex = hearings(
        "Essex Police",
        &["Eve Lamb", "Fay Cole", "Gus Finch", "Hal Wood"],
    );
    let named = "Sgt Mary Jones of Sussex Police was dismissed at a misconduct hearing.\n";
    let one = write(&articles, "one.txt", &format!("{kent}{OFFICER}{named}"))?;
    let two = write(&articles, "two.txt", WITNESS)?;
    let three = write(&articles, "three.txt", &essex)?;
    let store = dir.path().join("updated");
    ingest(&store, &[&one, &two, &three])?;
    assert_eq!(
        ask(&store, IS_FORMER)?,
        "true",
        "the former officer was not read"
    );

    let added = "PC Ian Vale of Kent Police will face a misconduct meeting, the force said.\n";
    write(&articles, "one.txt", &format!("{kent}{added}"))?;
    write(&articles, "three.txt", &format!("{essex}{named}"))?;
    let summary = ingest(&store, &[&one, &two, &three])?;
    assert!(summary.contains("2 replaced"), "not replaced: {summary}");
    assert_eq!(
        ask(&store, IS_FORMER)?,
        "false",
        "what only the old version said of him outlived the update"
    );

    let fresh = dir.path().join("fresh");
    ingest(&fresh, &[&one, &two, &three])?;
    same_facts(&store, &facts(&fresh)?, "after updates")
}

/// One JSON Lines record per article version, all under one URL.
fn versions(dir: &Path, name: &str, texts: &[&str]) -> Fallible<PathBuf> {
    let lines: Vec<String> = texts
        .iter()
        .map(|text| {
            serde_json::json!({ "url": "https://news.example/kent-hearing", "text": text })
                .to_string()
        })
        .collect();
    write(dir, name, &(lines.join("\n") + "\n"))
}

/// The store's quads but where each article was read from (the files differ on purpose).
fn facts(store: &Path) -> Fallible<Vec<String>> {
    Ok(snapshot(store)?
        .into_iter()
        .filter(|quad| !quad.contains("ontology#sourceLocation>"))
        .collect())
}

/// Checks that `store` holds exactly the quads of `expected`, naming the first difference.
fn same_facts(store: &Path, expected: &[String], what: &str) -> TestResult {
    let got = facts(store)?;
    let extra = got.iter().find(|q| !expected.contains(q));
    let missing = expected.iter().find(|q| !got.contains(q));
    assert!(
        extra.is_none() && missing.is_none(),
        "{what}: differs from a fresh ingest of the last version\nextra: {extra:?}\nmissing: {missing:?}"
    );
    Ok(())
}

/// An article that comes twice in one run (a scraper's file with an update appended) ends as its
/// last version alone, whether it was new to the store or already there: both versions meet in
/// one batch, and the later must replace the earlier, not join it.
#[test]
fn an_article_twice_in_one_run_ends_as_its_last_version() -> TestResult {
    let dir = tempfile::tempdir()?;
    let last = versions(dir.path(), "last.jsonl", &[REWRITTEN])?;
    let fresh = dir.path().join("fresh");
    ingest(&fresh, &[&last])?;
    let expected = facts(&fresh)?;

    let both = versions(dir.path(), "both.jsonl", &[OFFICER, REWRITTEN])?;
    let new = dir.path().join("new");
    ingest(&new, &[&both])?;
    same_facts(&new, &expected, "new to the store")?;

    let first = versions(dir.path(), "first.jsonl", &[WITNESS])?;
    let changed = dir.path().join("changed");
    ingest(&changed, &[&first])?;
    let summary = ingest(&changed, &[&both])?;
    assert!(summary.contains("2 replaced"), "{summary}");
    same_facts(&changed, &expected, "already in the store")
}

#[test]
fn replacing_an_article_back_and_forth_ends_where_a_fresh_store_is() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let one = write(dir.path(), "one.txt", OFFICER)?;
    let two = write(dir.path(), "two.txt", WITNESS)?;
    ingest(&store, &[&one, &two])?;
    let first = snapshot(&store)?;
    write(dir.path(), "one.txt", REWRITTEN)?;
    ingest(&store, &[&one])?;
    write(dir.path(), "two.txt", OFFICER)?;
    write(dir.path(), "one.txt", WITNESS)?;
    ingest(&store, &[&one, &two])?;
    write(dir.path(), "one.txt", OFFICER)?;
    write(dir.path(), "two.txt", WITNESS)?;
    ingest(&store, &[&one, &two])?;
    assert!(
        snapshot(&store)? == first,
        "the store differs from the one first built from the same files"
    );
    Ok(())
}

#[test]
fn an_article_with_no_facts_is_reported_as_such() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let empty = write(
        dir.path(),
        "weather.txt",
        "The weather stayed dry all week, and the market opened as usual on Saturday.\n",
    )?;
    let full = write(dir.path(), "one.txt", OFFICER)?;
    let output = run(&[
        "ingest",
        "--verbose",
        "--store",
        arg(&store)?,
        arg(&empty)?,
        arg(&full)?,
    ])?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{}", describe(&output));
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("weather.txt") && l.contains("no facts found")),
        "--verbose does not say the article gave nothing\n{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("one.txt: added") && !l.contains("no facts")),
        "the article with facts is not plainly added\n{stderr}"
    );
    let summary = stderr
        .lines()
        .find(|l| l.starts_with("ingested "))
        .ok_or_else(|| fail(format!("no summary line\n{stderr}")))?;
    assert!(
        summary.contains("1 with no facts found"),
        "the summary does not count it: {summary}"
    );
    Ok(())
}

const FIRST_NAMES: [&str; 10] = [
    "Alan", "Beth", "Carl", "Dana", "Evan", "Fiona", "Gary", "Helen", "Ian", "Julia",
];
const SURNAMES: [&str; 15] = [
    "Hollis", "Marsh", "Pryor", "Keane", "Walsh", "Doyle", "Frost", "Burke", "Nolan", "Quinn",
    "Sharpe", "Tierney", "Vance", "Yates", "Lowther",
];

/// The officer of the `i`th generated article (150 names before they repeat).
fn officer(i: usize) -> String {
    format!("{} {}", FIRST_NAMES[i % 10], SURNAMES[i / 10 % 15])
}

/// A folder of `count` (at most 150) article files, each naming its own officer, in version
/// `version`: the versions differ in their text but name the same people.
fn write_articles(dir: &Path, count: usize, version: usize) -> TestResult {
    std::fs::create_dir_all(dir)?;
    for i in 0..count {
        let name = officer(i);
        let text = format!(
            "PC {name} of Kent Police was dismissed without notice at a misconduct hearing on \
             {} March 2022. The hearing found that the constable had breached the standards of \
             honesty and integrity.\n",
            1 + version % 28
        );
        std::fs::write(dir.join(format!("{i:03}.txt")), text)?;
    }
    Ok(())
}

/// When changed articles that share a person or a force are taken out side by side (more of
/// them than one transaction holds), some corrected in a detail and keeping the shared
/// description, others rewritten and dropping it, the store ends as a fresh ingest of the new
/// versions.
#[test]
fn corrections_across_many_articles_leave_the_store_a_fresh_ingest_gives() -> TestResult {
    let dir = tempfile::tempdir()?;
    let version = |n: usize, corrected: bool| -> Fallible<PathBuf> {
        let folder = dir.path().join(if corrected { "v2" } else { "v1" });
        std::fs::create_dir_all(&folder)?;
        for i in 0..n {
            let name = officer(i);
            let text = match (corrected, i % 2) {
                (false, _) | (true, 0) => format!(
                    "PC {name} of Kent Police was dismissed without notice at a misconduct \
                     hearing on {} March 2022. PC John Smith of Kent Police gave evidence.\n",
                    if corrected { 4 } else { 3 }
                ),
                _ => format!(
                    "Sergeant {name} of Essex Police was given a final written warning at a \
                     misconduct meeting on 9 June 2021.\n"
                ),
            };
            std::fs::write(folder.join(format!("{i:03}.txt")), text)?;
        }
        Ok(folder)
    };
    let (old, new) = (version(48, false)?, version(48, true)?);
    let fresh = dir.path().join("fresh");
    ingest(&fresh, &[&new])?;
    let expected = facts(&fresh)?;
    let store = dir.path().join("store");
    ingest(&store, &[&old])?;
    // The same folder name for both versions, so that each file keeps its identity.
    std::fs::remove_dir_all(&old)?;
    std::fs::rename(&new, &old)?;
    let summary = ingest(&store, &[&old])?;
    assert!(summary.contains("48 replaced"), "{summary}");
    same_facts(&store, &expected, "after corrections")
}

/// RocksDB's name for the database in a store directory: a rebuilt store has a new one.
fn identity(store: &Path) -> Fallible<String> {
    Ok(std::fs::read_to_string(store.join("IDENTITY"))?)
}

/// Articles that all name one person, rewritten wholly (another text under each name) and no
/// longer naming him: his description goes with the last of them, unless an article left as
/// it was still names him. 40 articles are taken out whole, in several transactions side by
/// side; 80 (more than a rebuild's floor, and every stored article but one) make the store be
/// written anew, without them.
#[test]
fn a_person_named_only_by_rewritten_articles_goes_with_them() -> TestResult {
    for (count, rebuilt) in [(40, false), (80, true)] {
        named_only_by_rewritten_articles(count, rebuilt)?;
    }
    Ok(())
}

fn named_only_by_rewritten_articles(count: usize, rebuilt: bool) -> TestResult {
    let dir = tempfile::tempdir()?;
    // Both versions go to the same folder, so that each file keeps its identity.
    let write_version = |folder: &Path, rewritten: bool| -> TestResult {
        std::fs::create_dir_all(folder)?;
        for i in 0..count {
            let name = officer(i);
            let text = if rewritten {
                format!(
                    "Sergeant {name} of Essex Police was given a final written warning at a \
                     misconduct meeting on {} June 2021.\n",
                    1 + i % 28
                )
            } else {
                format!(
                    "PC {name} of Kent Police was dismissed without notice at a misconduct \
                     hearing on 3 March 2022. PC John Smith of Kent Police gave evidence.\n"
                )
            };
            std::fs::write(folder.join(format!("{i:03}.txt")), text)?;
        }
        Ok(())
    };
    let new = dir.path().join("new");
    write_version(&new, true)?;
    let kept = write(dir.path(), "kept.txt", WITNESS)?;
    let named = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> ASK { ?p foaf:name \"John Smith\" }";
    for keep in [false, true] {
        let articles = dir.path().join(format!("articles-{keep}"));
        write_version(&articles, false)?;
        let (mut inputs, mut fresh_inputs): (Vec<&Path>, Vec<&Path>) =
            (vec![&articles], vec![&new]);
        if keep {
            inputs.push(&kept);
            fresh_inputs.push(&kept);
        }
        let store = dir.path().join(format!("store-{keep}"));
        ingest(&store, &inputs)?;
        assert_eq!(ask(&store, named)?, "true", "John Smith was not read");
        let before = identity(&store)?;
        write_version(&articles, true)?;
        let summary = ingest(&store, &inputs)?;
        assert!(summary.contains(&format!("{count} replaced")), "{summary}");
        assert_eq!(
            identity(&store)? != before,
            rebuilt,
            "{count} articles rewritten: the store should {}be rebuilt",
            if rebuilt { "" } else { "not " }
        );
        assert!(
            !dir.path().join(format!("store-{keep}.rebuilding")).exists(),
            "the rebuild's folder was left"
        );
        assert_eq!(
            ask(&store, named)?,
            keep.to_string(),
            "John Smith, named now only {}",
            if keep {
                "by kept.txt"
            } else {
                "by the old versions"
            }
        );
        // The fresh store reads the new versions from another folder: compare all but where
        // each article was read from.
        let fresh = dir.path().join(format!("fresh-{keep}"));
        ingest(&fresh, &fresh_inputs)?;
        same_facts(
            &store,
            &facts(&fresh)?,
            &format!("kept.txt in the store: {keep}"),
        )?;
    }
    Ok(())
}

/// What a killed rebuild leaves beside the store (the half-built store, or the old one after
/// the exchange, marked `policegraph-rebuilding` either way) is removed by the next ingest. A
/// directory of that name without the mark (here a store of its own) is not touched, nor is a
/// file of the user's in the store's directory: the store is then changed in place.
#[test]
fn a_rebuilds_leftover_goes_and_nothing_else_does() -> TestResult {
    let dir = tempfile::tempdir()?;
    let articles = dir.path().join("articles");
    write_articles(&articles, 100, 0)?;
    let store = dir.path().join("store");
    ingest(&store, &[&articles])?;
    let beside = dir.path().join("store.rebuilding");
    ingest(&beside, &[&write(dir.path(), "one.txt", OFFICER)?])?;
    std::fs::write(beside.join("policegraph-rebuilding"), "")?;
    let summary = ingest(&store, &[&articles])?;
    assert!(summary.contains("100 unchanged"), "{summary}");
    assert!(!beside.exists(), "a rebuild's leftover stayed");

    ingest(&beside, &[&write(dir.path(), "one.txt", OFFICER)?])?;
    let before = identity(&store)?;
    write_articles(&articles, 100, 1)?;
    let summary = ingest(&store, &[&articles])?;
    assert!(summary.contains("100 replaced"), "{summary}");
    assert_eq!(
        identity(&store)?,
        before,
        "rebuilt over a store not its own"
    );
    assert_eq!(
        ask(&beside, IS_FORMER)?,
        "true",
        "the other store was touched"
    );
    std::fs::remove_dir_all(&beside)?;

    std::fs::write(store.join("NOTES.txt"), "mine")?;
    write_articles(&articles, 100, 2)?;
    let summary = ingest(&store, &[&articles])?;
    assert!(summary.contains("100 replaced"), "{summary}");
    assert_eq!(
        identity(&store)?,
        before,
        "rebuilt a directory holding a file of the user's"
    );
    assert_eq!(std::fs::read_to_string(store.join("NOTES.txt"))?, "mine");
    std::fs::remove_file(store.join("NOTES.txt"))?;

    write_articles(&articles, 100, 3)?;
    ingest(&store, &[&articles])?;
    assert_ne!(
        identity(&store)?,
        before,
        "not rebuilt once nothing stood in the way"
    );
    let fresh = dir.path().join("fresh");
    ingest(&fresh, &[&articles])?;
    same_facts(
        &store,
        &facts(&fresh)?,
        "after changes in place and a rebuild",
    )
}

/// In a run that rebuilds the store, an article that comes first unchanged and then changed
/// counts as it does in a run that changes the store in place: once unchanged, once replaced.
#[test]
fn an_article_twice_in_a_rebuilding_run_counts_as_in_place() -> TestResult {
    let dir = tempfile::tempdir()?;
    let line = |i: usize, day: usize| {
        format!(
            "{{\"url\": \"https://example.org/news/{i}\", \"text\": \"PC {} of Kent Police was \
             dismissed without notice at a misconduct hearing on {day} March 2022.\"}}\n",
            officer(i)
        )
    };
    let first: String = (0..80).map(|i| line(i, 3)).collect();
    let store = dir.path().join("store");
    ingest(&store, &[&write(dir.path(), "first.jsonl", &first)?])?;
    let before = identity(&store)?;
    let second: String = std::iter::once(line(0, 3))
        .chain((1..80).map(|i| line(i, 4)))
        .chain(std::iter::once(line(0, 5)))
        .collect();
    let summary = ingest(&store, &[&write(dir.path(), "first.jsonl", &second)?])?;
    assert_ne!(
        identity(&store)?,
        before,
        "79 of 80 articles changed: not rebuilt"
    );
    assert!(
        summary.contains("(0 new, 80 replaced, 1 unchanged)"),
        "{summary}"
    );
    let last: String = (0..80)
        .map(|i| line(i, if i == 0 { 5 } else { 4 }))
        .collect();
    let fresh = dir.path().join("fresh");
    ingest(&fresh, &[&write(dir.path(), "last.jsonl", &last)?])?;
    same_facts(
        &store,
        &facts(&fresh)?,
        "an article twice in a rebuilding run",
    )
}

#[test]
fn queries_during_an_ingest_that_replaces_articles_all_succeed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    let articles = dir.path().join("articles");
    write_articles(&articles, 150, 0)?;
    ingest(&store, &[&articles])?;
    let people = arg(&common::view("people"))?.to_owned();
    let expected = common::view_rows(&store, "people")?.len();
    assert!(
        expected >= 150,
        "the articles' officers were not read: {expected} rows"
    );
    let mut queries = 0;
    for version in 1..=6 {
        write_articles(&articles, 150, version)?;
        let mut writer = Command::new(env!("CARGO_BIN_EXE_policegraph"))
            .args(["ingest", "-q", "--store", arg(&store)?, arg(&articles)?])
            .env_remove("POLICEGRAPH_STORE")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        let started = Instant::now();
        loop {
            let output = run(&["query", "--store", arg(&store)?, "--format", "csv", &people])?;
            queries += 1;
            if !output.status.success() {
                let _ = writer.kill();
                let _ = writer.wait();
                return Err(fail(format!(
                    "a query beside the ingest failed\n{}",
                    describe(&output)
                )));
            }
            let rows = String::from_utf8_lossy(&output.stdout)
                .lines()
                .count()
                .saturating_sub(1);
            assert_eq!(rows, expected, "a query saw a store being changed");
            if writer.try_wait()?.is_some() || started.elapsed() > Duration::from_secs(60) {
                break;
            }
        }
        let output = writer.wait_with_output()?;
        assert!(
            output.status.success(),
            "the ingest failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(queries >= 6, "too few queries ran: {queries}");
    Ok(())
}

/// The store's largest table file.
fn largest_table_file(store: &Path) -> Fallible<PathBuf> {
    let mut best: Option<(u64, PathBuf)> = None;
    for entry in std::fs::read_dir(store)? {
        let entry = entry?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "sst") {
            let size = entry.metadata()?.len();
            if best.as_ref().is_none_or(|(s, _)| size > *s) {
                best = Some((size, path));
            }
        }
    }
    best.map(|(_, path)| path)
        .ok_or_else(|| fail("the store has no table file"))
}

#[test]
fn a_truncated_table_file_is_named_by_every_command() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let sound = run(&["check", "--store", arg(&store)?])?;
    assert!(sound.status.success(), "{}", describe(&sound));
    let file = largest_table_file(&store)?;
    let length = std::fs::metadata(&file)?.len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&file)?
        .set_len(length / 2)?;
    for command in [
        vec!["check", "--store", arg(&store)?],
        vec!["optimize", "--store", arg(&store)?],
        vec!["export", "--store", arg(&store)?, "--format", "nquads"],
        vec![
            "query",
            "--store",
            arg(&store)?,
            "SELECT * WHERE { ?s ?p ?o }",
        ],
        vec!["ingest", "--store", arg(&store)?, arg(&sample("000")?)?],
    ] {
        let output = run(&command)?;
        let line = one_error_line(&output, &["damaged", arg(&store)?])?;
        assert!(
            line.contains("ingest") && line.contains("export"),
            "{}: the error does not say what to do: {line}",
            command[0]
        );
    }
    Ok(())
}

#[test]
fn bulk_files_left_by_a_killed_ingest_are_removed_by_the_next() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let leftover = store.join("bulk-1234567890.sst");
    std::fs::write(&leftover, vec![0u8; 4096])?;
    ingest(&store, &[&sample("000")?])?;
    assert!(!leftover.exists(), "the leftover bulk file is still there");
    Ok(())
}

#[test]
fn export_refuses_to_replace_a_read_only_file() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let target = dir.path().join("graph.ttl");
    std::fs::write(&target, "kept")?;
    let mut permissions = std::fs::metadata(&target)?.permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&target, permissions)?;
    let output = run(&["export", "--store", arg(&store)?, "-o", arg(&target)?])?;
    one_error_line(&output, &["graph.ttl", "read-only"])?;
    assert_eq!(std::fs::read_to_string(&target)?, "kept");
    Ok(())
}

#[cfg(unix)]
#[test]
fn export_writes_through_a_symbolic_link() -> TestResult {
    let (dir, store) = seeded_store("001")?;
    let real = dir.path().join("real.nq");
    std::fs::write(&real, "old")?;
    let link = dir.path().join("link.nq");
    std::os::unix::fs::symlink("real.nq", &link)?;
    run_ok(&["export", "--store", arg(&store)?, "-o", arg(&link)?])?;
    assert!(
        std::fs::symlink_metadata(&link)?.file_type().is_symlink(),
        "the link was replaced by a plain file"
    );
    let written = std::fs::read_to_string(&real)?;
    assert!(
        written.contains("https://w3id.org/policegraph/"),
        "the link's target was not written"
    );
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn a_write_error_names_the_file() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let output = run(&["export", "--store", arg(&store)?, "-o", "/dev/full"])?;
    let line = one_error_line(&output, &["/dev/full"])?;
    assert!(!line.contains("output"), "{line}");
    Ok(())
}

#[test]
fn an_update_is_refused_as_an_update() -> TestResult {
    let (_dir, store) = seeded_store("001")?;
    let output = run(&[
        "query",
        "--store",
        arg(&store)?,
        "DELETE WHERE { ?s ?p ?o }",
    ])?;
    one_error_line(&output, &["updates are not supported"])?;
    Ok(())
}
