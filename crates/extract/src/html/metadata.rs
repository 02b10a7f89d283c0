//! What a page says of itself: headline, URL, publication date and publisher, from its meta
//! tags, canonical link, JSON-LD and `<time>` elements, in the order the module doc gives.

use super::squeeze;
use scraper::{ElementRef, Html};

/// The page's metadata as found; `h1` is the page's first `<h1>`, for the text's headline.
#[derive(Debug, Default)]
pub(super) struct Meta {
    pub title: Option<String>,
    pub h1: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
}

/// What the JSON-LD of an article says.
#[derive(Debug, Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

/// The schema.org types of a page's article, whose JSON-LD is read.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "Report",
];

/// How deep into nested JSON-LD an article is looked for.
const JSON_LD_DEPTH: usize = 8;

pub(super) fn read(doc: &Html) -> Meta {
    let mut tags: Vec<(String, String)> = Vec::new();
    let mut canonical = None;
    let mut title = None;
    let mut h1 = None;
    let mut time = None;
    let mut linked = LinkedData::default();
    for e in doc.root_element().descendent_elements() {
        let v = e.value();
        match v.name() {
            "meta" => {
                let key = v.attr("property").or_else(|| v.attr("name"));
                let key = key.or_else(|| v.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, v.attr("content")) {
                    tags.push((key.trim().to_ascii_lowercase(), content.to_owned()));
                }
            }
            "link" if rel_is(e, "canonical") && canonical.is_none() => {
                canonical = v.attr("href").and_then(web_url);
            }
            "title" if title.is_none() => title = squeeze(&e.text().collect::<String>()),
            "h1" if h1.is_none() => h1 = squeeze(&e.text().collect::<String>()),
            "time" if time.is_none() && !in_chrome(e) => {
                time = v.attr("datetime").and_then(iso_dated);
            }
            "script"
                if v.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                let json = e.text().collect::<String>();
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
                    linked_data(&value, &mut linked, 0);
                }
            }
            _ => {}
        }
    }
    let tag = |names: &[&str]| {
        names.iter().find_map(|name| {
            tags.iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| squeeze(v))
        })
    };
    let publisher = tag(&["og:site_name"]).or(linked.publisher);
    let title = tag(&["og:title"])
        .or_else(|| linked.headline.clone())
        .or_else(|| h1.clone())
        .or_else(|| title.map(|t| without_site(&t, publisher.as_deref())));
    let dated = |names: &[&str]| {
        names.iter().find_map(|name| {
            tags.iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| iso_dated(v))
        })
    };
    let published = dated(&["article:published_time"])
        .or(linked.published)
        .or(time)
        .or_else(|| {
            dated(&[
                "datepublished",
                "dcterms.date",
                "dc.date.issued",
                "dc.date",
                "date",
            ])
        });
    Meta {
        title,
        h1,
        url: canonical.or_else(|| tag(&["og:url"]).as_deref().and_then(web_url)),
        published,
        publisher,
    }
}

/// Whether an element stands in site chrome (a "most read" list's dates are not the page's).
fn in_chrome(e: ElementRef<'_>) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let v = a.value();
        matches!(v.name(), "nav" | "aside" | "footer")
            || v.attr("class").is_some_and(super::names_chrome)
            || v.attr("id").is_some_and(super::names_chrome)
    })
}

fn rel_is(e: ElementRef<'_>, rel: &str) -> bool {
    e.value()
        .attr("rel")
        .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
}

/// An absolute http(s) URL, as written.
fn web_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    (web && !url.contains(char::is_whitespace)).then(|| url.to_owned())
}

/// A date value that begins with an ISO date (`2025-03-06`, `2025-03-06T11:42:00+00:00`).
fn iso_dated(value: &str) -> Option<String> {
    let value = value.trim();
    let date = value.get(..10)?.as_bytes();
    let digits = |r: std::ops::Range<usize>| date[r].iter().all(u8::is_ascii_digit);
    let shaped =
        digits(0..4) && date[4] == b'-' && digits(5..7) && date[7] == b'-' && digits(8..10);
    let number = |r: std::ops::Range<usize>| {
        std::str::from_utf8(&date[r])
            .ok()
            .and_then(|n| n.parse::<u32>().ok())
    };
    let month = number(5..7).filter(|m| (1..=12).contains(m));
    let day = number(8..10).filter(|d| (1..=31).contains(d));
    (shaped && month.is_some() && day.is_some()).then(|| value.to_owned())
}

/// A `<title>` without the site's name after it ("Headline | Site", "Headline - Site").
fn without_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_owned();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(head) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep))
            && !head.trim().is_empty()
        {
            return head.trim().to_owned();
        }
    }
    title.to_owned()
}

/// Whether a JSON-LD node is an article, by its `@type` (a name or a list of names).
fn is_article(node: &serde_json::Map<String, serde_json::Value>) -> bool {
    let named = |t: &serde_json::Value| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t));
    match node.get("@type") {
        Some(serde_json::Value::Array(types)) => types.iter().any(named),
        Some(t) => named(t),
        None => false,
    }
}

/// Looks for an article in JSON-LD (a node, a list, an `@graph`), and takes what it says of
/// itself; the first article found wins each field.
fn linked_data(value: &serde_json::Value, out: &mut LinkedData, depth: usize) {
    if depth > JSON_LD_DEPTH {
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                linked_data(item, out, depth + 1);
            }
        }
        serde_json::Value::Object(node) => {
            if is_article(node) {
                let text = |key: &str| node.get(key).and_then(|v| v.as_str()).and_then(squeeze);
                out.headline = out.headline.take().or_else(|| text("headline"));
                let published = node
                    .get("datePublished")
                    .and_then(|v| v.as_str())
                    .and_then(iso_dated);
                out.published = out.published.take().or(published);
                let publisher = node.get("publisher").and_then(|p| match p {
                    serde_json::Value::Object(p) => p.get("name")?.as_str().and_then(squeeze),
                    serde_json::Value::String(p) => squeeze(p),
                    _ => None,
                });
                out.publisher = out.publisher.take().or(publisher);
            }
            if let Some(graph) = node.get("@graph") {
                linked_data(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}
