//! Dates: finds explicit dates ("26 August 2019", "Thursday, May 26", "Friday (12 January)",
//! "12/01/2024") and relative ones ("the next morning", "the same day"), and normalises them.
//!
//! A weekday with a day and month and no year takes the most recent year, no later than the
//! reference year, that makes every such date in the article fall on its weekday. Relative dates
//! resolve against the last date before them in the text.
//!
//! When the article's publication date is known (from its metadata, or a dateline such as
//! "Published: Friday, 7 February 2025"), a date without a year takes the year that puts it
//! nearest before publication, and a weekday alone ("on Tuesday", "last Friday") or
//! "yesterday" becomes the day it names in the week of publication.

use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A calendar date, with or without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Date {
    Full { year: i32, month: u32, day: u32 },
    MonthDay { month: u32, day: u32 },
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, or `--MM-DD` (the lexical form of xsd:gMonthDay) without a year.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Date::Full { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            Date::MonthDay { month, day } => write!(f, "--{month:02}-{day:02}"),
        }
    }
}

/// A date found in the text, byte span in the clean text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: Date,
}

/// The months' names, January first: how a date is written out in full.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"(?ix)\b(?:
            (?:(?P<wd1>{WEEKDAYS}),?\s+(?:\(\s*)?(?:the\s+)?)?(?:(?P<d0>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|to|and|&)\s*)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTHS})\b\.?(?:\s*\))?(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?
          | (?:(?P<wd2>{WEEKDAYS}),?\s+(?:\(\s*)?)?(?P<m2>{MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*\))?(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?
          | (?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})/(?P<y3>(?:19|20)\d\d)\b
          | (?P<y4>(?:19|20)\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d)\b
          | (?P<d5>\d{{1,2}})-(?P<m5>{MONTHS})-(?P<y5>(?:19|20)\d\d)\b
        )"
    ))
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?ix)\b(?:
            (?P<next>the\ (?:next|following)\ (?:day|morning|afternoon|evening)|the\ day\ after|the\ morning\ after)
          | (?P<same>the\ same\ (?:day|morning|afternoon|evening)|later\ that\ (?:day|morning|afternoon|evening)|that\ (?:same\ )?(?:afternoon|evening))
          | (?P<prev>the\ (?:previous|preceding)\ day|the\ day\ before)
        )\b",
    )
});

/// A weekday standing alone ("on Tuesday", "last Friday"), resolved against publication.
static WEEKDAY_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"(?i)\b(?P<lead>on|last|this|since|from|until|by|next|that)\s+(?P<wd>{WEEKDAYS})\b|\b(?P<yesterday>yesterday)\b|\b(?P<today>today)\b"
    ))
});

/// Words before a weekday that put it after publication ("will appear on Monday").
static FUTURE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:will|is due|are due|due to|set to|is to|are to|scheduled|expected to|adjourned until|adjourned to|until)\b[^.;]{0,60}$",
    )
});

/// Words of a sentence that speak of a proceeding still to come.
static RANGE_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:will|is due|are due|due to|set to|scheduled|expected to|is to be|are to be|forthcoming|upcoming)\b",
    )
});

/// How far [`sentence_of`] looks each way, in bytes: a sentence runs no longer in prose, and
/// a run of text without a full stop would otherwise be searched whole for each of its dates.
const SENTENCE_REACH: usize = 400;

/// The sentence (or line) of the text around a byte offset, at most [`SENTENCE_REACH`] bytes
/// each way.
fn sentence_of(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(SENTENCE_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + SENTENCE_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let start = text[from..at]
        .rfind(['.', '\n'])
        .map_or(from, |i| from + i + 1);
    let end = text[at..to].find(['.', '\n']).map_or(to, |i| at + i);
    &text[start..end]
}

/// A page's own date label opening a line ("date 2020-11-21 ", "Published: 2024-03-02 ").
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)^\s*(?:date|dated|published|posted)\s*:?\s*(?:19|20)\d\d-\d\d-\d\d\b")
});

