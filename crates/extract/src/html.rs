//! Saved web pages, the first arrow of the data flow for a page: page bytes -> decoded HTML ->
//! the article's main text (blocks kept apart by blank lines) and the page's own metadata.
//!
//! The text then goes through the same cleaning, sentences and extraction as a `.txt` article,
//! and evidence offsets count characters in it: the store keeps it with the article
//! (`schema:articleBody`), so a span can always be shown.
//!
//! # Why an HTML5 parser with our own rules, not a readability port
//!
//! Two well-kept crates were compared on the project's page fixtures (tests/fixtures/pages) and
//! on a generated 47 MB page: `dom_smoothie` 0.19 (a port of Mozilla's Readability on
//! `dom_query`/html5ever) and `scraper` 0.29 (html5ever's tree with CSS selectors, from the
//! rust-scraper project). Both are maintained and build on stable Rust within the project's minimum (their declared
//! minimums are 1.85 and below).
//! Readability scores the page's blocks and keeps the best-scoring subtree: on the news pages it
//! found the story, but on the outcomes listing page it kept the cookie notice and the
//! feedback buttons, it keeps "Advertisement" placeholders, reads neither `<time datetime>`
//! nor `link rel=canonical`, and which subtree it keeps cannot be told in advance: on a page
//! listing several cases, a different score could silently keep one case and drop the others.
//! A missed fact about an officer is better than a wrong one, but a silently dropped case is
//! neither visible nor traceable. It also took three times as long on the large page (3.5 s
//! against 1.2 s to parse, 400 MB against 330 MB). So pages are parsed with `scraper`, and the
//! rules below are ours, small and predictable: take the page's declared main content whole,
//! leave out what is marked as chrome, and let the text cleaner (`text::clean`) blank what is
//! left of it line by line, as it does for text saved from a browser.
//!
//! # The rules
//!
//! - **Main content**: the one element marked `itemprop="articleBody"`, else the one `<main>`
//!   (or `role="main"`), else the one `<article>`, else the element holding the most paragraph
//!   text, else the body. If nothing is left of it, the whole body.
//! - **Left out**: scripts, styles, templates, forms and their controls, frames, media,
//!   figures and their captions, `<nav>`, `<aside>`, `<footer>`, a `<header>` without the `<h1>`,
//!   hidden elements, landmark roles that are not content (navigation, banner, contentinfo,
//!   complementary, search, dialog), and elements whose class or id names chrome (cookie and
//!   consent banners, share bars, social links, related and "most read" lists, comments,
//!   newsletters, adverts, breadcrumbs, menus, sidebars, tags).
//! - **Depth**: past 256 open elements, further start tags are left out of the markup before
//!   it is parsed, and their text kept (the parser's time grows with the square of the depth).
//! - **Breaks**: headings, paragraphs and other blocks are separated by a blank line, list
//!   items and `<br>` by a line break (items start `- `), so sentences never run together.
//! - **Headline** first: the page's `<h1>` (else its title) when the text does not begin with it.
//! - **Metadata**: headline from `og:title`, `<h1>`, `<title>`; URL from `link rel=canonical`,
//!   `og:url`; publication date from `article:published_time`, JSON-LD `datePublished` of an
//!   article, `<time datetime>` outside site chrome (only values that begin with an ISO date); publisher from
//!   `og:site_name`, JSON-LD `publisher.name`.
//! - **Encoding**: a byte order mark, else the charset a `<meta>` declares in the first 8 KiB
//!   (`charset=` or `http-equiv` Content-Type), else UTF-8, as the WHATWG Encoding Standard names
//!   them (ISO-8859-1 is read as Windows-1252, its superset). A declaration that is wrong is not
//!   trusted blindly: a page declared UTF-8 (or declaring nothing) that is not valid UTF-8 is
//!   read as Windows-1252, the web's usual legacy encoding; a page declared in a single-byte
//!   legacy encoding whose non-ASCII bytes are all valid UTF-8 sequences is read as UTF-8, since
//!   legacy text almost never forms them. An unknown label is ignored. Nothing panics and no
//!   byte is refused; [`Decoded::note`] says what was done when it was not what the page said.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use scraper::{ElementRef, Html, Node};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What a page says of itself and its main text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The main text, headline first, blocks separated by blank lines; empty when the page has
    /// no text outside markup, scripts and chrome.
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
}

