//! `policegraph push`: the store, graph by graph, to a shared triplestore, through the SPARQL
//! 1.1 Graph Store HTTP Protocol (`--to`: one PUT per graph, which replaces it) or SPARQL 1.1
//! Update (`--update`: DROP SILENT GRAPH and INSERT DATA, several graphs a request).
//!
//! Every named graph goes (each article's, the ontology's, the decisions'); the default graph,
//! which holds the descriptions shared between articles, goes as [`SHARDS`] named graphs
//! `id:graph/shared/NN` (by subject), so that a remote store whose default graph is the union
//! of its named graphs answers the shipped views as the local store does. The hash of each
//! graph's sorted N-Triples is remembered per remote ([`state`]); the next push sends only the
//! graphs whose hash changed; and when the store's fingerprint is the one a complete push
//! left (nothing written to it since), the push knows without reading a graph that there is
//! nothing to send. The store itself is only read.
//!
//! Oxigraph's server (known by its `server` header) also loads many graphs in one request
//! through its bulk loader (`POST /store?no_transaction`, N-Quads), a vendor extension of the
//! Graph Store protocol. A push to it sends that way the graphs the remote does not hold at
//! all (its named graphs are listed first, by one query): adding a graph that is not there is
//! what a PUT would do, several times faster. A graph the remote holds goes by PUT, which
//! replaces it. Such a load is not atomic; a graph whose request failed is not remembered, so
//! the next push sends it again, by PUT, replacing whatever part of it went in.

mod state;

use super::Outcome;
use crate::cli::PushArgs;
use crate::error::Error;
use crate::rdf::sha256_hex;
use crate::remote::{self, Call, Client, RemoteError, credentials, with_parameter};
use crate::store::GraphStore;
use crate::vocab::ID;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::model::{GraphNameRef, NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;
use state::PushState;
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// How many graphs are read at once (in parallel) before they are queued.
const READ_TOGETHER: usize = 256;
/// How many graphs the default graph's shared descriptions are split into.
const SHARDS: usize = 64;
/// The most N-Triples text one SPARQL Update request carries (a larger graph takes several):
/// about 1,100 triples. Virtuoso 7's SPARQL parser runs out of memory on an INSERT DATA of
/// about 4,500 triples (1 MB).
const UPDATE_BYTES: usize = 256 << 10;
/// The most N-Quads text one bulk request to Oxigraph's server carries.
const BULK_BYTES: usize = 16 << 20;

/// The protocol a push speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Protocol {
    GraphStore,
    Update,
}

/// One graph ready to send.
struct Graph {
    iri: String,
    hash: String,
    triples: usize,
    lines: Vec<String>,
}

/// Graphs and the requests that carry them, for one worker to send in order.
struct Job {
    graphs: Vec<(String, String, usize)>,
    bodies: Vec<Vec<u8>>,
    /// One N-Quads body of many graphs for Oxigraph's bulk loader, rather than the protocol's.
    bulk: bool,
}

/// What a worker says about a job.
struct Report {
    graphs: Vec<(String, String, usize)>,
    bulk: bool,
    result: Result<(), RemoteError>,
}

/// Counts for the closing line.
#[derive(Default)]
struct Tally {
    sent: usize,
    /// Of those sent, how many went through Oxigraph's bulk loader.
    bulk: usize,
    triples: usize,
    skipped: usize,
}

