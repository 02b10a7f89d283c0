//! Input: finds article files under the paths the user gave (folders recursively, `-` for
//! stdin) and reads them as articles (plain text, saved web pages, JSON Lines) or RDF to load as
//! it is. JSON Lines files are read one line at a time, so memory follows the largest article.
//!
//! A web page (`.html`, `.htm`, or a JSON article's `html`) gives its main text and its own
//! metadata ([`crate::html`]); the metadata fills what the article does not say itself. A JSON
//! article with both `text` and `html` takes its text from `text`: the scraper that wrote it
//! chose that text on purpose, while the page's is our reading of it; the page still gives the
//! URL, headline, date or publisher the record lacks.

use crate::error::Error;
use crate::html::Page;
use serde::Deserialize;
use std::collections::HashSet;
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
    /// A saved web page, `.html` or `.htm`.
    Html,
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
        "html" | "htm" => Some(SourceKind::Html),
        "jsonl" | "ndjson" => Some(SourceKind::JsonLines),
        ext if RDF_EXTENSIONS.contains(&ext) => Some(SourceKind::Rdf),
        _ => None,
    }
}

/// The largest article policegraph reads, in bytes: a text file, stdin, or one line of a JSON
/// Lines file. A larger one is refused with an error that names it (never cut short): past this
/// size an input is far more likely a log, a dump or a device than a news story, and extraction
/// time and memory follow the article's size.
pub const MAX_ARTICLE_BYTES: usize = 10_000_000;

/// The largest web page file policegraph reads, in bytes. Pages are mostly markup, scripts,
/// styles and inline images, so they may be larger than an article; the text taken from one is
/// held to [`MAX_ARTICLE_BYTES`]. Parsing takes about seven times a page's size in memory at
/// most (a 47 MB page of 400,000 links: 330 MB), one page at a time.
pub const MAX_PAGE_BYTES: usize = 64_000_000;

/// Expands the user's paths into sources, in a stable order. A file named explicitly is read
/// whatever its extension (as text, unless it is RDF or JSON Lines); folders contribute the
/// files with known extensions. Links are followed; each file and folder is taken once, however
/// many paths or links lead to it (a link back up the tree is not walked again). Only regular
/// files are read: a FIFO, socket or device is an error, as are missing paths and empty
/// folders, reported beside the sources that were found.
pub fn discover(paths: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut walk = Walk::default();
    for path in paths {
        if path.as_os_str() == "-" {
            walk.sources.push(Source {
                path: None,
                kind: SourceKind::Text,
            });
            continue;
        }
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            // A dangling or looping link exists, but cannot be followed: say why.
            Err(source) if path.symlink_metadata().is_ok() => {
                walk.errors.push(Error::Read {
                    path: path.clone(),
                    source,
                });
                continue;
            }
            Err(_) => {
                walk.errors.push(Error::Missing { path: path.clone() });
                continue;
            }
        };
        if metadata.is_dir() {
            let before = walk.sources.len();
            let errors = walk.errors.len();
            let first = walk.dir(path);
            if first && walk.sources.len() == before && walk.errors.len() == errors {
                walk.errors.push(Error::NoArticles { path: path.clone() });
            }
        } else {
            let kind = kind_of(path).unwrap_or_else(|| sniff(path, &metadata));
            walk.file(path, &metadata, kind);
        }
    }
    (walk.sources, walk.errors)
}

/// The kind of a file named on the command line with an extension policegraph does not know: a
/// web page if it begins like one (a page saved as `story.php`), else text.
fn sniff(path: &Path, metadata: &std::fs::Metadata) -> SourceKind {
    let mut head = Vec::new();
    let read = metadata.is_file()
        && File::open(path)
            .and_then(|f| f.take(1024).read_to_end(&mut head))
            .is_ok();
    if read && crate::html::looks_like_html(&head) {
        SourceKind::Html
    } else {
        SourceKind::Text
    }
}

