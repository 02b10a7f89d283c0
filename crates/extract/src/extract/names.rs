//! Name words: which capitalised words can be part of a person's name, and the common given
//! names that make a capitalised pair a person ("Sarah Everard") without a rank or title.

use crate::text::dates::MONTH_NAMES;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Words that are capitalised but never part of a person's name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "These",
    "Those",
    "Police",
    "Officer",
    "Officers",
    "Court",
    "Crown",
    "Magistrates",
    "Hearing",
    "Misconduct",
    "Gross",
    "Panel",
    "Independent",
    "Office",
    "Conduct",
    "Service",
    "Constabulary",
    "Force",
    "Department",
    "Unit",
    "Command",
    "Directorate",
    "Section",
    "Squad",
    "Branch",
    "Division",
    "Bureau",
    "Professional",
    "Standards",
    "Chief",
    "Commissioner",
    "Superintendent",
    "Inspector",
    "Sergeant",
    "Constable",
    "Detective",
    "Said",
    "On",
    "In",
    "At",
    "After",
    "Before",
    "During",
    "Following",
    "However",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "Whilst",
    "Between",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Britain",
    "Act",
    "Street",
    "Road",
    "Park",
    "Station",
    "Council",
    "Justice",
    "Lord",
    "Lady",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sir",
    "Dame",
    "Mx",
    "Miss",
    "Director",
    "Regional",
    "General",
    "Deputy",
    "Assistant",
    "Acting",
    "Temporary",
    "Former",
    "Legally",
    "Qualified",
    "Chair",
    "Commander",
    "Metropolitan",
    "Met",
    "Today",
    "Yesterday",
    "Speaking",
    "Meanwhile",
    "Also",
    "Both",
    "Neither",
    "All",
    "One",
    "Two",
    "Three",
    "Another",
    "Other",
    "Some",
    "Any",
    "Each",
    "Every",
    "Since",
    "Until",
    "As",
    "From",
    "To",
    "For",
    "Of",
    "By",
    "With",
    "Without",
    "Under",
    "Over",
    "Into",
    "Our",
    "My",
    "Your",
    "Its",
    "There",
    "Here",
    "What",
    "Which",
    "Who",
    "Where",
    "Why",
    "How",
    "Mayor",
    "Home",
    "Secretary",
    "Government",
    "Judge",
    "Recorder",
    "District",
    "Borough",
    "County",
    "City",
    "Area",
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Royal",
    "National",
    "Federation",
    "Association",
    "College",
    "Policing",
    "Crime",
    "Commission",
    "Prosecution",
    "Prosecutor",
    "Appeals",
    "Tribunal",
    "Christmas",
    "Easter",
    "Facebook",
    "Twitter",
    "Instagram",
    "Snapchat",
    "WhatsApp",
    "Google",
    "Youtube",
    "YouTube",
    "Tiktok",
    "TikTok",
    "Highway",
    "Code",
    "Freedom",
    "Information",
    "Mental",
    "Health",
    "Covid",
    "Coronavirus",
    "Victim",
    "Victims",
    "Child",
    "Children",
    "Witness",
    "Barred",
    "List",
    "Staff",
    "Member",
    "Members",
    "Team",
    "Unit",
    "Operation",
    "Review",
    "Report",
    "Inquiry",
    "Investigation",
    "Right",
    "Rights",
    "Human",
    "Sexual",
    "Offences",
    "Domestic",
    "Abuse",
    "Dear",
    "Thank",
    "Please",
    "Read",
    "More",
    "Share",
    "Leave",
    "Reply",
    "Tags",
    "Related",
    "Sign",
    "Click",
    "Follow",
    "Outcome",
    "Outcomes",
    "Update",
    "Updates",
    "Statement",
    "Summary",
    "Sentenced",
    "Dismissed",
    "Sacked",
    "Jailed",
    "Charged",
    "Guilty",
    "Convicted",
    "Cleared",
    "Suspended",
    "Banned",
    "Demoted",
];

