//! `push` and `query --endpoint`, end to end through the binary. Against a fake server on
//! loopback (what is sent, retries, failures, credentials, results read back), always; and
//! against real triplestores, Oxigraph's server and Virtuoso, in the tests marked `ignore`,
//! which `scripts/remote-test` runs after starting them (it sets OXIGRAPH_URL, VIRTUOSO_URL and
//! VIRTUOSO_PASSWORD).

mod common;
#[path = "remote/fake.rs"]
mod fake;

use common::{
    Fallible, TestResult, VIEWS, arg, describe, fail, ingest, one_error_line, parse_csv, run,
    samples_dir, snapshot, view,
};
use fake::{Answer, Seen, Server};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A store holding the bundled samples, in a fresh temporary directory.
fn samples_store() -> Fallible<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&samples_dir()])?;
    Ok((dir, store))
}

/// Runs `push` with `args` after `--store STORE`; returns what it did.
fn push(store: &Path, args: &[&str]) -> Fallible<std::process::Output> {
    let mut all = vec!["push", "--store", arg(store)?];
    all.extend_from_slice(args);
    run(&all)
}

/// Runs `push`, requiring success; returns the summary line's counts (sent, skipped).
fn push_ok(store: &Path, args: &[&str]) -> Fallible<(usize, usize)> {
    let (sent, skipped, _) = push_summary(store, args)?;
    Ok((sent, skipped))
}

/// Runs `push`, requiring success; returns the summary line's counts (sent, skipped) and the
/// line itself.
fn push_summary(store: &Path, args: &[&str]) -> Fallible<(usize, usize, String)> {
    let output = push(store, args)?;
    if !output.status.success() {
        return Err(fail(format!("push {args:?} failed\n{}", describe(&output))));
    }
    let text = String::from_utf8(output.stderr)?;
    let count = |after: &str| -> Fallible<usize> {
        let before = text
            .split(after)
            .next()
            .and_then(|t| t.split_whitespace().last())
            .ok_or_else(|| fail(format!("no count before {after:?} in {text}")))?;
        Ok(before.parse()?)
    };
    Ok((
        count(" graphs sent")?,
        count(" unchanged and skipped")?,
        text.clone(),
    ))
}

/// What the summary of a push says when the store's fingerprint showed it unchanged.
const UNCHANGED_STORE: &str = "the store is as it was at the last push";

/// The graphs of the requests a fake Graph Store took since `from`, decoded.
fn graphs_put(server: &Server, from: usize) -> Fallible<Vec<String>> {
    server.seen()[from..]
        .iter()
        .map(|request| {
            let graph = request
                .target
                .strip_prefix("/store?graph=")
                .ok_or_else(|| fail(format!("not a graph PUT: {}", request.target)))?;
            Ok(graph.replace("%3A", ":").replace("%2F", "/"))
        })
        .collect()
}

/// A fake Graph Store that takes every PUT.
fn accepting_server() -> Fallible<Server> {
    Ok(Server::start(|_, _| {
        Answer::Reply(204, Vec::new(), Vec::new())
    })?)
}

/// The graphs of the store, counted through a query.
fn named_graphs(store: &Path) -> Fallible<usize> {
    let csv = common::run_ok(&[
        "query",
        "--store",
        arg(store)?,
        "--format",
        "csv",
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    ])?;
    let rows = parse_csv(&csv)?;
    Ok(rows[1][0].parse()?)
}

