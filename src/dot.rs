//! DOT: reads people, organisations and proceedings from the store into a petgraph graph and
//! writes it as Graphviz DOT, with names for labels and a shape and colour per kind. `focus`
//! keeps the neighbourhood of one person or organisation.

use crate::concepts::OrgKind;
use crate::error::Error;
use crate::store::GraphStore;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};
use petgraph::dot::{Config, Dot};
use petgraph::graph::{Graph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A node of the drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub kind: NodeKind,
}

/// What a node stands for, which sets its shape and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Officer,
    Person,
    Organisation(OrgKind),
    Proceeding,
}

impl NodeKind {
    /// Reads the `?kind` a row of [`NODES`] gives: a word, or an organisation kind's IRI.
    fn of(kind: &str) -> Self {
        match kind {
            "officer" => NodeKind::Officer,
            "person" => NodeKind::Person,
            "proceeding" => NodeKind::Proceeding,
            iri => NodeKind::Organisation(OrgKind::from_iri(iri).unwrap_or(OrgKind::Other)),
        }
    }

    /// The kind in words, as the drawing's tooltip shows it.
    fn words(self) -> String {
        match self {
            NodeKind::Officer => "officer".into(),
            NodeKind::Person => "person".into(),
            NodeKind::Proceeding => "proceeding".into(),
            NodeKind::Organisation(kind) => kind.slug().replace('-', " "),
        }
    }

    fn style(self) -> (&'static str, &'static str) {
        match self {
            NodeKind::Officer => ("box", "lightblue"),
            NodeKind::Person => ("ellipse", "lightgrey"),
            NodeKind::Proceeding => ("note", "white"),
            NodeKind::Organisation(kind) => match kind {
                OrgKind::PoliceForce => ("box3d", "gold"),
                OrgKind::Command | OrgKind::Unit | OrgKind::Directorate => ("component", "khaki"),
                OrgKind::Watchdog | OrgKind::Inspectorate => ("hexagon", "salmon"),
                OrgKind::Prosecutor => ("hexagon", "plum"),
                OrgKind::Court => ("house", "pink"),
                OrgKind::ProfessionalBody
                | OrgKind::PoliceStation
                | OrgKind::NewsOrganisation
                | OrgKind::Other => ("oval", "palegreen"),
            },
        }
    }
}

const NODES: &str = r#"
PREFIX pg: <https://w3id.org/policegraph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?n ?label ?kind WHERE {
  {
    ?n a foaf:Person ; foaf:name ?label .
    OPTIONAL { ?n a pg:PoliceOfficer . BIND("officer" AS ?officer) }
    BIND(COALESCE(?officer, "person") AS ?kind)
  } UNION {
    ?n pg:mentionedIn ?article ; skos:prefLabel ?label ; pg:organisationKind ?kind .
  } UNION {
    ?n a pg:Proceeding ; pg:proceedingKind/skos:prefLabel ?kindLabel .
    OPTIONAL { ?n pg:date ?date }
    OPTIONAL { SELECT ?n (GROUP_CONCAT(?o; separator=", ") AS ?outcomes)
               WHERE { ?n pg:outcome/skos:prefLabel ?o } GROUP BY ?n }
    BIND(CONCAT(?kindLabel,
                IF(BOUND(?date), CONCAT("\n", STR(?date)), ""),
                IF(BOUND(?outcomes), CONCAT("\n", ?outcomes), "")) AS ?label)
    BIND("proceeding" AS ?kind)
  }
}"#;

const EDGES: &str = r#"
PREFIX pg: <https://w3id.org/policegraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { org:memberOf org:subOrganizationOf pg:investigatedBy pg:referredTo pg:fileSubmittedTo
              pg:subject pg:chair pg:court }
  ?s ?p ?o .
}"#;

fn edge_label(predicate: &str) -> &'static str {
    match predicate.rsplit(['#', '/']).next().unwrap_or_default() {
        "memberOf" => "serves in",
        "subOrganizationOf" => "part of",
        "investigatedBy" => "investigated by",
        "referredTo" => "referred to",
        "fileSubmittedTo" => "file sent to",
        "subject" => "against",
        "chair" => "chaired by",
        "court" => "heard at",
        _ => "",
    }
}

