//! Extraction rules, each on sentences written for the test: what the extractor makes of them,
//! through the library's own API.

use policegraph::extract::Extractor;
use policegraph::facts::{Facts, Relation};
use policegraph::input::Article;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn extract(text: &str) -> Result<Facts, Box<dyn std::error::Error>> {
    let article = Article {
        identity: "test".into(),
        text: text.into(),
        ..Article::default()
    };
    Ok(Extractor::new()?.with_current_year(2026).extract(&article))
}

fn person(facts: &Facts, name: &str) -> Option<usize> {
    facts.people.iter().position(|p| p.name == name)
}

/// (kind, date, finding, outcomes) of each proceeding of a person, as concept slugs.
fn proceedings_of(facts: &Facts, name: &str) -> Vec<(String, String, String, Vec<String>)> {
    let who = person(facts, name);
    facts
        .proceedings
        .iter()
        .filter(|p| Some(p.subject) == who)
        .map(|p| {
            (
                p.kind.slug().to_owned(),
                p.date.map(|(d, _)| d.to_string()).unwrap_or_default(),
                p.finding
                    .map(|(f, _)| f.slug().to_owned())
                    .unwrap_or_default(),
                p.outcomes
                    .iter()
                    .map(|(o, _)| o.slug().to_owned())
                    .collect(),
            )
        })
        .collect()
}

