//! `policegraph dot`: the graph, or one person's or organisation's neighbourhood, as Graphviz
//! DOT.

use super::Outcome;
use super::output::write_output;
use crate::cli::DotArgs;
use crate::dot::{self, Choice, FocusRequest};
use crate::error::Error;
use crate::store::GraphStore;

/// How many of a focus name's namesakes are listed before the rest are counted.
const LISTED: usize = 30;

/// Draws the store's people, organisations and proceedings to stdout or `-o FILE`.
pub(super) fn draw(args: DotArgs) -> Result<Outcome, Error> {
    let store = GraphStore::open_read_only(&args.store.store)?;
    let mut graph = dot::read_graph(&store)?;
    let request = match (&args.focus_iri, &args.focus) {
        (Some(iri), _) => Some(FocusRequest::Iri(iri)),
        (None, Some(name)) => Some(FocusRequest::Name {
            name,
            article: args.article.as_deref(),
        }),
        (None, None) => None,
    };
    let mut caption = None;
    if let Some(request) = request {
        let start = match dot::choose(&graph, request, &store)? {
            Choice::One(start) => start,
            Choice::Several(candidates) => {
                for candidate in candidates.iter().take(LISTED) {
                    eprintln!("  {candidate}");
                }
                if candidates.len() > LISTED {
                    eprintln!("  ... and {} more", candidates.len() - LISTED);
                }
                return Err(Error::FocusAmbiguous {
                    name: args.focus.unwrap_or_default(),
                    count: candidates.len(),
                });
            }
        };
        let steps = if args.depth == 1 { "step" } else { "steps" };
        caption = Some(format!(
            "{}: {} {steps} around; organisations are drawn but not walked through",
            graph[start].title(),
            args.depth
        ));
        graph = dot::neighbourhood(&graph, start, args.depth);
    }
    dot::check_size(&graph, args.max_nodes, caption.is_some())?;
    let text = dot::to_dot(&graph, caption.as_deref());
    write_output(args.output.as_deref(), |out, name| {
        out.write_all(text.as_bytes())
            .map_err(|source| Error::Write {
                path: name.to_owned(),
                source,
            })
    })?;
    Ok(Outcome::Success)
}
