//! `policegraph serve` against the W3C SPARQL 1.1 Protocol test cases that apply to a
//! read-only endpoint (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl), one test per case
//! and named after it, and SERVICE calls between two real servers under `--allow-service`.
//!
//! The requests are written by hand over a TCP socket, so that each carries exactly the method,
//! headers and bytes its case describes (no content type at all, a UTF-16 body...). Where a
//! case reads graphs of its own (kasei.us's data0.rdf to data3.rdf), the test reads the graphs
//! of invented articles ingested into a store of ours, and says so. The cases that update the
//! store check the opposite of what a writable endpoint does: the update is refused with 400
//! and the store is unchanged.

mod common;

use common::{Fallible, Serving, TestResult, encode, fail, ingest, query_rows, start_serve};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// The server, raw HTTP, and the stores
// ---------------------------------------------------------------------------------------------

/// A `policegraph serve` on a free port of 127.0.0.1, killed when dropped.
struct Server {
    /// The process, killed when the server is dropped.
    _process: Serving,
    /// `127.0.0.1:PORT`
    address: String,
}

impl Server {
    fn start(store: &Path, extra: &[&str]) -> Fallible<Server> {
        let process = start_serve(store, extra)?;
        let address = process.base.trim_start_matches("http://").to_owned();
        Ok(Server {
            _process: process,
            address,
        })
    }

    /// The endpoint's URL, as another server's SERVICE names it.
    fn endpoint(&self) -> String {
        format!("http://{}/sparql", self.address)
    }

    /// Sends one request with exactly these headers (plus Host, Content-Length and
    /// Connection: close) and body.
    fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Fallible<Reply> {
        let mut stream = TcpStream::connect(&self.address)?;
        stream.set_read_timeout(Some(Duration::from_secs(60)))?;
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.address,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        Reply::parse(&raw)
    }

    fn get(&self, target: &str, accept: Option<&str>) -> Fallible<Reply> {
        let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept", a)).into_iter().collect();
        self.send("GET", target, &headers, b"")
    }

    fn post(&self, target: &str, content_type: &str, body: &str) -> Fallible<Reply> {
        self.send(
            "POST",
            target,
            &[("Content-Type", content_type)],
            body.as_bytes(),
        )
    }

    /// The query's JSON results through a GET.
    fn json(&self, query: &str) -> Fallible<serde_json::Value> {
        let reply = self
            .get(&format!("/sparql?query={}", encode(query)), None)?
            .expect(200, "application/sparql-results+json")?;
        Ok(serde_json::from_str(&reply.body)?)
    }
}

/// An HTTP answer.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Fallible<Reply> {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| fail(format!("no end of headers in {raw:?}")))?;
        let head = std::str::from_utf8(&raw[..split])?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or("");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| fail(format!("bad status line {status_line:?}")))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        let chunked = headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
        if chunked {
            body = dechunk(&body)?;
        }
        Ok(Reply {
            status,
            headers,
            body: String::from_utf8(body)?,
        })
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn content_type(&self) -> &str {
        self.header("content-type")
    }

    /// Requires this status and a content type starting with `content_type`.
    fn expect(self, status: u16, content_type: &str) -> Fallible<Reply> {
        if self.status != status || !self.content_type().starts_with(content_type) {
            return Err(fail(format!(
                "expected {status} {content_type}, got {} {}\n{}",
                self.status,
                self.content_type(),
                self.body
            )));
        }
        Ok(self)
    }

    /// Requires a 4xx status whose one-line text/plain message contains every needle.
    fn refused(self, status: u16, needles: &[&str]) -> TestResult {
        let reply = self.expect(status, "text/plain")?;
        let message = reply.body.trim_end();
        if message.is_empty() || message.contains('\n') {
            return Err(fail(format!("expected one line, got {:?}", reply.body)));
        }
        for needle in needles {
            if !message.contains(needle) {
                return Err(fail(format!("expected {needle:?} in {message:?}")));
            }
        }
        Ok(())
    }

    /// The boolean of an ASK answered in SPARQL results JSON.
    fn boolean(&self) -> Fallible<bool> {
        let value: serde_json::Value = serde_json::from_str(&self.body)?;
        value["boolean"]
            .as_bool()
            .ok_or_else(|| fail(format!("no boolean in {}", self.body)))
    }
}

fn dechunk(mut data: &[u8]) -> Fallible<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| fail("a chunk without its size line"))?;
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end])?.trim(), 16)?;
        if size == 0 {
            return Ok(out);
        }
        let start = end + 2;
        out.extend_from_slice(
            data.get(start..start + size)
                .ok_or_else(|| fail("a chunk shorter than its size"))?,
        );
        data = data.get(start + size + 2..).unwrap_or(&[]);
    }
}

