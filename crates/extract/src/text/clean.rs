//! Cleaning: straightens quotes and dashes and blanks site chrome (navigation, share buttons,
//! comment forms, "related stories" lists, unrelated trailing headlines), one character for one.

use regex::Regex;
use std::sync::LazyLock;

/// Lines that end the story: whatever follows them is the site's, not the article's.
static END_OF_STORY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?ix)^\s*(?:
            leave\ a\ (?:reply|comment) | you\ may\ also\ like | you\ might\ also\ like
          | related\ (?:stories|articles|posts|news|content|links)\b | more\ (?:stories|news)\ from
          | more\ from\ [\w'&\ -]{1,60}$
          | more\ on\ this\ story | read\ more\b | read\ next\b | most\ (?:read|popular|viewed)\b
          | trending\b | support\ (?:local\ )?journalism | stay\ up\ to\ date
          | share\ this\ (?:article|story|post|page) | %d\ bloggers | this\ site\ uses\ akismet
          | about\ the\ author | comments?\s*$ | \d+\ comments?\b | sign\ up\ (?:to|for)\ our
          | subscribe\ to\ our | newsletter\b | follow\ us\b | tags?\s*: | filed\ under
          | posted\ in\b | copyright\b | © | all\ rights\ reserved
        )",
    )
});

/// An inline teaser for another story ("Read more: <headline>"): when the article's prose goes
/// on after it, only this line is chrome.
static INLINE_TEASER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)^\s*(?:read\ more|read\ next|also\ read|see\ also)\s*:\s*\S")
});

/// Lines that are chrome wherever they stand (navigation, cookie banners, share buttons).
static CHROME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?ix)^\s*(?:
            (?:home|news|sport|menu|search|login|log\ in|sign\ in|register|skip\ to\ (?:main\ )?content)
            (?:\s*[|>»/•·]\s*\w[\w\ ]*)*\s*$
          | .*\bcookies?\b.*\b(?:accept|consent|settings|policy)\b.*
          | (?:accept|reject)\ (?:all|cookies)\b.*
          | share\ (?:on|via|this)\b.* | (?:facebook|twitter|whatsapp|email|linkedin|print|copy\ link)
            (?:\s*[|,•·]?\s*(?:facebook|twitter|x|whatsapp|email|linkedin|print|copy\ link))*\s*$
          | (?:advertisement|advert|sponsored)\s*$ | image\ (?:source|caption)\b.*
          | (?:published|updated|last\ updated)\s*:?\s*\d.*$
          | .*\s[|»]\s.*\s[|»]\s.*
        )",
    )
});

/// A labelled field of an outcomes page or notice ("Outcome: Final written warning"): part of
/// the story even without a full stop.
static FIELD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\s*(?:outcome|finding|findings|sanction|decision|result|type of (?:proceedings?|hearing|meeting)|standards?(?: of professional behaviour)?(?: breached)?|breach(?:es)?|date|chair|panel|rank|force|department|investigated by)\s*:\s*\S",
    )
});

/// Straightens typographic characters, one for one.
fn straighten(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2000}'..='\u{200B}' | '\u{202F}' | '\u{FEFF}' | '\t' | '\r' => ' ',
        '\u{2026}' => '.',
        '\u{2022}' | '\u{00B7}' | '\u{25CF}' | '\u{25AA}' => '*',
        '\u{00A3}' | '\u{20AC}' => '#',
        c if c.is_ascii() => c,
        c => fold_letter(c),
    }
}

/// Latin letters with diacritics, and their base letters, position for position.
const ACCENTED: &str = "ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤŦţťŧÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŶŸýÿŷŹŻŽźżžßÆæŒœÞþÐð";
const BASE: &str = "AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssTTTtttUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzzsAaOoTtDd";

/// Any other character becomes one ASCII character, so that the clean text is ASCII: every
/// byte offset is then a character offset, and patterns never meet multi-byte text.
pub fn fold_letter(c: char) -> char {
    if let Some(i) = ACCENTED.chars().position(|a| a == c) {
        return BASE.chars().nth(i).unwrap_or('x');
    }
    match c {
        c if c.is_uppercase() => 'X',
        c if c.is_alphabetic() => 'x',
        c if c.is_numeric() => '0',
        _ => ' ',
    }
}

/// A line looks like the end of a sentence: prose, not a headline or a link.
fn ends_like_prose(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', '"', '\'', ':', ')'])
}

/// A sentence of prose: at least six words ending like one, and not chrome.
fn is_prose(line: &str) -> bool {
    !CHROME_LINE.is_match(line) && ends_like_prose(line) && line.split_whitespace().count() >= 6
}

