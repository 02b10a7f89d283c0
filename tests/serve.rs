//! `policegraph serve` through the real binary: every route, status code and format of the
//! SPARQL endpoint and the Graph Store reads, the pages (search, person, organisation, article,
//! query), escaping of hostile article text, the time limit, and a clean stop on SIGTERM.

mod common;

use common::{
    Fallible, Serving, TestResult, arg, encode, fail, ingest, policegraph, run_ok, sample,
    samples_dir, start_serve,
};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A running server on a free port, stopped when dropped.
struct Server {
    process: Serving,
    agent: ureq::Agent,
}

impl Server {
    fn start(store: &Path, extra: &[&str]) -> Fallible<Server> {
        let process = start_serve(store, extra)?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Ok(Server { process, agent })
    }

    fn get(&self, path: &str, accept: Option<&str>) -> Fallible<Reply> {
        let mut request = self.agent.get(format!("{}{path}", self.process.base));
        if let Some(accept) = accept {
            request = request.header("Accept", accept);
        }
        Reply::read(request.call()?)
    }

    fn post(&self, path: &str, content_type: &str, body: &str) -> Fallible<Reply> {
        let response = self
            .agent
            .post(format!("{}{path}", self.process.base))
            .header("Content-Type", content_type)
            .send(body)?;
        Reply::read(response)
    }

    /// Sends SIGTERM and waits for the exit status.
    fn stop(mut self) -> Fallible<std::process::ExitStatus> {
        let pid = self.process.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status()?;
        let started = Instant::now();
        loop {
            if let Some(status) = self.process.child.try_wait()? {
                return Ok(status);
            }
            if started.elapsed() > Duration::from_secs(20) {
                return Err(fail("the server did not stop within 20 s of SIGTERM"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

impl Reply {
    fn read(mut response: ureq::http::Response<ureq::Body>) -> Fallible<Reply> {
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        Ok(Reply {
            status: response.status().as_u16(),
            content_type,
            body: response.body_mut().read_to_string()?,
        })
    }

    fn expect(self, status: u16, content_type: &str) -> Fallible<Reply> {
        if self.status != status || !self.content_type.starts_with(content_type) {
            return Err(fail(format!(
                "expected {status} {content_type}, got {} {}\n{}",
                self.status, self.content_type, self.body
            )));
        }
        Ok(self)
    }

    fn has(&self, needle: &str) -> TestResult {
        if !self.body.contains(needle) {
            return Err(fail(format!("expected {needle:?} in\n{}", self.body)));
        }
        Ok(())
    }
}

/// A store of the bundled samples.
fn samples_store() -> Fallible<(tempfile::TempDir, std::path::PathBuf)> {
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("store");
    ingest(&store, &[&samples_dir()])?;
    Ok((dir, store))
}

const PEOPLE: &str = "SELECT ?name WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; <http://xmlns.com/foaf/0.1/name> ?name } ORDER BY ?name";

#[test]
fn the_endpoint_answers_the_protocol_in_every_results_format() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &[])?;
    let url = format!("/sparql?query={}", encode(PEOPLE));
    let json = server
        .get(&url, None)?
        .expect(200, "application/sparql-results+json")?;
    json.has("\"Kevin Phillips\"")?;
    server
        .get(&url, Some("application/sparql-results+xml"))?
        .expect(200, "application/sparql-results+xml")?
        .has("<literal>Kevin Phillips</literal>")?;
    let csv = server
        .get(&url, Some("text/csv"))?
        .expect(200, "text/csv")?;
    // The endpoint's CSV is the command line's, row for row.
    let cli = run_ok(&["query", "--store", arg(&store)?, "--format", "csv", PEOPLE])?;
    assert_eq!(csv.body, cli);
    server
        .get(&url, Some("text/tab-separated-values"))?
        .expect(200, "text/tab-separated-values")?
        .has("\"Kevin Phillips\"")?;
    server
        .get(
            &url,
            Some("text/html;q=0.9, application/sparql-results+xml;q=0.5"),
        )?
        .expect(200, "application/sparql-results+xml")?;
    server
        .get(&url, Some("image/png"))?
        .expect(406, "text/plain")?;
    let form = server.post(
        "/sparql",
        "application/x-www-form-urlencoded",
        &format!("query={}", encode(PEOPLE)),
    )?;
    assert_eq!(
        form.expect(200, "application/sparql-results+json")?.body,
        json.body
    );
    let direct = server.post("/sparql", "application/sparql-query", PEOPLE)?;
    assert_eq!(
        direct.expect(200, "application/sparql-results+json")?.body,
        json.body
    );
    let ask = format!("/sparql?query={}", encode("ASK { ?s ?p ?o }"));
    server
        .get(&ask, None)?
        .expect(200, "application/sparql-results+json")?
        .has("true")?;
    Ok(())
}

#[test]
fn graphs_come_in_rdf_syntaxes_and_the_dataset_can_be_chosen() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &[])?;
    let construct = encode(
        "CONSTRUCT { ?p <http://xmlns.com/foaf/0.1/name> ?n } WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n }",
    );
    let url = format!("/sparql?query={construct}");
    server
        .get(&url, None)?
        .expect(200, "text/turtle")?
        .has("Kevin Phillips")?;
    server
        .get(&url, Some("application/n-triples"))?
        .expect(200, "application/n-triples")?
        .has("\"Kevin Phillips\" .")?;
    server
        .get(&url, Some("application/ld+json"))?
        .expect(200, "application/ld+json")?
        .has("Kevin Phillips")?;
    server
        .get(&url, Some("application/sparql-results+json"))?
        .expect(406, "text/plain")?;
    // One article's graph as the default graph: only what that article states.
    let graphs = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } } ORDER BY ?g",
    ])?;
    let articles: Vec<&str> = graphs.lines().skip(1).collect();
    assert!(articles.len() >= 2, "{graphs}");
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let whole = server
        .get(
            &format!("/sparql?query={}", encode(count)),
            Some("text/csv"),
        )?
        .expect(200, "text/csv")?;
    let one = server
        .get(
            &format!(
                "/sparql?query={}&default-graph-uri={}",
                encode(count),
                encode(articles[0])
            ),
            Some("text/csv"),
        )?
        .expect(200, "text/csv")?;
    assert_ne!(whole.body, one.body, "the default graph was not restricted");
    let named = format!(
        "/sparql?query={}&named-graph-uri={}",
        encode("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"),
        encode(articles[1])
    );
    let reply = server
        .get(&named, Some("text/csv"))?
        .expect(200, "text/csv")?;
    assert_eq!(
        reply.body.lines().skip(1).collect::<Vec<_>>(),
        vec![articles[1]]
    );
    Ok(())
}