/// Invented articles: a Kent officer, a second Kent officer, an Essex officer.
const KENT_ONE: &str = r#"{"url": "https://news.example/kent-constable-dismissed", "title": "Kent constable dismissed for lying", "published": "2025-03-04", "source": "Example News", "text": "A Kent Police constable has been dismissed after a misconduct hearing found he lied to investigators.\n\nPC Lionel Brackenbury of Kent Police was dismissed without notice following a gross misconduct hearing on 3 March 2025. The panel found he had breached the standards of professional behaviour for honesty and integrity."}"#;
const KENT_TWO: &str = r#"{"url": "https://news.example/kent-sergeant-warning", "title": "Kent sergeant given final written warning", "published": "2025-05-13", "source": "Example News", "text": "A Kent Police sergeant has been given a final written warning.\n\nSergeant Imogen Castellow of Kent Police was given a final written warning after a misconduct meeting on 12 May 2025 found her conduct towards a colleague amounted to misconduct."}"#;
const ESSEX_ONE: &str = r#"{"url": "https://news.example/essex-constable-dismissed", "title": "Essex constable dismissed", "published": "2025-06-10", "source": "Example News", "text": "An Essex Police constable has been dismissed.\n\nPC Rupert Hollingdrake of Essex Police was dismissed without notice after a gross misconduct hearing on 9 June 2025 found he had used excessive force during an arrest."}"#;

/// A fresh store holding `articles` (JSON Lines records).
fn store_of(articles: &[&str]) -> Fallible<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("articles.jsonl");
    std::fs::write(&file, articles.join("\n") + "\n")?;
    let store = dir.path().join("store");
    ingest(&store, &[&file])?;
    Ok((dir, store))
}

/// The store the W3C cases read, with the graphs that stand for the manifest's data1, data2
/// and data3: ingested once per test run under Cargo's temporary folder for tests.
struct Dataset {
    store: PathBuf,
    /// Each article's graph and the article's IRI within it, in graph order.
    articles: Vec<(String, String)>,
}

fn dataset() -> Fallible<&'static Dataset> {
    static DATASET: OnceLock<Result<Dataset, String>> = OnceLock::new();
    DATASET
        .get_or_init(|| {
            let build = || -> Fallible<Dataset> {
                let dir =
                    Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-protocol-w3c-store");
                if dir.exists() {
                    std::fs::remove_dir_all(&dir)?;
                }
                std::fs::create_dir_all(&dir)?;
                let file = dir.join("articles.jsonl");
                std::fs::write(&file, [KENT_ONE, KENT_TWO, ESSEX_ONE].join("\n") + "\n")?;
                let store = dir.join("store");
                ingest(&store, &[&file])?;
                let articles: Vec<(String, String)> = query_rows(
                    &store,
                    "SELECT ?g ?a WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } } ORDER BY ?g",
                )?
                .into_iter()
                .filter_map(|row| Some((row.first()?.clone(), row.get(1)?.clone())))
                .collect();
                if articles.len() != 3 {
                    return Err(fail(format!("expected 3 article graphs, got {articles:?}")));
                }
                Ok(Dataset { store, articles })
            };
            build().map_err(|e| format!("{e:?}"))
        })
        .as_ref()
        .map_err(|e| fail(e.clone()))
}

/// A server over the W3C cases' store, and that store.
fn w3c_server() -> Fallible<(Server, &'static Dataset)> {
    let dataset = dataset()?;
    Ok((Server::start(&dataset.store, &[])?, dataset))
}

/// The ASK of the dataset cases: both articles are of one type, each read from its own graph
/// of the default graph (the manifest's `<dataN.rdf> a ?type`, with our articles' IRIs).
fn ask_both_in_default(one: &str, two: &str) -> String {
    format!("ASK {{ <{one}> a ?type . <{two}> a ?type . }}")
}

/// The ASK of the named-graph cases: each article found in some named graph.
fn ask_both_named(one: &str, two: &str) -> String {
    format!("ASK {{ GRAPH ?g1 {{ <{one}> a ?type }} GRAPH ?g2 {{ <{two}> a ?type }} }}")
}

const RESULTS_JSON: &str = "application/sparql-results+json";

/// The media types a SELECT's results may come in.
const TABULAR: [&str; 4] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
];

/// The media types a graph may come in.
const RDF: [&str; 6] = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
];

