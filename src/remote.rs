//! Talking to a shared triplestore over the W3C protocols, for `push` and `query --endpoint`:
//! the SPARQL 1.1 Graph Store HTTP Protocol (PUT of one graph), SPARQL 1.1 Update (POST) and
//! the SPARQL 1.1 Protocol (a query POSTed, its results read back). One blocking client, shared
//! by the threads that send: a time limit on each request, retries with back-off on a 5xx
//! answer or a failed connection, and Basic or Digest authentication, whichever the server
//! asks for.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryResults, QueryTripleIter};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use policegraph_extract::html;
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;
use ureq::Agent;
use ureq::http::{Request, Response, Uri};

/// Attempts at one request before giving up (a 5xx answer, a refused connection, a time-out).
const ATTEMPTS: u32 = 4;
/// The first pause between attempts; it doubles each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// Connections kept open for the next request: as many as `push --jobs` allows in flight.
const IDLE_CONNECTIONS: usize = 64;
/// How much of an error answer's body an error line quotes.
const QUOTED_BODY: usize = 200;

/// Why a request to a remote store failed.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    /// The server could not be reached (refused, unknown host, reset), after the retries.
    #[error("cannot reach the server: {0}")]
    Unreachable(#[source] ureq::Error),
    /// No answer within the time limit, after the retries.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// An answer other than success (after the retries, for a 5xx).
    #[error("the server answered {status}{}", body_text(.body))]
    Status { status: u16, body: String },
    /// The server asks for credentials and none were given.
    #[error(
        "the server asks for a user and password (give --user, the password in POLICEGRAPH_PASSWORD)"
    )]
    NeedsCredentials,
    /// Credentials the server refused.
    #[error("the server refused the credentials of user {user}")]
    Refused { user: String },
    /// An authentication scheme policegraph does not speak.
    #[error("the server asks for authentication policegraph cannot give: {0}")]
    UnknownAuthentication(String),
    /// A URL that is not one.
    #[error("not a URL: {0}")]
    BadUrl(String),
    /// Anything else the HTTP client reports.
    #[error("{0}")]
    Http(#[source] ureq::Error),
    /// An answer whose body could not be read or parsed.
    #[error("unreadable answer: {0}")]
    BadAnswer(String),
}

/// An error answer's body as an error line quotes it: on one line, cut short, and an HTML
/// page (a proxy's or a server's error page) as its text, not its markup.
fn body_text(body: &str) -> String {
    let page;
    let body = if html::looks_like_html(body.as_bytes()) {
        page = html::read_page(body);
        match page.text.trim() {
            "" => page.title.as_deref().unwrap_or_default(),
            text => text,
        }
    } else {
        body
    };
    let body: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.is_empty() {
        return String::new();
    }
    let cut: String = body.chars().take(QUOTED_BODY).collect();
    let more = if cut.len() < body.len() { "…" } else { "" };
    format!(": {cut}{more}")
}

/// A user and password for the remote store.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials {{ user: {:?} }}", self.user)
    }
}

/// The environment variable that holds the password of `--user`.
pub const PASSWORD_VARIABLE: &str = "POLICEGRAPH_PASSWORD";

/// The credentials of `--user`: the password from [`PASSWORD_VARIABLE`], else asked for on the
/// terminal (never from the command line, where other users of the machine could read it).
pub fn credentials(user: Option<&str>) -> Result<Option<Credentials>, crate::error::Error> {
    use std::io::IsTerminal;
    let Some(user) = user else {
        return Ok(None);
    };
    let no_password = |reason: String| crate::error::Error::NoPassword {
        user: user.to_owned(),
        reason,
    };
    let password = match std::env::var(PASSWORD_VARIABLE) {
        Ok(password) => password,
        Err(_) if std::io::stdin().is_terminal() => {
            rpassword::prompt_password(format!("password of {user}: "))
                .map_err(|e| no_password(e.to_string()))?
        }
        Err(_) => return Err(no_password(format!("{PASSWORD_VARIABLE} is not set"))),
    };
    Ok(Some(Credentials {
        user: user.to_owned(),
        password,
    }))
}

/// How the server asked to be authenticated, once it has.
enum Challenge {
    Basic,
    Digest(digest_auth::WwwAuthenticateHeader),
}

/// A request to send: method, full URL, content type and accepted type, body.
pub struct Call<'a> {
    pub method: &'static str,
    pub url: &'a str,
    pub content_type: Option<&'a str>,
    pub accept: Option<&'a str>,
    pub body: &'a [u8],
}

/// The HTTP client of `push` and `query --endpoint`.
pub struct Client {
    agent: Agent,
    timeout: Duration,
    credentials: Option<Credentials>,
    challenge: Mutex<Option<Challenge>>,
    attempts: u32,
}

