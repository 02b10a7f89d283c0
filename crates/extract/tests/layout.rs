//! The extraction passes depend on the shared model (`extract/model.rs`), not on each other in
//! circles: the model imports no other pass, and no two passes import each other, directly or
//! through others. Read from the sources, so that a new import cannot escape the check.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each extraction file's sibling imports (`super::x`), outside its tests.
fn imports() -> Result<BTreeMap<String, BTreeSet<String>>, Box<dyn std::error::Error>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&folder)? {
        let path = entry?.path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if name == "mod" {
            continue;
        }
        let source = std::fs::read_to_string(&path)?;
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        let mut uses = BTreeSet::new();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (at, _) in line.match_indices("super::") {
                let rest = &line[at + "super::".len()..];
                let module: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !module.is_empty() && module != "super" {
                    uses.insert(module);
                }
            }
        }
        out.insert(name.to_owned(), uses);
    }
    Ok(out)
}

#[test]
fn the_model_is_a_leaf_and_the_passes_import_no_cycle() -> Result<(), Box<dyn std::error::Error>> {
    let graph = imports()?;
    assert!(graph.len() > 10, "read only {:?}", graph.keys());
    assert_eq!(
        graph.get("model"),
        Some(&BTreeSet::new()),
        "model.rs imports a pass"
    );
    // Depth-first search for a cycle, naming it.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Result<(), String> {
        if let Some(at) = path.iter().position(|p| p == node) {
            return Err(format!("{} -> {node}", path[at..].join(" -> ")));
        }
        if done.contains(node) {
            return Ok(());
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done)?;
        }
        path.pop();
        done.insert(node.to_owned());
        Ok(())
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done)
            .map_err(|cycle| format!("extraction files import each other: {cycle}"))?;
    }
    Ok(())
}
