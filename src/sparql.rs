//! Running SPARQL, for `query` and for anything else that answers queries (a server): a query
//! parsed once into spargebra's algebra, `--bind` values that restrict what the query matches
//! and never replace what it computes, and a time limit that stops both the evaluation and the
//! writing of its results.

use crate::error::Error;
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, SparqlEvaluator,
};
use spargebra::algebra::{AggregateExpression, Expression, GraphPattern, OrderExpression};
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern};
use spargebra::{Query, SparqlParser};
use std::fmt;
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

/// How long a query may run (`--timeout SECONDS`): a positive number of seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeLimit(Duration);

impl TimeLimit {
    pub fn new(limit: Duration) -> Self {
        TimeLimit(limit)
    }

    pub fn duration(self) -> Duration {
        self.0
    }
}

impl FromStr for TimeLimit {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let seconds: f64 = text
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not a number of seconds"))?;
        Duration::try_from_secs_f64(seconds)
            .ok()
            .filter(|d| !d.is_zero())
            .map(TimeLimit)
            .ok_or_else(|| format!("{text:?}: a time limit is a positive number of seconds"))
    }
}

impl fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} s", self.0.as_secs_f64())
    }
}

/// A running time limit: a watchdog thread cancels the query's token when the limit passes,
/// which stops Oxigraph's evaluation at its next step; whoever writes the results checks
/// [`Deadline::check`] between rows. Dropping the deadline ends the watchdog.
pub struct Deadline {
    token: CancellationToken,
    limit: TimeLimit,
    _stop: mpsc::Sender<()>,
}

impl Deadline {
    /// Starts the clock.
    pub fn start(limit: TimeLimit) -> Self {
        let token = CancellationToken::new();
        let (stop, stopped) = mpsc::channel::<()>();
        let watched = token.clone();
        std::thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(limit.0) {
                watched.cancel();
            }
        });
        Deadline {
            token,
            limit,
            _stop: stop,
        }
    }

    /// The token to give the SPARQL evaluator.
    pub fn token(&self) -> CancellationToken {
        self.token.clone()
    }

    /// The time-limit error once the limit has passed.
    pub fn check(&self, query: &str) -> Result<(), Error> {
        if self.token.is_cancelled() {
            return Err(self.timeout(query));
        }
        Ok(())
    }

    /// An evaluation error of `query`: the time limit if the evaluation was cancelled.
    pub fn error(&self, query: &str, source: QueryEvaluationError) -> Error {
        match source {
            QueryEvaluationError::Cancelled => self.timeout(query),
            source => Error::Query {
                query: query.to_owned(),
                source,
            },
        }
    }

    fn timeout(&self, query: &str) -> Error {
        Error::QueryTimeout {
            query: query.to_owned(),
            limit: self.limit.to_string(),
        }
    }
}

/// What a query's results are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// SELECT: solutions.
    Select,
    /// ASK: true or false.
    Ask,
    /// CONSTRUCT or DESCRIBE: a graph.
    Graph,
}

/// A parsed query, with the values given for its variables.
pub struct BoundQuery {
    name: String,
    query: Query,
    /// Values the evaluation starts from (Oxigraph's substitution): for variables that every
    /// solution binds by matching, where a start value can only restrict, and for parameters
    /// the query only tests.
    start: Vec<(Variable, Term)>,
}

/// Parses a query with `parser`; `name` (its file, or `(inline)`) names it in errors. An
/// update is refused as an update, not as a syntax error.
pub fn parse_query(parser: SparqlParser, sparql: &str, name: &str) -> Result<Query, Error> {
    parser.clone().parse_query(sparql).map_err(|source| {
        if parser.parse_update(sparql).is_ok() {
            Error::UpdateNotSupported {
                query: name.to_owned(),
            }
        } else {
            Error::QuerySyntax {
                query: name.to_owned(),
                source,
            }
        }
    })
}

impl BoundQuery {
    /// Parses a query; `name` (its file, or `(inline)`) names it in errors. An update is refused.
    pub fn parse(sparql: &str, name: &str) -> Result<Self, Error> {
        let query = parse_query(SparqlParser::new(), sparql, name)?;
        Ok(BoundQuery {
            name: name.to_owned(),
            query,
            start: Vec::new(),
        })
    }

    /// The name errors give the query.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the query calls another endpoint (SERVICE) anywhere.
    pub fn calls_service(&self) -> bool {
        calls_service(&self.query)
    }