#[test]
fn push_puts_every_graph_once_then_only_what_changed() -> TestResult {
    let (_dir, store) = samples_store()?;
    let before = snapshot(&store)?;
    let server = accepting_server()?;
    let url = format!("{}/store", server.url);
    let graphs = named_graphs(&store)? + 64;
    let (sent, skipped) = push_ok(&store, &["--to", &url])?;
    assert_eq!((sent, skipped), (graphs, 0));
    let seen = server.seen();
    assert_eq!(seen.len(), graphs);
    let mut names = BTreeSet::new();
    for request in &seen {
        assert_eq!(request.method, "PUT");
        assert_eq!(request.header("content-type"), Some("text/turtle"));
        let graph = request
            .target
            .strip_prefix("/store?graph=")
            .ok_or_else(|| fail(format!("not a graph PUT: {}", request.target)))?;
        names.insert(graph.to_owned());
        let body = String::from_utf8(request.body.clone())?;
        assert!(body.lines().all(|l| l.ends_with(" .")), "{body}");
    }
    assert_eq!(names.len(), graphs, "each graph once");
    assert!(names.contains("https%3A%2F%2Fw3id.org%2Fpolicegraph%2Fgraph%2Fontology"));
    // Again: nothing changed, nothing sent; --all sends everything.
    assert_eq!(push_ok(&store, &["--to", &url])?, (0, graphs));
    assert_eq!(server.seen().len(), graphs);
    assert_eq!(push_ok(&store, &["--to", &url, "--all"])?, (graphs, 0));
    // The store's own contents are untouched.
    assert_eq!(snapshot(&store)?, before);
    Ok(())
}

#[test]
fn an_unchanged_store_is_known_without_reading_it_and_each_change_is_sent() -> TestResult {
    let (dir, store) = samples_store()?;
    let server = accepting_server()?;
    let url = format!("{}/store", server.url);
    let graphs = named_graphs(&store)? + 64;
    assert_eq!(push_ok(&store, &["--to", &url])?, (graphs, 0));
    let (sent, skipped, text) = push_summary(&store, &["--to", &url])?;
    assert_eq!((sent, skipped), (0, graphs));
    assert!(text.contains(UNCHANGED_STORE), "{text}");

    // A decision of `resolve`: its graph, new, goes, and nothing else.
    let people = parse_csv(&common::run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        "SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> } ORDER BY ?p LIMIT 2",
    ])?)?;
    let decisions = dir.path().join("decisions.txt");
    std::fs::write(
        &decisions,
        format!("different {} {}\n", people[1][0], people[2][0]),
    )?;
    common::run_ok(&["resolve", "--store", arg(&store)?, arg(&decisions)?])?;
    let before = server.seen().len();
    let (sent, skipped, text) = push_summary(&store, &["--to", &url])?;
    assert_eq!((sent, skipped), (1, graphs), "{text}");
    assert!(!text.contains(UNCHANGED_STORE), "{text}");
    assert_eq!(
        graphs_put(&server, before)?,
        ["https://w3id.org/policegraph/id/graph/decisions"]
    );
    let graphs = graphs + 1;
    assert_eq!(push_ok(&store, &["--to", &url])?, (0, graphs));

    // A triple added to the ontology and reference graph (by an RDF file): that graph goes.
    let note = dir.path().join("note.nq");
    std::fs::write(
        &note,
        "<https://w3id.org/policegraph/id/test/note> <http://www.w3.org/2000/01/rdf-schema#comment> \"an invented note\" <https://w3id.org/policegraph/graph/ontology> .\n",
    )?;
    ingest(&store, &[&note])?;
    let before = server.seen().len();
    assert_eq!(push_ok(&store, &["--to", &url])?, (1, graphs - 1));
    assert_eq!(
        graphs_put(&server, before)?,
        ["https://w3id.org/policegraph/graph/ontology"]
    );

    // A changed article: its graph goes, and the shared descriptions it changed.
    let original = common::sample("001")?;
    let name = original.file_name().ok_or_else(|| fail("a sample name"))?;
    let text = std::fs::read_to_string(&original)?;
    let changed = dir.path().join("changed");
    std::fs::create_dir(&changed)?;
    std::fs::write(
        changed.join(name),
        format!("{text}\nAn invented closing line, said by nobody.\n"),
    )?;
    ingest(&store, &[&changed.join(name)])?;
    let before = server.seen().len();
    let (sent, skipped) = push_ok(&store, &["--to", &url])?;
    assert!(sent >= 1 && sent + skipped == graphs, "{sent} sent");
    let put = graphs_put(&server, before)?;
    assert!(
        put.iter().any(|g| g.contains("/article/")),
        "the article's graph is sent: {put:?}"
    );

    // A store that a killed writer left without its seal has no fingerprint: every graph is
    // read and hashed again, and, nothing having changed, none is sent.
    assert_eq!(push_ok(&store, &["--to", &url])?, (0, graphs));
    std::fs::remove_file(store.join("policegraph-seal"))?;
    let (sent, skipped, text) = push_summary(&store, &["--to", &url])?;
    assert_eq!((sent, skipped), (0, graphs));
    assert!(!text.contains(UNCHANGED_STORE), "{text}");
    Ok(())
}

