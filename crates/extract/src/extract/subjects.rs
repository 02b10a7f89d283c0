//! Subjects: decides which people a case is about (the officers facing proceedings) and, for a
//! stretch of text, which of them it speaks of. Where the text does not settle who is meant,
//! the answer is nobody: a fact left out is better than a fact on the wrong officer.

use super::model::{Mention, PersonEntity, Roles};
use super::near::starting_in;
use super::outcomes::{finding_in, outcomes_in};
use crate::reference::Entry;
use crate::text::Sentence;
use regex::Regex;
use std::sync::LazyLock;

/// Words after a mention that make its person the one facing the case.
static ACCUSED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?x)^(?:'s?)?(?:\s*\([^()\n]{1,40}\))?(?:,[^,]{0,100}(?:,[^,]{0,40})?,)?(?:\s*\([^()\n]{1,40}\))?(?:\s+and\s+(?:[A-Z][\w'-]*\s*){1,4}(?:,[^,]{0,100},)?)?(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|and|of|the))*)?,?\s+(?:who\s+)?(?:(?:has|had|was|were|is|will|would|have|be|been|being|now|since|also|subsequently|later|then|previously|initially|first|again|formally|finally|eventually|ultimately|today|yesterday|both|each|all)\s+)*
        (?:dismissed|sacked|fired|arrested|charged|suspended|convicted|acquitted|cleared|jailed|sentenced|found|given|handed|issued|reduced|demoted|barred|placed|added\s+to|banned|resigned|retired|pleaded|pled|admitted|denied|appeared|faced|breached|received|attended|committed|removed|struck|remanded|bailed|served\s+with|spared|accused|alleged|investigated|interviewed|disciplined|punished|quit|left\s+the|stood\s+trial|due\s+to\s+(?:appear|attend|stand\s+trial)|entered|return(?:s|ed)?\s+to\s+the\s+rank)\b",
    )
});

/// Words after a mention that make its person the one who decides: "ACC Reed found that his
/// conduct ...", "Ch Supt Reed dismissed him without notice".
static DECIDES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^(?:,[^,]{0,100},)?,?\s+(?:also\s+)?(?:found|ruled|decided|concluded|determined|dismissed|sacked|gave|handed|issued|imposed|cleared)\s+(?:that|him|her|them|it|his|the\s+(?:officer|constable|sergeant|allegations?|case))\b",
    )
});

/// A name heading a line of outcomes ("PC Reed: the allegation was found proven").
static ACCUSED_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^:\s+(?:(?:the|an?|one|two|three|both)\s+)?(?:allegations?|charges?|finding|outcome|found|gross misconduct|misconduct|dismissed|final written|written warning|no case|not proven|reduc)",
    )
});

/// Words around a member of the public that make them the one who died or was harmed: the
/// person a death-in-custody report is about, never the accused.
static DIED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^(?:'s\s+(?:death|family|families|inquest|mother|father|partner|relatives)\b|,[^,]{0,60},\s+died\b|\s+(?:died|was found (?:unresponsive|dead|collapsed|hanging)|was pronounced dead|had died|passed away)\b)",
    )
});
static DIED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:death of|family of|inquest into the death of|funeral of)\s+(?:Mr|Mrs|Ms|Miss)?\.?\s*$",
    )
});

/// Words before a mention that make its person the one facing the case.
static ACCUSED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?ix)(?:(?:allegations?|case|complaints?|hearing|proceedings|charges?|investigation|misconduct|evidence)\s+(?:\w+\s+){0,3}(?:against|into|involving|concerning|of|that)|dismissed|sacked|suspended|arrested|charged|convicted|disciplined)\s+(?:former\s+|serving\s+)?$",
    )
});

/// Words that point back at a person already named.
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:he|she|him|her|his|hers|himself|herself|the (?:former )?(?:officer|pc|constable|sergeant|detective|inspector|policeman|policewoman|dc|ds|pcso|staff member))\b",
    )
});

/// Words that make a clause speak of several people at once.
static PLURAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:both|each|all|were|they|the (?:two|three|four|five) (?:officers|men|women)|the officers)\b",
    )
});

/// A description set off by commas after a name: an age, or a relative clause.
static RELATIVE_ASIDE: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"^,\s+(?:\d{2},\s+)?(?:who|whose)\b[^,;]*$|^,\s+\d{2}$"));

/// Words that speak of every subject of the article together, with how many they are.
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:(both)(?:\s+officers|\s+of\s+them)?\s*(?:[,.;]|\s(?:had|have|has|were|was|are|will|would|been|breached|received|admitted|denied|committed|faced|resigned|also|now|later)\b)|the (pair)\b|the (two|three|four|five) (?:officers|constables|former officers)\b|all (three|four|five)(?: officers)?\s+(?:had|have|were|are|will|would|breached|received|admitted|denied|committed|faced)\b)",
    )
});

/// Words that make a clause naming no one speak of several people ("they", "both"); unlike
/// `PLURAL`, not a plural verb, which may agree with "his actions".
static PLURAL_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:both|each|all|they|them|the (?:two|three|four|five) (?:officers|men|women)|the officers|the pair)\b",
    )
});

/// A clause about people other than the one it names ("Two other officers who were on duty
/// with PC Reed appeared at a misconduct meeting").
static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(?:the\s+)?(?:(?:two|three|four|five|six|several|a number of)\s+)?(?:other|further)\s+(?:officers|colleagues|constables|sergeants|members of (?:police\s+)?staff|staff)\b",
    )
});

/// Things that "they" may stand for in a clause about one officer ("the allegations ... they
/// amounted to gross misconduct").
static THINGS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:allegations|charges|messages|comments|actions|failings|breaches|remarks|posts|images|photos|photographs|searches|matters|incidents|texts|videos|lies|claims)\b",
    )
});