impl Client {
    /// A client whose requests each have `timeout` to complete.
    pub fn new(timeout: Duration, credentials: Option<Credentials>) -> Self {
        let agent: Agent = Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .user_agent(concat!("policegraph/", env!("CARGO_PKG_VERSION")))
            // Every connection of a push's workers is kept alive between requests (ureq keeps
            // three a host by default; push has up to 64 in flight).
            .max_idle_connections(IDLE_CONNECTIONS)
            .max_idle_connections_per_host(IDLE_CONNECTIONS)
            .build()
            .into();
        Client {
            agent,
            timeout,
            credentials,
            challenge: Mutex::new(None),
            attempts: ATTEMPTS,
        }
    }

    /// The same client making at most `attempts` attempts at each request (1: no retry), for a
    /// caller with a time limit of its own (a SERVICE call inside a query).
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// Sends `call`, retrying a 5xx answer, a failed connection or a time-out with growing
    /// pauses, and answering an authentication challenge; returns the successful answer.
    pub fn send(&self, call: &Call<'_>) -> Result<Response<ureq::Body>, RemoteError> {
        let mut pause = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            match self.send_authenticated(call) {
                Err(error) if attempt < self.attempts && retryable(&error) => {}
                answer => return answer,
            }
            std::thread::sleep(pause);
            pause *= 2;
            attempt += 1;
        }
    }

    /// One attempt, with a second try when the server challenges for credentials.
    fn send_authenticated(&self, call: &Call<'_>) -> Result<Response<ureq::Body>, RemoteError> {
        if self.credentials.is_some() && !call.body.is_empty() && !self.knows_challenge() {
            // The login scheme is learned first from a request without a body: a server that
            // refuses an unauthenticated request can answer and close the connection before
            // it has read a large body (Virtuoso did, when a push's first four requests were
            // graphs of 6 MB), which the client then sees as a reset connection, not as the
            // 401 it is.
            let probe = Call {
                method: "GET",
                url: call.url,
                content_type: None,
                accept: None,
                body: &[],
            };
            let response = self.send_once(&probe)?;
            if let Some(asked) = challenge_asked(&response).filter(|a| !a.is_empty()) {
                self.learn_challenge(&asked)?;
            }
        }
        let mut response = self.send_once(call)?;
        if let Some(asked) = challenge_asked(&response) {
            let Some(credentials) = &self.credentials else {
                return Err(RemoteError::NeedsCredentials);
            };
            self.learn_challenge(&asked)?;
            response = self.send_once(call)?;
            if response.status().as_u16() == 401 {
                return Err(RemoteError::Refused {
                    user: credentials.user.clone(),
                });
            }
        }
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            let mut body = String::new();
            let _ = response
                .body_mut()
                .as_reader()
                .take(4096)
                .read_to_string(&mut body);
            return Err(RemoteError::Status { status, body });
        }
        Ok(response)
    }

    /// Whether the server has said which login scheme it wants.
    fn knows_challenge(&self) -> bool {
        self.challenge
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    fn learn_challenge(&self, asked: &str) -> Result<(), RemoteError> {
        let scheme = asked.split_whitespace().next().unwrap_or("");
        let challenge = if scheme.eq_ignore_ascii_case("basic") {
            Challenge::Basic
        } else if scheme.eq_ignore_ascii_case("digest") {
            let parsed = digest_auth::parse(asked)
                .map_err(|e| RemoteError::UnknownAuthentication(format!("{asked} ({e})")))?;
            Challenge::Digest(parsed)
        } else {
            return Err(RemoteError::UnknownAuthentication(asked.to_owned()));
        };
        *self.challenge.lock().unwrap_or_else(|e| e.into_inner()) = Some(challenge);
        Ok(())
    }

    /// The Authorization header for `call`, once the server has said which scheme it wants.
    fn authorization(&self, call: &Call<'_>, uri: &Uri) -> Option<String> {
        let credentials = self.credentials.as_ref()?;
        let mut challenge = self.challenge.lock().unwrap_or_else(|e| e.into_inner());
        match challenge.as_mut()? {
            Challenge::Basic => Some(basic_authorization(credentials)),
            Challenge::Digest(prompt) => {
                let path = uri.path_and_query().map_or("/", |p| p.as_str());
                let context = digest_auth::AuthContext::new_with_method(
                    credentials.user.as_str(),
                    credentials.password.as_str(),
                    path,
                    Some(call.body),
                    digest_auth::HttpMethod(call.method.into()),
                );
                prompt.respond(&context).ok().map(|a| a.to_header_string())
            }
        }
    }

    fn send_once(&self, call: &Call<'_>) -> Result<Response<ureq::Body>, RemoteError> {
        let uri: Uri = call
            .url
            .parse()
            .map_err(|_| RemoteError::BadUrl(call.url.to_owned()))?;
        let mut request = Request::builder().method(call.method).uri(uri.clone());
        if let Some(content_type) = call.content_type {
            request = request.header("content-type", content_type);
        }
        if let Some(accept) = call.accept {
            request = request.header("accept", accept);
        }
        if let Some(authorization) = self.authorization(call, &uri) {
            request = request.header("authorization", authorization);
        }
        let request = request
            .body(call.body)
            .map_err(|_| RemoteError::BadUrl(call.url.to_owned()))?;
        self.agent.run(request).map_err(|error| match error {
            ureq::Error::Timeout(_) => RemoteError::Timeout(self.timeout),
            ureq::Error::Io(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_) => RemoteError::Unreachable(error),
            ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
                RemoteError::BadUrl(call.url.to_owned())
            }
            error => RemoteError::Http(error),
        })
    }
}