/// For each line, whether some line from it on is a sentence of prose, before any line that
/// would end the story: one pass from the end, so a run of teasers costs its length once.
fn prose_from(lines: &[&str]) -> Vec<bool> {
    let mut from = vec![false; lines.len() + 1];
    for (i, line) in lines.iter().enumerate().rev() {
        let ends_story = END_OF_STORY.is_match(line) && !INLINE_TEASER.is_match(line);
        from[i] = !ends_story && (is_prose(line) || from[i + 1]);
    }
    from
}

/// A line holds a finished sentence of prose (six words or more before a full stop that is
/// followed by a new sentence), whatever its end: the article's own text, cut short or run
/// together on one line, not a headline.
static HOLDS_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r#"(?:[A-Za-z0-9,;'"()-]+\s+){5,}[A-Za-z0-9,;'"()-]*[a-z0-9)][.!?]["')]?\s+["']?[A-Z0-9]"#,
    )
});

/// The line is the article's prose or one of its labelled fields, so the story ends no earlier.
fn ends_the_story(line: &str) -> bool {
    ends_like_prose(line) || FIELD_LINE.is_match(line) || HOLDS_SENTENCE.is_match(line)
}

/// Cleans an article: every character maps to one character of the result, chrome becomes
/// spaces (line breaks are kept), so character offsets are shared with the input. Chrome
/// removal never takes the only text there is: when nothing else would be left, the trailing
/// lines are kept, and if that is still nothing, all of it.
///
/// ```
/// let text = "Home | News | Crime\nPC Jones was dismissed.\nLeave a Reply\nName";
/// let clean = policegraph_extract::text::clean(text);
/// assert_eq!(clean.chars().count(), text.chars().count());
/// assert!(clean.contains("PC Jones was dismissed."));
/// assert!(!clean.contains("Reply"));
/// let one_line = "PC Jones of Kent Police was dismissed at a misconduct hearing";
/// assert_eq!(policegraph_extract::text::clean(one_line), one_line);
/// ```
pub fn clean(raw: &str) -> String {
    let straight: String = raw.chars().map(straighten).collect();
    let lines: Vec<&str> = straight.split('\n').collect();
    let mut keep = chrome_free(&lines);
    // Trailing lines that are not prose (links to other stories, unrelated headlines).
    let mut trailing = Vec::new();
    for i in (0..lines.len()).rev() {
        if !keep[i] || lines[i].trim().is_empty() {
            continue;
        }
        if ends_the_story(lines[i]) {
            break;
        }
        keep[i] = false;
        trailing.push(i);
    }
    let text_left =
        |keep: &[bool]| (0..lines.len()).any(|i| keep[i] && !lines[i].trim().is_empty());
    if !text_left(&keep) {
        trailing.iter().for_each(|&i| keep[i] = true);
    }
    if !text_left(&keep) {
        keep.iter_mut().for_each(|k| *k = true);
    }
    let mut out = String::with_capacity(straight.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if keep[i] {
            out.push_str(line);
        } else {
            out.extend(line.chars().map(|_| ' '));
        }
    }
    out
}