/// What is not a regular file, for messages: `None` for a regular file.
fn special_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    Some("not a file")
}

/// The walk over the user's paths: what it found, what failed, and the files and folders
/// already taken (by canonical path, so that links and `..` lead to each one once).
#[derive(Default)]
struct Walk {
    sources: Vec<Source>,
    errors: Vec<Error>,
    seen: HashSet<PathBuf>,
}

impl Walk {
    /// Takes a file once, if it is a regular file; anything else is an error naming it.
    fn file(&mut self, path: &Path, metadata: &std::fs::Metadata, kind: SourceKind) {
        if let Some(what) = special_kind(metadata.file_type()) {
            self.errors.push(Error::NotAFile {
                path: path.to_path_buf(),
                what,
            });
            return;
        }
        if self.first_visit(path) {
            self.sources.push(Source {
                path: Some(path.to_path_buf()),
                kind,
            });
        }
    }

    /// True the first time a file or folder is met, by its canonical path.
    fn first_visit(&mut self, path: &Path) -> bool {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.seen.insert(canonical)
    }

    /// Walks a folder once, in name order, skipping hidden names and files policegraph does not
    /// read. A link that cannot be followed is an error only where a file of a known kind was
    /// meant. False if the folder was walked before.
    fn dir(&mut self, dir: &Path) -> bool {
        if !self.first_visit(dir) {
            return false;
        }
        let read_err = |source: std::io::Error| Error::Read {
            path: dir.to_path_buf(),
            source,
        };
        let entries: Result<Vec<PathBuf>, _> = std::fs::read_dir(dir)
            .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect());
        let mut entries = match entries {
            Ok(entries) => entries,
            Err(e) => {
                self.errors.push(read_err(e));
                return true;
            }
        };
        entries.sort();
        for path in entries {
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                continue;
            }
            let kind = kind_of(&path);
            match (std::fs::metadata(&path), kind) {
                (Ok(metadata), _) if metadata.is_dir() => {
                    self.dir(&path);
                }
                (Ok(metadata), Some(kind)) => self.file(&path, &metadata, kind),
                (Err(source), Some(_)) => self.errors.push(Error::Read { path, source }),
                (_, None) => {}
            }
        }
        true
    }
}

/// Refuses bytes that hold no article: only whitespace, or binary (a NUL byte early on; a page
/// in UTF-16, which has them by nature, is read by its byte order mark instead).
fn check_bytes(path: &Path, bytes: &[u8], utf16: bool) -> Result<(), Error> {
    let location = || path.display().to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::EmptyFile {
            location: location(),
        });
    }
    if utf16 {
        return Ok(());
    }
    if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(Error::BinaryFile {
            location: location(),
            offset,
        });
    }
    Ok(())
}

/// Checks that bytes are usable article text: not empty, not binary, UTF-8.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    check_bytes(path, &bytes, false)?;
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        location: path.display().to_string(),
        source: e.utf8_error(),
    })
}

/// A page's text and metadata; a page with no text, or with more than an article's worth, is
/// an error naming `location`.
fn page_text(location: &str, html: &str) -> Result<Page, Error> {
    let page = crate::html::read_page(html);
    if page.text.trim().is_empty() {
        return Err(Error::NoPageText {
            location: location.to_owned(),
        });
    }
    if page.text.len() > MAX_ARTICLE_BYTES {
        return Err(Error::TooLarge {
            location: location.to_owned(),
            limit: MAX_ARTICLE_BYTES,
        });
    }
    Ok(page)
}

/// Reads a saved web page as one article: identified by its file name like a text file (a
/// page's own URL is kept as its `url`, but pages that all claim one URL stay apart).
fn read_page_file(path: &Path) -> Result<Article, Error> {
    let too_large = || Error::TooLarge {
        location: path.display().to_string(),
        limit: MAX_PAGE_BYTES,
    };
    let (file, len) = open_regular(path)?;
    if usize::try_from(len).map_or(true, |len| len > MAX_PAGE_BYTES) {
        return Err(too_large());
    }
    let (bytes, more) = read_bounded(file, MAX_PAGE_BYTES).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if more {
        return Err(too_large());
    }
    page_article(path, bytes)
}

