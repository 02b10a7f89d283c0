//! The shared scorer `../shared/eval/score.py`, ported: rows of the five standard views split into
//! facts and compared with the gold, micro precision, recall and F1 per view. Used by the dev-set
//! tests of both crates: the top crate's through the real binary (the contract), the extraction
//! crate's in-process over an in-memory store (the fast loop). How a view's CSV is produced is
//! the caller's; everything after it is here, once.
//!
//! The scorer's `norm`, `expand_rank`, `controlled`, `Names.canon`, `facts` and `match` are ported
//! with their tables unchanged; `port_agrees_with_score_py` (tests/devset.rs) pins the port to
//! answers score.py gives, so the two cannot drift apart silently.

use super::{Fallible, TestResult, fail, parse_csv};
use regex::{Captures, Regex};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::LazyLock;

/// The standard views and their columns, as in score.py's `VIEWS`.
#[rustfmt::skip]
pub const VIEWS: [(&str, &[&str]); 5] = [
    ("people", &["person", "role", "organisation"]),
    ("organisations", &["organisation", "kind", "parent"]),
    ("proceedings", &["subject", "proceeding", "date", "chair", "finding", "outcome"]),
    ("investigations", &["subject", "organisation"]),
    ("standards", &["subject", "standard"]),
];

/// Abbreviation -> expansion, identical to score.py's `RANKS` (sorted longest first when used).
#[rustfmt::skip]
pub const RANKS: &[(&str, &str)] = &[
    ("det ch supt", "detective chief superintendent"), ("det supt", "detective superintendent"),
    ("det ch insp", "detective chief inspector"), ("det insp", "detective inspector"),
    ("det sgt", "detective sergeant"), ("det con", "detective constable"),
    ("ch supt", "chief superintendent"), ("chief supt", "chief superintendent"),
    ("ch insp", "chief inspector"), ("chief insp", "chief inspector"),
    ("asst comm", "assistant commissioner"), ("asst commissioner", "assistant commissioner"),
    ("dep asst comm", "deputy assistant commissioner"), ("dep comm", "deputy commissioner"),
    ("supt", "superintendent"), ("insp", "inspector"), ("sgt", "sergeant"), ("cmdr", "commander"),
    ("comm", "commissioner"), ("pcso", "police community support officer"),
    ("dcs", "detective chief superintendent"), ("dsu", "detective superintendent"),
    ("dci", "detective chief inspector"), ("di", "detective inspector"), ("ds", "detective sergeant"),
    ("dc", "detective constable"), ("pc", "police constable"), ("ps", "sergeant"),
    ("police sergeant", "sergeant"),
    ("dac", "deputy assistant commissioner"), ("ac", "assistant commissioner"),
    ("c supt", "chief superintendent"), ("c insp", "chief inspector"), ("cdr", "commander"),
    ("acc", "assistant chief constable"), ("dcc", "deputy chief constable"),
    ("tdc", "trainee detective constable"),
];

/// The words score.py's `RANK_WORDS` adds to every abbreviation and expansion.
#[rustfmt::skip]
pub const EXTRA_RANK_WORDS: &[&str] = &[
    "police officer", "officer", "former", "detective", "acting", "temporary",
    "trainee", "retired", "chief constable", "special constable", "commander",
    "mr", "mrs", "ms", "dr", "sir", "dame",
];

/// Identical to score.py's `SYNONYMS`.
#[rustfmt::skip]
pub const SYNONYMS: &[(&str, &str)] = &[
    ("special case hearing", "accelerated misconduct hearing"),
    ("accelerated special case hearing", "accelerated misconduct hearing"),
    ("accelerated hearing", "accelerated misconduct hearing"),
    ("gross misconduct hearing", "misconduct hearing"),
    ("dismissed without notice", "dismissal without notice"),
    ("dismissal", "dismissal without notice"),
    ("barred", "barred list"),
    ("added to the barred list", "barred list"),
    ("management advice", "management action"),
    ("practice requiring improvement", "reflective practice"),
    ("reflective practice review process", "reflective practice review"),
    ("final written warning for two years", "final written warning"),
    ("fitness for duty", "fitness for work"),
];

/// Identical to score.py's `MODIFIERS`.
pub const MODIFIERS: &str = r"^(?:(?:former|acting|temporary|retired|a|t) )+";