#[test]
fn push_by_update_replaces_each_graph_in_batches() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = accepting_server()?;
    let url = format!("{}/update", server.url);
    let graphs = named_graphs(&store)? + 64;
    assert_eq!(push_ok(&store, &["--update", &url])?, (graphs, 0));
    let seen = server.seen();
    assert!(seen.len() < graphs, "several graphs a request");
    let mut drops = 0;
    for request in &seen {
        assert_eq!(request.method, "POST");
        assert_eq!(
            request.header("content-type"),
            Some("application/sparql-update")
        );
        let body = String::from_utf8(request.body.clone())?;
        drops += body.matches("DROP SILENT GRAPH <").count();
        assert!(body.contains("INSERT DATA { GRAPH <"));
    }
    assert_eq!(drops, graphs);
    Ok(())
}

#[test]
fn a_push_to_an_unreachable_remote_names_it_and_the_graph() -> TestResult {
    let (_dir, store) = samples_store()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let url = format!("http://127.0.0.1:{port}/store");
    let output = push(&store, &["--to", &url, "--timeout", "2"])?;
    one_error_line(
        &output,
        &[
            &url,
            "stopped at graph <https://",
            "cannot reach the server",
        ],
    )?;
    assert!(
        !store.join("push-state").exists(),
        "nothing remembered as pushed"
    );
    Ok(())
}

#[test]
fn a_server_error_is_retried_then_named() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(|_, _| Answer::Reply(503, Vec::new(), b"busy\nnow".to_vec()))?;
    let url = format!("{}/store", server.url);
    let output = push(&store, &["--to", &url, "--jobs", "1"])?;
    one_error_line(
        &output,
        &[&url, "stopped at graph", "answered 503: busy now"],
    )?;
    assert_eq!(server.seen().len(), 4, "one request, tried four times");
    Ok(())
}

#[test]
fn a_refusal_is_not_retried() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(|_, _| Answer::Reply(403, Vec::new(), b"read only".to_vec()))?;
    let url = format!("{}/store", server.url);
    let output = push(&store, &["--update", &url, "--jobs", "1"])?;
    one_error_line(&output, &[&url, "answered 403: read only"])?;
    assert_eq!(server.seen().len(), 1);
    Ok(())
}

#[test]
fn a_silent_server_times_out() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(|_, _| Answer::Silence(Duration::from_secs(30)))?;
    let url = format!("{}/store", server.url);
    let start = Instant::now();
    let output = push(&store, &["--to", &url, "--jobs", "1", "--timeout", "0.5"])?;
    one_error_line(
        &output,
        &[&url, "stopped at graph", "no answer within 500ms"],
    )?;
    assert!(start.elapsed() < Duration::from_secs(20));
    Ok(())
}

#[test]
fn a_push_stopped_half_way_goes_on_from_where_it_stopped() -> TestResult {
    let (_dir, store) = samples_store()?;
    let graphs = named_graphs(&store)? + 64;
    // The first 30 graphs go through; then the server fails until it is healthy again.
    let healthy = Arc::new(AtomicBool::new(false));
    let now_healthy = healthy.clone();
    let server = Server::start(move |_, n| {
        if n < 30 || now_healthy.load(Ordering::SeqCst) {
            Answer::Reply(204, Vec::new(), Vec::new())
        } else {
            Answer::Reply(500, Vec::new(), Vec::new())
        }
    })?;
    let url = format!("{}/store", server.url);
    let output = push(&store, &["--to", &url, "--jobs", "1"])?;
    one_error_line(&output, &["30 graphs sent before it, and remembered"])?;
    healthy.store(true, Ordering::SeqCst);
    assert_eq!(push_ok(&store, &["--to", &url])?, (graphs - 30, 30));
    let accepted = server
        .seen()
        .iter()
        .enumerate()
        .filter(|(n, _)| *n < 30 || *n >= 34)
        .count();
    assert_eq!(accepted, graphs, "every graph accepted once");
    Ok(())
}