/// A page's bytes as an article, named by `path` (`-` for stdin).
fn page_article(path: &Path, bytes: Vec<u8>) -> Result<Article, Error> {
    let utf16 =
        encoding_rs::Encoding::for_bom(&bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
    check_bytes(path, &bytes, utf16)?;
    let decoded = crate::html::decode(&bytes);
    drop(bytes);
    let location = path.display().to_string();
    let page = page_text(&location, &decoded.html)?;
    let identity = if location == "-" {
        "stdin".to_owned()
    } else {
        file_name(path)
    };
    Ok(Article {
        identity,
        location,
        text: page.text,
        url: page.url,
        title: page.title,
        published: page.published,
        publisher: page.publisher,
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
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    source: Option<String>,
}

/// Reads at most `limit` bytes, and says whether there were more.
fn read_bounded(reader: impl Read, limit: usize) -> std::io::Result<(Vec<u8>, bool)> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes)?;
    let more = bytes.len() > limit;
    bytes.truncate(limit);
    Ok((bytes, more))
}

/// Opens a file to read if it is (still) a regular file: opening a FIFO would wait for a
/// writer, and a device never ends.
fn open_regular(path: &Path) -> Result<(File, u64), Error> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(read_err)?;
    if let Some(what) = special_kind(metadata.file_type()) {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            what,
        });
    }
    let file = File::open(path).map_err(read_err)?;
    Ok((file, metadata.len()))
}

/// Reads a whole article from `reader`, refusing one over [`MAX_ARTICLE_BYTES`].
fn read_article(path: &Path, reader: impl Read) -> Result<String, Error> {
    let (bytes, more) = read_bounded(reader, MAX_ARTICLE_BYTES).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if more {
        return Err(Error::TooLarge {
            location: path.display().to_string(),
            limit: MAX_ARTICLE_BYTES,
        });
    }
    decode(path, bytes)
}

/// Reads standard input as one article: a web page if it begins like one (`curl -s URL |
/// policegraph ingest -`), else text.
fn read_stdin() -> Result<Article, Error> {
    let stdin = Path::new("-");
    let (bytes, more) =
        read_bounded(std::io::stdin().lock(), MAX_PAGE_BYTES).map_err(|source| Error::Read {
            path: stdin.to_path_buf(),
            source,
        })?;
    let html = crate::html::looks_like_html(&bytes);
    let limit = if html {
        MAX_PAGE_BYTES
    } else {
        MAX_ARTICLE_BYTES
    };
    if more || bytes.len() > limit {
        return Err(Error::TooLarge {
            location: "-".into(),
            limit,
        });
    }
    if html {
        return page_article(stdin, bytes);
    }
    Ok(Article {
        identity: "stdin".into(),
        location: "-".into(),
        text: decode(stdin, bytes)?,
        ..Article::default()
    })
}

/// Reads a text file as one article.
fn read_text_file(path: &Path) -> Result<String, Error> {
    let (file, len) = open_regular(path)?;
    if usize::try_from(len).map_or(true, |len| len > MAX_ARTICLE_BYTES) {
        return Err(Error::TooLarge {
            location: path.display().to_string(),
            limit: MAX_ARTICLE_BYTES,
        });
    }
    read_article(path, file)
}

