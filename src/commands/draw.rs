//! `policegraph dot`: the graph, or one name's neighbourhood, as Graphviz DOT.

use super::Outcome;
use super::output::write_output;
use crate::cli::DotArgs;
use crate::dot;
use crate::error::Error;
use crate::store::GraphStore;

/// Draws the store's people, organisations and proceedings to stdout or `-o FILE`.
pub(super) fn draw(args: DotArgs) -> Result<Outcome, Error> {
    let store = GraphStore::open_read_only(&args.store.store)?;
    let mut graph = dot::read_graph(&store)?;
    if let Some(name) = &args.focus {
        graph = dot::focus(&graph, name, args.depth)?;
    }
    let text = dot::to_dot(&graph);
    write_output(args.output.as_deref(), |out, name| {
        out.write_all(text.as_bytes())
            .map_err(|source| Error::Write {
                path: name.to_owned(),
                source,
            })
    })?;
    Ok(Outcome::Success)
}