    /// What the query's results are.
    pub fn form(&self) -> QueryForm {
        match self.query {
            Query::Select { .. } => QueryForm::Select,
            Query::Ask { .. } => QueryForm::Ask,
            Query::Construct { .. } | Query::Describe { .. } => QueryForm::Graph,
        }
    }

    /// Keeps only the results where `variable` has `value` (a plain literal, or an IRI written
    /// `<...>`). A variable the query assigns (BIND, a select expression, an aggregate) or does
    /// not have is an error, as is one hidden inside a sub-query. Where every solution binds the
    /// variable by matching, or the query only tests it (a parameter, as in `FILTER(?x = ...)`),
    /// evaluation starts from the value, which is fast; where it may be left unbound (OPTIONAL,
    /// one side of a UNION), a filter drops the solutions without it.
    pub fn bind(&mut self, variable: &str, value: &str) -> Result<(), Error> {
        let bind_error = |reason: String| Error::Bind {
            query: self.name.clone(),
            variable: variable.to_owned(),
            reason,
        };
        let var = Variable::new(variable).map_err(|e| bind_error(e.to_string()))?;
        let term = parse_value(value).map_err(bind_error)?;
        let pattern = pattern_of(&self.query);
        let mut uses = Uses::default();
        uses.query(&self.query, &var);
        if !uses.mentioned {
            return Err(bind_error(format!("the query has no variable ?{variable}")));
        }
        if uses.assigned {
            return Err(bind_error(format!(
                "?{variable} is computed by the query (BIND or AS), not matched, so a value \
                 given for it would replace the query's own"
            )));
        }
        if !in_scope(&self.query, &var) {
            return Err(bind_error(format!(
                "?{variable} is inside a sub-query and not among the query's results"
            )));
        }
        if uses.matched && !always_bound(pattern, &var) {
            let expr = Expression::SameTerm(
                Box::new(Expression::Variable(var)),
                Box::new(term_expression(term)),
            );
            add_filter(pattern_of_mut(&mut self.query), expr);
            return Ok(());
        }
        if !uses.matched {
            // A parameter: its expressions get the value itself, so that Oxigraph's optimiser
            // sees a constant (and pushes `FILTER(LCASE(?name) = LCASE(?officer))` down to the
            // scan of names) rather than a variable it takes for unbound.
            substitute(
                pattern_of_mut(&mut self.query),
                &var,
                &term_expression(term.clone()),
            );
        }
        self.start.push((var, term));
        Ok(())
    }

    /// The query ready to run: over the union of the graphs, stopped by `deadline`.
    pub fn prepare(self, deadline: &Deadline) -> PreparedSparqlQuery {
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(deadline.token())
            .for_query(self.query);
        for (variable, term) in self.start {
            prepared = prepared.substitute_variable(variable, term);
        }
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
    }
}

impl BoundQuery {
    /// The query as SPARQL text for another engine (`query --endpoint`): the values that
    /// Oxigraph would start the evaluation from become a VALUES table joined under the query's
    /// grouping and projection, which restricts the same way.
    pub fn to_sparql(&self) -> String {
        let mut query = self.query.clone();
        for (variable, term) in &self.start {
            let ground = match term {
                Term::NamedNode(n) => spargebra::term::GroundTerm::NamedNode(n.clone()),
                Term::Literal(l) => spargebra::term::GroundTerm::Literal(l.clone()),
                _ => continue,
            };
            join_values(pattern_of_mut(&mut query), variable, ground);
        }
        query.to_string()
    }
}

/// Joins a one-row VALUES table binding `variable` to the innermost pattern of a query.
fn join_values(
    pattern: &mut GraphPattern,
    variable: &Variable,
    value: spargebra::term::GroundTerm,
) {
    match pattern {
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::Filter { inner, .. } => join_values(inner, variable, value),
        other => {
            let inner = std::mem::replace(
                other,
                GraphPattern::Bgp {
                    patterns: Vec::new(),
                },
            );
            let values = GraphPattern::Values {
                variables: vec![variable.clone()],
                bindings: vec![vec![Some(value)]],
            };
            *other = GraphPattern::Join {
                left: Box::new(values),
                right: Box::new(inner),
            };
        }
    }
}

/// A `--bind` value: `<iri>` is an IRI, anything else a plain literal.
fn parse_value(value: &str) -> Result<Term, String> {
    match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri)
            .map(Term::from)
            .map_err(|e| format!("<{iri}> is not an IRI: {e}")),
        None => Ok(Literal::new_simple_literal(value).into()),
    }
}