#[test]
fn the_endpoint_refuses_updates_service_and_bad_requests_with_a_reason() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &[])?;
    let insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> \"c\" }";
    server
        .post("/sparql", "application/sparql-update", insert)?
        .expect(400, "text/plain")?
        .has("read-only")?;
    server
        .post(
            "/sparql",
            "application/x-www-form-urlencoded",
            &format!("update={}", encode(insert)),
        )?
        .expect(400, "text/plain")?
        .has("read-only")?;
    server
        .get(&format!("/sparql?query={}", encode(insert)), None)?
        .expect(400, "text/plain")?
        .has("update")?;
    let syntax = server.get(
        &format!("/sparql?query={}", encode("SELECT ?x WHERE {\n  ?x ?y \n")),
        None,
    )?;
    let syntax = syntax.expect(400, "text/plain")?;
    // Line and column, as on the command line.
    syntax.has("error at 3:1")?;
    let service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }";
    server
        .get(&format!("/sparql?query={}", encode(service)), None)?
        .expect(400, "text/plain")?
        .has("SERVICE")?;
    server
        .get("/sparql", None)?
        .expect(400, "text/plain")?
        .has("no query")?;
    server
        .post("/sparql", "text/plain", PEOPLE)?
        .expect(415, "text/plain")?;
    server
        .get(
            &format!(
                "/sparql?query={}&default-graph-uri=not%20an%20iri",
                encode(PEOPLE)
            ),
            None,
        )?
        .expect(400, "text/plain")?;
    // The store is unchanged.
    let names = server.get(
        &format!(
            "/sparql?query={}",
            encode("ASK { <http://example.org/a> ?p ?o }")
        ),
        None,
    )?;
    names
        .expect(200, "application/sparql-results+json")?
        .has("false")?;
    Ok(())
}