/// The text after a page's date label where one opens it ("date 2020-11-21 On 5 May ..."):
/// the label is the page's, the rest may be the story's.
///
/// ```
/// use policegraph_extract::text::dates::after_date_label;
/// assert_eq!(after_date_label("date 2021-04-02 On 1 April"), " On 1 April");
/// assert_eq!(after_date_label("On 1 April"), "On 1 April");
/// ```
pub fn after_date_label(text: &str) -> &str {
    DATE_LABEL.find(text).map_or(text, |m| &text[m.end()..])
}

/// Words that make a short line near the top of a page its dateline.
static DATELINE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(?:first\s+)?(?:published|posted|date|dated|released|issued|news\s+release)\b",
    )
});
static UPDATED_CUE: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"(?i)\b(?:updated|modified|reviewed)\b"));

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|m| n.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())
        .or_else(|| n.parse().ok().filter(|m| (1..=12).contains(m)))
}

fn weekday_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    days.iter()
        .position(|d| *d == n)
        .and_then(|i| u32::try_from(i).ok())
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day of the week, 0 for Monday (Sakamoto's method).
pub fn weekday(year: i32, month: u32, day: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_based =
        (y + y / 4 - y / 100 + y / 400 + T[(month - 1) as usize] + day as i32).rem_euclid(7);
    ((sunday_based + 6) % 7) as u32
}

fn add_days(date: Date, delta: i32) -> Date {
    let (mut year, mut month, mut day, has_year) = match date {
        Date::Full { year, month, day } => (year, month, day, true),
        // Without a year, February is taken to have 28 days: the least surprising guess.
        Date::MonthDay { month, day } => (2001, month, day, false),
    };
    let mut delta = delta;
    while delta > 0 {
        day += 1;
        if day > days_in_month(year, month) {
            day = 1;
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
        }
        delta -= 1;
    }
    while delta < 0 {
        if day == 1 {
            month = if month == 1 { 12 } else { month - 1 };
            if month == 12 {
                year -= 1;
            }
            day = days_in_month(year, month);
        } else {
            day -= 1;
        }
        delta += 1;
    }
    if has_year {
        Date::Full { year, month, day }
    } else {
        Date::MonthDay { month, day }
    }
}

/// An explicit date as read, before year inference.
struct Explicit {
    start: usize,
    end: usize,
    year: Option<i32>,
    month: u32,
    day: u32,
    weekday: Option<u32>,
    /// Its sentence speaks of something still to come.
    ahead: bool,
}

fn explicit_dates(text: &str) -> Vec<Explicit> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let pick = |k: &str| (1..=5).filter_map(|i| c.name(&format!("{k}{i}"))).next();
        let (Some(day), Some(month)) = (pick("d"), pick("m")) else {
            continue;
        };
        let (Ok(day), Some(month)) = (day.as_str().parse::<u32>(), month_number(month.as_str()))
        else {
            continue;
        };
        let year = pick("y").and_then(|y| y.as_str().parse().ok());
        if day == 0 || day > days_in_month(year.unwrap_or(2000), month) {
            continue;
        }
        // "may 5" in lower case is more often the verb than the month.
        if let Some(m) = pick("m") {
            if m.as_str() == "may" {
                continue;
            }
        }
        // "25 and 26 March": a hearing to come is dated by the day it opens, one that was
        // held by the day it ended.
        let first = c.name("d0").and_then(|d| d.as_str().parse::<u32>().ok());
        let ahead = RANGE_AHEAD.is_match(sentence_of(text, whole.start()));
        let day = match first {
            Some(first) if first < day && ahead => first,
            _ => day,
        };
        // A weekday before a range names its first day.
        let weekday = c
            .name("wd1")
            .or_else(|| c.name("wd2"))
            .and_then(|w| weekday_number(w.as_str()))
            .filter(|_| first.is_none_or(|f| f == day));
        out.push(Explicit {
            start: whole.start(),
            end: whole.end(),
            year,
            month,
            day,
            weekday,
            ahead,
        });
    }
    out
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn day_number(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(if month <= 2 { year - 1 } else { year });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// Whether every date falls on its weekday (where it names one) in `year`.
fn fits(dates: &[&Explicit], year: i32) -> bool {
    dates.iter().all(|d| {
        d.day <= days_in_month(year, d.month)
            && d.weekday.is_none_or(|w| weekday(year, d.month, d.day) == w)
    })
}

/// The year in `years` that fits every date and puts them nearest to `anchor`, in days.
fn nearest_year(
    dates: &[&Explicit],
    anchor: (i32, u32, u32),
    years: std::ops::RangeInclusive<i32>,
) -> Option<i32> {
    let at = day_number(anchor.0, anchor.1, anchor.2);
    years.filter(|&y| fits(dates, y)).min_by_key(|&y| {
        dates
            .iter()
            .map(|d| (day_number(y, d.month, d.day) - at).abs())
            .sum::<i64>()
    })
}

/// The year of a date read without one. Against a publication date: the year that puts it
/// nearest to publication (for a weekday date, among the few years before and the one after in
/// which it falls on its weekday; `group` holds every such date of the article, which share a
/// year where they can). Without one: the year of the nearest full date in the text, the year
/// before or the year after, where that puts it within four months of it (for a weekday date:
/// the one year of the three that fits; a weekday fits a day and month every five to eleven
/// years). Failing that, a weekday date of the past takes the most recent year not after
/// `reference` that fits; one still to come takes none.
fn infer_year(
    d: &Explicit,
    group: &[&Explicit],
    full: &[&Explicit],
    reference: Option<i32>,
    published: Option<Date>,
) -> Option<i32> {
    if let Some(Date::Full { year, month, day }) = published {
        if d.weekday.is_none() {
            return year_before((year, month, day), d.month, d.day);
        }
        return nearest_year(group, (year, month, day), year - 6..=year + 1)
            .or_else(|| nearest_year(&[d], (year, month, day), year - 6..=year + 1));
    }
    if let Some(year) = near_full_date(d, full) {
        return Some(year);
    }
    let reference = reference?;
    d.weekday?;
    if d.ahead {
        // The most recent year that fits is a guess about the past: a hearing still to come
        // is not in it.
        return None;
    }
    let years = reference - 40..=reference;
    nearest_year(group, (reference, 12, 31), years.clone())
        .or_else(|| nearest_year(&[d], (reference, 12, 31), years))
}

/// The year of the nearest full date in the text, or the one before or after it, that puts a
/// date within four months of that full date (for a weekday date: the one that fits). A full
/// date read later in the text dates only what came before it in time: one that the date would
/// follow is an earlier event recounted afterwards (the incident behind a hearing).
fn near_full_date(d: &Explicit, full: &[&Explicit]) -> Option<i32> {
    let anchor = full
        .iter()
        .min_by_key(|f| f.start.abs_diff(d.start).min(f.end.abs_diff(d.end)))?;
    let read_later = anchor.start >= d.end;
    let anchor = (anchor.year?, anchor.month, anchor.day);
    let year = nearest_year(&[d], anchor, anchor.0 - 1..=anchor.0 + 1)?;
    let offset = day_number(year, d.month, d.day) - day_number(anchor.0, anchor.1, anchor.2);
    if read_later && offset > 0 {
        return None;
    }
    (d.weekday.is_some() || offset.abs() <= 120).then_some(year)
}

/// Finds and normalises every date in `text`, in text order. `reference_year` is the year the
/// article was published where only that is known; `published` is its publication date where
/// known. Without either, a date without a year takes one only from the full dates near it.
///
/// ```
/// use policegraph_extract::text::{find_dates, Date};
/// let text = "It was found on Wednesday, March 30. He was charged the next morning.";
/// let dates = find_dates(text, Some(2022), None);
/// assert_eq!(dates[0].date, Date::Full { year: 2022, month: 3, day: 30 });
/// assert_eq!(dates[1].date.to_string(), "2022-03-31");
/// let published = Date::Full { year: 2025, month: 2, day: 7 };
/// let dates = find_dates("The hearing ended on Tuesday.", Some(2025), Some(published));
/// assert_eq!(dates[0].date.to_string(), "2025-02-04");
/// ```
pub fn find_dates(
    text: &str,
    reference_year: Option<i32>,
    published: Option<Date>,
) -> Vec<DateMention> {
    let explicit = explicit_dates(text);
    let group: Vec<&Explicit> = explicit
        .iter()
        .filter(|d| d.year.is_none() && d.weekday.is_some())
        .collect();
    let full: Vec<&Explicit> = explicit.iter().filter(|d| d.year.is_some()).collect();
    let mut mentions: Vec<DateMention> = explicit
        .iter()
        .map(|d| {
            let year = d
                .year
                .or_else(|| infer_year(d, &group, &full, reference_year, published));
            let date = match year {
                Some(year) => Date::Full {
                    year,
                    month: d.month,
                    day: d.day,
                },
                None => Date::MonthDay {
                    month: d.month,
                    day: d.day,
                },
            };
            DateMention {
                start: d.start,
                end: d.end,
                date,
            }
        })
        .collect();
    if let Some(published) = published {
        let alone = weekdays_alone(text, published, &mentions);
        mentions.extend(alone);
    }
    let relative: Vec<(usize, usize, i32)> = RELATIVE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let delta = if c.name("next").is_some() {
                1
            } else if c.name("prev").is_some() {
                -1
            } else {
                0
            };
            Some((whole.start(), whole.end(), delta))
        })
        .collect();
    for (start, end, delta) in relative {
        let anchor = mentions
            .iter()
            .filter(|m| m.end <= start)
            .max_by_key(|m| m.end);
        if let Some(anchor) = anchor {
            let date = add_days(anchor.date, delta);
            mentions.push(DateMention { start, end, date });
        }
    }
    mentions.sort_by_key(|m| m.start);
    mentions
}

