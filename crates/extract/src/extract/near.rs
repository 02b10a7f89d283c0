//! Look-ups by position: the items of a list kept in text order (mentions, gazetteer hits) that
//! start inside a span, found by binary search, so that a look-up for one clause costs what
//! lies near it, not the whole article (a long article would otherwise cost its length squared).

use super::gazetteer::Hit;
use super::model::{Mention, OrgEntity};

/// Something that stands at a place in the text; lists of them are sorted by it.
pub trait Placed {
    /// Where it starts, in bytes of the clean text.
    fn start(&self) -> usize;
}

impl Placed for Mention {
    fn start(&self) -> usize {
        self.start
    }
}

impl Placed for Hit {
    fn start(&self) -> usize {
        self.start
    }
}

/// The items of `sorted` (in text order) that start at or after `start` and before `end`.
///
/// ```
/// use policegraph_extract::extract::{gazetteer::{Category, Hit}, near::starting_in};
/// let hit = |start| Hit { start, end: start + 3, category: Category::Organisation, index: 0 };
/// let hits = [hit(1), hit(5), hit(9)];
/// assert_eq!(starting_in(&hits, 2, 9), &hits[1..2]);
/// ```
pub fn starting_in<T: Placed>(sorted: &[T], start: usize, end: usize) -> &[T] {
    let first = sorted.partition_point(|t| t.start() < start);
    let len = sorted[first..].partition_point(|t| t.start() < end);
    &sorted[first..first + len]
}

/// The items of `sorted` (in text order) that start before `at`.
pub fn before<T: Placed>(sorted: &[T], at: usize) -> &[T] {
    &sorted[..sorted.partition_point(|t| t.start() < at)]
}

/// Spans ordered by start with the furthest end reached so far, to ask in logarithmic time
/// whether any of them overlaps a place.
pub struct Reach {
    starts: Vec<usize>,
    /// The largest end among the spans up to each one.
    reach: Vec<usize>,
}

impl Reach {
    pub fn new(spans: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.into_iter().collect();
        spans.sort_unstable();
        let starts = spans.iter().map(|&(s, _)| s).collect();
        let reach = spans
            .iter()
            .scan(0, |far, &(_, e)| {
                *far = e.max(*far);
                Some(*far)
            })
            .collect();
        Reach { starts, reach }
    }

    /// Whether some span starts before `end` and ends after `start`.
    ///
    /// ```
    /// use policegraph_extract::extract::near::Reach;
    /// let reach = Reach::new([(10, 20), (2, 4)]);
    /// assert!(reach.overlaps(15, 30));
    /// assert!(reach.overlaps(3, 3));
    /// assert!(!reach.overlaps(4, 10));
    /// ```
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        let before = self.starts.partition_point(|&s| s < end);
        before > 0 && self.reach[before - 1] > start
    }

    /// Whether some span holds all of `start..end`.
    ///
    /// ```
    /// use policegraph_extract::extract::near::Reach;
    /// let reach = Reach::new([(2, 9), (4, 5)]);
    /// assert!(reach.covers(4, 9));
    /// assert!(!reach.covers(4, 10));
    /// ```
    pub fn covers(&self, start: usize, end: usize) -> bool {
        let from_before = self.starts.partition_point(|&s| s <= start);
        from_before > 0 && self.reach[from_before - 1] >= end
    }
}

/// Every organisation span of an article as (organisation, span), in text order (ties in the
/// organisations' order), for [`spans_starting_in`].
pub fn sorted_spans(orgs: &[OrgEntity]) -> Vec<(usize, (usize, usize))> {
    let mut spans: Vec<(usize, (usize, usize))> = orgs
        .iter()
        .enumerate()
        .flat_map(|(i, o)| o.spans.iter().map(move |&s| (i, s)))
        .collect();
    spans.sort_by_key(|&(_, s)| s);
    spans
}

/// The spans of [`sorted_spans`] within `start..end`, in text order: what
/// the organisations named there, at the cost of what lies there.
pub fn spans_within(
    sorted: &[(usize, (usize, usize))],
    start: usize,
    end: usize,
) -> Vec<(usize, (usize, usize))> {
    let first = sorted.partition_point(|&(_, (s, _))| s < start);
    sorted[first..]
        .iter()
        .take_while(|&&(_, (s, _))| s < end)
        .filter(|&&(_, (_, e))| e <= end)
        .copied()
        .collect()
}