#[test]
fn a_query_past_its_time_limit_is_stopped_and_the_server_goes_on() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &["--timeout", "0.5"])?;
    let slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let reply = server.get(&format!("/sparql?query={}", encode(slow)), None)?;
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    reply.expect(503, "text/plain")?.has("0.5 s")?;
    server
        .get(&format!("/sparql?query={}", encode(PEOPLE)), None)?
        .expect(200, "application/sparql-results+json")?;
    Ok(())
}

#[test]
fn the_graph_store_gives_one_articles_graph_or_the_default_graph() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &[])?;
    let graphs = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } } ORDER BY ?g LIMIT 1",
    ])?;
    let article = graphs
        .lines()
        .nth(1)
        .ok_or_else(|| fail("no article graph"))?;
    let reply = server.get(
        &format!("/store?graph={}", encode(article)),
        Some("application/n-triples"),
    )?;
    let reply = reply.expect(200, "application/n-triples")?;
    reply.has(&format!(
        "<{article}> <https://w3id.org/policegraph/ontology#sourceLocation>"
    ))?;
    server
        .get(&format!("/store?graph={}", encode(article)), None)?
        .expect(200, "text/turtle")?;
    server
        .get("/store?default", Some("text/turtle"))?
        .expect(200, "text/turtle")?;
    server
        .get(
            &format!("/store?graph={}", encode("https://example.org/none")),
            None,
        )?
        .expect(404, "text/plain")?;
    server.get("/store", None)?.expect(400, "text/plain")?;
    Ok(())
}

#[test]
fn the_pages_find_an_officer_and_show_each_fact_with_its_evidence() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &[])?;
    let home = server.get("/", None)?.expect(200, "text/html")?;
    home.has("5</strong> articles")?;
    // Case and accents do not matter.
    let found = server
        .get(&format!("/search?q={}", encode("PHÍLLIPS")), None)?
        .expect(200, "text/html")?;
    found.has("Kevin Phillips")?;
    let person = found
        .body
        .split("href=\"")
        .find(|s| s.starts_with("/id/person/kevin-phillips"))
        .and_then(|s| s.split('"').next())
        .ok_or_else(|| fail(format!("no link to Kevin Phillips\n{}", found.body)))?
        .to_owned();
    let page = server.get(&person, None)?.expect(200, "text/html")?;
    page.has("would have been dismissed")?;
    page.has("<mark")?;
    page.has("href=\"/id/article/")?;
    page.has("Simon Ovens")?;
    // A unit is named with what it is part of, on the person's page and its own.
    page.has("Roads and Transport Policing Command (Metropolitan Police Service)")?;
    let org = server
        .get("/id/org/roads-and-transport-policing-command", None)?
        .expect(200, "text/html")?;
    org.has("Kevin Phillips")?;
    org.has("<h1>Roads and Transport Policing Command (Metropolitan Police Service)</h1>")?;
    org.has("would have been dismissed")?;
    let article = page
        .body
        .split("href=\"/id/article/")
        .nth(1)
        .and_then(|rest| rest.split(['"', '#']).next())
        .ok_or_else(|| fail("no article link"))?;
    let article = server
        .get(&format!("/id/article/{article}"), None)?
        .expect(200, "text/html")?;
    article.has("<mark")?;
    article.has("Kevin Phillips")?;
    server
        .get("/id/person/nobody-at-all", None)?
        .expect(404, "text/html")?;
    server
        .get("/no/such/page", None)?
        .expect(404, "text/html")?;
    server.get("/style.css", None)?.expect(200, "text/css")?;
    Ok(())
}

#[test]
fn the_query_page_shows_a_table_and_offers_downloads() -> TestResult {
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &["--page-rows", "3"])?;
    let empty = server
        .get("/query?example=people.rq", None)?
        .expect(200, "text/html")?;
    empty.has("SELECT ?person ?role ?organisation")?;
    let page = server
        .get(&format!("/query?query={}", encode(PEOPLE)), None)?
        .expect(200, "text/html")?;
    page.has("<table class=\"results\"")?;
    page.has("3 rows shown")?;
    page.has("format=csv")?;
    let bad = server.get(&format!("/query?query={}", encode("SELECT nonsense")), None)?;
    bad.expect(400, "text/html")?.has("error at 1:")?;
    let service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
    let refused = server.get(&format!("/query?query={}", encode(service)), None)?;
    refused
        .expect(400, "text/html")?
        .has("SERVICE is not run from this page")?;
    Ok(())
}