/// The year that puts a month and day nearest before publication: the publication year, or the
/// year before for a date more than two months after the publication day.
fn year_before((year, pm, pd): (i32, u32, u32), month: u32, day: u32) -> Option<i32> {
    let ordinal = |m: u32, d: u32| m * 31 + d;
    Some(if ordinal(month, day) <= ordinal(pm, pd) + 62 {
        year
    } else {
        year - 1
    })
}

/// "on Tuesday", "last Friday", "yesterday", "today", in the week of publication: the day on or
/// before publication, or after it where the sentence looks ahead ("will appear on Monday").
fn weekdays_alone(text: &str, published: Date, explicit: &[DateMention]) -> Vec<DateMention> {
    let Date::Full { year, month, day } = published else {
        return Vec::new();
    };
    let published_weekday = weekday(year, month, day);
    let mut out = Vec::new();
    for c in WEEKDAY_ALONE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (span, delta) = if let Some(wd) = c.name("wd") {
            // "on Tuesday 4 March" is an explicit date, found already.
            if explicit
                .iter()
                .any(|m| m.start < wd.end() + 2 && m.end > wd.start())
            {
                continue;
            }
            let Some(target) = weekday_number(wd.as_str()) else {
                continue;
            };
            let lead = c
                .name("lead")
                .map_or("", |l| l.as_str())
                .to_ascii_lowercase();
            let mut from = whole.start().saturating_sub(SENTENCE_REACH);
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let sentence_start = text[from..whole.start()]
                .rfind(['.', '\n', ';'])
                .map_or(from, |i| from + i + 1);
            let ahead = lead == "next"
                || (lead != "last"
                    && lead != "since"
                    && FUTURE_BEFORE.is_match(&text[sentence_start..whole.start()]));
            let back = (published_weekday + 7 - target) % 7;
            let delta = if ahead {
                let forward = (target + 7 - published_weekday) % 7;
                if forward == 0 { 7 } else { forward }
            } else if lead == "last" && back == 0 {
                7
            } else {
                back
            };
            let delta = i32::try_from(delta).unwrap_or(0);
            ((wd.start(), wd.end()), if ahead { delta } else { -delta })
        } else if let Some(y) = c.name("yesterday") {
            ((y.start(), y.end()), -1)
        } else if let Some(t) = c.name("today") {
            ((t.start(), t.end()), 0)
        } else {
            continue;
        };
        out.push(DateMention {
            start: span.0,
            end: span.1,
            date: add_days(published, delta),
        });
    }
    out
}

