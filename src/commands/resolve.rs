//! `policegraph resolve`: a person's decisions on who is who. Each line of the file says that
//! two person nodes (IRIs, as `queries/ambiguous.rq` gives them) are one person (`same`) or two
//! (`different`). The decisions go into their own graph, `id:graph/decisions`, which ingesting
//! or re-ingesting articles never touches, so they survive both; `possibly-same.rq` and
//! `ambiguous.rq` leave decided pairs out.

use super::Outcome;
use crate::cli::ResolveArgs;
use crate::error::Error;
use crate::store::GraphStore;
use crate::vocab::{ID, pg};
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::sparql::QueryResults;

/// The graph the decisions are kept in.
pub fn decisions_graph() -> String {
    format!("{ID}graph/decisions")
}

/// What is wrong with a line of a decisions file.
#[derive(Debug, thiserror::Error)]
pub enum DecisionProblem {
    #[error("expected `same IRI IRI` or `different IRI IRI`")]
    Shape,
    #[error("`{0}`: expected `same` or `different`")]
    Verdict(String),
    #[error("`{word}` is not an IRI: {source}")]
    NotAnIri {
        word: String,
        #[source]
        source: oxigraph::model::IriParseError,
    },
    #[error("a person is always the same as themselves")]
    SamePerson,
    #[error("contradicts line {0}: the same pair decided both ways")]
    Contradicts(usize),
    #[error("{0} is no person in the store")]
    NoPerson(NamedNode),
}

/// One line of a decisions file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decision {
    same: bool,
    first: NamedNode,
    second: NamedNode,
    line: usize,
}

pub(super) fn resolve(args: ResolveArgs) -> Result<Outcome, Error> {
    let location = args.decisions.display().to_string();
    let text = std::fs::read_to_string(&args.decisions).map_err(|source| Error::ReadQuery {
        path: args.decisions.clone(),
        source,
    })?;
    let decisions = parse(&text, &location)?;
    let path = &args.store.store;
    if !path.join("CURRENT").exists() {
        return Err(Error::NoStore { path: path.clone() });
    }
    let store = GraphStore::open(path)?;
    for d in &decisions {
        for person in [&d.first, &d.second] {
            if !is_person(&store, person)? {
                return Err(Error::Decision {
                    location: format!("{location}:{}", d.line),
                    problem: DecisionProblem::NoPerson(person.clone()),
                });
            }
        }
    }
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(decisions_graph()));
    let quads: Vec<Quad> = decisions
        .iter()
        .map(|d| {
            let predicate = if d.same {
                pg::DECIDED_SAME_AS
            } else {
                pg::DECIDED_DIFFERENT_FROM
            };
            Quad::new(
                d.first.clone(),
                NamedNode::new_unchecked(predicate),
                d.second.clone(),
                graph.clone(),
            )
        })
        .collect();
    store.replace_decisions(&quads)?;
    store.close()?;
    eprintln!(
        "{} decision{} recorded in {}",
        quads.len(),
        if quads.len() == 1 { "" } else { "s" },
        args.store.store.display()
    );
    Ok(Outcome::Success)
}

/// Reads the decisions, refusing the whole file at its first bad line (nothing is recorded).
fn parse(text: &str, location: &str) -> Result<Vec<Decision>, Error> {
    let mut out: Vec<Decision> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let fail = |problem: DecisionProblem| Error::Decision {
            location: format!("{location}:{line_number}"),
            problem,
        };
        let words: Vec<&str> = line.split_whitespace().collect();
        let [verdict, first, second] = words[..] else {
            return Err(fail(DecisionProblem::Shape));
        };
        let same = match verdict {
            "same" => true,
            "different" => false,
            other => return Err(fail(DecisionProblem::Verdict(other.to_owned()))),
        };
        let iri = |word: &str| {
            let bare = word.trim_start_matches('<').trim_end_matches('>');
            NamedNode::new(bare).map_err(|source| {
                fail(DecisionProblem::NotAnIri {
                    word: word.to_owned(),
                    source,
                })
            })
        };
        let (first, second) = (iri(first)?, iri(second)?);
        if first == second {
            return Err(fail(DecisionProblem::SamePerson));
        }
        let pair = |d: &Decision| {
            (d.first == first && d.second == second) || (d.first == second && d.second == first)
        };
        if let Some(earlier) = out.iter().find(|d| pair(d) && d.same != same) {
            return Err(fail(DecisionProblem::Contradicts(earlier.line)));
        }
        out.push(Decision {
            same,
            first,
            second,
            line: line_number,
        });
    }
    Ok(out)
}

fn is_person(store: &GraphStore, iri: &NamedNode) -> Result<bool, Error> {
    let ask = format!("ASK {{ {iri} a <http://xmlns.com/foaf/0.1/Person> }}");
    match store.query(&ask, "resolve")? {
        QueryResults::Boolean(b) => Ok(b),
        _ => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_and_bad_ones_named() {
        let text = "# decided on 2 December\nsame <https://e.org/a> https://e.org/b\n\ndifferent https://e.org/a https://e.org/c # not him\n";
        let decisions = parse(text, "d.txt").unwrap_or_default();
        assert_eq!(decisions.len(), 2);
        assert!(decisions[0].same && !decisions[1].same);
        assert_eq!(decisions[1].line, 4);
        let error = parse("same https://e.org/a\n", "d.txt")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("d.txt:1: expected `same IRI IRI` or `different IRI IRI`")
        );
        let error = parse("same a b\ndifferent b a\n", "d.txt").err();
        assert!(error.is_some());
        let error = parse("maybe https://e.org/a https://e.org/b", "d.txt").err();
        assert!(error.is_some_and(|e| e.to_string().contains("`maybe`")));
    }
}