#[test]
fn credentials_come_from_the_environment_and_answer_the_challenge() -> TestResult {
    let (_dir, store) = samples_store()?;
    // Basic "pat:s3cret".
    let server = Server::start(|request: &Seen, _| {
        if request.header("authorization") == Some("Basic cGF0OnMzY3JldA==") {
            Answer::Reply(204, Vec::new(), Vec::new())
        } else {
            let challenge = (
                "WWW-Authenticate".to_owned(),
                "Basic realm=\"x\"".to_owned(),
            );
            Answer::Reply(401, vec![challenge], Vec::new())
        }
    })?;
    let url = format!("{}/store", server.url);
    let output = common::policegraph()?
        .args([
            "push",
            "--store",
            arg(&store)?,
            "--to",
            &url,
            "--user",
            "pat",
        ])
        .env("POLICEGRAPH_PASSWORD", "s3cret")
        .output()?;
    assert!(output.status.success(), "{}", describe(&output));
    // The login is learned from a request without a body, before any graph is sent: a server
    // may close the connection on an unauthenticated large body, which then looks like a
    // reset connection rather than the 401 that would say what to do.
    let seen = server.seen();
    assert!(
        seen.iter()
            .all(|r| r.body.is_empty() || r.header("authorization").is_some()),
        "a graph was sent before the login was known"
    );
    let refused = common::policegraph()?
        .args([
            "push",
            "--store",
            arg(&store)?,
            "--to",
            &url,
            "--user",
            "pat",
            "--all",
        ])
        .env("POLICEGRAPH_PASSWORD", "wrong")
        .output()?;
    one_error_line(&refused, &["refused the credentials of user pat"])?;
    let anonymous = push(&store, &["--to", &url, "--all"])?;
    one_error_line(&anonymous, &["asks for a user and password"])?;
    let no_password = common::policegraph()?
        .args([
            "push",
            "--store",
            arg(&store)?,
            "--to",
            &url,
            "--user",
            "pat",
        ])
        .env_remove("POLICEGRAPH_PASSWORD")
        .output()?;
    one_error_line(&no_password, &["--user pat", "POLICEGRAPH_PASSWORD"])?;
    Ok(())
}

const RESULTS_JSON: &str = r#"{"head":{"vars":["name","rank"]},"results":{"bindings":[
 {"name":{"type":"literal","value":"Jane Roe"},"rank":{"type":"uri","value":"https://w3id.org/policegraph/id/rank/pc"}},
 {"name":{"type":"literal","value":"Sam, \"the\" Doe"}}]}}"#;

#[test]
fn a_remote_query_is_written_as_a_local_one() -> TestResult {
    let server = Server::start(|_, _| {
        let json = (
            "Content-Type".to_owned(),
            "application/sparql-results+json".to_owned(),
        );
        Answer::Reply(200, vec![json], RESULTS_JSON.as_bytes().to_vec())
    })?;
    let url = format!("{}/sparql", server.url);
    let query = "SELECT ?name ?rank WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name OPTIONAL { ?p <https://w3id.org/policegraph/ontology#rank> ?rank } }";
    let csv = common::run_ok(&["query", "--endpoint", &url, "--format", "csv", query])?;
    assert_eq!(
        csv,
        "name,rank\r\nJane Roe,https://w3id.org/policegraph/id/rank/pc\r\n\"Sam, \"\"the\"\" Doe\",\r\n"
    );
    let table = common::run_ok(&["query", "--endpoint", &url, "--format", "table", query])?;
    assert!(
        table.contains("\nJane Roe        https://w3id.org/policegraph/id/rank/pc\n"),
        "{table}"
    );
    assert!(table.ends_with("(2 rows)\n"));
    let seen = server.seen();
    assert_eq!(seen[0].method, "POST");
    let body = String::from_utf8(seen[0].body.clone())?;
    assert!(body.starts_with("query=SELECT%20%3Fname"), "{body}");
    // With --bind: the value travels in the query.
    common::run_ok(&[
        "query",
        "--endpoint",
        &url,
        "--format",
        "csv",
        "--bind",
        "name=Jane Roe",
        query,
    ])?;
    let body = String::from_utf8(server.seen()[2].body.clone())?;
    assert!(
        body.contains("VALUES") && body.contains("Jane%20Roe"),
        "{body}"
    );
    Ok(())
}