/// Runs `policegraph push`.
pub(super) fn push(args: PushArgs) -> Result<Outcome, Error> {
    let (protocol, url) = match (&args.to, &args.update) {
        (Some(url), _) => (Protocol::GraphStore, url.clone()),
        (None, Some(url)) => (Protocol::Update, url.clone()),
        (None, None) => return Err(Error::NoRemote),
    };
    let client = Client::new(args.timeout.duration(), credentials(args.user.as_deref())?);
    let store = GraphStore::open_read_only(&args.store.store)?;
    let mut state = PushState::load(&args.store.store, &url, protocol)?;
    let start = Instant::now();
    let fingerprint = store.fingerprint();
    if let Some(graphs) = fingerprint.as_deref().and_then(|f| state.complete_from(f))
        && !args.all
    {
        if !args.quiet {
            eprintln!(
                "push to {url}: 0 graphs sent (0 triples), {graphs} unchanged and skipped (the store is as it was at the last push), in {:.1} s",
                start.elapsed().as_secs_f64()
            );
        }
        return Ok(Outcome::Success);
    }
    // Until this push completes, the remote may lack something.
    state.forget_complete();
    state.save()?;
    let (graphs, blank): (Vec<_>, Vec<_>) = store
        .named_graphs()?
        .into_iter()
        .partition(|g| matches!(g, NamedOrBlankNode::NamedNode(_)));
    if !blank.is_empty() && !args.quiet {
        eprintln!(
            "push: {} graphs named by a blank node (from RDF files) are not sent: the protocols name graphs by IRI",
            blank.len()
        );
    }
    let absent_unless = match protocol {
        Protocol::GraphStore => oxigraph_graphs(&client, args.timeout.duration(), &url)?,
        Protocol::Update => None,
    };
    let run = Run {
        store: &store,
        client: &client,
        protocol,
        url: &url,
        absent_unless,
        known: if args.all {
            HashMap::new()
        } else {
            state.hashes()
        },
        bar: progress_bar(args.quiet, graphs.len() + SHARDS),
        stop: AtomicBool::new(false),
    };
    let (tally, failure) = run.go(&graphs, args.jobs, &mut state);
    run.bar.finish_and_clear();
    if let Some(fingerprint) = fingerprint
        && failure.is_none()
    {
        state.record_complete(fingerprint, tally.sent + tally.skipped);
    }
    state.save()?;
    if let Some(error) = failure {
        return Err(error);
    }
    if !args.quiet {
        let bulk = match tally.bulk {
            0 => String::new(),
            n => format!("; {n} new to the remote, through its bulk loader"),
        };
        eprintln!(
            "push to {url}: {} graphs sent ({} triples{bulk}), {} unchanged and skipped, in {:.1} s",
            tally.sent,
            tally.triples,
            tally.skipped,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(Outcome::Success)
}

/// A push under way: what its threads share.
struct Run<'a> {
    store: &'a GraphStore,
    client: &'a Client,
    protocol: Protocol,
    url: &'a str,
    /// The hash of each graph the remote has.
    known: HashMap<String, String>,
    /// When the remote is Oxigraph's server: the graphs it holds (the others go in bulk).
    absent_unless: Option<HashSet<String>>,
    bar: ProgressBar,
    /// Set at the first failure: nothing more is queued or sent.
    stop: AtomicBool,
}

impl Run<'_> {
    /// Sends the graphs that changed with `jobs` requests in flight: one thread builds each
    /// graph's text and queues it, the workers send, this thread records what went through.
    fn go(
        &self,
        graphs: &[NamedOrBlankNode],
        jobs: u16,
        state: &mut PushState,
    ) -> (Tally, Option<Error>) {
        std::thread::scope(|scope| {
            let (job_tx, job_rx) = mpsc::sync_channel::<Job>(usize::from(jobs) * 2);
            let job_rx = Arc::new(Mutex::new(job_rx));
            let (done_tx, done_rx) = mpsc::channel::<Report>();
            for _ in 0..jobs.max(1) {
                let (job_rx, done_tx) = (job_rx.clone(), done_tx.clone());
                scope.spawn(move || self.send_jobs(&job_rx, &done_tx));
            }
            drop(done_tx);
            let producer = scope.spawn(move || {
                let result = self.produce(graphs, &job_tx);
                if result.is_err() {
                    self.stop.store(true, Ordering::Relaxed);
                }
                result
            });
            let (mut tally, failure) = self.collect(&done_rx, state);
            match producer.join().unwrap_or(Ok(0)) {
                Ok(skipped) => tally.skipped = skipped,
                Err(error) => return (tally, Some(error)),
            }
            let failure = failure.map(|(graph, source)| Error::Push {
                url: self.url.to_owned(),
                graph,
                sent: tally.sent,
                source: Box::new(source),
            });
            (tally, failure)
        })
    }

    /// Builds each graph's text, skips those the remote has, and queues the others as jobs.
    /// Returns how many it skipped.
    fn produce(
        &self,
        graphs: &[NamedOrBlankNode],
        jobs: &mpsc::SyncSender<Job>,
    ) -> Result<usize, Error> {
        let (store, protocol, stop, bar) = (self.store, self.protocol, &self.stop, &self.bar);
        let mut skipped = 0;
        let mut batch = Vec::new();
        let mut batch_bytes = 0;
        let (mut bulk, mut bulk_bytes) = (Vec::new(), 0);
        let mut each = |graph: Graph| -> bool {
            if self.known.get(&graph.iri) == Some(&graph.hash) {
                skipped += 1;
                bar.inc(1);
                return true;
            }
            let bytes = graph.lines.iter().map(|l| l.len() + 1).sum::<usize>();
            if let Some(held) = &self.absent_unless
                && !held.contains(&graph.iri)
            {
                bulk_bytes += bytes;
                bulk.push(graph);
                if bulk_bytes < BULK_BYTES {
                    return true;
                }
                bulk_bytes = 0;
                let job = bulk_job(std::mem::take(&mut bulk));
                return !stop.load(Ordering::Relaxed) && jobs.send(job).is_ok();
            }
            batch_bytes += bytes;
            batch.push(graph);
            if protocol == Protocol::Update && batch_bytes < UPDATE_BYTES {
                return true;
            }
            batch_bytes = 0;
            let job = job(protocol, std::mem::take(&mut batch));
            !stop.load(Ordering::Relaxed) && jobs.send(job).is_ok()
        };
        for graph in shared_graphs(store)? {
            if !each(graph) {
                return Ok(skipped);
            }
        }
        // Graphs are read and hashed on every core, a few hundred at a time, and go on in order.
        for names in graphs.chunks(READ_TOGETHER) {
            let read = names
                .par_iter()
                .filter_map(|name| match name {
                    NamedOrBlankNode::NamedNode(iri) => Some(iri),
                    NamedOrBlankNode::BlankNode(_) => None,
                })
                .map(|iri| {
                    let lines = store.graph_lines(GraphNameRef::NamedNode(iri.as_ref()))?;
                    Ok(graph_of(iri.as_str().to_owned(), lines))
                })
                .collect::<Result<Vec<_>, Error>>()?;
            for graph in read {
                if !each(graph) {
                    return Ok(skipped);
                }
            }
        }
        if !batch.is_empty() && !stop.load(Ordering::Relaxed) {
            let _ = jobs.send(job(protocol, batch));
        }
        if !bulk.is_empty() && !stop.load(Ordering::Relaxed) {
            let _ = jobs.send(bulk_job(bulk));
        }
        Ok(skipped)
    }

    /// A worker: sends jobs until there are none; after a failure anywhere, drops the rest.
    fn send_jobs(&self, jobs: &Mutex<mpsc::Receiver<Job>>, done: &mpsc::Sender<Report>) {
        loop {
            let job = match jobs.lock().unwrap_or_else(|e| e.into_inner()).recv() {
                Ok(job) => job,
                Err(_) => return,
            };
            if self.stop.load(Ordering::Relaxed) {
                continue;
            }
            let result = send_job(self.client, self.protocol, self.url, &job);
            if result.is_err() {
                self.stop.store(true, Ordering::Relaxed);
            }
            let report = Report {
                graphs: job.graphs,
                bulk: job.bulk,
                result,
            };
            if done.send(report).is_err() {
                return;
            }
        }
    }

    /// Takes the workers' reports: records each graph sent, and returns the first failure
    /// with the graph it stopped at.
    fn collect(
        &self,
        done: &mpsc::Receiver<Report>,
        state: &mut PushState,
    ) -> (Tally, Option<(String, RemoteError)>) {
        let mut tally = Tally::default();
        let mut failure = None;
        for report in done {
            match report.result {
                Ok(()) => {
                    for (iri, hash, triples) in report.graphs {
                        state.record(iri, hash);
                        tally.sent += 1;
                        tally.bulk += usize::from(report.bulk);
                        tally.triples += triples;
                        self.bar.inc(1);
                    }
                    state.save_now_and_then();
                }
                Err(error) => {
                    if failure.is_none() {
                        let graph = report
                            .graphs
                            .first()
                            .map(|g| g.0.clone())
                            .unwrap_or_default();
                        failure = Some((graph, error));
                    }
                }
            }
        }
        (tally, failure)
    }
}