/// A clause about someone the article does not name ("A superintendent who attended some of
/// the meetings has been dealt with through reflective practice").
static UNNAMED_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*(?:an?|another|one|a (?:second|third|fourth|fifth|sixth))\s+(?:(?:former|serving|acting|temporary|detective|police|special|chief|deputy|assistant|custody|response|senior|more|junior)\s+)*(?:officer|constable|sergeant|inspector|superintendent|pc|pcso|member of (?:police )?staff|colleague|supervisor|staff member|call handler|detention officer)\b",
    )
});

/// A clause whose action falls on someone the article does not name ("no further action was
/// taken against a second driver", "the other officer was cleared"): not the subject's.
static UNNAMED_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)(?:\bagainst\s+(?:an?|another|a (?:second|third|fourth|fifth|sixth))|\b(?:into|involving)\s+(?:another|a (?:second|third|fourth|fifth|sixth))|^\W*the\s+other)\s+(?:(?:former|serving|acting|temporary|detective|police|special|chief|deputy|assistant|custody|response|senior|more|junior)\s+)*(?:officer|constable|sergeant|inspector|superintendent|pc|pcso|member of (?:police )?staff|colleague|supervisor|staff member|call handler|detention officer|driver)\b",
    )
});

/// An opening that tells of an unnamed officer's sanction before anyone is named ("A police
/// officer who lied has been dismissed").
static LEDE_SANCTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\W*an?\s+(?:[\w'-]+\s+){0,5}?(?:officer|constable|sergeant|inspector|pc|detective)\b[^.\n]{0,200}?\b(?:has|had|have)\s+been\s+(?:dismissed|sacked|fired|demoted|barred|struck off)\b",
    )
});

/// A count of officers other than the subjects ("13 officers have been dismissed since 2020",
/// "dozens of officers"); group 1 is a number, group 2 a number word.
static COUNTED_OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)(?:^|[^\w\s]\s*|\b(?:show|shows|showed|reveal|reveals|revealed|that|than|of|some|about|around|nearly|almost|over)\s+)(?:(\d+)|(two|three|four|five|six)|dozens of|hundreds of|scores of|a dozen|several|many)\s+(?:[\w-]+\s+)?(?:police\s+)?(?:officers|constables|employees|staff members|members of staff)\b",
    )
});

/// Words of a criminal case, which may be a member of the public's as well as an officer's.
static COURT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:court|convicted|jailed|sentenced|charged|guilty|acquitted|arrested|prison|custody)\b",
    )
});

/// Clause boundaries inside a sentence, used when a sentence names several subjects.
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r";|, (?:while|whilst|but|and|whereas|although)\b| (?:while|whilst|whereas) ")
});

/// Words after a titled person that make them the one facing the case: only a passive ("was
/// dismissed"), since directors and judges dismiss, find and hand out in the active voice.
static ACCUSED_PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^(?:'s?)?(?:,[^,]{0,100},)?\s+(?:who\s+)?(?:has|had|have)?\s*(?:was|were|been|is)\s+(?:(?:also|later|subsequently|then)\s+)?(?:dismissed|sacked|fired|arrested|charged|suspended|convicted|found|given|handed|issued|placed|added|barred|banned|disciplined)\b",
    )
});

/// Words around a mention that make its person a speaker or the one who decides ("Supt Reed,
/// head of PSD, said", "Ch Supt Reed, who chaired the hearing, ruled").
static SPEAKS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"^(?:,[^,\x22]{0,100},)?\s+(?:said|says|told|added|explained|commented|stated|states|writes|wrote|warned|decided|ruled|concluded|determined|imposed|chaired|presided)\b",
    )
});
static SPEAKS_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r"\b(?:said|says|added|concluded|continued|according to)\s+$"));

/// Words around a mention that make its person a member of the panel or the one who held the
/// hearing, never its subject: "Supt Reed (Assessor)", "Panel member: Insp Reed", "a hearing
/// before Chief Constable Reed".
static PANEL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)^\s*(?:\(|,\s+(?:the\s+|an?\s+)?)(?:assessor|independent (?:panel )?member|panel member|lay member|police member|legally qualified chair\w*|lqc|chair(?:man|woman|person)?|presiding officer)\b",
    )
});
static PANEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)(?:^|\n)\W*(?:senior police officer|police officer member|independent (?:panel )?member|panel members?|assessor|lay member|presiding officer)\s*:\s*$|\b(?:hearing|meeting|panel)\s+(?:(?:was\s+)?(?:held|heard|conducted|chaired|led)\s+)?(?:by|before)\s+(?:the\s+)?$",
    )
});

/// Statements that settle part of a case: a breach, a case to answer, a sanction.
static CASE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(r"(?i)\bbreach(?:ed|ing|es)?\b|\bcase to answer\b|\bfound to have\b")
});
/// A pronoun that speaks rather than is spoken of ("He said ...").
static PRONOUN_SPEAKS: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(r#"(?i)\b(?:he|she) (?:said|added|told|explained)\b|""#));

/// What subject detection reads from the article.
pub struct SubjectInput<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub people: &'a [PersonEntity],
    /// In text order (by start), as people detection gives them.
    pub mentions: &'a [Mention],
    pub chairs: &'a [usize],
    /// The reference titles, by the index a person's title carries.
    pub titles: &'a [Entry],
    /// The outcomes the reference data adds without a coded cue.
    pub added_outcomes: &'a [(Regex, crate::concepts::Outcome)],
}