#[test]
fn hostile_article_text_is_shown_as_text() -> TestResult {
    let dir = tempfile::tempdir()?;
    let article = dir.path().join("hostile.txt");
    std::fs::write(
        &article,
        "Officer dismissed <script>alert(\"headline\")</script>\n\n\
         Police Constable Jane Ashdown of Kent Police was dismissed without notice after a \
         misconduct hearing found gross misconduct, <script>alert(\"x\")</script> said the \
         force & \"others\" <img src=x onerror=alert(1)>.\n\n\
         PC Ashdown <b>bold</b> had sent messages to a colleague on 4 May 2023, the panel heard.\n",
    )?;
    let store = dir.path().join("store");
    ingest(&store, &[&article])?;
    let server = Server::start(&store, &[])?;
    let found = server
        .get("/search?q=ashdown", None)?
        .expect(200, "text/html")?;
    let link = found
        .body
        .split("href=\"/id/")
        .skip(1)
        .find(|s| s.contains("ashdown"))
        .and_then(|s| s.split('"').next())
        .ok_or_else(|| fail(format!("Jane Ashdown not found\n{}", found.body)))?
        .to_owned();
    let person = server
        .get(&format!("/id/{link}"), None)?
        .expect(200, "text/html")?;
    let articles = server
        .get("/search?q=hostile", None)?
        .expect(200, "text/html")?;
    let article_link = articles
        .body
        .split("href=\"/id/article/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .ok_or_else(|| fail(format!("article not found\n{}", articles.body)))?
        .to_owned();
    let article = server
        .get(&format!("/id/article/{article_link}"), None)?
        .expect(200, "text/html")?;
    article.has("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")?;
    article.has("<mark")?;
    for page in [&found, &person, &articles, &article] {
        assert!(
            !page.body.contains("<script"),
            "a script tag got through:\n{}",
            page.body
        );
        assert!(
            !page.body.contains("<img src=x"),
            "markup got through:\n{}",
            page.body
        );
        assert!(
            !page.body.contains("<b>bold"),
            "markup got through:\n{}",
            page.body
        );
    }
    let search = server.get(
        &format!("/search?q={}", encode("\"><script>alert(1)</script>")),
        None,
    )?;
    let search = search.expect(200, "text/html")?;
    assert!(!search.body.contains("<script>alert(1)"), "{}", search.body);
    Ok(())
}

#[test]
fn the_server_stops_cleanly_on_sigterm_readers_share_the_store_and_an_ingest_waits() -> TestResult {
    let (_dir, store) = {
        let dir = tempfile::tempdir()?;
        let store = dir.path().join("store");
        ingest(&store, &[&sample("001")?])?;
        (dir, store)
    };
    let server = Server::start(&store, &[])?;
    // A command that reads the store runs beside the server.
    run_ok(&["query", "--store", arg(&store)?, "--format", "csv", PEOPLE])?;
    server.get("/", None)?.expect(200, "text/html")?;
    // An ingest waits for the server, and says it waits for a serve, so one knows what to stop.
    let mut writer = Command::new(policegraph()?.get_program())
        .args(["ingest", "--store", arg(&store)?, arg(&sample("004")?)?])
        .env_remove("POLICEGRAPH_STORE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut notice = String::new();
    let stderr = writer.stderr.take().ok_or_else(|| fail("no stderr"))?;
    let mut stderr = BufReader::new(stderr);
    stderr.read_line(&mut notice)?;
    assert!(
        notice.contains("waiting for") && notice.contains("serve"),
        "{notice}"
    );
    let status = server.stop()?;
    assert!(status.success(), "{status}");
    let ingested = writer.wait()?;
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest)?;
    assert!(ingested.success(), "the ingest did not finish: {rest}");
    assert!(rest.contains("1 new"), "{rest}");
    Ok(())
}

#[test]
fn a_missing_store_or_a_taken_address_is_one_error_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let output = policegraph()?
        .args([
            "serve",
            "--store",
            arg(&dir.path().join("none"))?,
            "--bind",
            "127.0.0.1:0",
        ])
        .output()?;
    common::one_error_line(&output, &["no store"])?;
    let (_dir, store) = samples_store()?;
    let server = Server::start(&store, &[])?;
    let address = server.process.base.trim_start_matches("http://").to_owned();
    let output = policegraph()?
        .args(["serve", "--store", arg(&store)?, "--bind", &address])
        .timeout(Duration::from_secs(60))
        .output()?;
    common::one_error_line(&output, &["serve", &address])?;
    Ok(())
}