/// A graph and the hash of its text.
fn graph_of(iri: String, lines: Vec<String>) -> Graph {
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in &lines {
        text.push_str(line);
        text.push('\n');
    }
    Graph {
        iri,
        hash: sha256_hex(text),
        triples: lines.len(),
        lines,
    }
}

/// The default graph's triples as [`SHARDS`] named graphs, by a hash of their subject.
fn shared_graphs(store: &GraphStore) -> Result<Vec<Graph>, Error> {
    let mut shards: Vec<Vec<String>> = vec![Vec::new(); SHARDS];
    store.for_each_triple(GraphNameRef::DefaultGraph, |triple| {
        let subject = triple.subject.to_string();
        let hash = sha256_hex(&subject);
        let shard = usize::from_str_radix(&hash[..4], 16).unwrap_or(0) % SHARDS;
        shards[shard].push(format!("{triple} ."));
    })?;
    Ok(shards
        .into_iter()
        .enumerate()
        .map(|(n, mut lines)| {
            lines.sort_unstable();
            graph_of(shared_graph(n), lines)
        })
        .collect())
}

/// The name of one shard of the shared descriptions.
fn shared_graph(n: usize) -> String {
    format!("{ID}graph/shared/{n:02}")
}

/// The requests that carry `graphs`: one PUT body each, or SPARQL updates of at most
/// [`UPDATE_BYTES`] of triples.
fn job(protocol: Protocol, graphs: Vec<Graph>) -> Job {
    let names = graphs
        .iter()
        .map(|g| (g.iri.clone(), g.hash.clone(), g.triples))
        .collect();
    let bodies = match protocol {
        Protocol::GraphStore => graphs.into_iter().map(|g| ntriples(&g.lines)).collect(),
        Protocol::Update => updates(&graphs),
    };
    Job {
        graphs: names,
        bodies,
        bulk: false,
    }
}