fn one_of(reply: &Reply, types: &[&str]) -> TestResult {
    let media = reply.content_type().split(';').next().unwrap_or("").trim();
    if reply.status != 200 || !types.contains(&media) {
        return Err(fail(format!(
            "expected 200 and one of {types:?}, got {} {media}\n{}",
            reply.status, reply.body
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The W3C protocol cases: queries
// ---------------------------------------------------------------------------------------------

#[test]
fn w3c_query_post_form() -> TestResult {
    // The case names kasei.us's data0.rdf as the default graph; ours is an article's graph.
    let (server, data) = w3c_server()?;
    let target = format!("/sparql?default-graph-uri={}", encode(&data.articles[0].0));
    let reply = server
        .post(
            &target,
            "application/x-www-form-urlencoded",
            "query=ASK%20%7B%7D",
        )?
        .expect(200, RESULTS_JSON)?;
    assert!(reply.boolean()?);
    Ok(())
}

#[test]
fn w3c_query_get() -> TestResult {
    // data0.rdf is an article's graph here.
    let (server, data) = w3c_server()?;
    let target = format!(
        "/sparql?query=ASK%20%7B%7D&default-graph-uri={}",
        encode(&data.articles[0].0)
    );
    let reply = server.get(&target, None)?.expect(200, RESULTS_JSON)?;
    assert!(reply.boolean()?);
    Ok(())
}

#[test]
fn w3c_query_post_direct() -> TestResult {
    let (server, _) = w3c_server()?;
    let reply = server
        .post("/sparql", "application/sparql-query", "ASK {}")?
        .expect(200, RESULTS_JSON)?;
    assert!(reply.boolean()?);
    Ok(())
}

/// How a dataset case sends its query: in the URL (GET) or as the body (POST), the dataset's
/// graphs in the URL either way.
#[derive(Clone, Copy)]
enum Via {
    Get,
    Post,
}

/// The answer to an ASK sent `via` with the protocol's dataset parameter `parameter` (default-
/// or named-graph-uri) set to each of `graphs`.
fn ask_with(
    server: &Server,
    via: Via,
    query: &str,
    parameter: &str,
    graphs: &[&str],
) -> Fallible<bool> {
    let dataset: Vec<String> = graphs
        .iter()
        .map(|g| format!("{parameter}={}", encode(g)))
        .collect();
    let reply = match via {
        Via::Get => server.get(
            &format!("/sparql?query={}&{}", encode(query), dataset.join("&")),
            None,
        )?,
        Via::Post => server.post(
            &format!("/sparql?{}", dataset.join("&")),
            "application/sparql-query",
            query,
        )?,
    };
    reply.expect(200, RESULTS_JSON)?.boolean()
}

/// A dataset case: two articles' graphs stand in for data1.rdf and data2.rdf. The ASK needs
/// both in the dataset (as default graph or as named graphs, by `parameter`): true with both,
/// false with one.
fn dataset_case(via: Via, parameter: &str) -> TestResult {
    let (server, data) = w3c_server()?;
    let [(g1, a1), (g2, a2), _] = data.articles.as_slice() else {
        return Err(fail("three articles"));
    };
    let query = if parameter == "default-graph-uri" {
        ask_both_in_default(a1, a2)
    } else {
        ask_both_named(a1, a2)
    };
    assert!(
        ask_with(&server, via, &query, parameter, &[g1, g2])?,
        "with both graphs"
    );
    assert!(
        !ask_with(&server, via, &query, parameter, &[g1])?,
        "with the first graph only"
    );
    assert!(
        !ask_with(&server, via, &query, parameter, &[g2])?,
        "with the second graph only"
    );
    Ok(())
}

#[test]
fn w3c_query_dataset_default_graphs_get() -> TestResult {
    dataset_case(Via::Get, "default-graph-uri")
}

#[test]
fn w3c_query_dataset_default_graphs_post() -> TestResult {
    dataset_case(Via::Post, "default-graph-uri")
}

#[test]
fn w3c_query_dataset_named_graphs_post() -> TestResult {
    dataset_case(Via::Post, "named-graph-uri")
}

#[test]
fn w3c_query_dataset_named_graphs_get() -> TestResult {
    dataset_case(Via::Get, "named-graph-uri")
}

#[test]
fn w3c_query_dataset_full() -> TestResult {
    // data3.rdf is the third article's graph, the default graph; the first two are named.
    let (server, data) = w3c_server()?;
    let [(g1, a1), (g2, a2), (g3, a3)] = data.articles.as_slice() else {
        return Err(fail("three articles"));
    };
    let query = format!(
        "ASK {{ <{a3}> a ?type GRAPH ?g1 {{ <{a1}> a ?type }} GRAPH ?g2 {{ <{a2}> a ?type }} }}"
    );
    let full = format!(
        "/sparql?default-graph-uri={}&named-graph-uri={}&named-graph-uri={}",
        encode(g3),
        encode(g1),
        encode(g2)
    );
    let reply = server.post(&full, "application/sparql-query", &query)?;
    assert!(reply.expect(200, RESULTS_JSON)?.boolean()?);
    // The third article's graph is not among the named graphs, nor the first in the default.
    let swapped = format!(
        "/sparql?default-graph-uri={}&named-graph-uri={}&named-graph-uri={}",
        encode(g1),
        encode(g3),
        encode(g2)
    );
    let reply = server.post(&swapped, "application/sparql-query", &query)?;
    assert!(!reply.expect(200, RESULTS_JSON)?.boolean()?);
    Ok(())
}

#[test]
fn w3c_query_multiple_dataset() -> TestResult {
    // The query's FROM names data3.rdf (our third article's graph) and the protocol names
    // data1.rdf and data2.rdf (the first two) as named graphs: the protocol's dataset replaces
    // the query's. (The manifest's request line encodes its second `&named-graph-uri=` inside
    // the first value, which names one graph; the case's expected answer needs both, as here.)
    let (server, data) = w3c_server()?;
    let [(g1, a1), (g2, a2), (g3, _)] = data.articles.as_slice() else {
        return Err(fail("three articles"));
    };
    let query = format!(
        "ASK FROM <{g3}> {{ GRAPH ?g1 {{ <{a1}> a ?type }} GRAPH ?g2 {{ <{a2}> a ?type }} }}"
    );
    let target = format!(
        "/sparql?named-graph-uri={}&named-graph-uri={}",
        encode(g1),
        encode(g2)
    );
    let reply = server.post(&target, "application/sparql-query", &query)?;
    assert!(reply.expect(200, RESULTS_JSON)?.boolean()?);
    // The query's own dataset (FROM and no FROM NAMED) has no named graphs: false.
    let reply = server.post("/sparql", "application/sparql-query", &query)?;
    assert!(!reply.expect(200, RESULTS_JSON)?.boolean()?);
    Ok(())
}

#[test]
fn w3c_query_content_type_select() -> TestResult {
    // data0.rdf is an article's graph here.
    let (server, data) = w3c_server()?;
    let target = format!("/sparql?default-graph-uri={}", encode(&data.articles[0].0));
    let query = "SELECT (1 AS ?value) {}";
    let reply = server.post(&target, "application/sparql-query", query)?;
    one_of(&reply, &TABULAR)?;
    let value: serde_json::Value = serde_json::from_str(&reply.body)?;
    assert_eq!(value["results"]["bindings"][0]["value"]["value"], "1");
    // Each tabular type, when asked for, is the one given.
    for media in TABULAR {
        let reply = server.send(
            "POST",
            &target,
            &[
                ("Content-Type", "application/sparql-query"),
                ("Accept", media),
            ],
            query.as_bytes(),
        )?;
        let reply = reply.expect(200, media)?;
        assert!(reply.body.contains('1'), "{media}: {}", reply.body);
    }
    Ok(())
}

#[test]
fn w3c_query_content_type_ask() -> TestResult {
    // data0.rdf is an article's graph here.
    let (server, data) = w3c_server()?;
    let target = format!("/sparql?default-graph-uri={}", encode(&data.articles[0].0));
    let reply = server.post(&target, "application/sparql-query", "ASK {}")?;
    one_of(
        &reply,
        &[
            "application/sparql-results+json",
            "application/sparql-results+xml",
        ],
    )?;
    let xml = server.send(
        "POST",
        &target,
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "application/sparql-results+xml"),
        ],
        b"ASK {}",
    )?;
    let xml = xml.expect(200, "application/sparql-results+xml")?;
    assert!(xml.body.contains("<boolean>true</boolean>"), "{}", xml.body);
    Ok(())
}

#[test]
fn w3c_query_content_type_describe() -> TestResult {
    // data0.rdf is an article's graph here; the case's DESCRIBE names a resource with no
    // triples, so the graph is empty but must still come as RDF. The article's own
    // description is not empty.
    let (server, data) = w3c_server()?;
    let (graph, article) = &data.articles[0];
    let target = format!("/sparql?default-graph-uri={}", encode(graph));
    let reply = server.post(
        &target,
        "application/sparql-query",
        "DESCRIBE <http://example.org/>",
    )?;
    one_of(&reply, &RDF)?;
    let reply = server.send(
        "POST",
        &target,
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "application/n-triples"),
        ],
        format!("DESCRIBE <{article}>").as_bytes(),
    )?;
    let reply = reply.expect(200, "application/n-triples")?;
    let subject = format!("<{article}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>");
    assert!(reply.body.contains(&subject), "{}", reply.body);
    Ok(())
}

#[test]
fn w3c_query_content_type_construct() -> TestResult {
    // The case's template has relative IRIs: they resolve against the endpoint's URL.
    let (server, data) = w3c_server()?;
    let target = format!("/sparql?default-graph-uri={}", encode(&data.articles[0].0));
    let query = "CONSTRUCT { <s> <p> 1 } WHERE {}";
    let reply = server.post(&target, "application/sparql-query", query)?;
    one_of(&reply, &RDF)?;
    let ntriples = server.send(
        "POST",
        &target,
        &[
            ("Content-Type", "application/sparql-query"),
            ("Accept", "application/n-triples"),
        ],
        query.as_bytes(),
    )?;
    let ntriples = ntriples.expect(200, "application/n-triples")?;
    let base = format!("http://{}", server.address);
    let expected =
        format!("<{base}/s> <{base}/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .");
    assert_eq!(ntriples.body.trim(), expected);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The W3C protocol cases: updates, refused by a read-only endpoint
// ---------------------------------------------------------------------------------------------

/// Whether `ask` holds on the server (a query the case runs after its update).
fn holds(server: &Server, ask: &str) -> Fallible<bool> {
    server
        .post("/sparql", "application/sparql-query", ask)?
        .expect(200, RESULTS_JSON)?
        .boolean()
}

/// The message of an update refused by a read-only endpoint.
const READ_ONLY: &str = "read-only";

const DC_FOAF: &str =
    "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n";

/// An update case's dataset update, refused: it would drop everything, put the first
/// article in `graph` as a foaf:Document and copy (`copy`, a clause over the documents) into
/// `target` (`triple` for each solution of `pattern`); `dataset` holds the protocol's using-graph-uri / using-named-graph-uri parameters.
/// Afterwards `target` is empty and the first article is still there.
fn dataset_update_is_refused(
    server: &Server,
    data: &Dataset,
    dataset: &[(&str, usize)],
    target: &str,
    (triple, pattern): (&str, &str),
) -> TestResult {
    let (graph, article) = &data.articles[0];
    let update = format!(
        "{DC_FOAF}DROP ALL ;\nINSERT DATA {{ GRAPH <{graph}> {{ <{article}> a foaf:Document }} }} ;\n\
         INSERT {{ GRAPH <{target}> {{ {triple} }} }}\nWHERE {{ {pattern} }}"
    );
    let parameters: Vec<String> = dataset
        .iter()
        .map(|(name, i)| format!("{name}={}", encode(&data.articles[*i].0)))
        .collect();
    server
        .post(
            &format!("/sparql?{}", parameters.join("&")),
            "application/sparql-update",
            &update,
        )?
        .refused(400, &[READ_ONLY])?;
    assert!(!holds(
        server,
        &format!("ASK {{ GRAPH <{target}> {{ ?s ?p ?o }} }}")
    )?);
    assert!(holds(
        server,
        &format!("ASK {{ GRAPH <{graph}> {{ <{article}> a ?type }} }}")
    )?);
    Ok(())
}

/// The update cases' copy of the documents of the default graph: what is written, and where from.
const COPY_DEFAULT: (&str, &str) = ("?s a dc:BibliographicResource", "?s a foaf:Document");

#[test]
fn w3c_update_dataset_default_graph() -> TestResult {
    // One using-graph-uri naming one article's graph (the case's data1.rdf).
    let (server, data) = w3c_server()?;
    dataset_update_is_refused(
        &server,
        data,
        &[("using-graph-uri", 0)],
        "http://example.org/protocol-update-dataset-test/",
        COPY_DEFAULT,
    )
}

#[test]
fn w3c_update_dataset_default_graphs() -> TestResult {
    // Two using-graph-uri (two articles' graphs).
    let (server, data) = w3c_server()?;
    dataset_update_is_refused(
        &server,
        data,
        &[("using-graph-uri", 0), ("using-graph-uri", 1)],
        "http://example.org/protocol-update-dataset-graphs-test/",
        COPY_DEFAULT,
    )
}

#[test]
fn w3c_update_dataset_named_graphs() -> TestResult {
    // Two using-named-graph-uri.
    let (server, data) = w3c_server()?;
    dataset_update_is_refused(
        &server,
        data,
        &[("using-named-graph-uri", 0), ("using-named-graph-uri", 1)],
        "http://example.org/protocol-update-dataset-named-graphs-test/",
        (
            "?s a dc:BibliographicResource",
            "GRAPH ?g { ?s a foaf:Document }",
        ),
    )
}

#[test]
fn w3c_update_dataset_full() -> TestResult {
    // using-graph-uri and using-named-graph-uri together.
    let (server, data) = w3c_server()?;
    dataset_update_is_refused(
        &server,
        data,
        &[("using-graph-uri", 0), ("using-named-graph-uri", 1)],
        "http://example.org/protocol-update-dataset-full-test/",
        (
            "?s <http://example.org/in> ?in",
            "{ GRAPH ?g { ?s a foaf:Document } BIND(?g AS ?in) } \
             UNION { ?s a foaf:Document . BIND(\"default\" AS ?in) }",
        ),
    )
}

#[test]
fn w3c_update_post_form() -> TestResult {
    let (server, data) = w3c_server()?;
    server
        .post(
            "/sparql",
            "application/x-www-form-urlencoded",
            "update=CLEAR+ALL",
        )?
        .refused(400, &[READ_ONLY])?;
    assert!(holds(
        &server,
        &format!("ASK {{ <{}> ?p ?o }}", data.articles[0].1)
    )?);
    Ok(())
}

#[test]
fn w3c_update_post_direct() -> TestResult {
    let (server, data) = w3c_server()?;
    server
        .post("/sparql", "application/sparql-update", "CLEAR ALL")?
        .refused(400, &[READ_ONLY])?;
    assert!(holds(
        &server,
        &format!("ASK {{ <{}> ?p ?o }}", data.articles[0].1)
    )?);
    Ok(())
}

#[test]
fn w3c_update_base_uri() -> TestResult {
    // The case's update writes a relative IRI; refused here. Its follow-up SELECT finds no row.
    let (server, _) = w3c_server()?;
    let update = "CLEAR GRAPH <http://example.org/protocol-base-test/> ;\n\
                  INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }";
    server
        .post("/sparql", "application/sparql-update", update)?
        .refused(400, &[READ_ONLY])?;
    let select = "SELECT ?o WHERE { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> ?o } }";
    let reply = server
        .post("/sparql", "application/sparql-query", select)?
        .expect(200, RESULTS_JSON)?;
    let value: serde_json::Value = serde_json::from_str(&reply.body)?;
    assert_eq!(value["results"]["bindings"], serde_json::json!([]));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The W3C protocol cases: bad requests
// ---------------------------------------------------------------------------------------------

#[test]
fn w3c_bad_query_method() -> TestResult {
    // PUT (and DELETE) are not methods of the query operation.
    let (server, data) = w3c_server()?;
    let target = format!(
        "/sparql?query=ASK%20%7B%7D&default-graph-uri={}",
        encode(&data.articles[0].0)
    );
    for method in ["PUT", "DELETE"] {
        let reply = server.send(
            method,
            &target,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            b"",
        )?;
        assert_eq!(reply.status, 405, "{method}: {}", reply.body);
        assert!(
            reply.body.contains(method) && reply.body.contains("not allowed"),
            "{method}: the refusal does not say why: {:?}",
            reply.body
        );
        let allow = reply.header("allow").to_ascii_uppercase();
        assert!(
            allow.contains("GET") && allow.contains("POST"),
            "{method}: allow {allow:?}"
        );
    }
    Ok(())
}

#[test]
fn w3c_bad_multiple_queries() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .get(
            "/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
            None,
        )?
        .refused(400, &["2 queries"])?;
    // Also one in the URL and one in a form body, or one in the URL and one as the body.
    server
        .post(
            "/sparql?query=ASK%20%7B%7D",
            "application/x-www-form-urlencoded",
            "query=ASK%20%7B%7D",
        )?
        .refused(400, &["2 queries"])?;
    server
        .post(
            "/sparql?query=ASK%20%7B%7D",
            "application/sparql-query",
            "ASK {}",
        )?
        .refused(400, &["2 queries"])
}

#[test]
fn w3c_bad_query_wrong_media_type() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .post("/sparql", "text/plain", "ASK {}")?
        .refused(415, &["text/plain"])
}

#[test]
fn w3c_bad_query_missing_form_type() -> TestResult {
    // A form body with no Content-Type at all.
    let (server, _) = w3c_server()?;
    server
        .send("POST", "/sparql", &[], b"query=ASK%20%7B%7D")?
        .refused(415, &["application/x-www-form-urlencoded"])
}

#[test]
fn w3c_bad_query_missing_direct_type() -> TestResult {
    // A query as the body with no Content-Type at all.
    let (server, _) = w3c_server()?;
    server
        .send("POST", "/sparql", &[], b"ASK {}")?
        .refused(415, &["application/sparql-query"])
}

/// `text` in UTF-16 (little-endian) after a byte order mark.
fn utf16(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[test]
fn w3c_bad_query_non_utf8() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .send(
            "POST",
            "/sparql",
            &[("Content-Type", "application/sparql-query; charset=UTF-16")],
            &utf16("ASK {}"),
        )?
        .refused(415, &["UTF-8", "utf-16"])?;
    // Without the charset, the bytes themselves are refused.
    server
        .send(
            "POST",
            "/sparql",
            &[("Content-Type", "application/sparql-query")],
            &utf16("ASK {}"),
        )?
        .refused(400, &["not UTF-8"])
}

#[test]
fn w3c_bad_query_syntax() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .get("/sparql?query=ASK%20%7B", None)?
        .refused(400, &["error at 1:"])
}