/// Stand-in for NFKD folding without combining marks: no Unicode normalisation crate is
/// available, so the common accented Latin letters (and a few compatibility forms) are folded
/// by this table, and stray combining marks (U+0300..U+036F) are dropped.
#[rustfmt::skip]
pub const FOLDS: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"), ("ÀÁÂÃÄÅĀĂĄ", "A"), ("çćĉċč", "c"), ("ÇĆĈĊČ", "C"), ("ďĎ", "d"),
    ("èéêëēĕėęě", "e"), ("ÈÉÊËĒĔĖĘĚ", "E"), ("ĝğġģ", "g"), ("ĜĞĠĢ", "G"), ("ĥ", "h"), ("Ĥ", "H"),
    ("ìíîïĩīĭį", "i"), ("ÌÍÎÏĨĪĬĮİ", "I"), ("ĵ", "j"), ("Ĵ", "J"), ("ķ", "k"), ("Ķ", "K"),
    ("ĺļľ", "l"), ("ĹĻĽ", "L"), ("ñńņň", "n"), ("ÑŃŅŇ", "N"), ("òóôõöōŏő", "o"),
    ("ÒÓÔÕÖŌŎŐ", "O"), ("ŕŗř", "r"), ("ŔŖŘ", "R"), ("śŝşš", "s"), ("ŚŜŞŠ", "S"), ("ţť", "t"),
    ("ŢŤ", "T"), ("ùúûüũūŭůűų", "u"), ("ÙÚÛÜŨŪŬŮŰŲ", "U"), ("ŵ", "w"), ("Ŵ", "W"), ("ýÿŷ", "y"),
    ("ÝŸŶ", "Y"), ("źżž", "z"), ("ŹŻŽ", "Z"), ("ﬁ", "fi"), ("ﬂ", "fl"), ("\u{a0}\u{2009}", " "),
];

#[expect(
    clippy::expect_used,
    reason = "the patterns are constants of this file"
)]
pub fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

static RANKS_SORTED: LazyLock<Vec<(&str, &str)>> = LazyLock::new(|| {
    let mut ranks = RANKS.to_vec();
    ranks.sort_by_key(|(abbr, _)| std::cmp::Reverse(abbr.len())); // stable, like Python's sort
    ranks
});
static RANK_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<String> = RANKS_SORTED.iter().map(|(a, _)| regex::escape(a)).collect();
    re(&format!(r"\b({})\b", alternatives.join("|")))
});
static RANK_WORDS: LazyLock<Vec<&str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = RANKS
        .iter()
        .flat_map(|(abbr, full)| [*abbr, *full])
        .chain(EXTRA_RANK_WORDS.iter().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len())); // ties cannot both be prefixes
    words
});
static MODIFIERS_RE: LazyLock<Regex> = LazyLock::new(|| re(MODIFIERS));
static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| re(r"'s\b"));
static NON_ALNUM: LazyLock<Regex> = LazyLock::new(|| re(r"[^a-z0-9 ]+"));
static SPACES: LazyLock<Regex> = LazyLock::new(|| re(r"\s+"));

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match FOLDS.iter().find(|(from, _)| from.contains(c)) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// score.py's `norm`.
pub fn norm(s: &str) -> String {
    let s = fold(s)
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace('&', " and ")
        .to_lowercase();
    let s = POSSESSIVE.replace_all(&s, "");
    let s = NON_ALNUM.replace_all(&s, " ");
    let s = SPACES.replace_all(&s, " ");
    let s = s.trim();
    s.strip_prefix("the ").unwrap_or(s).to_owned()
}

/// score.py's `expand_rank`.
pub fn expand_rank(s: &str) -> String {
    let n = norm(s);
    let expanded = RANK_RE.replace_all(&n, |c: &Captures| {
        let abbr = &c[1];
        RANKS
            .iter()
            .find(|(a, _)| *a == abbr)
            .map_or(abbr, |(_, full)| *full)
            .to_owned()
    });
    let s = MODIFIERS_RE.replace(&expanded, "");
    if s == "constable" {
        "police constable".to_owned()
    } else {
        s.into_owned()
    }
}

/// score.py's `controlled`.
pub fn controlled(s: &str) -> String {
    let n = norm(s);
    SYNONYMS
        .iter()
        .find(|(from, _)| *from == n)
        .map_or(n.clone(), |(_, to)| (*to).to_owned())
}

/// score.py's `Names`: maps written names to the gold's canonical ones, for one article.
pub struct Names {
    pub map: HashMap<String, String>,
    pub optional: BTreeSet<String>,
}

