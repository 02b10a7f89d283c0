//! Input: finds article files under the paths the user gave (folders recursively, `-` for
//! stdin) and reads them as articles (plain text, JSON Lines) or RDF to load as it is.
//! JSON Lines files are read one line at a time, so memory follows the largest article.

use crate::error::Error;
use serde::Deserialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One article as read, before any processing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// What identifies the article across runs: its URL, else its file name (with `#line` for
    /// JSON Lines), else `stdin`.
    pub identity: String,
    /// Where it was read from, for messages and provenance.
    pub location: String,
    pub text: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
}

/// The extensions of the RDF files loaded as they are (Turtle, N-Triples, N-Quads, TriG): the
/// store names each one's syntax.
pub const RDF_EXTENSIONS: [&str; 4] = ["ttl", "nt", "nq", "trig"];

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Text,
    JsonLines,
    /// An RDF file, whose extension is one of [`RDF_EXTENSIONS`].
    Rdf,
}

/// A file (or stdin) to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `None` for stdin.
    pub path: Option<PathBuf>,
    pub kind: SourceKind,
}

impl Source {
    pub fn display(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "-".to_owned(), |p| p.display().to_string())
    }
}

/// One item read from a source.
#[derive(Debug)]
pub enum Item {
    Article(Article),
    /// An RDF file, to load as it is; its extension names the syntax.
    Rdf {
        path: PathBuf,
        data: Vec<u8>,
    },
}

fn kind_of(path: &Path) -> Option<SourceKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(SourceKind::Text),
        "jsonl" | "ndjson" => Some(SourceKind::JsonLines),
        ext if RDF_EXTENSIONS.contains(&ext) => Some(SourceKind::Rdf),
        _ => None,
    }
}

/// Expands the user's paths into sources, in a stable order. A file named explicitly is read
/// whatever its extension (as text, unless it is RDF or JSON Lines); folders contribute the
/// files with known extensions. Missing paths and empty folders are errors, reported beside
/// the sources that were found.
pub fn discover(paths: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source {
                path: None,
                kind: SourceKind::Text,
            });
        } else if path.is_dir() {
            let before = sources.len();
            if let Err(e) = walk(path, &mut sources) {
                errors.push(e);
            } else if sources.len() == before {
                errors.push(Error::NoArticles { path: path.clone() });
            }
        } else if path.exists() {
            sources.push(Source {
                path: Some(path.clone()),
                kind: kind_of(path).unwrap_or(SourceKind::Text),
            });
        } else {
            errors.push(Error::Missing { path: path.clone() });
        }
    }
    (sources, errors)
}

fn walk(dir: &Path, out: &mut Vec<Source>) -> Result<(), Error> {
    let read_err = |source: std::io::Error| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(read_err)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read_err)?;
    entries.sort();
    for path in entries {
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if let Some(kind) = kind_of(&path) {
            out.push(Source {
                path: Some(path),
                kind,
            });
        }
    }
    Ok(())
}

/// Checks that bytes are usable article text: not empty, not binary, UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    let location = || path.display().to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::EmptyFile {
            location: location(),
        });
    }
    if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(Error::BinaryFile {
            location: location(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        location: location(),
        source: e.utf8_error(),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[derive(Deserialize)]
struct JsonArticle {
    text: String,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
}

/// Reads the items of one source, lazily for JSON Lines. A failure to open the source is the
/// first (and only) item; a bad line is an error item and the lines after it still come.
pub fn read(source: &Source) -> Box<dyn Iterator<Item = Result<Item, Error>> + Send> {
    match (&source.path, source.kind) {
        (None, _) => {
            let mut bytes = Vec::new();
            let stdin = Path::new("-");
            let item = std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|source| Error::Read {
                    path: stdin.into(),
                    source,
                })
                .and_then(|_| decode(stdin, bytes))
                .map(|text| {
                    Item::Article(Article {
                        identity: "stdin".into(),
                        location: "-".into(),
                        text,
                        ..Article::default()
                    })
                });
            Box::new(std::iter::once(item))
        }
        (Some(path), SourceKind::Text) => {
            let item = std::fs::read(path)
                .map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })
                .and_then(|bytes| decode(path, bytes))
                .map(|text| {
                    Item::Article(Article {
                        identity: file_name(path),
                        location: path.display().to_string(),
                        text,
                        ..Article::default()
                    })
                });
            Box::new(std::iter::once(item))
        }
        (Some(path), SourceKind::Rdf) => {
            let item = std::fs::read(path)
                .map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                })
                .map(|data| Item::Rdf {
                    path: path.clone(),
                    data,
                });
            Box::new(std::iter::once(item))
        }
        (Some(path), SourceKind::JsonLines) => match File::open(path) {
            Err(source) => Box::new(std::iter::once(Err(Error::Read {
                path: path.clone(),
                source,
            }))),
            Ok(file) => Box::new(JsonLines {
                path: path.clone(),
                reader: BufReader::new(file),
                line: 0,
                done: false,
            }),
        },
    }
}

/// Iterator over the articles of a JSON Lines file.
struct JsonLines {
    path: PathBuf,
    reader: BufReader<File>,
    line: usize,
    done: bool,
}

impl Iterator for JsonLines {
    type Item = Result<Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            buf.clear();
            self.line += 1;
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(source) => {
                    self.done = true;
                    return Some(Err(Error::Read {
                        path: self.path.clone(),
                        source,
                    }));
                }
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let location = format!("{}:{}", self.path.display(), self.line);
            let line = match std::str::from_utf8(&buf) {
                Ok(line) => line,
                Err(source) => return Some(Err(Error::NotUtf8 { location, source })),
            };
            let parsed: JsonArticle = match serde_json::from_str(line) {
                Ok(a) => a,
                Err(source) => return Some(Err(Error::MalformedJson { location, source })),
            };
            if parsed.text.trim().is_empty() {
                return Some(Err(Error::EmptyText { location }));
            }
            let identity = parsed
                .url
                .clone()
                .unwrap_or_else(|| format!("{}#{}", file_name(&self.path), self.line));
            return Some(Ok(Item::Article(Article {
                identity,
                location,
                text: parsed.text,
                url: parsed.url,
                title: parsed.title,
                published: parsed.published,
                publisher: parsed.source,
            })));
        }
    }
}