#[test]
fn w3c_bad_update_get() -> TestResult {
    let (server, data) = w3c_server()?;
    server
        .get("/sparql?update=CLEAR%20ALL", None)?
        .refused(400, &[READ_ONLY])?;
    assert!(holds(
        &server,
        &format!("ASK {{ <{}> ?p ?o }}", data.articles[0].1)
    )?);
    Ok(())
}

#[test]
fn w3c_bad_multiple_updates() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .post(
            "/sparql",
            "application/x-www-form-urlencoded",
            "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
        )?
        .refused(400, &[READ_ONLY])
}

#[test]
fn w3c_bad_update_wrong_media_type() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .post("/sparql", "text/plain", "CLEAR NAMED")?
        .refused(415, &["text/plain"])
}

#[test]
fn w3c_bad_update_missing_form_type() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .send("POST", "/sparql", &[], b"update=CLEAR%20NAMED")?
        .refused(415, &["application/x-www-form-urlencoded"])
}

#[test]
fn w3c_bad_update_non_utf8() -> TestResult {
    // An update is refused whatever its encoding.
    let (server, _) = w3c_server()?;
    server
        .send(
            "POST",
            "/sparql",
            &[("Content-Type", "application/sparql-update; charset=UTF-16")],
            &utf16("CLEAR NAMED"),
        )?
        .refused(400, &[READ_ONLY])
}