/// Capitalised places that are usually not names but can be a surname when they end a run of
/// name words ("PC Jo England"); the months are the same ("Ms Ada March").
const SOFT_NOT_NAMES: &[&str] = &["London", "England", "Wales", "Scotland"];

/// Upper-case words that are acronyms or post-nominals, never a surname written in capitals.
const ACRONYMS: &[&str] = &[
    "IOPC", "OBE", "MBE", "CBE", "KBE", "BEM", "QPM", "IPCC", "HMIC", "HMICFRS", "NHS", "ACAS",
    "AWE", "MOD", "KPM", "ONE", "THE", "AND", "FOR", "OUR", "POLICE", "OFFICER", "HEARING",
    "OUTCOME", "SUMMARY", "REPORT", "UNDER", "OF", "IN", "ON", "AT", "TO",
];

pub static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("given_names.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

pub fn is_name_word(word: &str) -> bool {
    word.len() >= 2 && !NOT_NAMES.contains(&word) && !is_soft_name_word(word)
}

/// True for a month or place that can still be a surname at the end of a name ("May").
pub fn is_soft_name_word(word: &str) -> bool {
    SOFT_NOT_NAMES.contains(&word) || MONTH_NAMES.contains(&word)
}

/// True for a surname written in capitals, as hearing notices do ("Jo REED"): letters, at
/// least one vowel, not an acronym.
pub fn is_capitals_surname(word: &str) -> bool {
    let letters = word.trim_start_matches("Mc").trim_start_matches("Mac");
    letters.len() >= 2
        && letters
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '-' || c == '\'')
        && letters.contains(['A', 'E', 'I', 'O', 'U', 'Y'])
        && !ACRONYMS.contains(&word)
}

/// Trims a run of capitalised words to the words that can be a name, from the left. `after` is
/// the text that follows the run. A surname in capitals, or a month or place after a name word
/// ("Jo May") that no number follows, ends the name.
pub fn name_words<'a>(run: &'a str, after: &str) -> Vec<&'a str> {
    let mut words: Vec<&str> = Vec::new();
    let parts: Vec<&str> = run.split(' ').collect();
    for (i, w) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if !words.is_empty() && is_capitals_surname(w) {
            words.push(w);
            break;
        }
        if !words.is_empty() && is_soft_name_word(w) {
            let next = if last {
                after.trim_start()
            } else {
                parts[i + 1]
            };
            if next.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            words.push(w);
            if last || !(is_name_word(next) || is_capitals_surname(next)) {
                break;
            }
            continue;
        }
        if !is_name_word(w) || w.chars().all(|c| c.is_ascii_uppercase()) {
            break;
        }
        words.push(w);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_load() {
        assert!(GIVEN_NAMES.contains("Sarah"));
    }

    #[test]
    fn name_words_stop_at_non_names() {
        assert_eq!(name_words("Sarah Everard", ""), vec!["Sarah", "Everard"]);
        assert_eq!(name_words("Police Sergeant", ""), Vec::<&str>::new());
        assert_eq!(name_words("Tom Hale Outcome", ""), vec!["Tom", "Hale"]);
    }

    #[test]
    fn months_and_places_end_a_name_but_do_not_begin_one() {
        assert_eq!(name_words("Ada March", " said"), vec!["Ada", "March"]);
        assert_eq!(name_words("Jo England", "."), vec!["Jo", "England"]);
        assert_eq!(name_words("Jo Hale May", " 2020"), vec!["Jo", "Hale"]);
        assert_eq!(name_words("May", " said"), Vec::<&str>::new());
        assert_eq!(name_words("Jo May Reed", ""), vec!["Jo", "May", "Reed"]);
    }

    #[test]
    fn surnames_in_capitals_end_a_name() {
        assert_eq!(name_words("Jo REED", ""), vec!["Jo", "REED"]);
        assert_eq!(name_words("Ada Lin VOSS", ","), vec!["Ada", "Lin", "VOSS"]);
        assert_eq!(name_words("Jo Reed IOPC", ""), vec!["Jo", "Reed"]);
        assert_eq!(name_words("REED", ""), Vec::<&str>::new());
        assert!(!is_capitals_surname("PC"));
    }
}
