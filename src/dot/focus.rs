//! The focus of a drawing: choosing the one person or organisation a name (or IRI) means, and
//! keeping what a reader can take in around it, the hubs (a force, the IOPC) drawn but not
//! walked through.

use super::read::{Article, read_articles};
use super::{Drawing, Link, NodeKind, find_iri};
use crate::error::Error;
use crate::store::GraphStore;
use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A person or proceeding with more links than this, other than the focus, is drawn but not
/// walked through: a chair of many hearings or a spokesman quoted everywhere links cases that
/// have nothing else in common.
pub const HUB_LINKS: usize = 12;

/// What `--focus`, `--article` and `--focus-iri` ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FocusRequest<'a> {
    /// The person or organisation with this name (or a unique part of it), among those the
    /// article with this URL or IRI mentions if one is given.
    Name {
        name: &'a str,
        article: Option<&'a str>,
    },
    /// The node with this IRI.
    Iri(&'a str),
}

/// One of several people or organisations a focus name matches, described well enough to tell
/// them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub iri: String,
    /// The name, qualified by force or parent where others share it.
    pub title: String,
    pub kind: NodeKind,
    /// Ranks or titles.
    pub details: Vec<String>,
    /// How many articles mention it.
    pub articles: usize,
    /// The URL (or file) of the first of them, with its headline.
    pub example: Option<String>,
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}  {}, {}", self.iri, self.title, self.kind.words())?;
        for detail in &self.details {
            write!(f, ", {detail}")?;
        }
        let plural = if self.articles == 1 { "" } else { "s" };
        write!(f, "; {} article{plural}", self.articles)?;
        if let Some(example) = &self.example {
            write!(f, ", e.g. {example}")?;
        }
        Ok(())
    }
}

/// Which node a focus request takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    One(NodeIndex),
    /// The name matches these, sorted by name; the caller asks the user to choose.
    Several(Vec<Candidate>),
}