/// One request that adds `graphs`, none of which the remote holds, through Oxigraph's bulk
/// loader: their triples as N-Quads.
fn bulk_job(graphs: Vec<Graph>) -> Job {
    let mut body = Vec::new();
    for graph in &graphs {
        for line in &graph.lines {
            // An N-Triples line ends with " ."; the graph goes before the full stop.
            let triple = line.strip_suffix('.').unwrap_or(line).trim_end();
            body.extend_from_slice(triple.as_bytes());
            body.extend_from_slice(format!(" <{}> .\n", graph.iri).as_bytes());
        }
    }
    Job {
        graphs: graphs
            .into_iter()
            .map(|g| (g.iri, g.hash, g.triples))
            .collect(),
        bodies: vec![body],
        bulk: true,
    }
}

/// When `url` is the Graph Store of Oxigraph's server (its `server` header says so, and it
/// ends in `/store`), the named graphs the remote holds, listed by one query at its `/query`;
/// otherwise None. A server that does not answer a HEAD at once (one attempt, no login) is
/// taken for another server: the push itself then says what is wrong.
fn oxigraph_graphs(
    client: &Client,
    timeout: std::time::Duration,
    url: &str,
) -> Result<Option<HashSet<String>>, Error> {
    let Some(base) = url.strip_suffix("/store") else {
        return Ok(None);
    };
    let head = Client::new(timeout, None).with_attempts(1).send(&Call {
        method: "HEAD",
        url,
        content_type: None,
        accept: None,
        body: &[],
    });
    let is_oxigraph = head.is_ok_and(|response| {
        response
            .headers()
            .get("server")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|server| server.starts_with("Oxigraph/"))
    });
    if !is_oxigraph {
        return Ok(None);
    }
    let endpoint = format!("{base}/query");
    let listing = "SELECT ?g WHERE { GRAPH ?g { } }";
    let error = |source| Error::RemoteQuery {
        query: listing.to_owned(),
        url: endpoint.clone(),
        source: Box::new(source),
    };
    let QueryResults::Solutions(solutions) =
        remote::query(client, &endpoint, listing, false).map_err(error)?
    else {
        return Ok(Some(HashSet::new()));
    };
    let mut held = HashSet::new();
    for solution in solutions {
        let solution = solution.map_err(|e| error(RemoteError::BadAnswer(e.to_string())))?;
        if let Some(Term::NamedNode(graph)) = solution.get("g") {
            held.insert(graph.as_str().to_owned());
        }
    }
    Ok(Some(held))
}