/// Reads the items of one source, lazily for JSON Lines. A failure to open the source is the
/// first (and only) item; a bad line is an error item and the lines after it still come. An
/// article over [`MAX_ARTICLE_BYTES`] is an error item, never read whole.
pub fn read(source: &Source) -> Box<dyn Iterator<Item = Result<Item, Error>> + Send> {
    match (&source.path, source.kind) {
        (None, _) => Box::new(std::iter::once(read_stdin().map(Item::Article))),
        (Some(path), SourceKind::Text) => {
            let item = read_text_file(path).map(|text| {
                Item::Article(Article {
                    identity: file_name(path),
                    location: path.display().to_string(),
                    text,
                    ..Article::default()
                })
            });
            Box::new(std::iter::once(item))
        }
        (Some(path), SourceKind::Html) => {
            Box::new(std::iter::once(read_page_file(path).map(Item::Article)))
        }
        (Some(path), SourceKind::Rdf) => {
            let item = open_regular(path).and_then(|(mut file, _)| {
                let mut data = Vec::new();
                file.read_to_end(&mut data)
                    .map_err(|source| Error::Read {
                        path: path.clone(),
                        source,
                    })
                    .map(|_| Item::Rdf {
                        path: path.clone(),
                        data,
                    })
            });
            Box::new(std::iter::once(item))
        }
        (Some(path), SourceKind::JsonLines) => match open_regular(path) {
            Err(e) => Box::new(std::iter::once(Err(e))),
            Ok((file, _)) => Box::new(JsonLines {
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

/// What reading one line of a JSON Lines file gave.
enum Line {
    Read,
    /// The line is longer than [`MAX_ARTICLE_BYTES`]; it was skipped, not kept.
    TooLong,
    End,
}

impl JsonLines {
    /// Reads the next line into `buf`, at most [`MAX_ARTICLE_BYTES`] of it (and its line end).
    fn read_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<Line> {
        let cap = u64::try_from(MAX_ARTICLE_BYTES)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        let n = (&mut self.reader).take(cap).read_until(b'\n', buf)?;
        if n == 0 {
            return Ok(Line::End);
        }
        if buf.len() <= MAX_ARTICLE_BYTES || buf.ends_with(b"\n") {
            return Ok(Line::Read);
        }
        buf.clear();
        // Skip the rest of the line without keeping it.
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(Line::TooLong);
            }
            match available.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    self.reader.consume(end + 1);
                    return Ok(Line::TooLong);
                }
                None => {
                    let len = available.len();
                    self.reader.consume(len);
                }
            }
        }
    }
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
            match self.read_line(&mut buf) {
                Ok(Line::End) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::Read) => {}
                Ok(Line::TooLong) => {
                    return Some(Err(Error::TooLarge {
                        location: format!("{}:{}", self.path.display(), self.line),
                        limit: MAX_ARTICLE_BYTES,
                    }));
                }
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
            return Some(json_article(parsed, location, &self.path, self.line).map(Item::Article));
        }
    }
}

/// A JSON article as read: its own text if it has some, else its page's; the page's metadata
/// fills the fields the record leaves out.
fn json_article(
    parsed: JsonArticle,
    location: String,
    path: &Path,
    line: usize,
) -> Result<Article, Error> {
    let had_text = parsed.text.is_some();
    let text = parsed.text.filter(|t| !t.trim().is_empty());
    let (text, page) = match (text, parsed.html) {
        (Some(text), html) => {
            let page = html.map(|html| crate::html::read_page(&html));
            (text, page.unwrap_or_default())
        }
        (None, Some(html)) => {
            let page = page_text(&location, &html)?;
            (page.text.clone(), page)
        }
        (None, None) if had_text => return Err(Error::EmptyText { location }),
        (None, None) => return Err(Error::NoTextField { location }),
    };
    // Identified by the record's own URL only: a page's canonical link is sometimes the site's
    // home page, and records must not replace one another through it.
    let identity = parsed
        .url
        .clone()
        .unwrap_or_else(|| format!("{}#{}", file_name(path), line));
    Ok(Article {
        identity,
        location,
        text,
        url: parsed.url.or(page.url),
        title: parsed.title.or(page.title),
        published: parsed.published.or(page.published),
        publisher: parsed.source.or(page.publisher),
    })
}