#[test]
fn an_article_with_its_body_in_the_store_shows_the_whole_text() -> TestResult {
    let (dir, store) = samples_store()?;
    let graphs = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        "SELECT ?a WHERE { ?a <https://w3id.org/policegraph/ontology#sourceLocation> ?l FILTER(STRSTARTS(?l, \"000_\")) }",
    ])?;
    let article = graphs
        .lines()
        .nth(1)
        .ok_or_else(|| fail("no article 000"))?
        .to_owned();
    let text = std::fs::read_to_string(sample("000")?)?;
    // The body as another branch stores it: the article's text, here with hostile markup after it.
    let body = format!("{text}\n<script>alert(1)</script> & \"more\"");
    let body = body
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    let turtle = dir.path().join("body.ttl");
    std::fs::write(
        &turtle,
        format!("<{article}> <https://schema.org/articleBody> \"{body}\" .\n"),
    )?;
    ingest(&store, &[&turtle])?;
    let server = Server::start(&store, &[])?;
    let path = article.trim_start_matches("https://w3id.org/policegraph/id/");
    let page = server
        .get(&format!("/id/{path}"), None)?
        .expect(200, "text/html")?;
    page.has("<div class=\"body\">")?;
    page.has("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;")?;
    page.has("would have been fired</mark>")?;
    assert!(!page.body.contains("<script"), "{}", page.body);
    Ok(())
}

/// Invented officers of one force, each in an article of their own: three dismissed, two warned.
const KENT_OFFICERS: [(&str, bool); 5] = [
    ("Aldous Penhaligon", true),
    ("Brisa Tollemache", false),
    ("Cormac Fenwright", true),
    ("Dilys Quarrender", false),
    ("Ewart Mabbutt", true),
];

const KENT: &str = "/id/org/kent-police";

/// The part of a page inside `<section id="{id}">`.
fn section<'a>(page: &'a str, id: &str) -> Fallible<&'a str> {
    let start = page
        .find(&format!("<section id=\"{id}\">"))
        .ok_or_else(|| fail(format!("no section {id} in\n{page}")))?;
    let rest = &page[start..];
    Ok(&rest[..rest.find("</section>").unwrap_or(rest.len())])
}

