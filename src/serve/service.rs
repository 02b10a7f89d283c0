//! SERVICE calls to other SPARQL endpoints, for `serve --allow-service` (refused without it):
//! Oxigraph hands each `SERVICE <endpoint> { pattern }` to [`ServiceCaller`], which sends the
//! pattern to the endpoint as a SELECT over the SPARQL 1.1 Protocol, with the project's HTTP
//! client ([`crate::remote`]), and gives the endpoint's solutions back to be joined with the
//! rest of the query. Only http and https endpoints are called, and each call has what is left
//! of the query's time limit and no retry, so `--timeout` holds across the call: a call cut
//! short by it cancels the query, SILENT or not. SILENT is Oxigraph's: any other failed call
//! under SILENT is one empty solution, which joins with every row.

use crate::remote::{Client, RemoteError};
use oxigraph::model::NamedNode;
use oxigraph::sparql::{CancellationToken, DefaultServiceHandler, QueryResults, QuerySolutionIter};
use oxiri::Iri;
use spargebra::Query;
use spargebra::algebra::GraphPattern;
use std::time::Instant;

/// Why a SERVICE call failed; each names the endpoint.
#[derive(Debug, thiserror::Error)]
pub(super) enum ServiceError {
    /// An endpoint IRI that is not http or https (`file:`, `urn:`...): never called.
    #[error("SERVICE <{endpoint}>: only http and https endpoints can be called")]
    NotHttp { endpoint: String },
    /// The endpoint could not be reached, or answered with an error status.
    #[error("SERVICE <{endpoint}>: {source}")]
    Remote {
        endpoint: String,
        #[source]
        source: RemoteError,
    },
    /// The endpoint answered with a boolean or a graph rather than solutions.
    #[error("SERVICE <{endpoint}>: the endpoint answered with no query solutions")]
    NotSolutions { endpoint: String },
    /// The query's time limit passed before the call could start.
    #[error("SERVICE <{endpoint}>: the query's time limit passed before the call")]
    TimeLimit { endpoint: String },
}

impl ServiceError {
    /// Whether the fault is the query's (an endpoint that cannot be called) rather than the
    /// endpoint's.
    pub(super) fn is_the_querys(&self) -> bool {
        matches!(self, ServiceError::NotHttp { .. })
    }

    /// Whether the time limit stopped the call.
    pub(super) fn is_time_limit(&self) -> bool {
        matches!(
            self,
            ServiceError::TimeLimit { .. }
                | ServiceError::Remote {
                    source: RemoteError::Timeout(_),
                    ..
                }
        )
    }
}

/// Calls the endpoints a query's SERVICE names until `ends`, the query's time limit, when it
/// cancels the query's `token` (the watchdog of [`crate::sparql::Deadline`] does the same, but
/// on a thread of its own, which may wake a little after the call gave up).
pub(super) struct ServiceCaller {
    ends: Instant,
    token: CancellationToken,
}

impl ServiceCaller {
    pub(super) fn new(ends: Instant, token: CancellationToken) -> Self {
        ServiceCaller { ends, token }
    }
}

impl DefaultServiceHandler for ServiceCaller {
    type Error = ServiceError;

    fn handle(
        &self,
        service_name: &NamedNode,
        pattern: &GraphPattern,
        base_iri: Option<&Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, ServiceError> {
        let endpoint = service_name.as_str();
        let scheme = endpoint.split(':').next().unwrap_or("");
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(ServiceError::NotHttp {
                endpoint: endpoint.to_owned(),
            });
        }
        let left = self.ends.saturating_duration_since(Instant::now());
        if left.is_zero() {
            self.token.cancel();
            return Err(ServiceError::TimeLimit {
                endpoint: endpoint.to_owned(),
            });
        }
        let select = Query::Select {
            dataset: None,
            pattern: pattern.clone(),
            base_iri: base_iri.cloned(),
        };
        let client = Client::new(left, None).with_attempts(1);
        let answer = crate::remote::query(&client, endpoint, &select.to_string(), false).map_err(
            |source| {
                if let RemoteError::Timeout(_) = source {
                    self.token.cancel();
                }
                ServiceError::Remote {
                    endpoint: endpoint.to_owned(),
                    source,
                }
            },
        )?;
        match answer {
            QueryResults::Solutions(solutions) => Ok(solutions),
            QueryResults::Boolean(_) | QueryResults::Graph(_) => Err(ServiceError::NotSolutions {
                endpoint: endpoint.to_owned(),
            }),
        }
    }
}