fn term_expression(term: Term) -> Expression {
    match term {
        Term::NamedNode(n) => Expression::NamedNode(n),
        Term::Literal(l) => Expression::Literal(l),
        other => Expression::Literal(Literal::new_simple_literal(other.to_string())),
    }
}

fn pattern_of(query: &Query) -> &GraphPattern {
    match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    }
}

fn pattern_of_mut(query: &mut Query) -> &mut GraphPattern {
    match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    }
}

/// Whether `variable` is among the results' variables (SELECT) or in scope at the top of the
/// pattern (the other forms).
fn in_scope(query: &Query, variable: &Variable) -> bool {
    let mut found = false;
    pattern_of(query).on_in_scope_variable(|v| found |= v == variable);
    found
}

/// Puts a filter under the solution modifiers (slice, distinct, projection, order), where
/// every variable of the results is in scope.
fn add_filter(pattern: &mut GraphPattern, expr: Expression) {
    match pattern {
        GraphPattern::Slice { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::OrderBy { inner, .. } => add_filter(inner, expr),
        other => {
            let inner = std::mem::replace(
                other,
                GraphPattern::Bgp {
                    patterns: Vec::new(),
                },
            );
            *other = GraphPattern::Filter {
                expr,
                inner: Box::new(inner),
            };
        }
    }
}

/// Replaces a parameter (a variable no pattern matches) by its value in the expressions of
/// `pattern`, as far as the value reaches: not into a sub-query that does not project it.
fn substitute(pattern: &mut GraphPattern, variable: &Variable, value: &Expression) {
    match pattern {
        GraphPattern::Project { variables, .. } if !variables.contains(variable) => return,
        GraphPattern::Filter { expr, .. }
        | GraphPattern::LeftJoin {
            expression: Some(expr),
            ..
        }
        | GraphPattern::Extend {
            expression: expr, ..
        } => substitute_expression(expr, variable, value),
        GraphPattern::OrderBy { expression, .. } => {
            for order in expression {
                let (OrderExpression::Asc(e) | OrderExpression::Desc(e)) = order;
                substitute_expression(e, variable, value);
            }
        }
        GraphPattern::Group { aggregates, .. } => {
            for (_, aggregate) in aggregates {
                if let AggregateExpression::FunctionCall { expr, .. } = aggregate {
                    substitute_expression(expr, variable, value);
                }
            }
        }
        _ => {}
    }
    for_each_child_mut(pattern, &mut |child| substitute(child, variable, value));
}

/// Passes each operand of an operator or function expression to `f` (leaves, and the pattern
/// of EXISTS, are the caller's): one body for the shared and mutable walks, which match
/// ergonomics turn into shared or mutable borrows.
macro_rules! operands {
    ($expr:expr, $f:expr) => {
        match $expr {
            Expression::Or(a, b)
            | Expression::And(a, b)
            | Expression::Equal(a, b)
            | Expression::SameTerm(a, b)
            | Expression::Greater(a, b)
            | Expression::GreaterOrEqual(a, b)
            | Expression::Less(a, b)
            | Expression::LessOrEqual(a, b)
            | Expression::Add(a, b)
            | Expression::Subtract(a, b)
            | Expression::Multiply(a, b)
            | Expression::Divide(a, b) => {
                $f(a);
                $f(b);
            }
            Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => $f(a),
            Expression::If(a, b, c) => {
                $f(a);
                $f(b);
                $f(c);
            }
            Expression::In(a, list) => {
                $f(a);
                for e in list {
                    $f(e);
                }
            }
            Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
                for e in list {
                    $f(e);
                }
            }
            Expression::Variable(_)
            | Expression::Bound(_)
            | Expression::NamedNode(_)
            | Expression::Literal(_)
            | Expression::Exists(_) => {}
        }
    };
}

/// Whether a query calls another endpoint (SERVICE) anywhere, in EXISTS and sub-queries too.
pub fn calls_service(query: &Query) -> bool {
    pattern_calls_service(pattern_of(query))
}

