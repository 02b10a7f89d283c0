//! Writes a drawing as Graphviz DOT: petgraph's nodes and edges, each node labelled with its
//! name, ranks or date, finding and outcomes, a shape and colour per kind, the focus drawn bold,
//! and a legend of what the drawing shows.

use super::{Drawing, Node, NodeKind};
use crate::concepts::OrgKind;
use petgraph::dot::{Config, Dot};
use petgraph::graph::{EdgeReference, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

const FONT: &str = "Helvetica";
/// The focus's outline.
const FOCUS_COLOUR: &str = "red3";

impl NodeKind {
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

/// A DOT string: quoted, with `\n` for each line break.
fn quoted(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}

/// A node's attributes: its label (name, then ranks or date, finding and outcomes), shape and
/// colour; bold and red for the focus, dashed where the store has links the drawing leaves out.
fn node_attributes(node: &Node) -> String {
    let (shape, colour) = node.kind.style();
    let mut label = node.title();
    for detail in node.details.iter().filter(|d| !d.is_empty()) {
        label.push('\n');
        label.push_str(detail);
    }
    let mut style = vec!["filled"];
    if node.links_not_drawn > 0 {
        let plural = if node.links_not_drawn == 1 { "" } else { "s" };
        let _ = write!(
            label,
            "\n(+{} link{plural} not drawn)",
            node.links_not_drawn
        );
        style.push("dashed");
    }
    let mut attributes = format!(
        "label={} shape={shape} fillcolor={colour} tooltip={}",
        quoted(&label),
        quoted(&format!("{}: {}", node.kind.words(), node.iri)),
    );
    if node.focus {
        style.push("bold");
        let _ = write!(attributes, " penwidth=3 color={FOCUS_COLOUR}");
    }
    let _ = write!(attributes, " style={}", quoted(&style.join(",")));
    attributes
}

/// The legend: one entry per kind of node drawn, the focus, and the dashed outline.
fn legend(graph: &Drawing) -> String {
    let kinds: BTreeSet<NodeKind> = graph.node_weights().map(|n| n.kind).collect();
    let mut entries: Vec<(String, String)> = kinds
        .into_iter()
        .map(|kind| {
            let (shape, colour) = kind.style();
            let attributes = format!("shape={shape} style=filled fillcolor={colour}");
            (kind.words(), attributes)
        })
        .collect();
    if graph.node_weights().any(|n| n.focus) {
        entries.push((
            "the focus".into(),
            format!("shape=box style=\"bold\" penwidth=3 color={FOCUS_COLOUR}"),
        ));
    }
    if graph.node_weights().any(|n| n.links_not_drawn > 0) {
        entries.push((
            "dashed: has links\nnot drawn (not walked\nthrough from the focus)".into(),
            "shape=box style=\"dashed\"".into(),
        ));
    }
    let mut text = String::from(
        "  subgraph cluster_legend {\n    label=\"Legend\" style=rounded color=grey60 \
         fontsize=11\n    node [fontsize=9 width=0 height=0]\n",
    );
    for (i, (words, attributes)) in entries.iter().enumerate() {
        let _ = writeln!(
            text,
            "    legend_{i} [label={} {attributes}]",
            quoted(words)
        );
    }
    // Invisible edges stack the entries in one column.
    for i in 1..entries.len() {
        let _ = writeln!(text, "    legend_{} -> legend_{i} [style=invis]", i - 1);
    }
    text.push_str("  }\n");
    text
}

/// A dashed box around the proceedings one article reports together (one case), titled with the
/// article's headline.
fn cases(graph: &Drawing) -> String {
    let mut by_case: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    for i in graph.node_indices() {
        if let Some(case) = &graph[i].case {
            let entry = by_case
                .entry(case.article.as_str())
                .or_insert((case.title.as_str(), Vec::new()));
            entry.1.push(i.index());
        }
    }
    let mut text = String::new();
    let together = by_case.values().filter(|(_, members)| members.len() > 1);
    for (n, (title, members)) in together.enumerate() {
        let members: Vec<String> = members.iter().map(usize::to_string).collect();
        let _ = writeln!(
            text,
            "  subgraph cluster_case_{n} {{\n    label={} style=dashed color=grey60 fontsize=9\n    \
             {}\n  }}",
            quoted(&format!("one article: {title}")),
            members.join(" ")
        );
    }
    text
}

/// The drawing as DOT text, with `caption` (if any) as its title.
pub fn to_dot(graph: &Drawing, caption: Option<&str>) -> String {
    let node_attrs = |_: &Drawing, (_, node): (NodeIndex, &Node)| node_attributes(node);
    let edge_attrs = |_: &Drawing, e: EdgeReference<'_, super::Link>| {
        format!("label={}", quoted(e.weight().words()))
    };
    let body = Dot::with_attr_getters(
        graph,
        &[
            Config::EdgeNoLabel,
            Config::NodeNoLabel,
            Config::GraphContentOnly,
        ],
        &edge_attrs,
        &node_attrs,
    );
    let mut text = String::from("digraph {\n");
    let _ = writeln!(text, "  graph [fontname={FONT:?} labelloc=t]");
    if let Some(caption) = caption {
        let _ = writeln!(text, "  label={}", quoted(caption));
    }
    let _ = writeln!(text, "  node [fontname={FONT:?} fontsize=10]");
    let _ = writeln!(text, "  edge [fontname={FONT:?} fontsize=8 color=grey40]");
    let _ = write!(text, "{body:?}");
    text.push_str(&cases(graph));
    if graph.node_count() > 0 {
        text.push_str(&legend(graph));
    }
    text.push_str("}\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dot::Link;

    #[test]
    fn the_focus_stands_out_and_the_legend_names_the_kinds() {
        let mut g = Drawing::new();
        let mut a = Node::new("x:a".into(), "PC \"A\"".into(), NodeKind::Officer);
        a.focus = true;
        a.details.push("Police Constable".into());
        let a = g.add_node(a);
        let mut kent = Node::new(
            "x:kent".into(),
            "Kent Police".into(),
            NodeKind::Organisation(OrgKind::PoliceForce),
        );
        kent.links_not_drawn = 40;
        let kent = g.add_node(kent);
        g.add_edge(a, kent, Link::ServesIn);
        let dot = to_dot(&g, Some("Around PC A"));
        assert!(dot.starts_with("digraph {\n"), "{dot}");
        assert!(
            dot.contains(r#"label="PC \"A\"\nPolice Constable""#),
            "{dot}"
        );
        assert!(dot.contains("penwidth=3 color=red3"), "{dot}");
        assert!(dot.contains(r#"(+40 links not drawn)"#), "{dot}");
        assert!(dot.contains(r#"label="serves in""#), "{dot}");
        assert!(dot.contains("cluster_legend"), "{dot}");
        assert!(dot.contains(r#"legend_1 [label="police force""#), "{dot}");
        assert!(dot.trim_end().ends_with('}'));
    }
}