impl Names {
    /// From a gold file's `aliases` and `optional`. Python applies the aliases in file order,
    /// later ones winning; serde_json's map is sorted instead, so an alias under two canonical
    /// names (which check_gold.py rejects too) is refused rather than resolved differently.
    pub fn new(gold: &serde_json::Value) -> Fallible<Names> {
        let mut names = Names {
            map: HashMap::new(),
            optional: BTreeSet::new(),
        };
        let aliases = gold.get("aliases").and_then(|a| a.as_object());
        for (canon, list) in aliases.into_iter().flatten() {
            let list = list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str());
            for a in std::iter::once(canon.as_str()).chain(list) {
                let old = names.map.insert(norm(a), norm(canon));
                if old.is_some_and(|old| old != norm(canon)) {
                    return Err(fail(format!("alias {a:?} maps to two canonical names")));
                }
            }
        }
        let optional = gold.get("optional").and_then(|o| o.as_array());
        let optional = optional.into_iter().flatten().filter_map(|o| o.as_str());
        names.optional = optional.map(|o| names.canon(o)).collect();
        Ok(names)
    }

    pub fn canon(&self, name: &str) -> String {
        let n = norm(name);
        if let Some(c) = self.map.get(&n) {
            return c.clone();
        }
        let mut stripped = n.as_str();
        let mut changed = true;
        while changed {
            changed = false;
            for w in RANK_WORDS.iter() {
                if let Some(rest) = stripped.strip_prefix(w).and_then(|r| r.strip_prefix(' '))
                    && !rest.is_empty()
                {
                    stripped = rest;
                    changed = true;
                    break;
                }
            }
        }
        self.map.get(stripped).cloned().unwrap_or(n)
    }
}

/// A row of a view: column -> text.
pub type Row = HashMap<String, String>;

/// A fact, as score.py's tuple: its kind, then its parts.
pub type Fact = Vec<String>;

pub fn fact(parts: &[&str]) -> Fact {
    parts.iter().map(|p| (*p).to_owned()).collect()
}

/// Pushes the fact `kind` of `key` with `value` mapped, when `value` is not empty.
pub fn attr(
    out: &mut Vec<Fact>,
    kind: &str,
    key: &[&str],
    value: &str,
    map: impl Fn(&str) -> String,
) {
    if !value.is_empty() {
        let mut f = fact(&[kind]);
        f.extend(key.iter().map(|k| (*k).to_owned()));
        f.push(map(value));
        out.push(f);
    }
}

/// score.py's `facts`: one row (column -> text) split into facts, or none when its key is optional.
pub fn facts(view: &str, row: &Row, names: &Names) -> Vec<Fact> {
    let g = |k: &str| row.get(k).map_or("", |v| v.trim());
    let canon = |v: &str| names.canon(v);
    let optional = |n: &String| names.optional.contains(n);
    let mut out = Vec::new();
    match view {
        "people" => {
            let p = canon(g("person"));
            if p.is_empty() || optional(&p) {
                return out;
            }
            out.push(fact(&["person", &p]));
            attr(&mut out, "person.role", &[&p], g("role"), expand_rank);
            let org = g("organisation");
            attr(&mut out, "person.organisation", &[&p], org, canon);
        }
        "organisations" => {
            let o = canon(g("organisation"));
            if o.is_empty() || optional(&o) {
                return out;
            }
            out.push(fact(&["organisation", &o]));
            attr(&mut out, "organisation.kind", &[&o], g("kind"), controlled);
            attr(&mut out, "organisation.parent", &[&o], g("parent"), canon);
        }
        "proceedings" => {
            let (s, p) = (canon(g("subject")), controlled(g("proceeding")));
            if s.is_empty() || optional(&s) || p.is_empty() {
                return out;
            }
            out.push(fact(&["proceeding", &s, &p]));
            let k = [s.as_str(), p.as_str()];
            let date = |d: &str| d.chars().take(10).collect();
            attr(&mut out, "proceeding.date", &k, g("date"), date);
            attr(&mut out, "proceeding.chair", &k, g("chair"), canon);
            attr(&mut out, "proceeding.finding", &k, g("finding"), controlled);
            attr(&mut out, "proceeding.outcome", &k, g("outcome"), controlled);
        }
        "investigations" => {
            let (s, o) = (canon(g("subject")), canon(g("organisation")));
            if !s.is_empty() && !o.is_empty() && !optional(&s) && !optional(&o) {
                out.push(fact(&["investigation", &s, &o]));
            }
        }
        "standards" => {
            let (s, t) = (canon(g("subject")), controlled(g("standard")));
            if !s.is_empty() && !t.is_empty() && !optional(&s) {
                out.push(fact(&["standard", &s, &t]));
            }
        }
        _ => {}
    }
    out
}

pub fn chars_from(s: &str, n: usize) -> String {
    s.chars().skip(n).collect()
}