fn investigators_of(facts: &Facts, name: &str) -> Vec<String> {
    let who = person(facts, name);
    facts
        .person_facts
        .iter()
        .filter(|f| Some(f.person) == who)
        .filter_map(|f| match f.relation {
            Relation::InvestigatedBy(o)
            | Relation::ReferredTo(o)
            | Relation::FileSubmittedTo(o) => Some(facts.organisations[o].name.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn weekday_hearings_are_dated_from_the_dateline() -> TestResult {
    let facts = extract(
        "Evening Gazette\nPosted: Thursday, 10 October 2024\n\n\
         PC Harriet Vance of Essex Police was dismissed without notice at a misconduct hearing \
         which ended on Monday.",
    )?;
    let rows = proceedings_of(&facts, "Harriet Vance");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, "2024-10-07");
    Ok(())
}

#[test]
fn a_proven_breach_outweighs_a_side_allegation_not_proven() -> TestResult {
    let facts = extract(
        "Sergeant Colm Rafferty of Durham Constabulary faced a misconduct hearing. The panel \
         found that his conduct amounted to gross misconduct and he was given a final written \
         warning. A further allegation that he misled his inspector was found not proven.",
    )?;
    let rows = proceedings_of(&facts, "Colm Rafferty");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].2, "gross-misconduct");
    Ok(())
}

#[test]
fn the_subject_last_named_alone_carries_the_next_clauses() -> TestResult {
    let facts = extract(
        "PC Ellis Brown of Kent Police was cleared of all allegations. Sergeant Nadia Petrov of \
         Kent Police faced a misconduct hearing over messages she sent. The chair heard evidence \
         from six witnesses. The panel found gross misconduct proven and dismissed her without \
         notice.",
    )?;
    let rows = proceedings_of(&facts, "Nadia Petrov");
    assert!(
        rows.iter()
            .any(|r| r.2 == "gross-misconduct" && r.3.iter().any(|o| o.contains("dismissal"))),
        "{rows:?}"
    );
    let other = proceedings_of(&facts, "Ellis Brown");
    assert!(
        other
            .iter()
            .all(|r| r.3.iter().all(|o| !o.contains("dismissal"))),
        "{other:?}"
    );
    Ok(())
}

#[test]
fn the_publisher_investigated_when_it_says_our_investigation() -> TestResult {
    let facts = extract(
        "Independent Office for Police Conduct\nNews\n\n\
         A constable has been given a final written warning following our investigation into a \
         crash in Luton during a pursuit, which Bedfordshire Police referred to us in 2023.\n\n\
         PC Owen Hale of Bedfordshire Police was given a final written warning at a misconduct \
         hearing.",
    )?;
    assert_eq!(
        investigators_of(&facts, "Owen Hale"),
        vec!["Independent Office for Police Conduct"]
    );
    Ok(())
}

#[test]
fn our_investigation_inside_a_quotation_is_the_speaker_s() -> TestResult {
    let facts = extract(
        "Independent Office for Police Conduct\nNews\n\n\
         PC Owen Hale of Bedfordshire Police was given a final written warning at a misconduct \
         hearing.\n\n\"Our investigation was thorough,\" a spokesperson for the force said.",
    )?;
    assert!(investigators_of(&facts, "Owen Hale").is_empty());
    Ok(())
}

#[test]
fn an_outcome_after_another_officer_is_named_is_not_the_subject_s() -> TestResult {
    // PC Quill is the subject; Sergeant Marsh, named last, is not: the dismissal that follows
    // must not go to PC Quill.
    let facts = extract(
        "PC Rosa Quill of Cumbria Constabulary was given a written warning at a misconduct \
         meeting. Sergeant Idris Marsh of Cumbria Constabulary supervised the shift that night. \
         The panel found gross misconduct proven and he was dismissed without notice.",
    )?;
    let rows = proceedings_of(&facts, "Rosa Quill");
    assert!(
        rows.iter()
            .all(|r| r.3.iter().all(|o| !o.contains("dismissal"))),
        "{rows:?}"
    );
    Ok(())
}

#[test]
fn an_officer_heading_a_block_of_outcome_fields_is_its_subject() -> TestResult {
    let facts = extract(
        "Misconduct outcomes\n\n\
         We publish the outcomes of our misconduct meetings and hearings on this page.\n\n\
         Police Constable Gideon Farrow\n\n\
         Type of proceedings: Misconduct meeting\n\n\
         Summary: The constable left a prisoner unattended in a van for an hour.\n\n\
         Finding: Misconduct\n\n\
         Outcome: Written warning\n",
    )?;
    let rows = proceedings_of(&facts, "Gideon Farrow");
    assert!(
        rows.iter()
            .any(|r| r.0 == "misconduct-meeting" && r.3.iter().any(|o| o == "written-warning")),
        "{rows:?}"
    );
    Ok(())
}

#[test]
fn the_hearing_points_back_at_the_one_last_named() -> TestResult {
    let facts = extract(
        "Two Cumbria Constabulary officers faced a misconduct hearing which concluded on \
         12 May 2025, chaired by Superintendent Owen Tate.\n\n\
         PC Lara Quigley was found to have committed gross misconduct and was dismissed without \
         notice.\n\n\
         Sergeant Dev Anand had not checked her work. The panel found his failings amounted to \
         misconduct and he was given a written warning.",
    )?;
    let rows = proceedings_of(&facts, "Dev Anand");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "misconduct-hearing");
    assert_eq!(rows[0].1, "2025-05-12");
    assert_eq!(rows[0].2, "misconduct");
    assert_eq!(rows[0].3, vec!["written-warning"]);
    Ok(())
}

#[test]
fn the_meeting_is_a_misconduct_meeting() -> TestResult {
    let facts = extract(
        "Sergeant Ivo Marsh of Lincolnshire Police left a cell door unlocked. The meeting found \
         his conduct amounted to misconduct and he received management action.",
    )?;
    let rows = proceedings_of(&facts, "Ivo Marsh");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "misconduct-meeting");
    Ok(())
}