/// The address of a `rel` ("next", "prev") link in `html`, unescaped.
fn link_to(html: &str, rel: &str) -> Option<String> {
    let marker = format!("rel=\"{rel}\" href=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(html[start..end].replace("&amp;", "&"))
}

#[test]
fn an_organisations_people_and_proceedings_come_a_page_at_a_time_with_every_outcome_counted()
-> TestResult {
    let dir = tempfile::tempdir()?;
    let mut articles = Vec::new();
    for (i, (name, dismissed)) in KENT_OFFICERS.iter().enumerate() {
        let outcome = if *dismissed {
            "was dismissed without notice after a misconduct hearing found gross misconduct"
        } else {
            "was given a final written warning after a misconduct hearing found misconduct"
        };
        let path = dir.path().join(format!("kent-{i}.txt"));
        std::fs::write(
            &path,
            format!(
                "Kent officer {i} misconduct outcome\n\n\
                 Police Constable {name} of Kent Police {outcome} on {} March 2024.\n",
                i + 3
            ),
        )?;
        articles.push(path);
    }
    // And 48 of another force, half dismissed: with ten times as many proceedings in the store
    // as Kent Police has people, Kent's are read person by person, Essex's by one scan of all
    // (two shapes of the same queries; both must count the same).
    let (first, last) = (
        [
            "Orrin", "Tamsin", "Wendel", "Ysolde", "Corvin", "Marisol", "Hollis", "Brannagh",
        ],
        [
            "Vesk",
            "Quillfeather",
            "Dunmarrow",
            "Ashgrove",
            "Pellinore",
            "Threadgold",
        ],
    );
    let mut essex = 0;
    for given in first {
        for family in last {
            let outcome = if essex % 2 == 0 {
                "was dismissed without notice after a misconduct hearing found gross misconduct"
            } else {
                "was given a final written warning after a misconduct hearing found misconduct"
            };
            let path = dir.path().join(format!("essex-{essex}.txt"));
            std::fs::write(
                &path,
                format!(
                    "Essex officer {essex} misconduct outcome\n\n\
                     Police Constable {given} {family} of Essex Police {outcome}.\n"
                ),
            )?;
            articles.push(path);
            essex += 1;
        }
    }
    let store = dir.path().join("store");
    let paths: Vec<&Path> = articles.iter().map(|p| p.as_path()).collect();
    ingest(&store, &paths)?;
    // What the store holds, asked on the command line: five people in Kent Police.
    let members = run_ok(&[
        "query",
        "--store",
        arg(&store)?,
        "--format",
        "csv",
        "SELECT DISTINCT ?p WHERE { ?p <http://www.w3.org/ns/org#memberOf> <https://w3id.org/policegraph/id/org/kent-police> }",
    ])?;
    assert_eq!(
        members.lines().count(),
        1 + KENT_OFFICERS.len(),
        "{members}"
    );

    let server = Server::start(&store, &["--page-rows", "2"])?;
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut address = KENT.to_owned();
    loop {
        let page = server.get(&address, None)?.expect(200, "text/html")?;
        // Every page counts every proceeding, whichever people it lists.
        page.has("<td>dismissal without notice</td><td>3</td>")?;
        page.has("<td>final written warning</td><td>2</td>")?;
        page.has("Of all 5 proceedings")?;
        let people = section(&page.body, "members")?;
        seen.extend(
            KENT_OFFICERS
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| people.contains(name)),
        );
        let next = link_to(people, "next");
        pages.push(page);
        match next {
            Some(next) if pages.len() < 5 => address = format!("{KENT}{next}"),
            Some(_) => return Err(fail("the members' next links do not end")),
            None => break,
        }
    }
    assert_eq!(pages.len(), 3, "five people, two a page");
    pages[0].has("People 1–2 of 5 (2 a page).")?;
    pages[1].has("People 3–4 of 5 (2 a page).")?;
    pages[2].has("People 5 of 5 (2 a page).")?;
    // Each person on one page only.
    seen.sort_unstable();
    let names: Vec<&str> = KENT_OFFICERS.iter().map(|(name, _)| *name).collect();
    assert_eq!(seen, names);
    let last = section(&pages[2].body, "members")?;
    assert_eq!(link_to(last, "prev").as_deref(), Some("?members=2"));

    // The proceedings page on their own, the members' page kept.
    let later = server
        .get(&format!("{KENT}?members=2&proceedings=2"), None)?
        .expect(200, "text/html")?;
    let cases = section(&later.body, "proceedings")?;
    later.has("People 3–4 of 5")?;
    if !cases.contains("Proceedings 3–4 of 5") {
        return Err(fail(format!("no second page of proceedings in\n{cases}")));
    }
    assert_eq!(
        link_to(cases, "next").as_deref(),
        Some("?members=2&proceedings=4")
    );
    assert_eq!(link_to(cases, "prev").as_deref(), Some("?members=2"));
    // Past the end: nothing listed, and the count says how many there are.
    server
        .get(&format!("{KENT}?members=40"), None)?
        .expect(200, "text/html")?
        .has("No people from 41; there are 5.")?;
    let essex = server
        .get("/id/org/essex-police?members=46", None)?
        .expect(200, "text/html")?;
    essex.has("People 47–48 of 48 (2 a page).")?;
    essex.has("<td>dismissal without notice</td><td>24</td>")?;
    essex.has("<td>final written warning</td><td>24</td>")?;
    essex.has("Of all 48 proceedings")?;
    Ok(())
}
