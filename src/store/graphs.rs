//! The store graph by graph, as `push` sends it: the names of its named graphs, and each
//! graph's triples as sorted N-Triples lines (the same text for the same graph, so that its
//! hash says whether it changed), and what tells that the whole store has not changed since.

use super::GraphStore;
use crate::error::Error;
use oxigraph::model::{GraphNameRef, NamedOrBlankNode, Triple};

impl GraphStore {
    /// The names of the store's named graphs, sorted.
    pub fn named_graphs(&self) -> Result<Vec<NamedOrBlankNode>, Error> {
        let mut graphs = self
            .store
            .named_graphs()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.error(e))?;
        graphs.sort_unstable_by(|a, b| a.as_str_key().cmp(b.as_str_key()));
        Ok(graphs)
    }

    /// Calls `each` with every triple of one graph (the default graph, or a named one).
    pub fn for_each_triple(
        &self,
        graph: GraphNameRef<'_>,
        mut each: impl FnMut(Triple),
    ) -> Result<(), Error> {
        for quad in self.store.quads_for_pattern(None, None, None, Some(graph)) {
            each(quad.map_err(|e| self.error(e))?.into());
        }
        Ok(())
    }

    /// One graph as N-Triples lines, sorted (each ends with ` .`).
    pub fn graph_lines(&self, graph: GraphNameRef<'_>) -> Result<Vec<String>, Error> {
        let mut lines = Vec::new();
        self.for_each_triple(graph, |triple| lines.push(format!("{triple} .")))?;
        lines.sort_unstable();
        Ok(lines)
    }

    /// What identifies the store's contents as the last writer left them, or `None` if that
    /// cannot be told: RocksDB's identity of the database (a random id written when it was
    /// created) and the seal (every table file and its size, written after a clean close; see
    /// [`super::seal`]). Table files never change once written and their numbers are never
    /// reused, and a writer removes the seal before it changes anything, so the same
    /// fingerprint means the same quads. A store without a seal (a writer killed, or one
    /// writing now) has none.
    pub fn fingerprint(&self) -> Option<String> {
        let identity = std::fs::read_to_string(self.path.join("IDENTITY")).ok()?;
        let seal = std::fs::read_to_string(self.path.join(super::seal::SEAL)).ok()?;
        if identity.trim().is_empty() || seal.trim().is_empty() {
            return None;
        }
        Some(crate::rdf::sha256_hex(format!("{identity}\n{seal}")))
    }
}

/// A graph name's text, for sorting.
trait StrKey {
    fn as_str_key(&self) -> &str;
}

impl StrKey for NamedOrBlankNode {
    fn as_str_key(&self) -> &str {
        match self {
            NamedOrBlankNode::NamedNode(n) => n.as_str(),
            NamedOrBlankNode::BlankNode(b) => b.as_str(),
        }
    }
}