fn pattern_calls_service(pattern: &GraphPattern) -> bool {
    let expression = match pattern {
        GraphPattern::Filter { expr, .. } => Some(expr),
        GraphPattern::Extend { expression, .. } => Some(expression),
        GraphPattern::LeftJoin { expression, .. } => expression.as_ref(),
        _ => None,
    };
    let mut found = matches!(pattern, GraphPattern::Service { .. })
        || expression.is_some_and(expression_calls_service);
    for_each_child(pattern, &mut |child| {
        found = found || pattern_calls_service(child);
    });
    found
}

fn expression_calls_service(expr: &Expression) -> bool {
    if let Expression::Exists(pattern) = expr {
        return pattern_calls_service(pattern);
    }
    let mut found = false;
    operands!(expr, |e: &Expression| found =
        found || expression_calls_service(e));
    found
}

fn substitute_expression(expr: &mut Expression, variable: &Variable, value: &Expression) {
    match expr {
        Expression::Variable(v) if v == variable => *expr = value.clone(),
        Expression::Bound(v) if v == variable => *expr = Expression::Literal(true.into()),
        Expression::Exists(pattern) => substitute(pattern, variable, value),
        _ => operands!(expr, |e: &mut Expression| substitute_expression(
            e, variable, value
        )),
    }
}

/// Whether every solution of `pattern` binds `variable`.
fn always_bound(pattern: &GraphPattern, variable: &Variable) -> bool {
    let is = |t: &TermPattern| matches!(t, TermPattern::Variable(v) if v == variable);
    match pattern {
        GraphPattern::Bgp { patterns } => patterns.iter().any(|t| {
            is(&t.subject)
                || is(&t.object)
                || matches!(&t.predicate, NamedNodePattern::Variable(v) if v == variable)
        }),
        GraphPattern::Path {
            subject, object, ..
        } => is(subject) || is(object),
        GraphPattern::Join { left, right } => {
            always_bound(left, variable) || always_bound(right, variable)
        }
        GraphPattern::Union { left, right } => {
            always_bound(left, variable) && always_bound(right, variable)
        }
        GraphPattern::LeftJoin { left, .. } | GraphPattern::Minus { left, .. } => {
            always_bound(left, variable)
        }
        GraphPattern::Graph { name, inner } => {
            matches!(name, NamedNodePattern::Variable(v) if v == variable)
                || always_bound(inner, variable)
        }
        GraphPattern::Extend {
            inner, variable: v, ..
        } => v == variable || always_bound(inner, variable),
        GraphPattern::Values {
            variables,
            bindings,
        } => variables
            .iter()
            .position(|v| v == variable)
            .is_some_and(|i| {
                bindings
                    .iter()
                    .all(|row| row.get(i).is_some_and(Option::is_some))
            }),
        GraphPattern::Project { inner, variables }
        | GraphPattern::Group {
            inner, variables, ..
        } => variables.contains(variable) && always_bound(inner, variable),
        GraphPattern::Filter { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Service { inner, .. } => always_bound(inner, variable),
        GraphPattern::Lateral { left, right } => {
            always_bound(left, variable) || always_bound(right, variable)
        }
    }
}

/// The graph patterns directly inside a pattern (not those in its expressions), each passed to
/// `f`: one body for [`for_each_child`] and [`for_each_child_mut`], which match ergonomics turn
/// into shared or mutable borrows.
macro_rules! children {
    ($pattern:expr, $f:expr) => {
        match $pattern {
            GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. } => {}
            GraphPattern::Join { left, right }
            | GraphPattern::Lateral { left, right }
            | GraphPattern::LeftJoin { left, right, .. }
            | GraphPattern::Union { left, right }
            | GraphPattern::Minus { left, right } => {
                $f(left);
                $f(right);
            }
            GraphPattern::Filter { inner, .. }
            | GraphPattern::Graph { inner, .. }
            | GraphPattern::Extend { inner, .. }
            | GraphPattern::OrderBy { inner, .. }
            | GraphPattern::Project { inner, .. }
            | GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. }
            | GraphPattern::Group { inner, .. }
            | GraphPattern::Service { inner, .. } => $f(inner),
        }
    };
}

/// Calls `f` on each graph pattern directly inside `pattern` (not those in its expressions).
fn for_each_child<'a>(pattern: &'a GraphPattern, f: &mut impl FnMut(&'a GraphPattern)) {
    children!(pattern, f)
}

/// [`for_each_child`], mutably.
fn for_each_child_mut(pattern: &mut GraphPattern, f: &mut impl FnMut(&mut GraphPattern)) {
    children!(pattern, f)
}