/// The publication date a page shows near its top: a short line with a full date that is
/// labelled as such ("Published: Friday, 7 February 2025", "Posted on 12/03/2024") or holds
/// little else ("7 February 2025 | By Court Reporter"). A publication date is preferred to an
/// "updated" one.
pub fn dateline(text: &str) -> Option<Date> {
    let mut updated = None;
    let mut lines_seen = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        lines_seen += 1;
        if lines_seen > 40 {
            break;
        }
        if let Some(date) = labelled_date(line) {
            return Some(date);
        }
        if line.len() > 120 {
            // The story has begun: a dateline comes before it. A cookie banner or a menu is
            // not the story.
            let chrome = line.contains(" | ") || COOKIE_BANNER.is_match(line);
            if lines_seen > 3 && !chrome {
                break;
            }
            continue;
        }
        let dates = explicit_dates(line);
        let Some(first) = dates.iter().find(|d| d.year.is_some()) else {
            continue;
        };
        let Some(year) = first.year else { continue };
        let date = Date::Full {
            year,
            month: first.month,
            day: first.day,
        };
        let rest: usize = format!("{}{}", &line[..first.start], &line[first.end..])
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| {
                w.len() > 2
                    && !matches!(
                        w.to_ascii_lowercase().as_str(),
                        "the" | "and" | "gmt" | "bst" | "utc" | "on" | "at" | "by" | "pm" | "am"
                    )
            })
            .count();
        if UPDATED_CUE.is_match(&line[..first.start]) {
            updated = updated.or(Some(date));
        } else if DATELINE_CUE.is_match(line) || rest <= 3 {
            return Some(date);
        }
    }
    updated
}

