//! The extractor on hostile text: it never panics, its evidence always points into the article,
//! and its cost grows in proportion to the article.
//!
//! - Growth: each file of `tests/fuzz-corpus/` is a shape that once made extraction superlinear
//!   (a designation repeated thousands of times in one sentence, one very long line, a run of
//!   full stops without spaces, many dates in one sentence...). The file is repeated to `SIZE`
//!   bytes and to four times that, and the two extraction times (each the least of several runs)
//!   must stand in a ratio (at most 10) well under the sixteen a quadratic cost gives. Ratios, not wall-clock
//!   figures, so the test holds on a slow or busy machine and in a debug build.
//! - Properties: generated articles, made from invented sentences and mutated (designations
//!   repeated, lines run together, punctuation dropped, odd Unicode, text cut short), with a
//!   fixed seed and case count so every run is the same.
//!
//! A shape found to be slow or to panic goes into `tests/fuzz-corpus/` as a file.

use policegraph_extract::extract::Extractor;
use policegraph_extract::input::Article;
use policegraph_extract::rdf;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

static EXTRACTOR: LazyLock<Result<Extractor, String>> =
    LazyLock::new(|| Extractor::new().map_err(|e| e.to_string()));

/// Held by each test while it runs, so that no test times extraction while another extracts.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The smaller size each shape is grown to, in bytes; the larger is four times this.
const SIZE: usize = 80_000;
/// The largest ratio of the two times allowed: linear cost gives about 4 (up to 8 seen on a busy
/// machine, from caches and allocation), quadratic 16.
const MAX_RATIO: f64 = 10.0;
/// Below this, a time is mostly noise; the ratio is then taken against it.
const FLOOR: Duration = Duration::from_millis(5);

fn article(text: String) -> Article {
    Article {
        identity: "generated".into(),
        location: "generated".into(),
        text,
        ..Article::default()
    }
}

/// Extracts an article and its quads, checking what the facts point at.
fn extract_checked(extractor: &Extractor, text: &str) {
    let article = article(text.to_owned());
    let facts = extractor.extract(&article);
    let chars = text.chars().count();
    for sentence in &facts.sentences {
        assert!(
            sentence.start_char <= sentence.end_char && sentence.end_char <= chars,
            "a sentence outside the article: {}..{} of {chars}",
            sentence.start_char,
            sentence.end_char
        );
        let quoted: String = text
            .chars()
            .skip(sentence.start_char)
            .take(sentence.end_char - sentence.start_char)
            .collect();
        assert_eq!(quoted, sentence.text, "evidence does not quote the article");
    }
    rdf::article_quads(&article, &facts);
}

/// The least time of `runs` extractions of `text`.
fn least_time(extractor: &Extractor, text: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            extract_checked(extractor, text);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `unit` repeated to at least `size` bytes, closed by a sentence so the text is the story's.
fn grown(unit: &str, size: usize) -> String {
    let mut text = unit.repeat(size.div_ceil(unit.len().max(1)));
    text.push_str(" The hearing ended.");
    text
}

/// How much longer the text four times as long takes; measured again before it counts.
fn growth(extractor: &Extractor, make: impl Fn(usize) -> String) -> f64 {
    let (small, large) = (make(SIZE), make(4 * SIZE));
    let ratio = |runs| {
        let small = least_time(extractor, &small, runs).max(FLOOR);
        let large = least_time(extractor, &large, runs).max(FLOOR);
        large.as_secs_f64() / small.as_secs_f64()
    };
    let first = ratio(2);
    if first <= MAX_RATIO {
        return first;
    }
    first.min(ratio(4))
}

/// The corpus files, by name, with their text.
fn corpus() -> std::io::Result<Vec<(String, String)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into();
            Ok((name, std::fs::read_to_string(&p)?))
        })
        .collect()
}

#[test]
fn every_corpus_shape_grows_linearly() {
    let _alone = ONE_AT_A_TIME.lock();
    let extractor = EXTRACTOR
        .as_ref()
        .expect("the shipped reference data loads");
    let shapes = corpus().expect("tests/fuzz-corpus reads");
    assert!(shapes.len() >= 10, "the corpus is missing: {shapes:?}");
    let mut slow = Vec::new();
    for (name, unit) in &shapes {
        let ratio = growth(extractor, |size| grown(unit, size));
        eprintln!("{name}: four times the text, x{ratio:.1} the time");
        if ratio > MAX_RATIO {
            slow.push(format!("{name}: x{ratio:.1}"));
        }
    }
    assert!(slow.is_empty(), "superlinear extraction: {slow:?}");
}

/// An invented name for the `i`th person: distinct for every `i`.
fn invented_name(i: usize) -> String {
    const SYLLABLES: [&str; 10] = ["ka", "lo", "ve", "ri", "su", "ta", "mo", "ne", "pi", "da"];
    let word = |mut n: usize| {
        let mut w = String::new();
        for _ in 0..3 {
            w.push_str(SYLLABLES[n % 10]);
            n /= 10;
        }
        let mut chars = w.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    };
    format!("{} {}", word(i), word(i / 1000 + 7 * i))
}

