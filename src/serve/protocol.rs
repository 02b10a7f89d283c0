//! The standard doors: the SPARQL 1.1 Protocol at `/sparql` (queries only: an update is
//! refused, and so is a SERVICE call to another endpoint unless the server was started with
//! `--allow-service`, see [`super::service`]) and the Graph Store Protocol's reads at `/store`.
//! Results are written in the format the client accepts, from the formats of
//! [`crate::formats`].

use super::service::{ServiceCaller, ServiceError};
use super::{Shared, State};
use crate::commands::error_line;
use crate::error::Error;
use crate::formats::{QueryFormat, QueryOutput};
use crate::results::write_results;
use crate::sparql::{BoundQuery, Deadline, QueryForm, calls_service};
use axum::body::Bytes;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use clap::ValueEnum;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsFormat;
use oxigraph::sparql::{QueryEvaluationError, SparqlEvaluator};
use spargebra::{Query, SparqlParser};
use std::time::Instant;

/// Why a query with SERVICE is refused when the server was not started to run it.
pub(super) const NO_SERVICE: &str =
    "this server calls no other endpoint unless started with --allow-service";

/// A refusal or failure: the status and the one line that says why.
#[derive(Debug)]
pub(super) struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    /// The status an error of the store or of a query gets: the client's fault (400), the time
    /// limit (503), or the server's (500).
    /// A SERVICE call that failed is the other endpoint's fault (502), unless the query named
    /// an endpoint that cannot be called (400) or the time limit stopped it (503).
    pub(super) fn from_error(error: &Error) -> Self {
        let status = match error {
            Error::QuerySyntax { .. } | Error::UpdateNotSupported { .. } => StatusCode::BAD_REQUEST,
            Error::QueryTimeout { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Error::Query {
                source: QueryEvaluationError::Service(inner),
                ..
            } => match inner.downcast_ref::<ServiceError>() {
                Some(service) if service.is_the_querys() => StatusCode::BAD_REQUEST,
                Some(service) if service.is_time_limit() => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::BAD_GATEWAY,
            },
            Error::Query {
                source:
                    QueryEvaluationError::UnboundService | QueryEvaluationError::InvalidServiceName(_),
                ..
            } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::new(status, error_line(error))
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut response = (self.status, format!("{}\n", self.message)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}

/// A method a route does not take (PUT or DELETE on `/sparql`, say): 405 with the methods it
/// takes, in the `Allow` header and in the message.
pub(super) fn method_not_allowed(
    method: &axum::http::Method,
    path: &str,
    allow: &'static str,
) -> Response {
    let mut response = Failure::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} {path}: not allowed here; this endpoint takes {allow}"),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

/// What a protocol request asks.
#[derive(Debug, Default)]
pub(super) struct Request {
    pub query: Option<String>,
    /// How many queries the request gave: the protocol allows one.
    pub queries: usize,
    pub update: bool,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    /// `format=` (json, xml, csv, tsv, turtle, ntriples, jsonld...): overrides Accept, for
    /// links that download results.
    pub format: Option<String>,
}

impl Request {
    /// Adds the parameters of a URL query string or a form body.
    fn read(&mut self, encoded: &[u8]) {
        for (name, value) in form_urlencoded::parse(encoded) {
            match name.as_ref() {
                "query" => {
                    self.queries += 1;
                    self.query = Some(value.into_owned());
                }
                "update" => self.update = true,
                "default-graph-uri" => self.default_graphs.push(value.into_owned()),
                "named-graph-uri" => self.named_graphs.push(value.into_owned()),
                "format" => self.format = Some(value.into_owned()),
                _ => {}
            }
        }
    }
}

/// `GET /sparql?query=...`
pub(super) async fn sparql_get(
    axum::extract::State(shared): axum::extract::State<State>,
    RawQuery(params): RawQuery,
    headers: HeaderMap,
) -> Response {
    let mut request = Request::default();
    request.read(params.unwrap_or_default().as_bytes());
    answer(shared, request, &headers).await
}

/// `POST /sparql`, as a form (`query=...`) or with the query as the body
/// (`application/sparql-query`); an update (`application/sparql-update`, `update=`) is refused.
pub(super) async fn sparql_post(
    axum::extract::State(shared): axum::extract::State<State>,
    RawQuery(params): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut request = Request::default();
    request.read(params.unwrap_or_default().as_bytes());
    let (content_type, charset) = posted_type(&headers);
    if matches!(
        content_type.as_str(),
        "application/x-www-form-urlencoded" | "application/sparql-query"
    ) && charset
        .as_deref()
        .is_some_and(|c| c != "utf-8" && c != "utf8")
    {
        return Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "a POST to /sparql is read as UTF-8, not charset={}",
                charset.unwrap_or_default()
            ),
        )
        .into_response();
    }
    match content_type.as_str() {
        "application/x-www-form-urlencoded" => request.read(&body),
        "application/sparql-query" => match String::from_utf8(body.to_vec()) {
            Ok(text) => {
                request.queries += 1;
                request.query = Some(text);
            }
            Err(_) => {
                return Failure::new(StatusCode::BAD_REQUEST, "the query is not UTF-8")
                    .into_response();
            }
        },
        "application/sparql-update" => request.update = true,
        other => {
            let given = if other.is_empty() {
                "it has no Content-Type".to_owned()
            } else {
                format!("not {other:?}")
            };
            return Failure::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "a POST to /sparql is application/x-www-form-urlencoded or \
                     application/sparql-query: {given}"
                ),
            )
            .into_response();
        }
    }
    answer(shared, request, &headers).await
}