fn text(term: Option<&Term>) -> String {
    match term {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

/// The rows of one of the drawing's queries.
fn rows(store: &GraphStore, sparql: &str, name: &str) -> Result<Vec<QuerySolution>, Error> {
    let QueryResults::Solutions(solutions) = store.query(sparql, name)? else {
        return Ok(Vec::new());
    };
    solutions
        .map(|row| {
            row.map_err(|source| Error::Query {
                query: name.into(),
                source,
            })
        })
        .collect()
}

/// Reads the drawable graph from the store.
pub fn read_graph(store: &GraphStore) -> Result<Graph<Node, &'static str>, Error> {
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    for row in rows(store, NODES, "dot nodes")? {
        let iri = text(row.get("n"));
        nodes.entry(iri.clone()).or_insert(Node {
            iri,
            label: text(row.get("label")),
            kind: NodeKind::of(&text(row.get("kind"))),
        });
    }
    let mut edges: BTreeSet<(String, &'static str, String)> = BTreeSet::new();
    for row in rows(store, EDGES, "dot edges")? {
        let (s, o) = (text(row.get("s")), text(row.get("o")));
        if nodes.contains_key(&s) && nodes.contains_key(&o) {
            edges.insert((s, edge_label(&text(row.get("p"))), o));
        }
    }
    let mut graph = Graph::new();
    let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
    for (iri, node) in nodes {
        index.insert(iri, graph.add_node(node));
    }
    for (s, label, o) in edges {
        if let (Some(&a), Some(&b)) = (index.get(&s), index.get(&o)) {
            graph.add_edge(a, b, label);
        }
    }
    Ok(graph)
}

/// Keeps the nodes within `depth` steps (either direction) of the one person or organisation
/// whose name is, or uniquely contains, `name`.
pub fn focus(
    graph: &Graph<Node, &'static str>,
    name: &str,
    depth: usize,
) -> Result<Graph<Node, &'static str>, Error> {
    let wanted = name.to_lowercase();
    let candidates: Vec<NodeIndex> = graph
        .node_indices()
        .filter(|&i| {
            graph[i].kind != NodeKind::Proceeding && graph[i].label.to_lowercase().contains(&wanted)
        })
        .collect();
    let exact: Vec<NodeIndex> = candidates
        .iter()
        .copied()
        .filter(|&i| graph[i].label.to_lowercase() == wanted)
        .collect();
    let start = match (exact.as_slice(), candidates.as_slice()) {
        ([one], _) | ([], [one]) => *one,
        (_, []) => {
            return Err(Error::FocusNotFound {
                name: name.to_owned(),
            });
        }
        _ => {
            let names: BTreeSet<&str> = candidates
                .iter()
                .map(|&i| graph[i].label.as_str())
                .collect();
            return Err(Error::FocusAmbiguous {
                name: name.to_owned(),
                candidates: names.into_iter().map(str::to_owned).collect(),
            });
        }
    };
    let mut distance: BTreeMap<NodeIndex, usize> = BTreeMap::from([(start, 0)]);
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        let d = distance[&n];
        if d == depth {
            continue;
        }
        for neighbour in graph.neighbors_undirected(n) {
            if let std::collections::btree_map::Entry::Vacant(slot) = distance.entry(neighbour) {
                slot.insert(d + 1);
                queue.push_back(neighbour);
            }
        }
    }
    Ok(graph.filter_map(
        |i, n| distance.contains_key(&i).then(|| n.clone()),
        |_, e| Some(*e),
    ))
}

/// The graph as DOT text.
pub fn to_dot(graph: &Graph<Node, &'static str>) -> String {
    let node_attrs = |_: &Graph<Node, &'static str>, (_, node): (NodeIndex, &Node)| {
        let (shape, colour) = node.kind.style();
        let label = node
            .label
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n");
        format!(
            "label=\"{label}\" shape={shape} style=filled fillcolor={colour} tooltip=\"{}\"",
            node.kind.words()
        )
    };
    let edge_attrs = |_: &Graph<Node, &'static str>,
                      e: petgraph::graph::EdgeReference<'_, &'static str>| {
        format!("label=\"{}\"", e.weight())
    };
    let dot = Dot::with_attr_getters(
        graph,
        &[Config::EdgeNoLabel, Config::NodeNoLabel],
        &edge_attrs,
        &node_attrs,
    );
    format!("{dot:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_keeps_the_neighbourhood() -> Result<(), Error> {
        let mut g: Graph<Node, &'static str> = Graph::new();
        let node = |label: &str, kind: NodeKind| Node {
            iri: label.into(),
            label: label.into(),
            kind,
        };
        let a = g.add_node(node("PC A", NodeKind::Officer));
        let force = NodeKind::Organisation(OrgKind::PoliceForce);
        let met = g.add_node(node("Metropolitan Police Service", force));
        let far = g.add_node(node("Far Away", NodeKind::Person));
        let hearing = g.add_node(node("misconduct hearing", NodeKind::Proceeding));
        g.add_edge(a, met, "serves in");
        g.add_edge(hearing, a, "against");
        g.add_edge(far, met, "serves in");
        let focused = focus(&g, "pc a", 1)?;
        let labels: BTreeSet<String> = focused.node_weights().map(|n| n.label.clone()).collect();
        assert_eq!(
            labels,
            BTreeSet::from([
                "PC A".to_owned(),
                "Metropolitan Police Service".into(),
                "misconduct hearing".into()
            ])
        );
        assert!(focus(&g, "nobody", 1).is_err());
        let dot = to_dot(&focused);
        assert!(dot.contains("label=\"serves in\""));
        assert!(dot.contains("shape=box3d"));
        Ok(())
    }
}