/// People facing the case: designated officers, people the text puts in the accused's place
/// ("Phillips was arrested", "allegations against PC Reed"), and officers or staff of whom a
/// sentence naming no one else states a finding, breach or sanction.
pub fn find_subjects(input: &SubjectInput<'_>) -> Vec<bool> {
    let text = input.text;
    let mut subject = vec![false; input.people.len()];
    for (index, person) in input.people.iter().enumerate() {
        if input.chairs.contains(&index) || on_panel(input, index) {
            continue;
        }
        if person.designation.is_some() {
            subject[index] = person.officer;
            continue;
        }
        if person.member_of_public() && died(input, index) {
            continue;
        }
        let titled = person.title.is_some() && person.rank.is_none();
        let mut own = input.mentions.iter().filter(|m| m.person == index);
        let cued = own.any(|m| {
            let after = line_after(text, m.end);
            let before = &text[m.head_start.saturating_sub(80)..m.head_start];
            if titled {
                ACCUSED_PASSIVE.is_match(after)
            } else {
                ACCUSED_AFTER.is_match(after)
                    || ACCUSED_BEFORE.is_match(before)
                    || ACCUSED_FIELD.is_match(after)
            }
        });
        let staff = person
            .title
            .and_then(|(t, _, _)| input.titles.get(t))
            .is_some_and(|t| t.police_staff);
        let eligible = (person.officer || staff) && !speaks(input, index);
        subject[index] = cued || (eligible && case_stated(input, index));
    }
    if let Some(only) = lede_officer(input).filter(|_| !subject.contains(&true)) {
        subject[only] = true;
    }
    subject
}

/// The article's one officer, when an opening before any name tells of an unnamed officer's
/// sanction ("A sergeant has been dismissed ..." and later "Tom Hale, of Kent Police, ...").
fn lede_officer(input: &SubjectInput<'_>) -> Option<usize> {
    let first = input.mentions.iter().map(|m| m.head_start).min()?;
    let lede = input
        .sentences
        .iter()
        .take_while(|s| s.end <= first)
        .any(|s| LEDE_SANCTION.is_match(s.text(input.text)));
    let mut officers = (0..input.people.len()).filter(|&i| {
        input.people[i].officer
            && !input.chairs.contains(&i)
            && !on_panel(input, i)
            && !speaks(input, i)
    });
    let only = officers.next()?;
    (lede && officers.next().is_none()).then_some(only)
}

/// True when the words after a mention ending at `end` make its person the one who decides
/// ("found that his conduct ...", "dismissed him").
pub(super) fn decides_after(text: &str, end: usize) -> bool {
    DECIDES_AFTER.is_match(line_after(text, end))
}

fn line_after(text: &str, at: usize) -> &str {
    let after = &text[at..(at + 160).min(text.len())];
    after
        .get(..after.find('\n').unwrap_or(after.len()))
        .unwrap_or(after)
}

/// True when the text says the person died.
fn died(input: &SubjectInput<'_>, person: usize) -> bool {
    input
        .mentions
        .iter()
        .filter(|m| m.person == person)
        .any(|m| {
            let before = &input.text[m.head_start.saturating_sub(40)..m.head_start];
            DIED_AFTER.is_match(line_after(input.text, m.end)) || DIED_BEFORE.is_match(before)
        })
}

/// True when some mention of the person names them as a member of the panel or the one who
/// held the hearing.
fn on_panel(input: &SubjectInput<'_>, person: usize) -> bool {
    input
        .mentions
        .iter()
        .filter(|m| m.person == person)
        .any(|m| {
            let before = &input.text[m.head_start.saturating_sub(60)..m.head_start];
            PANEL_AFTER.is_match(line_after(input.text, m.end)) || PANEL_BEFORE.is_match(before)
        })
}

/// True when some mention of the person introduces their own words.
fn speaks(input: &SubjectInput<'_>, person: usize) -> bool {
    input
        .mentions
        .iter()
        .filter(|m| m.person == person)
        .any(|m| {
            let before = &input.text[m.head_start.saturating_sub(30)..m.head_start];
            SPEAKS_AFTER.is_match(line_after(input.text, m.end)) || SPEAKS_BEFORE.is_match(before)
        })
}

/// True when a sentence that names the person and no one else (chairs aside), or the sentence
/// after it that names no one and points back with a pronoun, states a finding, an outcome or
/// a breach.
fn case_stated(input: &SubjectInput<'_>, person: usize) -> bool {
    let civilian = |p: usize| input.people[p].member_of_public();
    let names_only = |s: &Sentence, who: Option<usize>| {
        starting_in(input.mentions, s.start, s.end)
            .iter()
            .filter(|m| m.start >= s.start && m.end <= s.end && !input.chairs.contains(&m.person))
            .filter(|m| who.is_none() || !civilian(m.person))
            .all(|m| Some(m.person) == who)
    };
    let states_case = |s: &Sentence| {
        let body = s.text(input.text);
        CASE_CUE.is_match(body)
            || finding_in(body, 0).is_some()
            || !outcomes_in(input.text, (s.start, s.end), input.added_outcomes).is_empty()
    };
    input.sentences.iter().enumerate().any(|(i, s)| {
        let named = starting_in(input.mentions, s.start, s.end)
            .iter()
            .any(|m| m.person == person && m.start >= s.start && m.end <= s.end);
        if !named || !names_only(s, Some(person)) {
            return false;
        }
        // The sentences after it that name no one speak of them ("Finding: Gross misconduct"
        // under an officer's name), until someone else is named or someone speaks.
        states_case(s)
            || input.sentences[i + 1..]
                .iter()
                .take(TOPIC_REACH)
                .take_while(|next| {
                    names_only(next, None) && !PRONOUN_SPEAKS.is_match(next.text(input.text))
                })
                .any(states_case)
    })
}

/// How many sentences back a clause naming no one looks for the subject last named.
const TOPIC_REACH: usize = 20;

/// Which subjects a span of text (a clause of sentence `sentence`) speaks of.
pub struct Resolver<'a> {
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    /// In text order (by start), as people detection gives them.
    pub mentions: &'a [Mention],
    /// Each person's roles, by person index.
    pub roles: &'a [Roles],
}