/// A request's media type and its charset parameter, both in lower case.
fn posted_type(headers: &HeaderMap) -> (String, Option<String>) {
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_owned();
    let charset = parts
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim().trim_matches('"').to_owned())
        .next();
    (media, charset)
}

/// The IRI relative IRIs in a query resolve against: the endpoint's own URL, as the client
/// reached it (the protocol leaves the base to the service; this is the usual choice).
fn base_iri(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let base = format!("http://{host}/sparql");
    oxiri::Iri::parse(base.as_str()).ok()?;
    Some(base)
}

/// Runs the request's query on a blocking thread and answers with its results or the failure.
async fn answer(shared: State, request: Request, headers: &HeaderMap) -> Response {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let base = base_iri(headers);
    let ran =
        tokio::task::spawn_blocking(move || run(&shared, &request, &accept, base.as_deref())).await;
    match ran {
        Ok(Ok((media_type, body))) => ([(header::CONTENT_TYPE, media_type)], body).into_response(),
        Ok(Err(failure)) => failure.into_response(),
        Err(_) => Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the query's thread failed",
        )
        .into_response(),
    }
}

/// The query's results as bytes, with their media type.
pub(super) fn run(
    shared: &Shared,
    request: &Request,
    accept: &str,
    base: Option<&str>,
) -> Result<(String, Vec<u8>), Failure> {
    if request.update {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "this endpoint is read-only: SPARQL updates are refused (change the store with \
             `policegraph ingest`)",
        ));
    }
    if request.queries > 1 {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            format!(
                "{} queries in one request: the protocol takes one",
                request.queries
            ),
        ));
    }
    let Some(sparql) = request.query.as_deref() else {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            "no query: give it as the query parameter (GET or a form POST) or as an \
             application/sparql-query body",
        ));
    };
    let name = "(request)";
    let algebra = parse(sparql, name, base)?;
    if !shared.allow_service && calls_service(&algebra) {
        return Err(Failure::new(
            StatusCode::BAD_REQUEST,
            format!("query (request): SERVICE is refused: {NO_SERVICE}"),
        ));
    }
    let format = negotiate(form_of(&algebra), request.format.as_deref(), accept)?;
    let deadline = Deadline::start(shared.timeout);
    let mut evaluator = SparqlEvaluator::new().with_cancellation_token(deadline.token());
    if shared.allow_service {
        let ends = Instant::now() + shared.timeout.duration();
        evaluator =
            evaluator.with_default_service_handler(ServiceCaller::new(ends, deadline.token()));
    }
    let mut prepared = evaluator.for_query(algebra.clone());
    prepared.dataset_mut().set_default_graph_as_union();
    set_dataset(prepared.dataset_mut(), request, &algebra)?;
    // Past the time limit, whatever failed (a SERVICE call cut short, a cancelled step) is the
    // time limit's doing.
    let failed = |error: Error| match deadline.check(name) {
        Err(timeout) => Failure::from_error(&timeout),
        Ok(()) => Failure::from_error(&error),
    };
    let results = shared
        .store
        .evaluate(prepared)
        .map_err(|source| failed(deadline.error(name, source)))?;
    let mut body = Vec::new();
    write_results(results, format, &mut body, name, &deadline).map_err(failed)?;
    Ok((media_type(format).to_owned(), body))
}