/// Runs a query at a SPARQL endpoint (the SPARQL 1.1 Protocol, query by form-encoded POST)
/// and reads its results back into Oxigraph's form, so that they are written as local results
/// are. `graph` says whether the query gives a graph (CONSTRUCT, DESCRIBE).
pub fn query(
    client: &Client,
    endpoint: &str,
    sparql: &str,
    graph: bool,
) -> Result<QueryResults<'static>, RemoteError> {
    let body = form_body("query", sparql);
    let accept = if graph {
        "text/turtle, application/n-triples;q=0.9"
    } else {
        "application/sparql-results+json, application/sparql-results+xml;q=0.9"
    };
    let response = client.send(&Call {
        method: "POST",
        url: endpoint,
        content_type: Some("application/x-www-form-urlencoded"),
        accept: Some(accept),
        body: body.as_bytes(),
    })?;
    let media_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let reader = response.into_body().into_reader();
    if graph {
        let format = RdfFormat::from_media_type(&media_type).unwrap_or(RdfFormat::Turtle);
        let triples = RdfParser::from_format(format)
            .for_reader(reader)
            .map(|quad| quad.map(Triple::from))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| RemoteError::BadAnswer(e.to_string()))?;
        return Ok(QueryTripleIter::new(triples.into_iter().map(Ok)).into());
    }
    let format =
        QueryResultsFormat::from_media_type(&media_type).unwrap_or(QueryResultsFormat::Json);
    let parsed = QueryResultsParser::from_format(format)
        .for_reader(reader)
        .map_err(|e| RemoteError::BadAnswer(e.to_string()))?;
    Ok(parsed.into())
}

/// The login a 401 answer asks for (its `WWW-Authenticate` header, empty when it has none);
/// None for any other answer.
fn challenge_asked(response: &Response<ureq::Body>) -> Option<String> {
    (response.status().as_u16() == 401).then(|| {
        response
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    })
}

fn retryable(error: &RemoteError) -> bool {
    match error {
        RemoteError::Unreachable(_) | RemoteError::Timeout(_) => true,
        RemoteError::Status { status, .. } => *status >= 500 || *status == 429,
        _ => false,
    }
}

fn basic_authorization(credentials: &Credentials) -> String {
    let pair = format!("{}:{}", credentials.user, credentials.password);
    format!("Basic {}", STANDARD.encode(pair))
}

/// `url` with `key=value` added to its query string, the value percent-encoded.
pub fn with_parameter(url: &str, key: &str, value: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!(
        "{url}{separator}{key}={}",
        utf8_percent_encode(value, UNRESERVED)
    )
}

/// What a query-string value may hold unencoded: RFC 3986's unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The form encoding of a SPARQL query or update (`application/x-www-form-urlencoded`).
pub fn form_body(key: &str, value: &str) -> String {
    with_parameter("", key, value)
        .trim_start_matches('?')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_encoded_as_the_standard_says() {
        let credentials = |user: &str, password: &str| Credentials {
            user: user.to_owned(),
            password: password.to_owned(),
        };
        assert_eq!(
            basic_authorization(&credentials("Aladdin", "open sesame")),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(basic_authorization(&credentials("a", "")), "Basic YTo=");
    }

    #[test]
    fn a_graph_parameter_is_percent_encoded() {
        assert_eq!(
            with_parameter("http://h/store", "graph", "https://w3id.org/x#a b"),
            "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fx%23a%20b"
        );
        assert_eq!(
            with_parameter("http://h/s?x=1", "g", "a"),
            "http://h/s?x=1&g=a"
        );
    }

    #[test]
    fn an_error_answer_is_quoted_short_on_one_line() {
        let error = RemoteError::Status {
            status: 500,
            body: format!("line one\n  line two {}", "x".repeat(400)),
        };
        let text = error.to_string();
        assert!(text.starts_with("the server answered 500: line one line two xx"));
        assert!(text.ends_with('…') && !text.contains('\n'));
    }

    #[test]
    fn an_html_error_page_is_quoted_as_its_text() {
        let error = RemoteError::Status {
            status: 502,
            body: "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title>\
                   <style>body { color: red }</style></head>\n<body><h1>Bad Gateway</h1>\
                   <p>The upstream server did not answer.</p></body></html>"
                .to_owned(),
        };
        let text = error.to_string();
        assert!(
            text.starts_with(
                "the server answered 502: Bad Gateway The upstream server did not answer."
            ),
            "{text}"
        );
        assert!(!text.contains('<') && !text.contains("color"), "{text}");
    }
}