impl Resolver<'_> {
    /// True when person `p` faces the case.
    pub fn is_subject(&self, p: usize) -> bool {
        self.roles.get(p).is_some_and(|r| r.subject)
    }

    fn is_chair(&self, p: usize) -> bool {
        self.roles.get(p).is_some_and(|r| r.chair)
    }

    fn is_bystander(&self, p: usize) -> bool {
        self.roles.get(p).is_some_and(|r| r.bystander)
    }

    fn is_civilian(&self, p: usize) -> bool {
        self.roles.get(p).is_some_and(|r| r.civilian)
    }

    /// The people a span names, once each, who pass `keep`; where some are named in their own
    /// right, not those only named as someone's ("PC B, who was Mr A's driver").
    fn named_in(&self, start: usize, end: usize, keep: impl Fn(usize) -> bool) -> Vec<usize> {
        let named: Vec<(usize, bool)> = starting_in(self.mentions, start, end)
            .iter()
            .filter(|m| m.start >= start && m.end <= end && keep(m.person))
            .map(|m| (m.person, self.text[m.end..].starts_with("'s ")))
            .collect();
        let any_own = named.iter().any(|&(_, possessive)| !possessive);
        let mut found: Vec<usize> = named
            .iter()
            .filter(|&&(p, _)| {
                !any_own || named.iter().any(|&(q, possessive)| q == p && !possessive)
            })
            .map(|&(p, _)| p)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    fn subjects_in(&self, start: usize, end: usize) -> Vec<usize> {
        self.named_in(start, end, |p| self.is_subject(p))
    }

    /// Everyone a span names, chairs aside, and those who neither face the case, serve as
    /// officers nor are members of the public: a legally qualified chair, a lawyer, a director
    /// who speaks of the case ("The chair, Ms Reed, said his conduct ... The panel found he
    /// ...").
    fn people_in(&self, start: usize, end: usize) -> Vec<usize> {
        self.named_in(start, end, |p| {
            !self.is_chair(p) && (self.is_subject(p) || self.is_bystander(p) || self.is_civilian(p))
        })
    }

    /// The `reach` sentences before `sentence`, nearest first.
    fn before(&self, sentence: usize, reach: usize) -> impl Iterator<Item = &Sentence> {
        self.sentences[..sentence.min(self.sentences.len())]
            .iter()
            .rev()
            .take(reach)
    }

    /// Everyone named in the nearest of the `reach` sentences before `sentence` that names anyone.
    fn last_named(&self, sentence: usize, reach: usize) -> Option<Vec<usize>> {
        self.before(sentence, reach)
            .map(|s| self.people_in(s.start, s.end))
            .find(|named| !named.is_empty())
    }

    /// True when the clause names a subject or points back at one ("he", "the officer").
    pub fn speaks_of_someone(&self, start: usize, end: usize) -> bool {
        !self.subjects_in(start, end).is_empty() || ANAPHOR.is_match(&self.text[start..end])
    }

    /// Every subject of the article.
    pub fn all_subjects(&self) -> Vec<usize> {
        (0..self.roles.len())
            .filter(|&i| self.is_subject(i))
            .collect()
    }

    /// The clauses of a sentence, as byte spans: the whole sentence when it names at most one
    /// subject, else the pieces between clause breaks.
    pub fn clauses(&self, sentence: &Sentence) -> Vec<(usize, usize)> {
        if self.subjects_in(sentence.start, sentence.end).len() <= 1 {
            return vec![(sentence.start, sentence.end)];
        }
        let body = sentence.text(self.text);
        let mut breaks: Vec<(usize, usize)> = CLAUSE_BREAK
            .find_iter(body)
            .filter(|m| {
                !(m.as_str().starts_with(", and") && self.after_aside(sentence.start + m.start()))
            })
            .map(|m| (sentence.start + m.start(), sentence.start + m.end()))
            .collect();
        breaks.extend(self.and_breaks(sentence));
        breaks.sort_unstable();
        let mut spans = Vec::new();
        let mut from = sentence.start;
        for (at, to) in breaks.into_iter().filter(|b| b.0 >= sentence.start) {
            if at >= from {
                spans.push((from, at));
                from = to;
            }
        }
        spans.push((from, sentence.end));
        spans
    }

    /// "PC A was dismissed and PC B was given a warning": an "and" before a subject's mention
    /// ends a clause when the words since the last subject named say something of them, not
    /// when they only list names ("PC A and PC B were dismissed").
    fn and_breaks(&self, sentence: &Sentence) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for m in starting_in(self.mentions, sentence.start, sentence.end)
            .iter()
            .filter(|m| {
                m.start > sentence.start && m.end <= sentence.end && self.is_subject(m.person)
            })
        {
            let before = &self.text[sentence.start..m.head_start];
            let Some(and) = before
                .strip_suffix(" and ")
                .or_else(|| before.strip_suffix(", and "))
            else {
                continue;
            };
            let and_at = sentence.start + and.len();
            let last = starting_in(self.mentions, sentence.start, and_at)
                .iter()
                .rfind(|o| {
                    o.end <= and_at && o.start >= sentence.start && self.is_subject(o.person)
                });
            let said = last.is_some_and(|o| {
                let gap = &self.text[o.end..and_at];
                gap.split_whitespace().count() >= 3 && !self.aside(o.end, and_at)
            });
            if said {
                out.push((and_at, m.head_start));
            }
        }
        out
    }

    /// True when the words between the last subject named before `at` and `at` only describe
    /// them.
    fn after_aside(&self, at: usize) -> bool {
        self.mentions
            .iter()
            .rfind(|m| m.end <= at && self.is_subject(m.person))
            .is_some_and(|m| self.aside(m.end, at))
    }

    /// True when the words after a name only describe the person ("PC A, who was based in
    /// Leeds, and PC B were ..."), saying nothing of the case.
    fn aside(&self, start: usize, end: usize) -> bool {
        let gap = self.text[start..end].trim_end_matches([',', ' ']);
        RELATIVE_ASIDE.is_match(gap)
            && !CASE_CUE.is_match(gap)
            && finding_in(gap, 0).is_none()
            && outcomes_in(self.text, (start, end), &[]).is_empty()
    }

    /// True when the subjects a clause names stand together as one list ("PC A, PC B and
    /// former DI C will be placed on the barred list").
    fn named_as_list(&self, start: usize, end: usize) -> bool {
        let named: Vec<&Mention> = starting_in(self.mentions, start, end)
            .iter()
            .filter(|m| m.start >= start && m.end <= end && self.is_subject(m.person))
            .collect();
        named.windows(2).all(|pair| {
            let gap = self.text[pair[0].end..pair[1].head_start].trim_end_matches("former ");
            matches!(gap, ", " | " and " | ", and " | " & ")
        })
    }

    /// The subjects a clause speaks of: those it names (several only with a plural verb or
    /// "both"), else, through "he", "the officer" or no mention at all, the subject named alone
    /// in the nearest sentence that names anyone, or the only subject of the article; nobody
    /// when that sentence names an officer who is not a subject.
    /// "Both had breached ...", "the three officers were dismissed": every subject, when the
    /// article has that many (`size`); else, for "both" or "the pair" (`just_named`), the
    /// nearest two named together ("Arkwright ... and Tull ..."); "the two officers" may be any
    /// two of them. (A case-level fact keeps to the rules of `resolve`.)
    fn group_of_subjects(
        &self,
        sentence: usize,
        (size, just_named): (usize, bool),
        all: Vec<usize>,
    ) -> Vec<usize> {
        if size == all.len() {
            return all;
        }
        if !just_named {
            return Vec::new();
        }
        self.before(sentence, TOPIC_REACH)
            .map(|s| self.subjects_in(s.start, s.end))
            .find(|named| named.len() == size)
            .unwrap_or_default()
    }

    pub fn resolve(
        &self,
        sentence: usize,
        start: usize,
        end: usize,
        case_level: bool,
    ) -> Vec<usize> {
        let clause = &self.text[start..end];
        if OTHERS.is_match(clause) {
            return Vec::new();
        }
        let named = self.subjects_in(start, end);
        let unnamed = UNNAMED_OTHER.is_match(clause) && !self.lede_of_the_only_officer(start)
            || UNNAMED_TARGET.is_match(clause);
        if named.is_empty() && (unnamed || self.counted_others(clause)) {
            return Vec::new();
        }
        match named.len() {
            1 => return named,
            0 => {}
            _ => {
                return if PLURAL.is_match(clause) || case_level || self.named_as_list(start, end) {
                    named
                } else {
                    Vec::new()
                };
            }
        }
        // A clause that names someone who is not a subject speaks of them, not of a subject,
        // unless it also points back with a pronoun.
        let names_other = starting_in(self.mentions, start, end).iter().any(|m| {
            m.start >= start
                && m.end <= end
                && !self.is_subject(m.person)
                && !self.is_chair(m.person)
        });
        let anaphor = ANAPHOR.is_match(clause);
        if names_other && !anaphor {
            return if case_level {
                self.only_or_all(case_level)
            } else {
                Vec::new()
            };
        }
        let all = self.all_subjects();
        if let Some(group) = group(clause).filter(|_| all.len() > 1 && !case_level) {
            return self.group_of_subjects(sentence, group, all);
        }
        // The person last named is the topic: an officer who is not a subject takes the clause
        // from the subjects. A case-level fact (an investigation) more often covers every
        // subject: only the sentence right before narrows it.
        let mut topic = self.last_named(sentence, if case_level { 1 } else { TOPIC_REACH });
        if let Some(t) = topic.as_mut().filter(|_| !COURT_WORDS.is_match(clause)) {
            let civilian = |p: &usize| self.is_civilian(*p);
            if t.iter().any(|p| !civilian(p)) {
                t.retain(|p| !civilian(p));
            }
        }
        if topic
            .as_ref()
            .is_some_and(|t| t.len() == 1 && self.is_bystander(t[0]))
        {
            return Vec::new();
        }
        if all.len() <= 1 {
            return all;
        }
        // A subject named alone is the topic until someone else is named; a sentence naming
        // several leaves the clause to nobody.
        if let Some(before) = topic {
            if before.len() == 1 && self.is_subject(before[0]) && !plural_people(clause) {
                return before;
            }
        }
        self.only_or_all(case_level)
    }

    /// True when a clause opens the article before anyone is named, and the article names one
    /// officer, a subject: "A sergeant has been dismissed" speaks of them.
    fn lede_of_the_only_officer(&self, start: usize) -> bool {
        let first = self.mentions.iter().map(|m| m.head_start).min();
        first.is_some_and(|f| start < f)
            && self.all_subjects().len() == 1
            && !self.roles.iter().any(|r| r.bystander)
    }

    /// True when a clause counts officers, and not as many as the article's subjects: a
    /// statistic or others, not them.
    fn counted_others(&self, clause: &str) -> bool {
        COUNTED_OTHERS.captures(clause).is_some_and(|caps| {
            let count = caps
                .get(1)
                .and_then(|n| n.as_str().parse().ok())
                .or_else(|| caps.get(2).and_then(|w| number_word(w.as_str())));
            count != Some(self.all_subjects().len())
        })
    }

    fn only_or_all(&self, case_level: bool) -> Vec<usize> {
        let all = self.all_subjects();
        if all.len() == 1 || case_level {
            all
        } else {
            Vec::new()
        }
    }
}