/// A page's bytes as text, and how they were decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub html: String,
    /// The encoding used, by its WHATWG name (`UTF-8`, `windows-1252`...).
    pub encoding: &'static str,
    /// Set when the page's own declaration was not followed, saying why.
    pub note: Option<String>,
}

/// How much of the start of a page is searched for a `<meta>` charset declaration.
const PRESCAN_BYTES: usize = 8192;

/// A charset declared in a `<meta>` tag, in either form.
static META_CHARSET: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::regex(r#"(?i)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"#)
});

/// The charset label a page declares near its start, if any.
fn declared_label(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    // Windows-1252 maps every byte to one character, so ASCII markup reads as it is.
    let (head, _) = WINDOWS_1252.decode_without_bom_handling(head);
    META_CHARSET
        .captures(&head)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
}

/// Decodes a page's bytes (see the module's rules). Never fails: every byte sequence has a
/// reading, and a wrong declaration is overruled with a note.
///
/// ```
/// let bytes = b"<meta charset=\"windows-1252\"><p>Caf\xe9 \x93open\x94</p>";
/// let page = policegraph_extract::html::decode(bytes);
/// assert_eq!(page.encoding, "windows-1252");
/// assert!(page.html.contains("Caf\u{e9} \u{201c}open\u{201d}"));
/// ```
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (html, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Decoded {
            html: html.into_owned(),
            encoding: encoding.name(),
            note: None,
        };
    }
    let label = declared_label(bytes);
    let declared = label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    let mut note = match (&label, declared) {
        (Some(label), None) => Some(format!("unknown charset {label:?} ignored")),
        _ => None,
    };
    // A page cannot declare UTF-16 in ASCII markup and mean it: the standard reads it as UTF-8.
    let declared = declared.map(Encoding::output_encoding);
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = match declared.filter(|&e| e != UTF_8) {
        None if utf8 => UTF_8,
        None => {
            let said = label.as_deref().unwrap_or("nothing");
            note = Some(format!(
                "not valid UTF-8 (declared {said}), read as windows-1252"
            ));
            WINDOWS_1252
        }
        Some(legacy) if utf8 && !bytes.is_ascii() && legacy.is_single_byte() => {
            note = Some(format!(
                "declared {}, but its text is UTF-8, read as UTF-8",
                legacy.name()
            ));
            UTF_8
        }
        Some(legacy) => legacy,
    };
    let (html, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        html: html.into_owned(),
        encoding: encoding.name(),
        note,
    }
}

/// Whether bytes begin like an HTML document (`<!doctype html`, `<html`), after a UTF-8 byte
/// order mark and white space.
///
/// ```
/// use policegraph_extract::html::looks_like_html;
/// assert!(looks_like_html(b"\n  <!DOCTYPE html><html>"));
/// assert!(!looks_like_html(b"PC A was dismissed. <html> is a tag."));
/// ```
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 14)];
    let starts =
        |tag: &[u8]| head.len() >= tag.len() && head[..tag.len()].eq_ignore_ascii_case(tag);
    starts(b"<!doctype html") || starts(b"<html")
}

/// Reads a page: its main text and metadata.
///
/// ```
/// let page = policegraph_extract::html::read_page(
///     "<html><head><meta property=\"og:site_name\" content=\"Gazette\"></head><body>\
///      <nav><a href=\"/\">Home</a></nav><main><h1>PC fined</h1><p>A PC was fined.</p>\
///      <p>He appealed.</p></main></body></html>",
/// );
/// assert_eq!(page.text, "PC fined\n\nA PC was fined.\n\nHe appealed.");
/// assert_eq!(page.title.as_deref(), Some("PC fined"));
/// assert_eq!(page.publisher.as_deref(), Some("Gazette"));
/// ```
pub fn read_page(html: &str) -> Page {
    let html = depth::limit(html, depth::MAX_DEPTH);
    let doc = Html::parse_document(&html);
    let meta = metadata::read(&doc);
    let body = body_of(&doc);
    let mut text = main_content(body).map(main_text).unwrap_or_default();
    if text.is_empty() {
        text = main_text(body);
    }
    let headline = meta.h1.clone().or_else(|| meta.title.clone());
    if let Some(headline) = headline.filter(|_| !text.is_empty()) {
        let first = text.lines().next().unwrap_or_default();
        if first.trim() != headline {
            text = format!("{headline}\n\n{text}");
        }
    }
    Page {
        text,
        title: meta.title,
        url: meta.url,
        published: meta.published,
        publisher: meta.publisher,
    }
}

