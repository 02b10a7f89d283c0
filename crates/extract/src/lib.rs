//! policegraph's extraction: the pure arrows of the data flow, with no store.
//!
//! ```text
//! article file -> clean text -> sentences -> mentions -> entities -> facts (+ evidence)
//!              -> quads in the article's named graph
//! ```
//!
//! - [`input`]: finding and reading articles
//! - [`html`]: a saved web page's main text and metadata
//! - [`text`]: cleaning, sentences, dates
//! - [`extract`]: gazetteer, people, organisations, case facts
//! - [`facts`]: the extractor's output, plain data
//! - [`rdf`]: facts -> quads with stable IRIs and provenance
//! - [`reference`], [`vocab`]: the ontology's reference data and IRIs
//!
//! The store, SPARQL, export and DOT live in the `policegraph` crate, which builds on this one.

pub mod concepts;
pub mod error;
pub mod extract;
pub mod facts;
pub mod html;
pub mod input;
pub mod rdf;
pub mod reference;
pub mod text;
pub mod vocab;

/// Compiles one of the crate's constant patterns. Each is forced by a unit test, so a bad
/// pattern fails in CI rather than at a user's desk.
///
/// Patterns run on clean text, which is ASCII (see [`text::clean`]), so their classes are made
/// ASCII too: a Unicode `\w` under a bounded repeat (`[\w ]{0,60}`) builds automata a hundred
/// times larger than an ASCII one, for no difference in what matches.
#[expect(
    clippy::expect_used,
    reason = "patterns are constants, each forced by a unit test"
)]
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(&ascii_classes(pattern)).expect("a constant pattern compiles")
}

/// Rewrites the Perl classes `\w`, `\d`, `\s` and the boundaries `\b`, `\B` of a pattern as
/// their ASCII forms, inside and outside bracketed classes.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push(c);
                    break;
                };
                let inside = class_depth > 0;
                match (next, inside) {
                    ('w', false) => out.push_str("[0-9A-Za-z_]"),
                    ('w', true) => out.push_str("0-9A-Za-z_"),
                    ('d', false) => out.push_str("[0-9]"),
                    ('d', true) => out.push_str("0-9"),
                    ('s', false) => out.push_str(r"[\t\n\x0B\x0C\r\x20]"),
                    ('s', true) => out.push_str(r"\t\n\x0B\x0C\r\x20"),
                    ('b', false) => out.push_str(r"(?-u:\b)"),
                    ('B', false) => out.push_str(r"(?-u:\B)"),
                    _ => {
                        out.push(c);
                        out.push(next);
                    }
                }
            }
            '[' => {
                // Inside a class, `[:name:]` is a POSIX class; any other `[` opens a nested one.
                if class_depth > 0 && chars.as_str().starts_with(':') {
                    out.push(c);
                    for d in chars.by_ref() {
                        out.push(d);
                        if d == ']' {
                            break;
                        }
                    }
                    continue;
                }
                class_depth += 1;
                out.push(c);
                if chars.as_str().starts_with('^') {
                    out.push('^');
                    chars.next();
                }
                if chars.as_str().starts_with(']') {
                    // A `]` first in a class is a literal.
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_become_ascii_inside_and_outside_brackets() {
        assert_eq!(ascii_classes(r"\bfoo\w+"), r"(?-u:\b)foo[0-9A-Za-z_]+");
        assert_eq!(ascii_classes(r"[\w' ,]{0,5}"), r"[0-9A-Za-z_' ,]{0,5}");
        assert_eq!(ascii_classes(r"[^\d.]\.\\w"), r"[^0-9.]\.\\w");
        assert_eq!(
            ascii_classes(r"[]\w][\s]"),
            r"[]0-9A-Za-z_][\t\n\x0B\x0C\r\x20]"
        );
        assert_eq!(ascii_classes(r"[[:alpha:]\d]x\d"), r"[[:alpha:]0-9]x[0-9]");
    }

    #[test]
    fn ascii_patterns_match_as_before_on_ascii_text() {
        let re = regex(r"(?i)\b(?:investigat\w*)\b[\w' ,]{0,60}?\bby\s+$");
        assert!(re.is_match("It was investigated by "));
        assert!(re.is_match("the investigation, carried out swiftly by "));
        assert!(!re.is_match("reinvestigated by "));
        assert!(!re.is_match("investigated by the force"));
    }
}