fn normalised(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The people and organisations whose name (or qualified name) is `name`, or else contains it.
fn matches(graph: &Drawing, name: &str) -> Vec<NodeIndex> {
    let wanted = normalised(name);
    let named: Vec<(NodeIndex, String, String)> = graph
        .node_indices()
        .filter(|&i| graph[i].kind.is_named())
        .map(|i| (i, normalised(&graph[i].name), normalised(&graph[i].title())))
        .collect();
    let exact: Vec<NodeIndex> = named
        .iter()
        .filter(|(_, name, title)| *name == wanted || *title == wanted)
        .map(|(i, ..)| *i)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    named
        .iter()
        .filter(|(_, name, title)| name.contains(&wanted) || title.contains(&wanted))
        .map(|(i, ..)| *i)
        .collect()
}

/// The articles an `--article` value names: by IRI, URL or the place it was read from.
fn article_iris(articles: &BTreeMap<String, Article>, wanted: &str) -> BTreeSet<String> {
    articles
        .iter()
        .filter(|(iri, a)| {
            *iri == wanted
                || a.url.as_deref() == Some(wanted)
                || a.location.as_deref() == Some(wanted)
        })
        .map(|(iri, _)| iri.clone())
        .collect()
}

/// Takes the node a request names, or lists the candidates when a name matches several.
pub fn choose(
    graph: &Drawing,
    request: FocusRequest<'_>,
    store: &GraphStore,
) -> Result<Choice, Error> {
    let (name, article) = match request {
        FocusRequest::Iri(iri) => {
            return find_iri(graph, iri)
                .filter(|&i| graph[i].kind.is_named())
                .map(Choice::One)
                .ok_or_else(|| Error::FocusIriNotFound { iri: iri.into() });
        }
        FocusRequest::Name { name, article } => (name, article),
    };
    let mut found = matches(graph, name);
    let mut articles = None;
    if let Some(wanted) = article {
        let all = read_articles(store)?;
        let iris = article_iris(&all, wanted);
        if iris.is_empty() {
            return Err(Error::FocusArticleNotFound {
                article: wanted.into(),
            });
        }
        found.retain(|&i| !graph[i].articles.is_disjoint(&iris));
        articles = Some(all);
    }
    match found.as_slice() {
        [] => Err(Error::FocusNotFound {
            name: name.into(),
            article: article.map(str::to_owned),
        }),
        [one] => Ok(Choice::One(*one)),
        several => {
            let articles = match articles {
                Some(all) => all,
                None => read_articles(store)?,
            };
            let mut candidates: Vec<Candidate> = several
                .iter()
                .map(|&i| candidate(graph, i, &articles))
                .collect();
            candidates.sort_by(|a, b| (&a.title, a.kind, &a.iri).cmp(&(&b.title, b.kind, &b.iri)));
            Ok(Choice::Several(candidates))
        }
    }
}

fn candidate(graph: &Drawing, i: NodeIndex, articles: &BTreeMap<String, Article>) -> Candidate {
    let node = &graph[i];
    let example = node
        .articles
        .iter()
        .find_map(|iri| articles.get(iri))
        .and_then(|a| {
            let address = a.address()?;
            Some(match &a.headline {
                Some(headline) => format!("{address} (\"{headline}\")"),
                None => address.to_owned(),
            })
        });
    Candidate {
        iri: node.iri.clone(),
        title: node.title(),
        kind: node.kind,
        details: node.details.clone(),
        articles: node.articles.len(),
        example,
    }
}

/// The links a walk follows out of a node: all of the focus's; only "part of" out of any other
/// organisation (so a unit shows its force, but a force does not bring in everyone who serves
/// in it); none out of a person or proceeding with more than [`HUB_LINKS`] links.
fn walked(graph: &Drawing, n: NodeIndex, start: NodeIndex) -> Vec<NodeIndex> {
    let out = graph.edges_directed(n, Direction::Outgoing);
    let into = graph.edges_directed(n, Direction::Incoming);
    if n == start {
        return out
            .map(|e| e.target())
            .chain(into.map(|e| e.source()))
            .collect();
    }
    if graph[n].kind.is_organisation() {
        return out
            .filter(|e| *e.weight() == Link::PartOf)
            .map(|e| e.target())
            .collect();
    }
    if graph.edges_directed(n, Direction::Outgoing).count()
        + graph.edges_directed(n, Direction::Incoming).count()
        > HUB_LINKS
    {
        return Vec::new();
    }
    out.map(|e| e.target())
        .chain(into.map(|e| e.source()))
        .collect()
}

/// What lies within `depth` steps of `start`, hubs drawn but not walked through; the focus is
/// marked, and each node counts the links of the store the drawing leaves out.
pub fn neighbourhood(graph: &Drawing, start: NodeIndex, depth: usize) -> Drawing {
    let mut cases: BTreeMap<&str, Vec<NodeIndex>> = BTreeMap::new();
    for i in graph.node_indices() {
        if let Some(case) = &graph[i].case {
            cases.entry(case.article.as_str()).or_default().push(i);
        }
    }
    // A breadth-first walk in which a step to a proceeding of the same case costs nothing: the
    // queue holds the nearest first, and a node found nearer again is walked again.
    let mut distance: BTreeMap<NodeIndex, usize> = BTreeMap::from([(start, 0)]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let d = distance[&n];
        // Only where there is a step left to draw whom they are against.
        let siblings = graph[n]
            .case
            .as_ref()
            .filter(|_| d < depth)
            .and_then(|c| cases.get(c.article.as_str()));
        for &sibling in siblings.into_iter().flatten() {
            if distance.get(&sibling).is_none_or(|&old| old > d) {
                distance.insert(sibling, d);
                queue.push_front(sibling);
            }
        }
        if d == depth {
            continue;
        }
        for next in walked(graph, n, start) {
            if distance.get(&next).is_none_or(|&old| old > d + 1) {
                distance.insert(next, d + 1);
                queue.push_back(next);
            }
        }
    }
    graph.filter_map(
        |i, node| {
            distance.contains_key(&i).then(|| {
                let mut node = node.clone();
                node.focus = i == start;
                node.links_not_drawn = graph
                    .edges_directed(i, Direction::Outgoing)
                    .map(|e| e.target())
                    .chain(
                        graph
                            .edges_directed(i, Direction::Incoming)
                            .map(|e| e.source()),
                    )
                    .filter(|other| !distance.contains_key(other))
                    .count();
                node
            })
        },
        |_, link| Some(*link),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::concepts::OrgKind;
    use crate::dot::Node;

    fn node(name: &str, kind: NodeKind) -> Node {
        Node::new(format!("x:{name}"), name.into(), kind)
    }

    #[test]
    fn a_force_is_drawn_but_not_walked_through() {
        let mut g = Drawing::new();
        let a = g.add_node(node("PC A", NodeKind::Officer));
        let force = g.add_node(node(
            "Kent Police",
            NodeKind::Organisation(OrgKind::PoliceForce),
        ));
        let unit = g.add_node(node(
            "Roads Policing Unit",
            NodeKind::Organisation(OrgKind::Unit),
        ));
        let b = g.add_node(node("PC B", NodeKind::Officer));
        let hearing = g.add_node(node("misconduct hearing", NodeKind::Proceeding));
        let c = g.add_node(node("PC C", NodeKind::Officer));
        g.add_edge(a, unit, Link::ServesIn);
        g.add_edge(unit, force, Link::PartOf);
        g.add_edge(b, force, Link::ServesIn);
        g.add_edge(hearing, a, Link::Against);
        g.add_edge(hearing, c, Link::Against);
        let drawn = neighbourhood(&g, a, 3);
        let names: BTreeSet<&str> = drawn.node_weights().map(|n| n.name.as_str()).collect();
        assert_eq!(
            names,
            BTreeSet::from([
                "PC A",
                "Roads Policing Unit",
                "Kent Police",
                "misconduct hearing",
                "PC C"
            ])
        );
        let kent = drawn.node_weights().find(|n| n.name == "Kent Police");
        assert_eq!(kent.map(|n| n.links_not_drawn), Some(1));
        assert_eq!(drawn.node_weights().filter(|n| n.focus).count(), 1);
        // The force itself as the focus brings in who serves in it.
        assert_eq!(neighbourhood(&g, force, 1).node_count(), 3);
    }
}