fn ntriples(lines: &[String]) -> Vec<u8> {
    let mut body = Vec::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        body.extend_from_slice(line.as_bytes());
        body.push(b'\n');
    }
    body
}

/// SPARQL updates that replace each graph: `DROP SILENT GRAPH` then `INSERT DATA`, in
/// requests of at most [`UPDATE_BYTES`] of triples.
fn updates(graphs: &[Graph]) -> Vec<Vec<u8>> {
    let mut bodies = Vec::new();
    let mut body = String::new();
    for graph in graphs {
        let iri = &graph.iri;
        body.push_str(&format!("DROP SILENT GRAPH <{iri}> ;\n"));
        for chunk in chunks(&graph.lines) {
            if body.len() + chunk.iter().map(|l| l.len()).sum::<usize>() > UPDATE_BYTES
                && !body.is_empty()
            {
                bodies.push(std::mem::take(&mut body).into_bytes());
            }
            body.push_str(&format!("INSERT DATA {{ GRAPH <{iri}> {{\n"));
            for line in chunk {
                body.push_str(line);
                body.push('\n');
            }
            body.push_str("} } ;\n");
        }
    }
    if !body.is_empty() {
        bodies.push(body.into_bytes());
    }
    bodies
}

/// A graph's lines in runs of at most [`UPDATE_BYTES`].
fn chunks(lines: &[String]) -> Vec<&[String]> {
    let mut runs = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        if bytes + line.len() > UPDATE_BYTES && i > start {
            runs.push(&lines[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += line.len() + 1;
    }
    if start < lines.len() {
        runs.push(&lines[start..]);
    }
    runs
}

fn send_job(client: &Client, protocol: Protocol, url: &str, job: &Job) -> Result<(), RemoteError> {
    for (i, body) in job.bodies.iter().enumerate() {
        let (target, content_type, method) = match protocol {
            _ if job.bulk => (
                with_parameter(url, "no_transaction", ""),
                "application/n-quads",
                "POST",
            ),
            Protocol::GraphStore => {
                let graph = job.graphs.get(i).map_or("", |g| g.0.as_str());
                (with_parameter(url, "graph", graph), "text/turtle", "PUT")
            }
            Protocol::Update => (url.to_owned(), "application/sparql-update", "POST"),
        };
        client.send(&Call {
            method,
            url: &target,
            content_type: Some(content_type),
            accept: None,
            body,
        })?;
    }
    Ok(())
}

/// A bar counting graphs on a terminal's stderr, else nothing.
fn progress_bar(quiet: bool, graphs: usize) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(graphs as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} graphs [{elapsed_precise}] {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