#[test]
fn a_remote_query_error_is_one_line() -> TestResult {
    let server = Server::start(|_, _| {
        Answer::Reply(400, Vec::new(), b"syntax error at 'LATERAL'".to_vec())
    })?;
    let url = format!("{}/sparql", server.url);
    let query = arg(&view("people"))?.to_owned();
    let output = run(&["query", "--endpoint", &url, &query])?;
    one_error_line(
        &output,
        &["people.rq", &url, "answered 400: syntax error at 'LATERAL'"],
    )?;
    Ok(())
}

// ---- Against real servers (scripts/remote-test starts them). ----

/// An environment variable the real-server tests need.
fn env(name: &str) -> Fallible<String> {
    std::env::var(name).map_err(|_| fail(format!("{name} is not set: run scripts/remote-test")))
}

/// A view's rows, sorted, from the store or from an endpoint.
fn rows(source: &[&str], query: &str) -> Fallible<Vec<Vec<String>>> {
    let mut args = vec!["query", "--format", "csv"];
    args.extend_from_slice(source);
    args.push(query);
    let mut rows = parse_csv(&common::run_ok(&args)?)?;
    rows.sort();
    Ok(rows)
}

/// The five standard views give the same rows at the endpoint as over the store.
fn same_views(store: &Path, endpoint: &str) -> TestResult {
    for name in VIEWS {
        let file = view(name);
        let local = rows(&["--store", arg(store)?], arg(&file)?)?;
        let remote = rows(&["--endpoint", endpoint], arg(&file)?)?;
        if local != remote {
            return Err(fail(format!(
                "{name} at {endpoint}:\nlocal  {local:?}\nremote {remote:?}"
            )));
        }
        assert!(local.len() > 1, "{name} has rows");
    }
    Ok(())
}

/// A CONSTRUCT gives the same triples at the endpoint as over the store.
fn same_graph(store: &Path, endpoint: &str) -> TestResult {
    let query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/policegraph/ontology#PoliceOfficer> ; ?p ?o }";
    let lines = |source: &[&str]| -> Fallible<Vec<String>> {
        let mut args = vec!["query", "--format", "ntriples"];
        args.extend_from_slice(source);
        args.push(query);
        let mut lines: Vec<String> = common::run_ok(&args)?.lines().map(str::to_owned).collect();
        lines.sort();
        Ok(lines)
    };
    let local = lines(&["--store", arg(store)?])?;
    assert!(local.len() > 10, "officers described");
    assert_eq!(lines(&["--endpoint", endpoint])?, local);
    Ok(())
}

/// A query with `--bind` (which the endpoint gets rewritten) gives the same rows, for each
/// person of the people view.
fn same_bound(store: &Path, endpoint: &str) -> TestResult {
    let people = rows(&["--store", arg(store)?], arg(&view("people"))?)?;
    let timeline = view("timeline");
    let query = |binding: &str, source: &[&str]| -> Fallible<Vec<Vec<String>>> {
        let mut args = vec!["query", "--format", "csv", "--bind", binding];
        args.extend_from_slice(source);
        args.push(arg(&timeline)?);
        parse_csv(&common::run_ok(&args)?)
    };
    let mut with_rows = 0;
    for person in people.iter().filter(|row| row[0] != "name") {
        let binding = format!("officer={}", person[0]);
        let local = query(&binding, &["--store", arg(store)?])?;
        with_rows += usize::from(local.len() > 1);
        assert_eq!(
            query(&binding, &["--endpoint", endpoint])?,
            local,
            "{binding}"
        );
    }
    assert!(with_rows > 0, "someone has a timeline");
    Ok(())
}