/// A full date right after a dateline's label, at the start of a line that may go on with the
/// story ("Published 7 March 2025 A PC was ...", "date 2020-11-21 ...").
fn labelled_date(line: &str) -> Option<Date> {
    let cue = DATELINE_CUE.find(line)?;
    let first = explicit_dates(line).into_iter().next()?;
    let gap = line
        .get(cue.end()..first.start)?
        .trim_matches(|c: char| !c.is_alphanumeric());
    if !(gap.is_empty() || gap.eq_ignore_ascii_case("on")) {
        return None;
    }
    Some(Date::Full {
        year: first.year?,
        month: first.month,
        day: first.day,
    })
}

/// A cookie or privacy banner at the top of a page.
static COOKIE_BANNER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\bcookies?\b|\bprivacy\b|\bpartners\b[^.]{0,40}\b(?:store|access|use)\b|\bconsent\b",
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&DATE);
        LazyLock::force(&RELATIVE);
        LazyLock::force(&WEEKDAY_ALONE);
        LazyLock::force(&FUTURE_BEFORE);
        LazyLock::force(&DATELINE_CUE);
        LazyLock::force(&UPDATED_CUE);
        LazyLock::force(&COOKIE_BANNER);
        LazyLock::force(&RANGE_AHEAD);
        LazyLock::force(&DATE_LABEL);
    }

    #[test]
    fn a_range_of_days_is_dated_by_its_opening_day_ahead_and_its_last_day_after() {
        assert_eq!(
            dates("The hearing will be held on 14th and 15th October 2025."),
            vec!["2025-10-14"]
        );
        assert_eq!(
            dates("The hearing sat from 8 to 10 July 2024."),
            vec!["2024-07-10"]
        );
        assert_eq!(
            dates("It is due to sit on 02-04 June 2025 in Exeter."),
            vec!["2025-06-02"]
        );
    }

    #[test]
    fn a_weekday_still_to_come_is_not_placed_in_a_past_year() {
        assert_eq!(
            dates("The hearing is expected to open on Tuesday, March 3."),
            vec!["--03-03"]
        );
        assert_eq!(
            dates("The hearing opened on Tuesday, March 3."),
            vec!["2026-03-03"]
        );
    }

    #[test]
    fn a_weekday_in_brackets_before_the_month() {
        assert_eq!(
            published_dates("He was dismissed on Monday (March 9).", (2020, 3, 12)),
            vec!["2020-03-09"]
        );
    }

    fn dates(text: &str) -> Vec<String> {
        find_dates(text, Some(2026), None)
            .iter()
            .map(|d| d.date.to_string())
            .collect()
    }

    #[test]
    fn weekday_dates_share_the_most_recent_consistent_year() {
        let t = "Found late on Wednesday, March 30. Sentencing on Thursday, June 16th. Heard on Thursday, May 26.";
        assert_eq!(dates(t), vec!["2022-03-30", "2022-06-16", "2022-05-26"]);
    }

    #[test]
    fn relative_dates_chain_from_the_last_date() {
        let t = "On Wednesday, March 30 it began. Arrested the next morning, charged the same day, \
                 in court the next morning.";
        assert_eq!(
            dates(t),
            vec!["2022-03-30", "2022-03-31", "2022-03-31", "2022-04-01"]
        );
    }

    #[test]
    fn explicit_years_and_ordinals() {
        assert_eq!(
            dates("between 25th January 2024 and 3 Feb 2025"),
            vec!["2024-01-25", "2025-02-03"]
        );
        assert_eq!(
            dates("on May 26, 2022 and 12/01/2024"),
            vec!["2022-05-26", "2024-01-12"]
        );
    }

    #[test]
    fn weekday_in_brackets() {
        assert_eq!(
            dates("a hearing on Friday (12 January)"),
            vec!["2024-01-12"]
        );
    }

    fn published_dates(text: &str, published: (i32, u32, u32)) -> Vec<String> {
        let (year, month, day) = published;
        find_dates(text, Some(year), Some(Date::Full { year, month, day }))
            .iter()
            .map(|d| d.date.to_string())
            .collect()
    }

    #[test]
    fn weekdays_alone_fall_in_the_week_of_publication() {
        // Published on a Wednesday.
        let published = (2024, 10, 16);
        assert_eq!(
            published_dates("The panel sat on Monday and reported yesterday.", published),
            vec!["2024-10-14", "2024-10-15"]
        );
        assert_eq!(
            published_dates("She will be sentenced on Friday.", published),
            vec!["2024-10-18"]
        );
        assert_eq!(
            published_dates("It happened last Wednesday.", published),
            vec!["2024-10-09"]
        );
        assert_eq!(
            published_dates("It ended on Wednesday, 9 October.", published),
            vec!["2024-10-09"]
        );
    }

    #[test]
    fn dates_without_a_year_take_the_year_before_publication() {
        assert_eq!(
            published_dates(
                "He pleaded guilty on 12 December and was heard on 3 March.",
                (2024, 2, 20)
            ),
            vec!["2023-12-12", "2024-03-03"]
        );
    }

    #[test]
    fn datelines_near_the_top_of_a_page() {
        let page =
            "Courier\nNews | Sport\nPublished: Friday, 7 March 2025, 16:42\n\nA PC was sacked.";
        assert_eq!(
            dateline(page).map(|d| d.to_string()),
            Some("2025-03-07".to_owned())
        );
        let page = "Last updated: 02/05/2025\nPosted 28 April 2025 by Press Office\nText.";
        assert_eq!(
            dateline(page).map(|d| d.to_string()),
            Some("2025-04-28".to_owned())
        );
        let page = "Chronicle\nUK | World\nSign in\n\nWe and our partners store and access \
                    information on your device to show you personalised content and to measure \
                    how you use the site. Accept | Manage\n\nHeadline\nSunday 6 April 2025 9:02am BST\nText.";
        assert_eq!(
            dateline(page).map(|d| d.to_string()),
            Some("2025-04-06".to_owned())
        );
        let story = "The officer joined the force on 4 May 2010 and served in the traffic unit for a decade before the allegations.";
        assert_eq!(dateline(story), None);
    }

    #[test]
    fn a_labelled_iso_date_opens_a_long_first_line() {
        let page = "date 2021-06-09 A constable who struck a cyclist with his patrol car while \
                    answering a call has been given a final written warning at a hearing held by \
                    the force.";
        assert_eq!(
            dateline(page).map(|d| d.to_string()),
            Some("2021-06-09".to_owned())
        );
        let field = "Date of hearing: 3 May 2024 and then a long account of what the panel heard \
                     over the three days it sat, with more words to pass the length of a dateline.";
        assert_eq!(dateline(field), None);
    }

    #[test]
    fn weekday_dates_take_the_fitting_year_nearest_publication() {
        // Published in December; the hearing it announces is in the new year.
        assert_eq!(
            published_dates("It will open on Monday, January 9.", (2022, 12, 20)),
            vec!["2023-01-09"]
        );
        assert_eq!(
            published_dates("It sat on Thursday, April 27.", (2017, 4, 28)),
            vec!["2017-04-27"]
        );
    }

    #[test]
    fn dates_without_a_year_take_it_from_a_full_date_near_them() {
        let t = "He admitted the offence on 2 March. On 20 March 2023 he was sentenced.";
        assert_eq!(dates(t), vec!["2023-03-02", "2023-03-20"]);
        let t = "He was arrested on 3 December 2022 and dismissed on 14 January.";
        assert_eq!(dates(t), vec!["2022-12-03", "2023-01-14"]);
        // Too far from the full date to say.
        let t = "It began on 3 February 2022. The panel sat on 14 August.";
        assert_eq!(dates(t), vec!["2022-02-03", "--08-14"]);
    }

    #[test]
    fn no_year_no_weekday_stays_month_day() {
        assert_eq!(dates("the hearing on 14 March"), vec!["--03-14"]);
    }

    #[test]
    fn month_end_rolls_over() {
        assert_eq!(
            add_days(
                Date::Full {
                    year: 2024,
                    month: 2,
                    day: 29
                },
                1
            )
            .to_string(),
            "2024-03-01"
        );
        assert_eq!(
            add_days(
                Date::Full {
                    year: 2024,
                    month: 1,
                    day: 1
                },
                -1
            )
            .to_string(),
            "2023-12-31"
        );
    }

    #[test]
    fn weekday_is_right() {
        assert_eq!(weekday(2022, 5, 26), 3); // Thursday
        assert_eq!(weekday(2026, 11, 23), 0); // Monday
    }

    #[test]
    fn a_later_full_date_dates_only_what_came_before_it() {
        let text = "He admitted it at a hearing on May 3. The party was on April 20, 2021.";
        let dates = find_dates(text, None, None);
        assert_eq!(dates[0].date.to_string(), "--05-03");
        let text = "He admitted it on April 3. He was sentenced on April 20, 2021.";
        let dates = find_dates(text, None, None);
        assert_eq!(dates[0].date.to_string(), "2021-04-03");
        let text = "The party was on April 20, 2021. He admitted it at a hearing on May 3.";
        let dates = find_dates(text, None, None);
        assert_eq!(dates[1].date.to_string(), "2021-05-03");
    }

    #[test]
    fn day_month_year_joined_by_hyphens() {
        assert_eq!(dates("Issued 04-Mar-2019 09:15"), vec!["2019-03-04"]);
        assert_eq!(dates("ref 12-Sept-2021."), vec!["2021-09-12"]);
    }
}