/// Which lines are not chrome: navigation, banners and share lines anywhere, and whatever
/// follows a line that ends the story once two sentences of prose have been read.
fn chrome_free(lines: &[&str]) -> Vec<bool> {
    let mut keep = vec![true; lines.len()];
    let prose_after = prose_from(lines);
    let mut prose_seen = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if prose_seen >= 2 && END_OF_STORY.is_match(line) {
            if INLINE_TEASER.is_match(line) && prose_after[i + 1] {
                keep[i] = false;
                continue;
            }
            keep[i..].iter_mut().for_each(|k| *k = false);
            break;
        }
        if CHROME_LINE.is_match(line) || END_OF_STORY.is_match(line) {
            keep[i] = false;
        } else if ends_like_prose(line) && line.split_whitespace().count() >= 6 {
            prose_seen += 1;
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&END_OF_STORY);
        LazyLock::force(&CHROME_LINE);
        LazyLock::force(&FIELD_LINE);
        LazyLock::force(&INLINE_TEASER);
        LazyLock::force(&HOLDS_SENTENCE);
    }

    #[test]
    fn inline_teaser_is_blanked_when_prose_follows() {
        let raw = "A constable was given a written warning on Tuesday.\n\
                   The panel heard he had been rude to a shopkeeper.\n\
                   READ MORE: Village fete cancelled after storm\n\
                   The hearing found his conduct amounted to misconduct.";
        let out = clean(raw);
        assert!(!out.contains("fete"));
        assert!(out.contains("amounted to misconduct"));
        let raw = "A constable was given a written warning on Tuesday.\n\
                   The panel heard he had been rude to a shopkeeper.\n\
                   READ MORE: Village fete cancelled after storm\nBus route axed";
        let out = clean(raw);
        assert!(!out.contains("fete"));
        assert!(!out.contains("Bus"));
    }

    #[test]
    fn trailing_outcome_fields_are_kept_and_trailing_headlines_dropped() {
        let text = "PC Ward was heard by a panel in Leeds this week.\nOutcome: Written warning\n";
        assert!(clean(text).contains("Outcome: Written warning"));
        let text = "PC Ward was heard by a panel in Leeds this week.\nCouncil tax to rise\n";
        assert!(!clean(text).contains("Council"));
    }

    #[test]
    fn more_from_a_site_heads_its_links() {
        let text = "PC Ward of Kent Police was dismissed at a hearing in Leeds on Monday.\n\
                    The panel found he had lied to colleagues about a crash.\n\n\
                    More from Leeds Daily Online\n- Council approves new cameras\n\
                    - Police Sergeant Jailed for Fraud in Court Case\n\n\
                    Got a story? Email our newsdesk.\n";
        let out = clean(text);
        assert!(out.contains("lied to colleagues"));
        assert!(
            !out.contains("Jailed") && !out.contains("More from"),
            "{out}"
        );
        // A sentence that begins with the words is prose.
        let text = "PC Ward was dismissed at a hearing in Leeds on Monday.\n\
                    The panel found he had lied to colleagues about a crash.\n\
                    More from the hearing is expected when the panel publishes its reasons.\n";
        assert!(clean(text).contains("publishes its reasons"));
    }

    #[test]
    fn never_blanks_the_only_text() {
        let one_line = "PC Ward of Kent Police was dismissed at a hearing in Leeds";
        assert_eq!(clean(one_line), one_line);
        // A line that looks like chrome is still the article when it is all there is.
        let chrome_like = "Published 3 March 2022 PC Ward was dismissed | Leeds | Kent";
        assert_eq!(clean(chrome_like), chrome_like);
        let two = "Home | News | Crime\nPC Ward was dismissed at a hearing in Leeds";
        let out = clean(two);
        assert!(out.contains("PC Ward was dismissed"));
        assert!(!out.contains("Crime"));
    }

    #[test]
    fn keeps_a_last_line_cut_short_after_a_sentence() {
        let raw = "PC Ward of Kent Police was dismissed at a hearing in Leeds on Monday. The IOPC \
                   investigated";
        assert_eq!(clean(raw), raw);
        let raw = "A sergeant was given a final written warning on Friday.\n\
                   The panel found that he had lied to his inspector. It said the";
        assert!(clean(raw).contains("lied to his inspector. It said the"));
    }

    #[test]
    fn a_run_of_teasers_costs_its_length_once() {
        let mut raw = String::from(
            "A constable was given a written warning on Tuesday.\n\
             The panel heard he had been rude to a shopkeeper.\n",
        );
        raw.push_str(&"READ MORE: Village fete cancelled after storm\n".repeat(2000));
        raw.push_str("The hearing found his conduct amounted to misconduct.");
        let out = clean(&raw);
        assert!(!out.contains("fete"));
        assert!(out.contains("amounted to misconduct"));
    }

    #[test]
    fn folds_to_ascii_one_for_one() {
        let raw = "Zo\u{eb} \u{141}ukasz paid \u{a3}5 \u{2022} done\u{2026}";
        let out = clean(raw);
        assert!(out.is_ascii());
        assert_eq!(out.chars().count(), raw.chars().count());
        assert_eq!(out, "Zoe Lukasz paid #5 * done.");
        assert_eq!(ACCENTED.chars().count(), BASE.chars().count());
    }

    #[test]
    fn keeps_character_count_and_straightens_quotes() {
        let raw = "\u{201C}It\u{2019}s over,\u{201D} she said \u{2014} finally.";
        let out = clean(raw);
        assert_eq!(out.chars().count(), raw.chars().count());
        assert_eq!(out, "\"It's over,\" she said - finally.");
    }

    #[test]
    fn drops_trailing_headlines_and_comment_forms() {
        let raw = "A sergeant has been given a final written warning after a hearing.\n\
                   The panel found misconduct proven against him on Friday.\n\
                   Leave a Reply\nYour email address will not be published.\n\
                   Council tax to rise again";
        let out = clean(raw);
        assert!(out.contains("final written warning"));
        assert!(!out.contains("email"));
        assert!(!out.contains("Council"));
    }

    #[test]
    fn drops_unrelated_trailing_headlines_without_marker() {
        let raw = "The officer was dismissed without notice at the hearing.\n\
                   Man jailed after crash on ring road\nSchool wins award";
        let out = clean(raw);
        assert!(!out.contains("jailed"));
        assert!(!out.contains("School"));
    }

    #[test]
    fn blanks_navigation_before_the_story() {
        let raw = "Home | News | Crime | Sport\nShare on Facebook\nA PC was sacked on Monday.";
        let out = clean(raw);
        assert!(!out.contains("Facebook"));
        assert!(!out.contains("Sport"));
        assert!(out.contains("A PC was sacked on Monday."));
    }
}