#[test]
fn officers_described_in_passing_then_found_together_are_both_subjects() -> TestResult {
    let facts = extract(
        "Herald\nPublished 20 June 2025\n\n\
         PCSO Tanya Reid, who was based in Wisbech, and PC Omar Haq, who worked in the control \
         room, were found to have committed gross misconduct at a hearing on Wednesday.\n\n\
         The panel found that both had breached the standard of confidentiality.",
    )?;
    for name in ["Tanya Reid", "Omar Haq"] {
        let rows = proceedings_of(&facts, name);
        assert_eq!(rows.len(), 1, "{name}: {rows:?}");
        assert_eq!(rows[0].0, "misconduct-hearing");
        assert_eq!(rows[0].1, "2025-06-18");
        assert_eq!(rows[0].2, "gross-misconduct");
        let who = person(&facts, name);
        assert!(
            facts
                .person_facts
                .iter()
                .any(|f| Some(f.person) == who
                    && matches!(f.relation, Relation::BreachedStandard(_))),
            "{name} has no standard"
        );
    }
    Ok(())
}

#[test]
fn a_senior_officer_who_finds_and_dismisses_is_the_chair_not_the_accused() -> TestResult {
    let facts = extract(
        "Former PC Niall Doyle of Dorset Police admitted stealing from a victim's home. At an \
         accelerated misconduct hearing on 3 March 2025, Deputy Chief Constable Ruth Garner \
         found that his conduct amounted to gross misconduct. DCC Garner dismissed him without \
         notice.",
    )?;
    assert!(proceedings_of(&facts, "Ruth Garner").is_empty());
    let rows = proceedings_of(&facts, "Niall Doyle");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "accelerated-misconduct-hearing");
    assert_eq!(rows[0].2, "gross-misconduct");
    assert!(
        rows[0].3.iter().any(|o| o.contains("dismissal")),
        "{rows:?}"
    );
    let chair = facts
        .proceedings
        .iter()
        .find_map(|p| p.chair.map(|(c, _)| c));
    assert_eq!(chair, person(&facts, "Ruth Garner"));
    Ok(())
}

#[test]
fn the_chair_points_back_at_a_meeting_told_of_without_its_officers() -> TestResult {
    let facts = extract(
        "PC Lena Ruiz of Surrey Police was dismissed without notice at a misconduct hearing on \
         4 April 2025.\n\n\
         Two other officers who were with PC Ruiz appeared at a misconduct meeting on \
         10 April 2025, chaired by Chief Inspector Amos Pell.\n\n\
         It was alleged that PC Saul Brett failed to record the search. The chair found this \
         allegation not proven.",
    )?;
    let ruiz = proceedings_of(&facts, "Lena Ruiz");
    assert_eq!(ruiz.len(), 1, "{ruiz:?}");
    assert_eq!(ruiz[0].0, "misconduct-hearing");
    let brett = proceedings_of(&facts, "Saul Brett");
    assert_eq!(brett.len(), 1, "{brett:?}");
    assert_eq!(brett[0].0, "misconduct-meeting");
    assert_eq!(brett[0].1, "2025-04-10");
    assert_eq!(brett[0].2, "not-proven");
    Ok(())
}

#[test]
fn a_unit_said_of_the_officers_together_is_each_one_s() -> TestResult {
    let facts = extract(
        "PC Kit Laver and PC Rob Enwright of the Metropolitan Police were dismissed without \
         notice at a misconduct hearing. Both officers were attached to the Met's Territorial \
         Support Group at the time.",
    )?;
    let unit_of = |name: &str| {
        let who = person(&facts, name);
        facts
            .person_facts
            .iter()
            .filter(|f| Some(f.person) == who)
            .find_map(|f| match f.relation {
                Relation::MemberOf(o) => Some(facts.organisations[o].name.clone()),
                _ => None,
            })
    };
    assert_eq!(
        unit_of("Kit Laver").as_deref(),
        Some("Territorial Support Group")
    );
    assert_eq!(
        unit_of("Rob Enwright").as_deref(),
        Some("Territorial Support Group")
    );
    Ok(())
}

