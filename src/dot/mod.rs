//! DOT: the picture of the store. Reads people, organisations and proceedings into a petgraph
//! graph ([`read`]), keeps one person's or organisation's neighbourhood without walking through
//! the organisations that link everyone ([`focus`]), refuses a drawing too large for Graphviz
//! ([`check_size`]) and writes Graphviz DOT with a legend ([`write`]). The last arrow of the
//! data flow, beside the SPARQL views.

mod focus;
mod read;
mod write;

pub use focus::{Candidate, Choice, FocusRequest, choose, neighbourhood};
pub use read::{Article, read_articles, read_graph};
pub use write::to_dot;

use crate::concepts::OrgKind;
use crate::error::Error;
use crate::vocab::{pg, w3c};
use petgraph::graph::{Graph, NodeIndex};
use std::collections::BTreeSet;

/// The graph a drawing is made from.
pub type Drawing = Graph<Node, Link>;

/// The largest drawing `dot` writes unless told otherwise. Graphviz's time grows much faster
/// than the drawing: on bench stores `dot -Tsvg` took 1.1 s of CPU for 1,096 nodes, 7 s for
/// 2,052, and more than ten minutes for the 6,250 of the 1,000-article store.
pub const DEFAULT_MAX_NODES: usize = 1000;

/// A node of the drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub iri: String,
    /// A person's name, an organisation's label or a proceeding's kind.
    pub name: String,
    pub kind: NodeKind,
    /// The lines under the name: a person's ranks (or job titles); a proceeding's dates,
    /// finding and outcomes.
    pub details: Vec<String>,
    /// What tells the node apart from others of the same name (an organisation's parent, the
    /// forces a person serves in), set only where the name alone is ambiguous.
    pub qualifier: Option<String>,
    /// The articles that mention it (their IRIs).
    pub articles: BTreeSet<String>,
    /// A proceeding's case: the article that reports it, with the proceedings of the others
    /// the same article reports (and its headline or address, for the drawing).
    pub case: Option<Case>,
    /// Links in the store that the drawing leaves out (an organisation a focus does not walk
    /// through).
    pub links_not_drawn: usize,
    /// The node the drawing is about.
    pub focus: bool,
}

impl Node {
    fn new(iri: String, name: String, kind: NodeKind) -> Self {
        Node {
            iri,
            name,
            kind,
            details: Vec::new(),
            qualifier: None,
            articles: BTreeSet::new(),
            case: None,
            links_not_drawn: 0,
            focus: false,
        }
    }

    /// The name as drawn: with its qualifier in brackets where the name alone is ambiguous,
    /// e.g. "Roads Policing Unit (Kent Police)".
    pub fn title(&self) -> String {
        match &self.qualifier {
            Some(q) => format!("{} ({q})", self.name),
            None => self.name.clone(),
        }
    }
}

/// The article a proceeding comes from: the proceedings of one article are one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub article: String,
    /// The article's headline, else its URL or file.
    pub title: String,
}

/// What a node stands for, which sets its shape and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    Officer,
    Person,
    Organisation(OrgKind),
    Proceeding,
}

impl NodeKind {
    /// The kind in words, as the legend, the tooltips and the list of namesakes give it.
    pub fn words(self) -> String {
        match self {
            NodeKind::Officer => "officer".into(),
            NodeKind::Person => "person".into(),
            NodeKind::Proceeding => "proceeding".into(),
            NodeKind::Organisation(kind) => kind.slug().replace('-', " "),
        }
    }

    /// A person or an organisation, as against a proceeding.
    fn is_named(self) -> bool {
        self != NodeKind::Proceeding
    }

    fn is_organisation(self) -> bool {
        matches!(self, NodeKind::Organisation(_))
    }
}

/// What an edge of the drawing says, one per predicate drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    ServesIn,
    PartOf,
    InvestigatedBy,
    ReferredTo,
    FileSentTo,
    Against,
    ChairedBy,
    HeardAt,
}

impl Link {
    /// Every link, in the order the drawing reads them.
    pub const ALL: [Link; 8] = [
        Link::ServesIn,
        Link::PartOf,
        Link::InvestigatedBy,
        Link::ReferredTo,
        Link::FileSentTo,
        Link::Against,
        Link::ChairedBy,
        Link::HeardAt,
    ];

    /// The predicate the link draws.
    pub fn predicate(self) -> &'static str {
        match self {
            Link::ServesIn => w3c::ORG_MEMBER_OF,
            Link::PartOf => w3c::ORG_SUB_ORGANIZATION_OF,
            Link::InvestigatedBy => pg::INVESTIGATED_BY,
            Link::ReferredTo => pg::REFERRED_TO,
            Link::FileSentTo => pg::FILE_SUBMITTED_TO,
            Link::Against => pg::SUBJECT,
            Link::ChairedBy => pg::CHAIR,
            Link::HeardAt => pg::COURT,
        }
    }

    /// The edge's label.
    pub fn words(self) -> &'static str {
        match self {
            Link::ServesIn => "serves in",
            Link::PartOf => "part of",
            Link::InvestigatedBy => "investigated by",
            Link::ReferredTo => "referred to",
            Link::FileSentTo => "file sent to",
            Link::Against => "against",
            Link::ChairedBy => "chaired by",
            Link::HeardAt => "heard at",
        }
    }
}

/// Refuses a drawing with more than `max_nodes` nodes, with advice: Graphviz would take minutes
/// or hours over it, and no reader could take it in.
pub fn check_size(graph: &Drawing, max_nodes: usize, focused: bool) -> Result<(), Error> {
    if graph.node_count() <= max_nodes {
        return Ok(());
    }
    Err(Error::DrawingTooLarge {
        nodes: graph.node_count(),
        links: graph.edge_count(),
        limit: max_nodes,
        focused,
    })
}

/// The node with this IRI.
pub fn find_iri(graph: &Drawing, iri: &str) -> Option<NodeIndex> {
    graph.node_indices().find(|&i| graph[i].iri == iri)
}
