//! Bounds how deep a page's elements nest before it is parsed. The HTML5 tree builder checks
//! the stack of open elements for many tags, so a page that never closes what it opens (tens of
//! thousands of `<div>`s) costs time in the square of its depth: 40,000 unclosed `<div>`s take
//! seven seconds, 200,000 minutes. Browsers bound the depth too. Past [`MAX_DEPTH`] open
//! elements, further start tags (and the end tags that match them) are left out of the markup:
//! their text stays, only the nesting beyond the bound goes.
//!
//! The count is a quick scan, not a parse: comments and the content of scripts, styles and other
//! raw-text elements are skipped; void elements and those whose end tag may be left out (`<p>`,
//! `<li>`, `<td>`...) are not counted, since the parser closes them itself.

use std::borrow::Cow;
use std::collections::HashMap;

/// Open elements kept before further start tags are left out. Real pages nest a few dozen deep.
pub(super) const MAX_DEPTH: usize = 256;

/// Elements with no content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame",
];

/// Elements whose end tag may be left out: the parser closes them when the next one starts.
const OPTIONAL_END: &[&str] = &[
    "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "tbody",
    "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "rtc",
];

/// Elements whose content is text up to their end tag: never left out, never scanned inside.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// The first `needle` at or after `from`, ignoring ASCII case.
fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    (from..bytes.len().saturating_sub(needle.len() - 1)).find(|&p| {
        bytes[p].eq_ignore_ascii_case(first)
            && bytes[p..p + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// The markup with start tags past `max` open elements left out, and their end tags; borrowed
/// when nothing was left out.
pub(super) fn limit(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<').map(|p| p + i) {
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            i = find_ci(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        let name_len = b[start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-'))
            .unwrap_or(b.len() - start);
        if name_len == 0 || !b[start].is_ascii_alphabetic() {
            // `<!doctype>`, `<?xml?>`, or a `<` in text.
            i = at + 1;
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let end = b[start..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len(), |e| start + e + 1);
        i = end;
        let uncounted = VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str());
        if closing {
            match dropped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    cuts.push((at, end));
                }
                _ if !uncounted => depth = depth.saturating_sub(1),
                _ => {}
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            i = find_ci(b, end, format!("</{name}").as_bytes()).unwrap_or(b.len());
        } else if !uncounted && !b[..end].ends_with(b"/>") {
            if depth >= max {
                cuts.push((at, end));
                *dropped.entry(name).or_default() += 1;
            } else {
                depth += 1;
            }
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_cut_at_the_bound_and_text_kept() {
        let deep = format!(
            "<body>{}<p>PC A was dismissed.</p>{}",
            "<div class=x>".repeat(300),
            "</div>".repeat(300)
        );
        let out = limit(&deep, 256);
        assert_eq!(out.matches("<div").count(), 256);
        assert_eq!(out.matches("</div>").count(), 256);
        assert!(out.contains("<p>PC A was dismissed.</p>"));
    }

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<!doctype html><html><head><title>a <b></title><script>if (a<b) { x = '<div>'; }</script></head>\
                    <body><!-- <div><div> --><ul><li>one<li>two</ul><p>a<br>b<img src=x><div/></body></html>";
        assert!(matches!(limit(page, 2), Cow::Borrowed(_)));
        let open: String = "<div>".repeat(3);
        assert!(matches!(limit(&open, 3), Cow::Borrowed(_)));
        assert!(matches!(limit(&open, 2), Cow::Owned(_)));
    }

    #[test]
    fn unterminated_markup_ends_the_scan() {
        for page in [
            "<div",
            "<script>never closed",
            "<!-- open",
            "<",
            "</",
            "<div>\u{e9}<b",
        ] {
            let _ = limit(page, 0);
        }
    }
}