/// The triples of policegraph's graphs at a remote (to compare with the store's quads, the
/// default graph's included).
const COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
    FILTER(STRSTARTS(STR(?g), \"https://w3id.org/policegraph/\")) }";

fn count(source: &[&str], query: &str) -> Fallible<usize> {
    Ok(rows(source, query)?[0][0].parse()?)
}

/// Removes policegraph's graphs from a remote, through SPARQL Update.
fn clear_remote(query_url: &str, update_url: &str) -> TestResult {
    let graphs = rows(
        &["--endpoint", query_url],
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/policegraph/\")) }",
    )?;
    let update: String = graphs
        .iter()
        .filter(|row| row[0] != "g")
        .map(|row| format!("DROP SILENT GRAPH <{}> ;\n", row[0]))
        .collect();
    if update.is_empty() {
        return Ok(());
    }
    let mut response = ureq::post(update_url)
        .header("content-type", "application/sparql-update")
        .send(update.as_bytes())?;
    assert!(
        response.status().is_success(),
        "{:?}",
        response.body_mut().read_to_string()
    );
    Ok(())
}

/// The whole round: push, the views, a second push, a changed article, an interrupted push.
fn round_trip(
    push_args: &[&str],
    query_url: &str,
    update_url: &str,
    password: Option<&str>,
) -> TestResult {
    let (dir, store) = samples_store()?;
    clear_remote(query_url, update_url)?;
    let with_password = |args: &[&str]| -> Fallible<std::process::Output> {
        let mut command = common::policegraph()?;
        command.args(["push", "--store", arg(&store)?]).args(args);
        if let Some(password) = password {
            command.env("POLICEGRAPH_PASSWORD", password);
        }
        Ok(command.output()?)
    };
    let summary = |output: std::process::Output| -> Fallible<String> {
        if !output.status.success() {
            return Err(fail(format!("push failed\n{}", describe(&output))));
        }
        Ok(String::from_utf8(output.stderr)?)
    };
    let graphs = named_graphs(&store)? + 64;
    let first = summary(with_password(push_args)?)?;
    assert!(
        first.contains(&format!(": {graphs} graphs sent")),
        "{first}"
    );
    if push_args[1].ends_with("/store") {
        // Oxigraph's server: a remote that holds none of the graphs takes them all in bulk.
        assert!(
            first.contains(&format!(
                "{graphs} new to the remote, through its bulk loader"
            )),
            "{first}"
        );
    }
    same_views(&store, query_url)?;
    let local = snapshot(&store)?.len();
    assert_eq!(count(&["--endpoint", query_url], COUNT)?, local);
    same_graph(&store, query_url)?;
    if query_url.ends_with("/query") {
        // Oxigraph's server: timeline.rq uses LATERAL, which Virtuoso does not parse.
        same_bound(&store, query_url)?;
    }
    let second = summary(with_password(push_args)?)?;
    assert!(second.contains(": 0 graphs sent"), "{second}");

    // A changed article: only its graph (and the shared descriptions it touches) goes.
    let changed = dir.path().join("changed");
    std::fs::create_dir(&changed)?;
    let original = common::sample("001")?;
    let name = original.file_name().ok_or_else(|| fail("a sample name"))?;
    let text = std::fs::read_to_string(&original)?;
    let shorter: String = text
        .lines()
        .take(text.lines().count() / 2)
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(changed.join(name), shorter)?;
    ingest(&store, &[&changed.join(name)])?;
    let third = summary(with_password(push_args)?)?;
    let sent: usize = third
        .split(" graphs sent")
        .next()
        .and_then(|t| t.split_whitespace().last())
        .unwrap_or("0")
        .parse()?;
    assert!((1..graphs / 2).contains(&sent), "{third}");
    same_views(&store, query_url)?;
    let local = snapshot(&store)?.len();
    assert_eq!(
        count(&["--endpoint", query_url], COUNT)?,
        local,
        "no triple left over"
    );
    Ok(())
}

/// A push killed half-way (through a slow proxy), then run again, leaves the remote complete,
/// and the second run does not start from nothing.
fn interrupted(
    upstream: &str,
    path: &str,
    flag: &str,
    query_url: &str,
    update_url: &str,
) -> TestResult {
    let (_dir, store) = samples_store()?;
    clear_remote(query_url, update_url)?;
    let target = upstream.to_owned();
    let slow =
        Server::start(move |_, _| Answer::Forward(target.clone(), Duration::from_millis(60)))?;
    let url = format!("{}{path}", slow.url);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_policegraph"))
        .args(["push", "--store", arg(&store)?, flag, &url, "--jobs", "1"])
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let state = store.join("push-state");
    let start = Instant::now();
    while !state.exists() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill()?;
    child.wait()?;
    assert!(state.exists(), "the push saved its progress");
    let graphs = named_graphs(&store)? + 64;
    let (sent, skipped) = push_ok(&store, &[flag, &url])?;
    assert!(
        skipped > 0 && sent + skipped == graphs,
        "{sent} sent, {skipped} skipped"
    );
    same_views(&store, query_url)?;
    let local = snapshot(&store)?.len();
    assert_eq!(count(&["--endpoint", query_url], COUNT)?, local);
    Ok(())
}

/// A push that has forgotten what it sent (its state folder gone) to a remote that holds an
/// older version of an article: the article's graph is replaced, not added to (Oxigraph's
/// server takes graphs it does not hold through its bulk loader, which only adds).
fn forgotten_state(store_url: &str, query_url: &str, update_url: &str) -> TestResult {
    let (dir, store) = samples_store()?;
    clear_remote(query_url, update_url)?;
    push_ok(&store, &["--to", store_url])?;
    let original = common::sample("001")?;
    let name = original.file_name().ok_or_else(|| fail("a sample name"))?;
    let text = std::fs::read_to_string(&original)?;
    let changed = dir.path().join("changed");
    std::fs::create_dir(&changed)?;
    let half: Vec<&str> = text.lines().take(text.lines().count() / 2).collect();
    std::fs::write(changed.join(name), half.join("\n"))?;
    ingest(&store, &[&changed.join(name)])?;
    std::fs::remove_dir_all(store.join("push-state"))?;
    push_ok(&store, &["--to", store_url])?;
    let local = snapshot(&store)?.len();
    assert_eq!(
        count(&["--endpoint", query_url], COUNT)?,
        local,
        "the remote kept triples of the article's old version"
    );
    same_views(&store, query_url)
}

#[test]
#[ignore = "needs Oxigraph's server: scripts/remote-test"]
fn oxigraph_server() -> TestResult {
    let base = env("OXIGRAPH_URL")?;
    let (query, update, store) = (
        format!("{base}/query"),
        format!("{base}/update"),
        format!("{base}/store"),
    );
    round_trip(&["--to", &store], &query, &update, None)?;
    round_trip(&["--update", &update], &query, &update, None)?;
    forgotten_state(&store, &query, &update)?;
    interrupted(&base, "/store", "--to", &query, &update)
}

#[test]
#[ignore = "needs Virtuoso: scripts/remote-test"]
fn virtuoso() -> TestResult {
    let base = env("VIRTUOSO_URL")?;
    let password = env("VIRTUOSO_PASSWORD")?;
    let sparql = format!("{base}/sparql");
    let crud = format!("{base}/sparql-graph-crud-auth");
    round_trip(
        &["--to", &crud, "--user", "dba"],
        &sparql,
        &sparql,
        Some(&password),
    )?;
    round_trip(&["--update", &sparql], &sparql, &sparql, None)?;
    interrupted(&base, "/sparql", "--update", &sparql, &sparql)
}