/// The page's `<body>` (the parser always makes one), else its root.
fn body_of(doc: &Html) -> ElementRef<'_> {
    let root = doc.root_element();
    root.child_elements()
        .find(|e| e.value().name() == "body")
        .unwrap_or(root)
}

/// The one element of `body` that passes `test`, if exactly one does.
fn only<'a>(body: ElementRef<'a>, test: impl Fn(ElementRef<'a>) -> bool) -> Option<ElementRef<'a>> {
    let mut found = body.descendent_elements().filter(|e| test(*e));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The page's main content, by the module's rules (not the body itself).
fn main_content(body: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let attr_is = |e: ElementRef<'_>, name: &str, value: &str| {
        e.value()
            .attr(name)
            .is_some_and(|v| v.eq_ignore_ascii_case(value))
    };
    only(body, |e| attr_is(e, "itemprop", "articleBody"))
        .or_else(|| {
            only(body, |e| {
                e.value().name() == "main" || attr_is(e, "role", "main")
            })
        })
        .or_else(|| only(body, |e| e.value().name() == "article"))
        .or_else(|| densest(body))
}

/// The element whose own paragraphs hold the most text, if that is a paragraph's worth.
fn densest(body: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let mut totals: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    for p in body
        .descendent_elements()
        .filter(|e| e.value().name() == "p")
    {
        let Some(parent) = p.parent() else { continue };
        let len: usize = p.text().map(|t| t.trim().len()).sum();
        *totals.entry(parent.id()).or_default() += len;
    }
    let (id, total) = totals
        .into_iter()
        .max_by_key(|&(id, total)| (total, std::cmp::Reverse(id)))?;
    let node = body.tree().get(id)?;
    (total >= 140).then(|| ElementRef::wrap(node)).flatten()
}

/// Elements whose content is never the article's text.
const SKIPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "canvas",
    "iframe",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "map",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "option",
    "input",
    "textarea",
    "label",
    "dialog",
    "figure",
    "figcaption",
    "head",
    "title",
];

/// Landmark roles that are not content.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Words of a class or id that name site chrome.
const CHROME_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "recommended",
    "recommendations",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "outbrain",
    "taboola",
    "newsletter",
    "subscribe",
    "signup",
    "comment",
    "comments",
    "disqus",
    "breadcrumb",
    "breadcrumbs",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "sidebar",
    "masthead",
    "footer",
    "trending",
    "popular",
    "mostread",
    "tags",
    "widget",
    "ticker",
    "skip",
    "feedback",
    "helpful",
    "exit",
    "modal",
    "popup",
    "overlay",
    "hidden",
];

/// Pairs of adjacent words of a class or id that name site chrome.
const CHROME_PAIRS: &[(&str, &str)] = &[("most", "read"), ("more", "from"), ("read", "more")];

