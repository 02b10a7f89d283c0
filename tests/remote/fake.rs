//! A tiny HTTP server on 127.0.0.1 for the tests of `push` and `query --endpoint`: it records
//! every request and answers as the test says (a fixed answer, a silence, or the answer of a
//! real server it forwards to), one request a connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// The path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer.
pub enum Answer {
    /// Status, extra headers, body.
    Reply(u16, Vec<(String, String)>, Vec<u8>),
    /// Say nothing for this long, then close.
    Silence(Duration),
    /// Wait this long, then pass the request to the server at this URL and give its answer.
    Forward(String, Duration),
}

type Behaviour = dyn Fn(&Seen, usize) -> Answer + Send + Sync;

/// A running fake server (it runs until the test process ends).
pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server answering each request (and its number, from 0) with `behaviour`.
    pub fn start(
        behaviour: impl Fn(&Seen, usize) -> Answer + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}", listener.local_addr()?);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let behaviour: Arc<Behaviour> = Arc::new(behaviour);
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (log, behaviour) = (log.clone(), behaviour.clone());
                std::thread::spawn(move || serve(stream, &log, &*behaviour));
            }
        });
        Ok(Server { url, seen })
    }

    /// The requests seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Seen>>, behaviour: &Behaviour) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    if request.method == "HEAD" {
        // push's question "is this Oxigraph's server?", answered as another server would,
        // and neither counted nor shown to `behaviour`.
        let mut out = &stream;
        let _ = out.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    }
    let number = {
        let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
        log.push(request.clone());
        log.len() - 1
    };
    let (status, headers, body) = match behaviour(&request, number) {
        Answer::Reply(status, headers, body) => (status, headers, body),
        Answer::Silence(pause) => {
            std::thread::sleep(pause);
            return;
        }
        Answer::Forward(upstream, pause) => {
            std::thread::sleep(pause);
            forward(&request, &upstream)
        }
    };
    let mut out = &stream;
    let mut head = format!(
        "HTTP/1.1 {status} Answer\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&body);
    let _ = out.flush();
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

/// Sends the request on to `upstream` and returns its answer.
fn forward(request: &Seen, upstream: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut builder = ureq::http::Request::builder()
        .method(request.method.as_str())
        .uri(format!("{upstream}{}", request.target));
    for name in ["content-type", "accept"] {
        if let Some(value) = request.header(name) {
            builder = builder.header(name, value);
        }
    }
    let Ok(built) = builder.body(request.body.clone()) else {
        return (500, Vec::new(), b"bad request to forward".to_vec());
    };
    match agent.run(built) {
        Ok(mut response) => {
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .map(|v| vec![("Content-Type".to_owned(), v.to_owned())])
                .unwrap_or_default();
            let body = response.body_mut().read_to_vec().unwrap_or_default();
            (status, content_type, body)
        }
        Err(error) => (502, Vec::new(), error.to_string().into_bytes()),
    }
}