/// True when a clause speaks of several people ("they were both dismissed"), not of things
/// ("the allegations were proven and they amounted to gross misconduct").
fn plural_people(clause: &str) -> bool {
    PLURAL_PRONOUN.find_iter(clause).any(|m| {
        let word = m.as_str().to_ascii_lowercase();
        let next = clause[m.end()..].split_whitespace().next().unwrap_or("");
        match word.as_str() {
            "they" | "them" => !THINGS.is_match(&clause[..m.start()]),
            "both" | "each" | "all" => !THINGS.is_match(next),
            _ => true,
        }
    })
}

/// How many people a clause speaks of together ("both", "the pair", "all three officers"),
/// and whether the words point at two just named ("both", "the pair").
fn group(clause: &str) -> Option<(usize, bool)> {
    let caps = GROUP.captures(clause)?;
    if caps.get(1).is_some() || caps.get(2).is_some() {
        return Some((2, true));
    }
    let word = caps.get(3).or_else(|| caps.get(4))?.as_str();
    number_word(word).map(|n| (n, false))
}

/// The number a word from "two" to "six" names.
pub(super) fn number_word(word: &str) -> Option<usize> {
    ["two", "three", "four", "five", "six"]
        .iter()
        .position(|w| w.eq_ignore_ascii_case(word))
        .map(|i| i + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        for p in [
            &ACCUSED_AFTER,
            &ACCUSED_BEFORE,
            &ACCUSED_FIELD,
            &DECIDES_AFTER,
            &DIED_AFTER,
            &DIED_BEFORE,
            &ANAPHOR,
            &PLURAL,
            &CLAUSE_BREAK,
            &ACCUSED_PASSIVE,
            &SPEAKS_AFTER,
            &SPEAKS_BEFORE,
            &PANEL_AFTER,
            &PANEL_BEFORE,
            &COUNTED_OTHERS,
            &CASE_CUE,
            &PRONOUN_SPEAKS,
            &RELATIVE_ASIDE,
            &GROUP,
            &PLURAL_PRONOUN,
            &OTHERS,
            &THINGS,
            &UNNAMED_OTHER,
            &UNNAMED_TARGET,
            &LEDE_SANCTION,
            &COURT_WORDS,
        ] {
            LazyLock::force(p);
        }
    }

    #[test]
    fn accused_cues() {
        assert!(ACCUSED_AFTER.is_match(", 41, is due to appear at Leeds Crown Court"));
        assert!(ACCUSED_AFTER.is_match(" is due to attend a court hearing"));
        assert!(ACCUSED_AFTER.is_match(", 56, who has since resigned but"));
        assert!(ACCUSED_AFTER.is_match(" was dismissed without notice"));
        assert!(!ACCUSED_AFTER.is_match(", who leads the command, said"));
        assert!(!ACCUSED_AFTER.is_match(", who heads the response team, added: \"We"));
        assert!(ACCUSED_AFTER.is_match(" will be added to the barred list"));
        assert!(ACCUSED_AFTER.is_match(" of Avon and Somerset Police faced a misconduct hearing"));
        assert!(!ACCUSED_AFTER.is_match(" of Avon and Somerset Police said the hearing was fair"));
        assert!(ACCUSED_BEFORE.is_match("heard a number of allegations against "));
        assert!(ACCUSED_FIELD.is_match(": the allegation that he lied was found not proven."));
        assert!(ACCUSED_AFTER.is_match(", faced the same allegation."));
        assert!(DECIDES_AFTER.is_match(" found that his conduct amounted to gross misconduct"));
        assert!(DECIDES_AFTER.is_match(", who chaired the hearing, dismissed him without notice"));
        assert!(!DECIDES_AFTER.is_match(" was found to have breached"));
        // Whatever may follow a name as the accused's verb may follow it as the decider's.
        assert!(DECIDES_AFTER.is_match(", found that the allegations were proven"));
        assert!(!DECIDES_AFTER.is_match(" was dismissed without notice"));
        assert!(!ACCUSED_FIELD.is_match(": \"We are sorry.\""));
        assert!(DIED_AFTER.is_match("'s death was preventable"));
        assert!(DIED_AFTER.is_match(", 41, died in hospital"));
        assert!(DIED_BEFORE.is_match("an inquest into the death of Mr "));
        assert!(ACCUSED_AFTER.is_match(", of Mill Lane, Hexham, pleaded guilty to assault"));
        assert!(
            ACCUSED_AFTER.is_match(", who was based in Ely, and PC Jo Dunn, 29, were dismissed")
        );
    }

    #[test]
    fn titled_people_need_a_passive() {
        assert!(ACCUSED_PASSIVE.is_match(", who did not attend, was dismissed without notice"));
        assert!(!ACCUSED_PASSIVE.is_match(" found the allegations proven"));
        assert!(SPEAKS_AFTER.is_match(", head of the unit, said"));
        assert!(SPEAKS_AFTER.is_match(", who chaired the panel, ruled that"));
        assert!(SPEAKS_BEFORE.is_match("\" concluded "));
        assert!(CASE_CUE.is_match("Her conduct breached the standard of confidentiality."));
        assert!(PRONOUN_SPEAKS.is_match("She said the force had learned lessons."));
    }

    fn group_size(clause: &str) -> Option<usize> {
        group(clause).map(|(size, _)| size)
    }

    /// Each person's roles: subject or not, member of the public or not.
    fn roles(subject: &[bool], civilian: &[bool]) -> Vec<Roles> {
        (subject.iter().zip(civilian))
            .map(|(&subject, &civilian)| Roles {
                subject,
                civilian,
                ..Roles::default()
            })
            .collect()
    }

    /// Two people, both subjects.
    const SUBJECTS: [Roles; 2] = [
        Roles {
            subject: true,
            chair: false,
            bystander: false,
            civilian: false,
        },
        Roles {
            subject: true,
            chair: false,
            bystander: false,
            civilian: false,
        },
    ];

    fn resolver_over<'a>(
        text: &'a str,
        sentences: &'a [Sentence],
        mentions: &'a [Mention],
    ) -> Resolver<'a> {
        Resolver {
            text,
            sentences,
            mentions,
            roles: &SUBJECTS,
        }
    }

    /// Mentions as people detection gives them: in text order.
    fn in_text_order<const N: usize>(mut mentions: [Mention; N]) -> [Mention; N] {
        mentions.sort();
        mentions
    }

    fn mention(text: &str, name: &str, person: usize) -> Mention {
        let start = text.find(name).unwrap_or_default();
        Mention {
            start: start + 3,
            end: start + name.len(),
            person,
            head_start: start,
        }
    }

    /// The whole of an ASCII text as one sentence.
    fn one_sentence(text: &str) -> Sentence {
        Sentence {
            index: 0,
            start: 0,
            end: text.len(),
            start_char: 0,
            end_char: text.len(),
        }
    }

    #[test]
    fn and_splits_clauses_that_say_something() {
        let text = "PC Ames was dismissed without notice and PC Bell was given a written warning.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = [one_sentence(text)];
        let resolver = resolver_over(text, &sentences, &mentions);
        let clauses = resolver.clauses(&sentences[0]);
        assert_eq!(clauses.len(), 2);
        assert_eq!(
            resolver.resolve(0, clauses[1].0, clauses[1].1, false),
            vec![1]
        );
    }

    /// Sentences of an ASCII text, split after each ". ".
    fn sentences_of(text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            out.push(Sentence {
                index: out.len(),
                start,
                end: i + 1,
                start_char: start,
                end_char: i + 1,
            });
            start = i + 2;
        }
        out.push(Sentence {
            index: out.len(),
            start,
            end: text.len(),
            start_char: start,
            end_char: text.len(),
        });
        out
    }

    #[test]
    fn a_clause_naming_no_one_speaks_of_the_subject_last_named_alone() {
        let text = "PC Bell was cleared. PC Ames faced a hearing. The chair summed up the evidence. \
                    The panel dismissed him.";
        let mentions = in_text_order([mention(text, "PC Bell", 1), mention(text, "PC Ames", 0)]);
        let sentences = sentences_of(text);
        let resolver = resolver_over(text, &sentences, &mentions);
        let last = &sentences[3];
        assert_eq!(resolver.resolve(3, last.start, last.end, false), vec![0]);

        let text = "PC Bell was cleared. PC Ames swore at a driver. \
                    His words were found to be misconduct.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = sentences_of(text);
        let resolver = resolver_over(text, &sentences, &mentions);
        let last = &sentences[2];
        assert_eq!(resolver.resolve(2, last.start, last.end, false), vec![0]);

        let text =
            "PC Bell and PC Ames faced a hearing. The chair summed up. The panel dismissed him.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = sentences_of(text);
        let resolver = resolver_over(text, &sentences, &mentions);
        let last = &sentences[2];
        assert!(resolver.resolve(2, last.start, last.end, false).is_empty());
    }

    #[test]
    fn names_described_in_passing_stay_one_list() {
        let text = "PC Ames, who was based in Leeds, and PC Bell, who worked nights, were found \
                    to have committed gross misconduct.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = [one_sentence(text)];
        let resolver = resolver_over(text, &sentences, &mentions);
        assert_eq!(resolver.clauses(&sentences[0]).len(), 1);
        assert_eq!(resolver.resolve(0, 0, text.len(), false), vec![0, 1]);

        let text = "PC Ames, who was dismissed last year, and PC Bell were named in the report.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = [one_sentence(text)];
        let resolver = resolver_over(text, &sentences, &mentions);
        assert_eq!(resolver.clauses(&sentences[0]).len(), 2);
    }

    #[test]
    fn both_speaks_of_every_subject_when_there_are_two() {
        let text = "PC Ames faced a hearing. PC Bell faced it too. \
                    The chair found that both had breached the standard of honesty.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = sentences_of(text);
        let resolver = resolver_over(text, &sentences, &mentions);
        let last = &sentences[2];
        assert_eq!(resolver.resolve(2, last.start, last.end, false), vec![0, 1]);
        assert_eq!(group_size("All three officers were dismissed."), Some(3));

        let text = "PC Ames faced a hearing. PC Cole was cleared. PC Bell faced one too. \
                    PC Ames and PC Bell lied. Both were dismissed.";
        let mentions = [
            mention(text, "PC Ames", 0),
            mention(text, "PC Bell", 1),
            mention(text, "PC Cole", 2),
            mention(&text[60..], "PC Ames", 0),
        ];
        let mut mentions = mentions.to_vec();
        mentions[3].start += 60;
        mentions[3].end += 60;
        mentions[3].head_start += 60;
        let bell = text.rfind("PC Bell").unwrap_or_default();
        mentions.push(Mention {
            start: bell + 3,
            end: bell + 7,
            person: 1,
            head_start: bell,
        });
        mentions.sort();
        let sentences = sentences_of(text);
        let resolver = Resolver {
            roles: &roles(&[true, true, true], &[false, false, false]),
            ..resolver_over(text, &sentences, &mentions)
        };
        let last = &sentences[4];
        assert_eq!(resolver.resolve(4, last.start, last.end, false), vec![0, 1]);
        assert_eq!(group_size("Both women gave evidence."), None);
        assert_eq!(
            group_size("The pair will be placed on the barred list."),
            Some(2)
        );
    }

    #[test]
    fn they_may_be_the_allegations() {
        assert!(!plural_people(
            "The panel found both allegations proven and that they amounted to gross misconduct."
        ));
        assert!(plural_people(
            "They were both given final written warnings."
        ));
    }

    #[test]
    fn someone_named_as_another_s_is_not_who_the_clause_is_about() {
        let text = "PC Bell, who was PC Ames's driver, faced an allegation.";
        let mentions = in_text_order([mention(text, "PC Bell", 1), mention(text, "PC Ames", 0)]);
        let sentences = [one_sentence(text)];
        let resolver = resolver_over(text, &sentences, &mentions);
        assert_eq!(resolver.resolve(0, 0, text.len(), false), vec![1]);
    }

    #[test]
    fn an_officer_not_named_is_not_the_subject_last_named() {
        let text = "PC Ames was dismissed. A sergeant who saw it was given management advice.";
        let mentions = in_text_order([mention(text, "PC Ames", 0)]);
        let sentences = sentences_of(text);
        let resolver = resolver_over(text, &sentences, &mentions);
        let last = &sentences[1];
        assert!(resolver.resolve(1, last.start, last.end, false).is_empty());
    }

    /// Each proceeding of `text` as (subject, outcome IRIs' last segments).
    fn proceedings_of(text: &str) -> Vec<(String, Vec<String>)> {
        let extractor = crate::extract::Extractor::new().unwrap();
        let article = crate::input::Article {
            identity: "test".into(),
            text: text.into(),
            ..crate::input::Article::default()
        };
        let facts = extractor.extract(&article);
        facts
            .proceedings
            .iter()
            .map(|p| {
                let outcomes = p
                    .outcomes
                    .iter()
                    .map(|(o, _)| o.slug().to_owned())
                    .collect();
                (facts.people[p.subject].name.clone(), outcomes)
            })
            .collect()
    }

    #[test]
    fn an_opening_sanction_before_any_name_is_the_only_officer_s() {
        let lede = "A traffic officer who lied about a crash has been sacked.\n\n\
                    PC Tom Hale, of Kent Police, was on patrol when he hit a wall. \
                    A misconduct hearing heard the case on Monday.";
        let found = proceedings_of(lede);
        assert!(found.iter().any(|(who, _)| who == "Tom Hale"), "{found:?}");
        // Two officers named: the opening settles neither.
        let two = format!("{lede} PC Ann Rowe, of Kent Police, saw it.");
        assert!(proceedings_of(&two).is_empty());
    }

    #[test]
    fn an_action_against_someone_not_named_is_not_the_subject_s() {
        let text = "PC Ames was charged. The CPS took no action against a second police driver. \
                    The other officer was cleared.";
        let mentions = in_text_order([mention(text, "PC Ames", 0)]);
        let sentences = sentences_of(text);
        let resolver = resolver_over(text, &sentences, &mentions);
        for (i, s) in sentences.iter().enumerate().skip(1) {
            assert!(resolver.resolve(i, s.start, s.end, false).is_empty());
        }
        assert_eq!(
            resolver.resolve(0, sentences[0].start, sentences[0].end, false),
            vec![0]
        );
    }

    #[test]
    fn a_member_of_the_public_named_beside_an_officer_is_not_the_topic() {
        let text = "PC Bell was cleared. PC Ames swore at Mr Cray. \
                    The panel found her conduct amounted to misconduct.";
        let mentions = in_text_order([
            mention(text, "PC Bell", 1),
            mention(text, "PC Ames", 0),
            mention(text, "Mr Cray", 2),
        ]);
        let sentences = sentences_of(text);
        let resolver = Resolver {
            roles: &roles(&[true, true, false], &[false, false, true]),
            ..resolver_over(text, &sentences, &mentions)
        };
        let last = &sentences[2];
        assert_eq!(resolver.resolve(2, last.start, last.end, false), vec![0]);
    }

    #[test]
    fn other_officers_are_not_the_one_named() {
        let text = "Three other officers who were with PC Ames that night faced a meeting.";
        let mentions = in_text_order([mention(text, "PC Ames", 0)]);
        let sentences = [one_sentence(text)];
        let resolver = resolver_over(text, &sentences, &mentions);
        assert!(resolver.resolve(0, 0, text.len(), false).is_empty());
    }

    #[test]
    fn a_list_of_names_speaks_of_each() {
        let text = "PC Ames and PC Bell will be placed on the barred list.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = [one_sentence(text)];
        let resolver = resolver_over(text, &sentences, &mentions);
        assert_eq!(resolver.clauses(&sentences[0]).len(), 1);
        assert_eq!(resolver.resolve(0, 0, text.len(), false), vec![0, 1]);
    }

    #[test]
    fn an_age_or_date_in_brackets_after_a_name_keeps_the_accused_cue() {
        assert!(ACCUSED_AFTER.is_match(", 52, (04.03.1973) was jailed for two years"));
        assert!(ACCUSED_AFTER.is_match(" (41) was sentenced at the crown court"));
        assert!(SPEAKS_AFTER.is_match(", in her written decision, states: \"The officer"));
        assert!(ACCUSED_AFTER.is_match(" first appeared at the magistrates' court in May"));
        assert!(ACCUSED_AFTER.is_match(" was formally dismissed on Friday"));
        assert!(ACCUSED_AFTER.is_match(" will return to the rank of constable"));
    }

    #[test]
    fn panel_members_and_the_officer_holding_the_hearing_are_not_subjects() {
        assert!(PANEL_AFTER.is_match(" (Assessor)"));
        assert!(PANEL_AFTER.is_match(", the independent panel member, said"));
        assert!(PANEL_BEFORE.is_match("\nSenior police officer: "));
        assert!(PANEL_BEFORE.is_match("at an accelerated misconduct hearing before "));
        assert!(PANEL_BEFORE.is_match("misconduct at a special case hearing held by "));
        assert!(!PANEL_BEFORE.is_match("the hearing heard that "));
    }

    #[test]
    fn a_titled_speaker_is_not_the_topic() {
        let text = "PC Bell was cleared. PC Ames faced a hearing. The chair, Ms Cray, said his \
                    conduct was serious. The panel found he had breached the standards.";
        let mentions = in_text_order([
            mention(text, "PC Bell", 1),
            mention(text, "PC Ames", 0),
            mention(text, "Ms Cray", 2),
        ]);
        let sentences = sentences_of(text);
        let resolver = Resolver {
            roles: &roles(&[true, true, false], &[false, false, false]),
            ..resolver_over(text, &sentences, &mentions)
        };
        let last = &sentences[3];
        assert_eq!(resolver.resolve(3, last.start, last.end, false), vec![0]);
    }

    #[test]
    fn a_count_of_other_officers_is_not_the_subject() {
        let text =
            "PC Ames was dismissed. Figures show 14 officers have been dismissed since 2019.";
        let mentions = in_text_order([mention(text, "PC Ames", 0)]);
        let sentences = sentences_of(text);
        let resolver = Resolver {
            roles: &roles(&[true], &[false]),
            ..resolver_over(text, &sentences, &mentions)
        };
        let last = &sentences[1];
        assert!(resolver.resolve(1, last.start, last.end, false).is_empty());
        // Two officers where the article has two subjects are them.
        let text = "PC Ames and PC Bell lied. Two officers were dismissed.";
        let mentions = in_text_order([mention(text, "PC Ames", 0), mention(text, "PC Bell", 1)]);
        let sentences = sentences_of(text);
        let resolver = resolver_over(text, &sentences, &mentions);
        assert!(!resolver.counted_others(sentences[1].text(text)));
        assert!(resolver.counted_others("Dozens of officers were disciplined."));
    }
}