/// score.py's `match`: true positives, half credit for a `--MM-DD` date against a full gold date.
pub fn matched(pred: &BTreeSet<Fact>, gold: &BTreeSet<Fact>) -> f64 {
    let mut tp = pred.intersection(gold).count() as f64;
    for f in pred.difference(gold) {
        if f[0] == "proceeding.date" && f[3].starts_with("--") {
            let half = gold.difference(pred).any(|g| {
                g[0] == f[0] && g[..3] == f[..3] && chars_from(&g[3], 4) == chars_from(&f[3], 1)
            });
            if half {
                tp += 0.5;
            }
        }
    }
    tp
}

/// score.py's `prf`: precision, recall and F1.
pub fn prf(tp: f64, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = match (predicted, gold) {
        (0, 0) => 1.0,
        (0, _) => 0.0,
        _ => tp / predicted as f64,
    };
    let r = if gold > 0 { tp / gold as f64 } else { 1.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// A fact as Python prints the tuple, for the explanations.
pub fn show(f: &Fact) -> String {
    let parts: Vec<String> = f
        .iter()
        .map(|s| {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        })
        .collect();
    format!("({})", parts.join(", "))
}

/// The rows of each view.
pub type Views = HashMap<&'static str, Vec<Row>>;

pub const IRI_STARTS: [&str; 3] = ["http://", "https://", "urn:"];

/// Rows of every view for one article, as score.py's `predict`, and the problems met.
/// `csv_of` ingests the article and answers each view as CSV; an `Err` from it is a failed
/// ingest, an `Err` for one view a failed query.
pub fn predict(
    csv_of: &dyn Fn(&Path) -> Fallible<Vec<Fallible<String>>>,
    article: &Path,
) -> Fallible<(Views, Vec<String>)> {
    let mut rows = HashMap::new();
    let mut problems = Vec::new();
    let answers = match csv_of(article) {
        Ok(answers) => answers,
        Err(e) => {
            problems.push(format!("ingest failed: {e:?}"));
            return Ok((
                VIEWS.iter().map(|(v, _)| (*v, Vec::new())).collect(),
                problems,
            ));
        }
    };
    for ((view, cols), csv) in VIEWS.into_iter().zip(answers) {
        let csv = match csv {
            Ok(csv) => csv,
            Err(e) => {
                problems.push(format!("query failed: {e:?}"));
                rows.insert(view, Vec::new());
                continue;
            }
        };
        let mut lines = parse_csv(&csv)?.into_iter().filter(|r| r != &[""]);
        let header = lines.next().unwrap_or_default();
        let table: Vec<Row> = lines
            .map(|r| header.iter().cloned().zip(r).collect())
            .collect();
        let lacking: Vec<&&str> = cols
            .iter()
            .filter(|c| !header.iter().any(|h| h == *c))
            .collect();
        if !table.is_empty() && !lacking.is_empty() {
            problems.push(format!("{view}.rq lacks columns {lacking:?}"));
        }
        let iri = |v: &String| IRI_STARTS.iter().any(|p| v.starts_with(p));
        if table.iter().any(|r| r.values().any(iri)) {
            problems.push(format!(
                "{view}.rq returns IRIs; the views return names and labels"
            ));
        }
        rows.insert(view, table);
    }
    Ok((rows, problems))
}

/// A gold row as score.py's `dict(zip(cols, r))`; a null cell is empty.
pub fn gold_row(cols: &[&str], cells: &serde_json::Value) -> Row {
    let cells = cells.as_array().map(Vec::as_slice).unwrap_or_default();
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    cols.iter()
        .zip(cells)
        .map(|(c, v)| ((*c).to_owned(), text(v)))
        .collect()
}

/// Totals of one view: true positives, predicted facts, gold facts.
pub type Totals = (f64, usize, usize);

/// Scores every article of a split; returns the per-view totals, the report in score.py's format,
/// and the explanations (missed and spurious facts per article, and any problems).
pub fn score_split(
    base: &Path,
    csv_of: &dyn Fn(&Path) -> Fallible<Vec<Fallible<String>>>,
) -> Fallible<(Vec<Totals>, String, String)> {
    let mut gold_files: Vec<String> = std::fs::read_dir(base.join("gold"))?
        .map(|e| Ok(e?.file_name().to_string_lossy().into_owned()))
        .collect::<Fallible<Vec<_>>>()?;
    gold_files.retain(|f| f.ends_with(".json"));
    gold_files.sort();
    assert!(
        !gold_files.is_empty(),
        "no gold files in {}",
        base.display()
    );
    let mut totals = vec![(0.0, 0, 0); VIEWS.len()];
    let mut explain = String::new();
    for file in &gold_files {
        let text = std::fs::read_to_string(base.join("gold").join(file))?;
        let gold: serde_json::Value = serde_json::from_str(&text)?;
        let names = Names::new(&gold)?;
        let article = (gold.get("article").and_then(|a| a.as_str()))
            .ok_or_else(|| fail(format!("{file}: no article")))?;
        let (rows, problems) = predict(csv_of, &base.join("articles").join(article))?;
        explain.push_str(&format!("== {article}\n"));
        for p in &problems {
            explain.push_str(&format!("! {article}: {p}\n"));
        }
        let mut lines = Vec::new();
        for (i, (view, cols)) in VIEWS.iter().enumerate() {
            let gold_rows = gold.get(*view).and_then(|v| v.as_array());
            let g: BTreeSet<Fact> = (gold_rows.into_iter().flatten())
                .flat_map(|r| facts(view, &gold_row(cols, r), &names))
                .collect();
            let p: BTreeSet<Fact> = rows[view]
                .iter()
                .flat_map(|r| facts(view, r, &names))
                .collect();
            let t = &mut totals[i];
            t.0 += matched(&p, &g);
            t.1 += p.len();
            t.2 += g.len();
            lines.extend(g.difference(&p).map(|f| format!("  missed   {}", show(f))));
            lines.extend(p.difference(&g).map(|f| format!("  spurious {}", show(f))));
        }
        if lines.is_empty() {
            lines.push("  all facts match".to_owned());
        }
        explain.push_str(&(lines.join("\n") + "\n"));
    }
    let mut report = String::new();
    for ((view, _), &(tp, np, ng)) in VIEWS.iter().zip(&totals) {
        let (p, r, f) = prf(tp, np, ng);
        report.push_str(&format!(
            "{view:<15} F1 {f:.3} (P {p:.3} R {r:.3}) tp {tp} predicted {np} gold {ng}\n"
        ));
    }
    let (p, r, f) = overall(&totals);
    report.push_str(&format!("overall F1 {f:.3} (P {p:.3} R {r:.3})"));
    Ok((totals, report, explain))
}

pub fn overall(totals: &[Totals]) -> (f64, f64, f64) {
    let tp = totals.iter().map(|t| t.0).sum();
    prf(
        tp,
        totals.iter().map(|t| t.1).sum(),
        totals.iter().map(|t| t.2).sum(),
    )
}

/// A scored set of articles with gold, and the floors its overall figures must not fall below.
#[derive(Debug, Clone, Copy)]
pub struct Set {
    pub name: &'static str,
    /// Relative to the project's root; holds `articles/` and `gold/`.
    pub dir: &'static str,
    pub min_f1: f64,
    pub min_precision: f64,
}

/// Regression floors, set below the figures measured when they were last raised; raised towards
/// the measured values as extraction improves.
pub const TUNE: Set = Set {
    name: "tune",
    dir: "tests/devset/tune",
    min_f1: 0.96,
    min_precision: 0.975,
};
pub const HELDOUT: Set = Set {
    name: "heldout",
    dir: "tests/devset/heldout",
    min_f1: 0.89,
    min_precision: 0.94,
};
/// The forty real published articles beside the project, where that folder exists: their texts
/// belong to their publishers and are never copied here.
pub const REAL: Set = Set {
    name: "real",
    dir: "../shared/eval/real",
    min_f1: 0.915,
    min_precision: 0.955,
};

/// Scores a set against its floors with `csv_of` answering the views; returns what to print (the
/// table, and on failure the missed and spurious facts per article first) and the verdict. A set
/// whose folder is absent is skipped, said in one line.
pub fn check(
    set: Set,
    csv_of: &dyn Fn(&Path) -> Fallible<Vec<Fallible<String>>>,
) -> Fallible<(String, TestResult)> {
    let base = super::root().join(set.dir);
    if !base.join("gold").is_dir() {
        return Ok((
            format!("devset {}: skipped, {} is absent", set.name, base.display()),
            Ok(()),
        ));
    }
    let (totals, report, explain) = score_split(&base, csv_of)?;
    let (p, _, f) = overall(&totals);
    let problems = explain.lines().any(|l| l.starts_with('!'));
    let (name, min_f1, min_precision) = (set.name, set.min_f1, set.min_precision);
    if f >= min_f1 && p >= min_precision && !problems {
        return Ok((format!("== devset {name}\n{report}"), Ok(())));
    }
    let verdict = Err(fail(format!(
        "devset {name}: overall F1 {f:.3} (floor {min_f1}), P {p:.3} (floor {min_precision}), \
         an article failed to ingest or query: {problems}; the facts are printed above\n{report}"
    )));
    Ok((format!("== devset {name}\n{explain}{report}"), verdict))
}