#[test]
fn the_day_an_officer_was_sacked_dates_the_hearing() -> TestResult {
    let facts = extract(
        "Daily Record\nNews | Sport\n\nWe and our partners use cookies to store and access \
         information on your device, to personalise content and to measure the audience. \
         Accept | Manage\n\nFriday 9 May 2025 10:15am BST\n\n\
         PC Idris Vaughan of Dyfed-Powys Police was sacked on Wednesday at the end of a \
         three-day misconduct hearing.",
    )?;
    let rows = proceedings_of(&facts, "Idris Vaughan");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "misconduct-hearing");
    assert_eq!(rows[0].1, "2025-05-07");
    Ok(())
}

#[test]
fn a_proceeding_of_no_stated_kind_held_the_same_day_is_that_hearing() -> TestResult {
    let facts = extract(
        "Former PC Gina Hollis of Norfolk Constabulary would have been dismissed, a misconduct \
         hearing found.\n\n\
         Two serving officers were also disciplined at the hearing, which ended on 7 March 2025.\n\n\
         PC Sam Dury, who saw the messages but said nothing, was found to have committed \
         misconduct. He was given a written warning.",
    )?;
    let rows = proceedings_of(&facts, "Sam Dury");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "misconduct-hearing");
    assert_eq!(rows[0].1, "2025-03-07");
    assert_eq!(rows[0].3, vec!["written-warning"]);
    Ok(())
}

#[test]
fn an_outcomes_page_gives_date_chair_and_finding_as_fields() -> TestResult {
    let facts = extract(
        "Misconduct outcomes\n\n\
         Name: Constable Harvey Lisle\n\
         Unit at the time: Territorial Support Group, Metropolitan Police Service\n\
         Type of proceedings: Misconduct hearing\n\
         Date(s): 02/06/2025 - 04/06/2025\n\
         Chair: Mr Osman Reeve (legally qualified chair)\n\
         Finding: Gross misconduct\n\
         Outcome: Final written warning\n",
    )?;
    let rows = proceedings_of(&facts, "Harvey Lisle");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].0, "misconduct-hearing");
    assert_eq!(rows[0].1, "2025-06-04");
    assert_eq!(rows[0].2, "gross-misconduct");
    let chair = facts
        .proceedings
        .iter()
        .find_map(|p| p.chair.map(|(c, _)| c));
    assert_eq!(chair, person(&facts, "Osman Reeve"));
    let who = person(&facts, "Harvey Lisle");
    let unit = facts
        .person_facts
        .iter()
        .filter(|f| Some(f.person) == who)
        .find_map(|f| match f.relation {
            Relation::MemberOf(o) => Some(facts.organisations[o].name.clone()),
            _ => None,
        });
    assert_eq!(unit.as_deref(), Some("Territorial Support Group"));
    Ok(())
}

#[test]
fn a_second_officer_cleared_at_the_same_hearing_shares_its_date_and_chair() -> TestResult {
    let facts = extract(
        "Inspector Maria Vance of Avon and Somerset Police faced a misconduct hearing.\n\n\
         A second officer, Sergeant Leo Hart, faced the same allegation. The panel found the \
         case against him not proven.\n\n\
         The hearing, which took place at the force's headquarters from Monday 3 to Thursday \
         6 March 2025, was told the report had been lost.\n\n\
         The panel, chaired by legally qualified chair Rosa Fenn, found that Insp Vance had not \
         read the report. It concluded her conduct was misconduct and she was given a written \
         warning.",
    )?;
    let hart = proceedings_of(&facts, "Leo Hart");
    assert_eq!(hart.len(), 1, "{hart:?}");
    assert_eq!(hart[0].1, "2025-03-06");
    assert_eq!(hart[0].2, "not-proven");
    let chair_of = |name: &str| {
        let who = person(&facts, name);
        facts
            .proceedings
            .iter()
            .find(|p| Some(p.subject) == who)
            .and_then(|p| p.chair.map(|(c, _)| c))
    };
    assert_eq!(chair_of("Maria Vance"), person(&facts, "Rosa Fenn"));
    assert_eq!(chair_of("Leo Hart"), person(&facts, "Rosa Fenn"));
    Ok(())
}