#[test]
fn w3c_bad_update_syntax() -> TestResult {
    let (server, _) = w3c_server()?;
    server
        .post(
            "/sparql",
            "application/x-www-form-urlencoded",
            "update=CLEAR%20XYZ",
        )?
        .refused(400, &[READ_ONLY])
}

#[test]
fn w3c_bad_update_dataset_conflict() -> TestResult {
    // using-named-graph-uri and WITH together; refused as every update is.
    let (server, _) = w3c_server()?;
    let update = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n\
                  DELETE { ?person foaf:givenName 'Bill' }\nINSERT { ?person foaf:givenName 'William' }\n\
                  WHERE { ?person foaf:givenName 'Bill' }";
    server
        .post(
            &format!(
                "/sparql?using-named-graph-uri={}",
                encode("http://example/people")
            ),
            "application/sparql-update",
            update,
        )?
        .refused(400, &[READ_ONLY])
}

// ---------------------------------------------------------------------------------------------
// Beyond the manifest: a given dataset is the whole dataset
// ---------------------------------------------------------------------------------------------

#[test]
fn a_dataset_that_is_given_has_only_the_named_graphs_it_names() -> TestResult {
    let (server, data) = w3c_server()?;
    let any_named = encode("ASK { GRAPH ?g { ?s ?p ?o } }");
    // No dataset: every article's graph is a named graph.
    let all = format!("/sparql?query={any_named}");
    assert!(
        server
            .get(&all, None)?
            .expect(200, RESULTS_JSON)?
            .boolean()?
    );
    // default-graph-uri alone: no named graphs.
    let default_only = format!(
        "/sparql?query={any_named}&default-graph-uri={}",
        encode(&data.articles[0].0)
    );
    let reply = server.get(&default_only, None)?;
    assert!(!reply.expect(200, RESULTS_JSON)?.boolean()?);
    // FROM alone, in the query: none either.
    let from = encode(&format!(
        "ASK FROM <{}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        data.articles[0].0
    ));
    let reply = server.get(&format!("/sparql?query={from}"), None)?;
    assert!(!reply.expect(200, RESULTS_JSON)?.boolean()?);
    // named-graph-uri alone: the default graph is empty.
    let named_only = format!(
        "/sparql?query={}&named-graph-uri={}",
        encode("ASK { ?s ?p ?o }"),
        encode(&data.articles[0].0)
    );
    let reply = server.get(&named_only, None)?;
    assert!(!reply.expect(200, RESULTS_JSON)?.boolean()?);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// SERVICE, with --allow-service
// ---------------------------------------------------------------------------------------------

const NAMES_BY_FORCE: &str = "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n\
                              PREFIX org: <http://www.w3.org/ns/org#>\n";

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> Fallible<u16> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

/// The rows of SPARQL results JSON, each variable's value (absent where unbound).
fn rows(results: &serde_json::Value, variables: &[&str]) -> Fallible<Vec<Vec<Option<String>>>> {
    let bindings = results["results"]["bindings"]
        .as_array()
        .ok_or_else(|| fail(format!("no bindings in {results}")))?;
    Ok(bindings
        .iter()
        .map(|row| {
            variables
                .iter()
                .map(|v| row[*v]["value"].as_str().map(str::to_owned))
                .collect()
        })
        .collect())
}

#[test]
fn service_joins_another_servers_rows_with_this_ones() -> TestResult {
    // A knows one Kent officer; B knows another Kent officer and an Essex officer.
    let (_a_dir, a_store) = store_of(&[KENT_ONE])?;
    let (_b_dir, b_store) = store_of(&[KENT_TWO, ESSEX_ONE])?;
    let b = Server::start(&b_store, &[])?;
    let a = Server::start(&a_store, &["--allow-service"])?;
    // Officers of A, each with the officers B knows in the same force.
    let query = format!(
        "{NAMES_BY_FORCE}SELECT ?here ?there WHERE {{\n\
           ?p foaf:name ?here ; org:memberOf ?force .\n\
           SERVICE <{}> {{ ?q foaf:name ?there ; org:memberOf ?force }}\n\
         }}",
        b.endpoint()
    );
    let joined: BTreeSet<Vec<Option<String>>> = rows(&a.json(&query)?, &["here", "there"])?
        .into_iter()
        .collect();
    let expected: BTreeSet<Vec<Option<String>>> = [vec![
        Some("Lionel Brackenbury".to_owned()),
        Some("Imogen Castellow".to_owned()),
    ]]
    .into_iter()
    .collect();
    assert_eq!(joined, expected);
    // B's officers came from B: A alone knows neither.
    let local = format!(
        "{NAMES_BY_FORCE}ASK {{ ?q foaf:name ?n FILTER(?n IN (\"Imogen Castellow\", \"Rupert Hollingdrake\")) }}"
    );
    let reply = a.get(&format!("/sparql?query={}", encode(&local)), None)?;
    assert!(!reply.expect(200, RESULTS_JSON)?.boolean()?);
    // The same query on a server without the flag is refused, as the README says.
    let refusing = Server::start(&a_store, &[])?;
    refusing
        .get(&format!("/sparql?query={}", encode(&query)), None)?
        .refused(400, &["SERVICE is refused", "--allow-service"])?;
    Ok(())
}

#[test]
fn service_silent_to_a_closed_port_gives_no_rows_and_without_silent_names_the_endpoint()
-> TestResult {
    let (_dir, store) = store_of(&[KENT_ONE])?;
    let a = Server::start(&store, &["--allow-service"])?;
    let closed = format!("http://127.0.0.1:{}/sparql", closed_port()?);
    // SILENT: the call gives no rows of its own; as the SPARQL 1.1 Federated Query
    // recommendation has it, a failed silent call is one empty solution, so A's rows stand
    // with the service's variables unbound.
    let silent = format!(
        "{NAMES_BY_FORCE}SELECT ?here ?there WHERE {{\n\
           ?p foaf:name ?here .\n\
           SERVICE SILENT <{closed}> {{ ?q foaf:name ?there }}\n\
         }}"
    );
    let found = rows(&a.json(&silent)?, &["here", "there"])?;
    assert_eq!(
        found,
        vec![vec![Some("Lionel Brackenbury".to_owned()), None]]
    );
    let alone = format!("SELECT ?s WHERE {{ SERVICE SILENT <{closed}> {{ ?s ?p ?o }} }}");
    let found = rows(&a.json(&alone)?, &["s"])?;
    assert!(found.iter().all(|row| row[0].is_none()), "{found:?}");
    // Without SILENT: 502, one line naming the endpoint and why.
    let loud = format!("SELECT ?s WHERE {{ SERVICE <{closed}> {{ ?s ?p ?o }} }}");
    a.get(&format!("/sparql?query={}", encode(&loud)), None)?
        .refused(502, &[&format!("SERVICE <{closed}>"), "cannot reach"])?;
    Ok(())
}

#[test]
fn service_names_the_status_an_endpoint_answered_and_refuses_other_schemes() -> TestResult {
    let (_a_dir, a_store) = store_of(&[KENT_ONE])?;
    let (_b_dir, b_store) = store_of(&[ESSEX_ONE])?;
    let b = Server::start(&b_store, &[])?;
    let a = Server::start(&a_store, &["--allow-service"])?;
    // B has no endpoint at /nowhere: 404.
    let missing = format!("http://{}/nowhere", b.address);
    let query = format!("SELECT ?s WHERE {{ SERVICE <{missing}> {{ ?s ?p ?o }} }}");
    a.get(&format!("/sparql?query={}", encode(&query)), None)?
        .refused(502, &[&format!("SERVICE <{missing}>"), "answered 404"])?;
    // B, without the flag, refuses a pattern that itself calls out: B's 400 and its reason.
    let nested = format!(
        "SELECT ?s WHERE {{ SERVICE <{}> {{ SERVICE <{missing}> {{ ?s ?p ?o }} }} }}",
        b.endpoint()
    );
    a.get(&format!("/sparql?query={}", encode(&nested)), None)?
        .refused(
            502,
            &[
                &format!("SERVICE <{}>", b.endpoint()),
                "answered 400",
                "--allow-service",
            ],
        )?;
    for scheme in ["ftp://example.org/sparql", "file:///etc/passwd", "urn:x:y"] {
        let query = format!("SELECT ?s WHERE {{ SERVICE <{scheme}> {{ ?s ?p ?o }} }}");
        a.get(&format!("/sparql?query={}", encode(&query)), None)?
            .refused(
                400,
                &[&format!("SERVICE <{scheme}>"), "only http and https"],
            )?;
    }
    Ok(())
}

#[test]
fn the_time_limit_holds_across_a_service_call_that_never_answers() -> TestResult {
    // An endpoint that accepts connections and never answers.
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let hanging = format!("http://{}/sparql", listener.local_addr()?);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let (_dir, store) = store_of(&[KENT_ONE])?;
    let a = Server::start(&store, &["--allow-service", "--timeout", "1"])?;
    for silent in ["", "SILENT "] {
        let query = format!("SELECT ?s WHERE {{ SERVICE {silent}<{hanging}> {{ ?s ?p ?o }} }}");
        let started = Instant::now();
        let reply = a.get(&format!("/sparql?query={}", encode(&query)), None)?;
        let took = started.elapsed();
        assert!(took < Duration::from_secs(10), "{silent}took {took:?}");
        reply.refused(503, &["time limit of 1 s"])?;
    }
    // The server goes on.
    let reply = a.get(
        &format!("/sparql?query={}", encode("ASK { ?s ?p ?o }")),
        None,
    )?;
    assert!(reply.expect(200, RESULTS_JSON)?.boolean()?);
    Ok(())
}

#[test]
fn the_graph_store_refuses_writes_with_the_methods_it_takes() -> TestResult {
    let (server, data) = w3c_server()?;
    let target = format!("/store?graph={}", encode(&data.articles[0].0));
    for method in ["PUT", "POST", "DELETE"] {
        let reply = server.send(
            method,
            &target,
            &[("Content-Type", "text/turtle")],
            b"<http://example.org/s> <http://example.org/p> 1 .",
        )?;
        assert_eq!(reply.status, 405, "{method}: {}", reply.body);
        assert!(reply.body.contains(method), "{method}: {:?}", reply.body);
        assert_eq!(reply.header("allow").to_ascii_uppercase(), "GET, HEAD");
    }
    let graph = server.get(&target, None)?;
    assert_eq!(graph.status, 200, "{}", graph.body);
    assert!(
        !graph.body.contains("http://example.org/p"),
        "a refused write reached the graph"
    );
    Ok(())
}