#[test]
fn many_different_people_grow_linearly() {
    let _alone = ONE_AT_A_TIME.lock();
    let make = |size: usize| {
        let mut text = String::new();
        let mut i = 0;
        while text.len() < size {
            text.push_str(&format!(
                "PC {} of Kent Police was dismissed without notice. ",
                invented_name(i)
            ));
            i += 1;
        }
        text
    };
    let extractor = EXTRACTOR
        .as_ref()
        .expect("the shipped reference data loads");
    let ratio = growth(extractor, make);
    assert!(ratio <= MAX_RATIO, "superlinear extraction: x{ratio:.1}");
}

/// Invented sentences that articles are made of.
const SENTENCES: &[&str] = &[
    "PC Jo Hale of Kent Police was dismissed without notice at a misconduct hearing on 3 March 2022.",
    "The IOPC investigated the complaint and found a case to answer.",
    "Officer A, Officer B and Officer C, all attached to the Roads Policing Unit, were given final written warnings.",
    "\"It was wrong,\" said Supt. Ray Orme, head of professional standards.",
    "A panel chaired by Ann Kerr found gross misconduct proven against Sergeant Tim Lowe.",
    "Outcome: Final written warning",
    "Home | News | Crime",
    "Read more: Village fete cancelled after storm",
    "DC Sam Price will face an accelerated misconduct hearing on Tuesday 5 May.",
    "The standards of professional behaviour breached were honesty and integrity and discreditable conduct.",
];

/// Odd characters: accents, other scripts, typographic marks, controls, a byte-order mark.
const ODD: &[&str] = &[
    "\u{e9}",
    "\u{141}",
    "\u{2014}",
    "\u{201c}",
    "\u{2019}",
    "\u{2026}",
    "\u{a0}",
    "\u{feff}",
    "\u{8b66}\u{5bdf}",
    "\u{1f46e}",
    "\t",
    "\r",
    "\u{300}",
    "\u{202e}",
];

/// One way to spoil an article.
#[derive(Debug, Clone)]
enum Mutation {
    /// Repeat a designation, or a sentence, many times in place.
    Repeat { at: usize, times: usize },
    /// Run every line into one.
    JoinLines,
    /// Drop all sentence punctuation.
    NoPunctuation,
    /// Put an odd character at a place.
    Odd { at: usize, which: usize },
    /// Cut the text short at a place.
    Cut { at: usize },
    /// A long run of one word without spaces.
    LongWord { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 2..400usize).prop_map(|(at, times)| Mutation::Repeat { at, times }),
        Just(Mutation::JoinLines),
        Just(Mutation::NoPunctuation),
        (any::<usize>(), any::<usize>()).prop_map(|(at, which)| Mutation::Odd { at, which }),
        any::<usize>().prop_map(|at| Mutation::Cut { at }),
        (any::<usize>(), 1..3000usize).prop_map(|(at, len)| Mutation::LongWord { at, len }),
    ]
}

/// The char boundary at or before a place chosen by `at`.
fn place(text: &str, at: usize) -> usize {
    let mut i = at % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(mut text: String, mutation: &Mutation) -> String {
    match *mutation {
        Mutation::Repeat { at, times } => {
            let words: Vec<&str> = text.split_inclusive(' ').collect();
            let Some(word) = words.get(at % words.len().max(1)) else {
                return text;
            };
            let i = place(&text, at);
            text.insert_str(i, &word.repeat(times));
            text
        }
        Mutation::JoinLines => text.replace('\n', " "),
        Mutation::NoPunctuation => text.replace(['.', '!', '?'], ""),
        Mutation::Odd { at, which } => {
            let i = place(&text, at);
            text.insert_str(i, ODD[which % ODD.len()]);
            text
        }
        Mutation::Cut { at } => {
            let i = place(&text, at);
            text.truncate(i);
            text
        }
        Mutation::LongWord { at, len } => {
            let i = place(&text, at);
            text.insert_str(i, &"ab.".repeat(len));
            text
        }
    }
}

fn article_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(SENTENCES), 1..12),
        prop::collection::vec(prop::bool::ANY, 12),
    )
        .prop_map(|(sentences, breaks)| {
            let mut text = String::new();
            for (i, s) in sentences.iter().enumerate() {
                text.push_str(s);
                text.push(if breaks[i] { '\n' } else { ' ' });
            }
            text
        })
}

fn config() -> Config {
    Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(16),
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn mutated_articles_never_panic_and_evidence_quotes_the_article(
        text in article_text(),
        mutations in prop::collection::vec(mutation(), 0..4),
    ) {
        let _alone = ONE_AT_A_TIME.lock();
        let text = mutations.iter().fold(text, mutate);
        let extractor = EXTRACTOR.as_ref().expect("the shipped reference data loads");
        extract_checked(extractor, &text);
    }
}