#[test]
fn the_same_standards_are_the_ones_told_for_the_officer_before() -> TestResult {
    let facts = extract(
        "PC Ada Finch of Cheshire Constabulary was found to have breached the standards of \
         honesty and integrity and of confidentiality. She was dismissed without notice.\n\n\
         PC Ross Nye was found to have breached the same two standards and was also dismissed \
         without notice.",
    )?;
    let standards_of = |name: &str| {
        let who = person(&facts, name);
        let mut found: Vec<String> = facts
            .person_facts
            .iter()
            .filter(|f| Some(f.person) == who)
            .filter_map(|f| match &f.relation {
                Relation::BreachedStandard(s) => Some(s.iri()),
                _ => None,
            })
            .collect();
        found.sort();
        found
    };
    assert_eq!(standards_of("Ross Nye").len(), 2);
    assert_eq!(standards_of("Ross Nye"), standards_of("Ada Finch"));
    Ok(())
}

#[test]
fn a_chair_named_in_apposition_who_found_is_not_the_accused() -> TestResult {
    let facts = extract(
        "PC Ivan Lott of Suffolk Constabulary faced a misconduct hearing. The chair, Chief \
         Superintendent Rhona Kemp, found that his conduct amounted to gross misconduct. He was \
         dismissed without notice.",
    )?;
    assert!(proceedings_of(&facts, "Rhona Kemp").is_empty());
    let rows = proceedings_of(&facts, "Ivan Lott");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].2, "gross-misconduct");
    Ok(())
}

/// Each fact's evidence names the rule that stated it, and the quads carry it as `pg:rule`.
#[test]
fn every_fact_names_the_rule_that_stated_it() -> TestResult {
    use policegraph::facts::Rule;
    let text = "PC Jane Roe, of Kent Police, was dismissed without notice at a misconduct \
                hearing on 3 March 2025 after the panel found gross misconduct.";
    let facts = extract(text)?;
    let roe = person(&facts, "Jane Roe").ok_or("Jane Roe not found")?;
    let hearing = (facts.proceedings.iter())
        .find(|p| p.subject == roe)
        .ok_or("no proceeding")?;
    assert_eq!(hearing.evidence.rule, Rule::ProceedingStated);
    assert_eq!(
        hearing.outcomes.first().map(|(_, e)| e.rule),
        Some(Rule::Outcome)
    );
    assert_eq!(
        hearing.finding.as_ref().map(|(_, e)| e.rule),
        Some(Rule::Finding)
    );
    assert_eq!(
        hearing.date.map(|(_, e)| e.rule),
        Some(Rule::ProceedingDate)
    );
    let rules_of = |wanted: fn(&Relation) -> bool| -> Vec<Rule> {
        (facts.person_facts.iter())
            .filter(|f| f.person == roe && wanted(&f.relation))
            .map(|f| f.evidence.rule)
            .collect()
    };
    assert_eq!(
        rules_of(|r| matches!(r, Relation::Rank(_))),
        [Rule::RankWithName]
    );
    assert_eq!(
        rules_of(|r| matches!(r, Relation::MemberOf(_))),
        [Rule::MembershipWithName]
    );
    let article = Article {
        identity: "test".into(),
        text: text.into(),
        ..Article::default()
    };
    let outcome_rule = policegraph::rdf::rule_iri(Rule::Outcome);
    let quads = policegraph::rdf::article_quads(&article, &facts);
    assert!(
        quads
            .iter()
            .any(|q| q.predicate.as_str() == policegraph::vocab::pg::RULE
                && q.object.to_string() == format!("<{outcome_rule}>")),
        "no evidence node names {outcome_rule}"
    );
    Ok(())
}