/// Parses a request's query, relative IRIs resolved against `base`; an update is refused.
fn parse(sparql: &str, name: &str, base: Option<&str>) -> Result<Query, Failure> {
    let parser = match base {
        Some(base) => SparqlParser::new()
            .with_base_iri(base)
            .unwrap_or_else(|_| SparqlParser::new()),
        None => SparqlParser::new(),
    };
    crate::sparql::parse_query(parser, sparql, name).map_err(|error| Failure::from_error(&error))
}

/// What a query's results are.
fn form_of(query: &Query) -> QueryForm {
    match query {
        Query::Select { .. } => QueryForm::Select,
        Query::Ask { .. } => QueryForm::Ask,
        Query::Construct { .. } | Query::Describe { .. } => QueryForm::Graph,
    }
}

/// The dataset: the protocol's `default-graph-uri` and `named-graph-uri` where given, else the
/// query's FROM and FROM NAMED, else the union of the graphs as default (policegraph's usual
/// dataset: every article's facts at once). A dataset that is given is the whole dataset: the
/// named graphs are those it names, none if it names none, and the default graph is empty if
/// it gives only named graphs.
fn set_dataset(
    dataset: &mut oxigraph::sparql::QueryDataset,
    request: &Request,
    algebra: &Query,
) -> Result<(), Failure> {
    let iri = |text: &String| {
        NamedNode::new(text.as_str()).map_err(|e| {
            Failure::new(
                StatusCode::BAD_REQUEST,
                format!("graph <{text}> is not an IRI: {e}"),
            )
        })
    };
    let (default, named) = if request.default_graphs.is_empty() && request.named_graphs.is_empty() {
        let (Query::Select { dataset, .. }
        | Query::Construct { dataset, .. }
        | Query::Describe { dataset, .. }
        | Query::Ask { dataset, .. }) = algebra;
        match dataset {
            Some(d) => (d.default.clone(), d.named.clone().unwrap_or_default()),
            None => return Ok(()),
        }
    } else {
        let default = request
            .default_graphs
            .iter()
            .map(iri)
            .collect::<Result<Vec<_>, _>>()?;
        let named = request
            .named_graphs
            .iter()
            .map(iri)
            .collect::<Result<Vec<_>, _>>()?;
        (default, named)
    };
    dataset.set_default_graph(default.into_iter().map(GraphName::from).collect());
    dataset.set_available_named_graphs(named.into_iter().map(NamedOrBlankNode::from).collect());
    Ok(())
}

/// The media type results in `format` are sent as.
pub(super) fn media_type(format: QueryFormat) -> &'static str {
    match format {
        QueryFormat::Results(QueryResultsFormat::Csv) => "text/csv; charset=utf-8",
        QueryFormat::Results(QueryResultsFormat::Tsv) => "text/tab-separated-values; charset=utf-8",
        QueryFormat::Results(f) => f.media_type(),
        QueryFormat::Graph(f) => f.media_type(),
        QueryFormat::Table => "text/plain; charset=utf-8",
    }
}