/// How a query uses one variable, anywhere in it (sub-queries and EXISTS included).
#[derive(Default)]
struct Uses {
    /// It appears at all.
    mentioned: bool,
    /// A triple pattern, path, GRAPH or VALUES matches it.
    matched: bool,
    /// BIND, a select expression or an aggregate gives it its value.
    assigned: bool,
}

impl Uses {
    fn query(&mut self, query: &Query, variable: &Variable) {
        if let Query::Construct { template, .. } = query {
            for triple in template {
                self.triple(triple, variable, false);
            }
        }
        self.pattern(pattern_of(query), variable);
    }

    fn term(&mut self, term: &TermPattern, variable: &Variable, matching: bool) {
        if matches!(term, TermPattern::Variable(v) if v == variable) {
            self.mentioned = true;
            self.matched |= matching;
        }
    }

    fn named(&mut self, name: &NamedNodePattern, variable: &Variable) {
        if matches!(name, NamedNodePattern::Variable(v) if v == variable) {
            self.mentioned = true;
            self.matched = true;
        }
    }

    fn triple(&mut self, triple: &TriplePattern, variable: &Variable, matching: bool) {
        self.term(&triple.subject, variable, matching);
        if matches!(&triple.predicate, NamedNodePattern::Variable(v) if v == variable) {
            self.mentioned = true;
            self.matched |= matching;
        }
        self.term(&triple.object, variable, matching);
    }

    fn variables(&mut self, variables: &[Variable], variable: &Variable) {
        self.mentioned |= variables.contains(variable);
    }

    fn pattern(&mut self, pattern: &GraphPattern, variable: &Variable) {
        match pattern {
            GraphPattern::Bgp { patterns } => {
                for triple in patterns {
                    self.triple(triple, variable, true);
                }
            }
            GraphPattern::Path {
                subject, object, ..
            } => {
                self.term(subject, variable, true);
                self.term(object, variable, true);
            }
            GraphPattern::Graph { name, .. } | GraphPattern::Service { name, .. } => {
                self.named(name, variable);
            }
            GraphPattern::Values { variables, .. } if variables.contains(variable) => {
                self.mentioned = true;
                self.matched = true;
            }
            GraphPattern::LeftJoin {
                expression: Some(expr),
                ..
            }
            | GraphPattern::Filter { expr, .. } => self.expression(expr, variable),
            GraphPattern::Extend {
                variable: assigned,
                expression,
                ..
            } => {
                if assigned == variable {
                    self.mentioned = true;
                    self.assigned = true;
                }
                self.expression(expression, variable);
            }
            GraphPattern::OrderBy { expression, .. } => {
                for order in expression {
                    let (OrderExpression::Asc(e) | OrderExpression::Desc(e)) = order;
                    self.expression(e, variable);
                }
            }
            GraphPattern::Project { variables, .. } => self.variables(variables, variable),
            GraphPattern::Group {
                variables,
                aggregates,
                ..
            } => {
                self.variables(variables, variable);
                for (assigned, aggregate) in aggregates {
                    if assigned == variable {
                        self.mentioned = true;
                        self.assigned = true;
                    }
                    if let AggregateExpression::FunctionCall { expr, .. } = aggregate {
                        self.expression(expr, variable);
                    }
                }
            }
            _ => {}
        }
        for_each_child(pattern, &mut |child| self.pattern(child, variable));
    }

    fn expression(&mut self, expr: &Expression, variable: &Variable) {
        match expr {
            Expression::Variable(v) | Expression::Bound(v) => {
                self.mentioned |= v == variable;
            }
            Expression::Exists(pattern) => self.pattern(pattern, variable),
            _ => operands!(expr, |e: &Expression| self.expression(e, variable)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::calls_service;
    use spargebra::SparqlParser;

    fn calls(query: &str) -> bool {
        let query = SparqlParser::new()
            .parse_query(query)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        calls_service(&query)
    }

    #[test]
    fn service_is_found_wherever_it_hides() {
        assert!(calls("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"));
        assert!(calls(
            "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?r FILTER EXISTS { \
             SERVICE <http://x/> { ?r ?p ?o } } } }"
        ));
        assert!(calls(
            "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o BIND(EXISTS { \
             SERVICE <http://x/> { ?s ?p ?o } } AS ?b) } } }"
        ));
        assert!(!calls(
            "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { ?o ?p ?s } OPTIONAL { ?o ?q ?r } }"
        ));
    }
}
