//! Sentences: splits clean text into sentences with their character spans. A line break always
//! ends a sentence (headlines and list items are sentences of their own).

/// One sentence of an article: its text and where it stands, in characters and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Position in the article, from 0.
    pub index: usize,
    /// Byte range in the clean text.
    pub start: usize,
    pub end: usize,
    /// Character range in the clean (and the original) text.
    pub start_char: usize,
    pub end_char: usize,
}

impl Sentence {
    /// The sentence's words.
    pub fn text<'a>(&self, clean: &'a str) -> &'a str {
        &clean[self.start..self.end]
    }
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "no", "supt", "insp", "sgt", "det", "ch", "con", "comm", "asst",
    "dep", "cllr", "prof", "rev", "gen", "capt", "col", "lt", "jr", "sr", "co", "ltd", "vs", "etc",
    "approx", "dept", "govt", "inc", "cdr", "cmdr", "sup", "pc", "dc", "ps", "ds", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "p.c",
    "d.c", "p.s", "d.s",
];

/// The longest word of [`ABBREVIATIONS`], in bytes.
const LONGEST_ABBREVIATION: usize = 6;

/// True when the full stop at byte `dot` closes an abbreviation or an initial.
fn is_abbreviation(text: &str, dot: usize) -> bool {
    // Only the last few bytes can hold an abbreviation or an initial: looking further back
    // would cost a long run without spaces ("a.b.c.d...") its length at every full stop.
    let mut from = dot.saturating_sub(LONGEST_ABBREVIATION + 1);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = &text[from..dot];
    let word_start = match before.rfind(|c: char| c.is_whitespace() || c == '(' || c == '"') {
        Some(i) => i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let word = &before[word_start..];
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: "J. Smith"
    }
    ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// Splits clean text into sentences.
///
/// ```
/// let text = "Mr. Naseem said it was wrong. PC A was dismissed.\nNext line";
/// let s = policegraph_extract::text::split_sentences(text);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s[1].text(text), "PC A was dismissed.");
/// ```
pub fn split_sentences(clean: &str) -> Vec<Sentence> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in clean.split_inclusive('\n') {
        split_line(clean, line_start, line_start + line.len(), &mut spans);
        line_start += line.len();
    }
    let mut sentences = Vec::with_capacity(spans.len());
    let mut chars_before = 0;
    let mut counted_to = 0;
    for (start, end) in spans {
        chars_before += clean[counted_to..start].chars().count();
        let len = clean[start..end].chars().count();
        sentences.push(Sentence {
            index: sentences.len(),
            start,
            end,
            start_char: chars_before,
            end_char: chars_before + len,
        });
        chars_before += len;
        counted_to = end;
    }
    sentences
}

/// Splits one line (bytes `from..to` of `text`) at sentence-final punctuation.
fn split_line(text: &str, from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut start = from;
    let mut i = from;
    while i < to {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && !(b == b'.' && is_abbreviation(text, i)) {
            let mut end = i + 1;
            while end < to && matches!(bytes[end], b'"' | b'\'' | b')') {
                end += 1;
            }
            let next = text[end..to].trim_start();
            let starts_new = next.is_empty()
                || (end < to
                    && bytes[end].is_ascii_whitespace()
                    && next.starts_with(|c: char| {
                        c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '\''
                    }));
            if starts_new {
                push_trimmed(text, start, end, out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, to, out);
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split_sentences(t).iter().map(|s| s.text(t)).collect()
    }

    #[test]
    fn dotted_rank_abbreviations_do_not_end_a_sentence() {
        let t = "The court heard P.C. Jo Hale was there. D.C. Ray Orme was not.";
        assert_eq!(
            texts(t),
            vec![
                "The court heard P.C. Jo Hale was there.",
                "D.C. Ray Orme was not."
            ]
        );
    }

    #[test]
    fn keeps_quoted_sentences_with_their_attribution() {
        let t = "\"It was wrong,\" said Supt. Ann Hale. She added: \"We acted.\" Then it ended.";
        assert_eq!(
            texts(t),
            vec![
                "\"It was wrong,\" said Supt. Ann Hale.",
                "She added: \"We acted.\"",
                "Then it ended."
            ]
        );
    }

    #[test]
    fn character_offsets_follow_multibyte_text() {
        let t = "Caf\u{e9} owner spoke. PC B was cleared.";
        let s = split_sentences(t);
        assert_eq!(s[1].start_char, 18);
        assert_eq!(s[1].end_char, t.chars().count());
    }

    #[test]
    fn lines_are_sentences() {
        assert_eq!(
            texts("Headline here\n\nBody text. More"),
            vec!["Headline here", "Body text.", "More"]
        );
    }

    #[test]
    fn abbreviations_fit_the_look_back() {
        let longest = ABBREVIATIONS.iter().map(|a| a.len()).max();
        assert_eq!(longest, Some(LONGEST_ABBREVIATION));
        let t = "He was fined approx. five pounds. Then x.y.z.Approx. Next";
        assert_eq!(split_sentences(t).len(), 3);
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            texts("He was fined approx. five pounds."),
            vec!["He was fined approx. five pounds."]
        );
    }
}