/// The format of the results: `format=` if given, else the client's Accept header (by
/// preference), else JSON for solutions and Turtle for a graph. Nothing the client accepts and
/// the results can take is 406.
pub(super) fn negotiate(
    form: QueryForm,
    named: Option<&str>,
    accept: &str,
) -> Result<QueryFormat, Failure> {
    let graph = form == QueryForm::Graph;
    if let Some(name) = named {
        // Clients (SPARQLWrapper) ask a graph for `json` or `xml`: JSON-LD and RDF/XML.
        let name = match (graph, name.to_ascii_lowercase().as_str()) {
            (true, "json") => "jsonld",
            (true, "xml") => "rdfxml",
            _ => name,
        };
        let format = QueryOutput::from_str(name, true)
            .ok()
            .map(QueryFormat::from)
            .filter(|f| matches!(f, QueryFormat::Graph(_)) == graph && *f != QueryFormat::Table);
        return format.ok_or_else(|| {
            Failure::new(
                StatusCode::BAD_REQUEST,
                format!("format={name}: not a format these results can be written in"),
            )
        });
    }
    let default = if graph {
        QueryFormat::Graph(RdfFormat::Turtle)
    } else {
        QueryFormat::Results(QueryResultsFormat::Json)
    };
    if accept.trim().is_empty() {
        return Ok(default);
    }
    for media in preferences(accept) {
        let found = match media.as_str() {
            "*/*" | "application/*" => Some(default),
            "text/*" if graph => Some(QueryFormat::Graph(RdfFormat::Turtle)),
            "text/*" => Some(QueryFormat::Results(QueryResultsFormat::Csv)),
            "application/json" if !graph => Some(QueryFormat::Results(QueryResultsFormat::Json)),
            "application/xml" | "text/xml" if !graph => {
                Some(QueryFormat::Results(QueryResultsFormat::Xml))
            }
            m if graph => RdfFormat::from_media_type(m).map(QueryFormat::Graph),
            m => QueryResultsFormat::from_media_type(m).map(QueryFormat::Results),
        };
        if let Some(format) = found {
            return Ok(format);
        }
    }
    Err(Failure::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the media types accepted ({accept}) can hold {}",
            if graph { "a graph" } else { "query solutions" }
        ),
    ))
}

/// The media types of an Accept header, most preferred first (q=0 dropped).
fn preferences(accept: &str) -> Vec<String> {
    let mut ranked: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0 && !media.is_empty()).then_some((q, i, media))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, m)| m).collect()
}

/// `GET /store?graph=IRI` (one article's graph) or `GET /store?default`: the graph's triples.
pub(super) async fn graph_store(
    axum::extract::State(shared): axum::extract::State<State>,
    RawQuery(params): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = params.unwrap_or_default();
    let mut graph = None;
    let mut default = false;
    for (name, value) in form_urlencoded::parse(params.as_bytes()) {
        match name.as_ref() {
            "graph" => graph = Some(value.into_owned()),
            "default" => default = true,
            _ => {}
        }
    }
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let ran =
        tokio::task::spawn_blocking(move || read_graph(&shared, graph, default, &accept)).await;
    match ran {
        Ok(Ok((media_type, body))) => ([(header::CONTENT_TYPE, media_type)], body).into_response(),
        Ok(Err(failure)) => failure.into_response(),
        Err(_) => Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the read's thread failed",
        )
        .into_response(),
    }
}

fn read_graph(
    shared: &Shared,
    graph: Option<String>,
    default: bool,
    accept: &str,
) -> Result<(String, Vec<u8>), Failure> {
    let target = match (graph, default) {
        (Some(iri), false) => {
            let node = NamedNode::new(iri.as_str()).map_err(|e| {
                Failure::new(
                    StatusCode::BAD_REQUEST,
                    format!("graph <{iri}> is not an IRI: {e}"),
                )
            })?;
            let exists = shared
                .store
                .has_graph(node.as_str())
                .map_err(|e| Failure::from_error(&e))?;
            if !exists {
                return Err(Failure::new(
                    StatusCode::NOT_FOUND,
                    format!("graph <{iri}>: no such graph in the store"),
                ));
            }
            GraphName::NamedNode(node)
        }
        (None, true) => GraphName::DefaultGraph,
        _ => {
            return Err(Failure::new(
                StatusCode::BAD_REQUEST,
                "give one of ?graph=IRI (an article's graph) or ?default",
            ));
        }
    };
    let name = format!("graph {target}");
    let query = BoundQuery::parse("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", &name)
        .map_err(|e| Failure::from_error(&e))?;
    let format = negotiate(QueryForm::Graph, None, accept)?;
    let deadline = Deadline::start(shared.timeout);
    let mut prepared = query.prepare(&deadline);
    prepared.dataset_mut().set_default_graph(vec![target]);
    let results = shared
        .store
        .evaluate(prepared)
        .map_err(|source| Failure::from_error(&deadline.error(&name, source)))?;
    let mut body = Vec::new();
    write_results(results, format, &mut body, &name, &deadline)
        .map_err(|e| Failure::from_error(&e))?;
    Ok((media_type(format).to_owned(), body))
}