/// Whether a class or id value names site chrome, word by word.
fn names_chrome(value: &str) -> bool {
    let words: Vec<String> = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    words.iter().any(|w| CHROME_WORDS.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|pair| CHROME_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// Whether an element (not the main content itself) is left out with all it holds.
/// `holds_h1` are the elements that hold an `<h1>`.
fn skipped(element: ElementRef<'_>, holds_h1: &HashSet<ego_tree::NodeId>) -> bool {
    let e = element.value();
    let name = e.name();
    if SKIPPED_TAGS.contains(&name) {
        return true;
    }
    if name == "header" && !holds_h1.contains(&element.id()) {
        return true;
    }
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    let style = e.attr("style").unwrap_or_default().to_ascii_lowercase();
    let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    if e.attr("role").is_some_and(|r| {
        SKIPPED_ROLES
            .iter()
            .any(|s| s.eq_ignore_ascii_case(r.trim()))
    }) {
        return true;
    }
    e.attr("class").is_some_and(names_chrome) || e.attr("id").is_some_and(names_chrome)
}

/// How far apart what an element holds is set from what is around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Blank,
}

fn break_of(name: &str) -> Break {
    match name {
        "br" | "li" | "dt" | "dd" | "tr" => Break::Line,
        "p" | "div" | "section" | "article" | "main" | "header" | "h1" | "h2" | "h3" | "h4"
        | "h5" | "h6" | "ul" | "ol" | "dl" | "table" | "blockquote" | "pre" | "address" | "hr"
        | "details" | "summary" | "fieldset" | "center" => Break::Blank,
        _ => Break::None,
    }
}

/// The text being written: whitespace collapsed, breaks kept until text follows them.
#[derive(Default)]
struct Writer {
    out: String,
    pending: Option<Break>,
    space: bool,
    bullet: bool,
}

impl Writer {
    fn brk(&mut self, b: Break) {
        if b > Break::None {
            self.pending = self.pending.max(Some(b));
            self.space = false;
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if let Some(b) = self.pending.take().filter(|_| !self.out.is_empty()) {
                self.out
                    .push_str(if b == Break::Blank { "\n\n" } else { "\n" });
            } else if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.pending = None;
            self.space = false;
            if self.bullet {
                self.out.push_str("- ");
                self.bullet = false;
            }
            self.out.push(c);
        }
    }
}

/// The elements that hold an `<h1>`: a `<header>` among them is the article's, not the site's.
fn holding_h1(root: ElementRef<'_>) -> HashSet<ego_tree::NodeId> {
    let mut holds = HashSet::new();
    for h1 in root
        .descendent_elements()
        .filter(|e| e.value().name() == "h1")
    {
        for ancestor in h1.ancestors() {
            if !holds.insert(ancestor.id()) {
                break;
            }
        }
    }
    holds
}

/// The text of the main content, with the module's breaks, leaving out what [`skipped`] says.
/// The walk is iterative: a page nested ten thousand deep costs no stack.
fn main_text(root: ElementRef<'_>) -> String {
    let holds_h1 = holding_h1(root);
    let mut w = Writer::default();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match (edge, skipping) {
            (Edge::Close(node), Some(id)) if node.id() == id => skipping = None,
            (_, Some(_)) => {}
            (Edge::Open(node), None) => {
                if node.id() != root.id()
                    && ElementRef::wrap(node).is_some_and(|e| skipped(e, &holds_h1))
                {
                    skipping = Some(node.id());
                } else {
                    open(&mut w, node);
                }
            }
            (Edge::Close(node), None) => {
                if let Node::Element(e) = node.value() {
                    w.brk(break_of(e.name()));
                    if e.name() == "li" {
                        w.bullet = false;
                    }
                }
            }
        }
    }
    w.out
}

fn open(w: &mut Writer, node: NodeRef<'_, Node>) {
    match node.value() {
        Node::Text(t) => w.text(t),
        Node::Element(e) => {
            w.brk(break_of(e.name()));
            match e.name() {
                "li" => w.bullet = true,
                "td" | "th" => w.space = true,
                _ => {}
            }
        }
        _ => {}
    }
}

/// Collapses whitespace, `None` when nothing is left.
fn squeeze(text: &str) -> Option<String> {
    let out = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

mod depth;
mod metadata;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&META_CHARSET);
    }

    #[test]
    fn decodes_by_bom_declaration_or_content() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<p>Zo\u{eb}</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let page = decode(&utf16);
        assert_eq!(
            (page.encoding, page.html.as_str()),
            ("UTF-16LE", "<p>Zo\u{eb}</p>")
        );
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>Zo\xeb</p>";
        let page = decode(http_equiv);
        assert_eq!(page.encoding, "windows-1252");
        assert!(page.html.contains("Zo\u{eb}") && page.note.is_none());
        // Declared UTF-8, written in Windows-1252.
        let page = decode(b"<meta charset=utf-8><p>Zo\xeb</p>");
        assert!(page.html.contains("Zo\u{eb}"));
        assert!(page.note.is_some_and(|n| n.contains("windows-1252")));
        // Declared Windows-1252, written in UTF-8.
        let page = decode("<meta charset='windows-1252'><p>Zo\u{eb}</p>".as_bytes());
        assert_eq!(page.encoding, "UTF-8");
        assert!(page.html.contains("Zo\u{eb}"));
        // An unknown label, and nothing declared.
        let page = decode("<meta charset=klingon><p>Zo\u{eb}</p>".as_bytes());
        assert!(page.html.contains("Zo\u{eb}") && page.note.is_some());
        let page = decode(b"<p>Zo\xeb</p>");
        assert_eq!(page.encoding, "windows-1252");
    }

    #[test]
    fn chrome_is_named_word_by_word() {
        for chrome in [
            "social-share",
            "cookie_banner",
            "relatedStories related",
            "most-read",
            "ad",
        ] {
            assert!(names_chrome(chrome), "{chrome}");
        }
        for content in [
            "article-body",
            "story",
            "shared-content-x",
            "headline",
            "loaded",
            "advice",
        ] {
            assert!(!names_chrome(content), "{content}");
        }
    }

    #[test]
    fn blocks_are_kept_apart_and_lists_itemised() {
        let page = read_page(
            "<body><article><h2>Outcome</h2><p>A PC was<br>fined.</p><ul><li>One</li>\
             <li><span></span>Two</li></ul><table><tr><td>Rank</td><td>PC</td></tr></table>\
             <p>Next  <b>para</b>graph.</p></article></body>",
        );
        assert_eq!(
            page.text,
            "Outcome\n\nA PC was\nfined.\n\n- One\n- Two\n\nRank PC\n\nNext paragraph."
        );
    }

    #[test]
    fn the_main_content_is_chosen_and_chrome_left_out() {
        let page = read_page(
            "<body><div class=menu>Home News</div><div id=content><p>First paragraph of the \
             story, long enough to be the densest block on the page by some way, as stories are \
             when they are read in full.</p><div class=share>Share on X</div><p hidden>Hidden.</p>\
             <p style='display: none'>Also hidden.</p><p>Second paragraph.</p></div>\
             <div><p>Footer words.</p></div></body>",
        );
        assert!(page.text.starts_with("First paragraph"), "{}", page.text);
        assert!(page.text.ends_with("Second paragraph."), "{}", page.text);
        for chrome in ["Home", "Share", "Hidden", "Footer"] {
            assert!(!page.text.contains(chrome), "{}", page.text);
        }
    }

    #[test]
    fn metadata_falls_back_in_order() {
        let page = read_page(
            "<html><head><title>Story title | The Gazette</title>\
             <meta property='og:site_name' content='The Gazette'>\
             <meta property='og:url' content='/relative/path'>\
             <script type='application/ld+json'>[{\"@type\":[\"NewsArticle\"],\"datePublished\":\
             \"30/04/2024\"},{\"@type\":\"Article\",\"datePublished\":\"2024-05-01T10:00:00Z\"}]</script>\
             </head><body><p><time datetime='2023-01-01'>1 January</time> Text.</p></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Story title"));
        assert_eq!(page.url, None);
        // The first article's date is not ISO: the second article's is taken.
        assert_eq!(page.published.as_deref(), Some("2024-05-01T10:00:00Z"));
        let page = read_page(
            "<aside><time datetime='2020-01-01'>z</time></aside><p><time datetime='yesterday'>\
             x</time><time datetime='2023-01-01'>y</time></p>",
        );
        assert_eq!(page.published.as_deref(), Some("2023-01-01"));
    }

    #[test]
    fn a_page_with_no_text_reads_empty() {
        let page = read_page(
            "<html><head><title>T</title><script>x()</script></head><body><nav>Home</nav></body></html>",
        );
        assert_eq!(page.text, "");
        assert_eq!(page.title.as_deref(), Some("T"));
    }
}
