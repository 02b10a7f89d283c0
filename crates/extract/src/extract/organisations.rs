//! Organisations: the reference organisations the gazetteer found, and those the reference data
//! cannot list (courts, police stations, a force's Professional Standards Department), each
//! once per article with its mentions.

use super::gazetteer::{Category, Gazetteer, Hit};
use super::model::{OrgEntity, named_most};
use crate::concepts::OrgKind;
use crate::reference::{Entry, concept_iri};
use crate::vocab::scheme;
use regex::Regex;
use std::sync::LazyLock;

const PLACE: &str = r"[A-Z][a-z]+(?:(?:[- ]| of )(?:upon-|on-|under-|in-|le-)?[A-Z][a-z]+){0,3}";

static COURT: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"\b({PLACE} (?:Magistrates'? Court|Crown Court|County Court|Sheriff Court|Youth Court|Coroner's Court|Family Court|Magistrates Court))"
    ))
});
/// A police and crime commissioner's office: "the Staffordshire Commissioner's Office", "the
/// Office of the Police and Crime Commissioner for Kent".
static COMMISSIONERS_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"\b((?:{PLACE} )?(?:Police,? (?:Fire,? )?and Crime )?Commissioner's Office|Office (?:of|for) the (?:{PLACE} )?Police,? (?:Fire,? )?and Crime Commissioner(?: (?:for|of) {PLACE})?)"
    ))
});
static STATION: LazyLock<Regex> =
    LazyLock::new(|| crate::regex(&format!(r"\b({PLACE} [Pp]olice [Ss]tation)\b")));
/// Where an officer is based, named by place and "station" alone: "based at Ashford station".
static BASED_AT_STATION: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"\b(?:based|stationed|posted|working) (?:at|to|from|out of) ({PLACE} [Ss]tation)\b"
    ))
});
/// Where an officer is based, named by place alone: "based at Ashford". Group 1 is the place.
static BASED_AT_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"\b(?:based|stationed|posted|working) (?:at|to|from|out of) ({PLACE})\b"
    ))
});
/// A local paper or news site by its usual head word: "the Ashford Gazette", "Leeds Live".
static NEWS: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(&format!(
        r"\b({PLACE} (?:Live|Echo|Evening News|Gazette|Chronicle|Herald|Argus|Mercury|Advertiser|Courier|Evening Post|Post|Examiner))\b"
    ))
});
/// Words that make a capitalised run before a paper's head word something other than a place.
const NOT_A_PAPER: &[&str] = &[
    "Police",
    "Constabulary",
    "Court",
    "Office",
    "Station",
    "Command",
    "Unit",
    "Force",
];
/// Words right before a mention that make it a body of the past: "(formerly IPCC)".
static FORMERLY: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"(?i)\b(?:formerly|previously|once)(?: known as| called)?(?: the)?\s*$|\b(?:replaced|succeeded|superseded) the\s*$|\bpredecessor(?: body| organisation)?,? the\s*$",
    )
});

/// A force named by its county alone before a chief officer's rank or "police officer", or
/// after "Chief Constable of": "the Dorset Chief Constable", "Chief Constable of Dorset".
static COUNTY_FORCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::regex(
        r"\b((?:[A-Z][a-z]+ )?[A-Z][a-z]+) (?:(?:Deputy |Assistant )?Chief Constable|[Pp]olice (?:officers?|constables?|sergeants?|staff))\b|\b[Cc]hief [Cc]onstable of ((?:[A-Z][a-z]+ )?[A-Z][a-z]+)\b",
    )
});

/// Words a pattern may capture before a place name that are not part of it.
const LEADING_NOISE: &[&str] = &[
    "At", "The", "In", "To", "From", "Before", "At the", "On", "A", "An", "Outside",
];

fn strip_leading_noise(name: &str) -> (usize, &str) {
    let mut offset = 0;
    let mut rest = name;
    loop {
        let Some((first, tail)) = rest.split_once(' ') else {
            return (offset, rest);
        };
        if LEADING_NOISE.contains(&first) {
            offset += first.len() + 1;
            rest = tail;
        } else {
            return (offset, rest);
        }
    }
}

/// Collects the article's organisations: reference hits first, then courts, stations and
/// professional standards departments found by pattern.
pub fn find_organisations(text: &str, hits: &[Hit], gazetteer: &Gazetteer) -> Vec<OrgEntity> {
    let mut orgs: Vec<OrgEntity> = Vec::new();
    let add = |orgs: &mut Vec<OrgEntity>, entity: OrgEntity, span: (usize, usize)| {
        if let Some(o) = orgs.iter_mut().find(|o| o.iri == entity.iri) {
            o.spans.push(span);
        } else {
            let mut entity = entity;
            entity.spans = vec![span];
            orgs.push(entity);
        }
    };
    let forces = ForceHits::new(hits, gazetteer);
    for hit in hits.iter().filter(|h| h.category == Category::Organisation) {
        let entry = gazetteer.entry(hit);
        let mut entity = OrgEntity {
            iri: entry.iri.clone(),
            name: entry.pref_label.clone(),
            kind: entry.org_kind(),
            parent: entry.parent.clone(),
            from_reference: true,
            spans: Vec::new(),
        };
        if let Some(force) = forces.other_force_unit(hit, gazetteer) {
            let force = &gazetteer.reference.organisations[force];
            entity = another_forces_unit(&text[hit.start..hit.end], entity, force);
        }
        add(&mut orgs, entity, (hit.start, hit.end));
    }
    // A commissioner's office holds the commissioner's title; only an organisation covers it.
    let covered = |start: usize, end: usize, kind: OrgKind| {
        hits.iter().any(|h| {
            h.start < end
                && start < h.end
                && (kind != OrgKind::Other || h.category == Category::Organisation)
        })
    };
    for (pattern, kind) in [
        (&*COURT, OrgKind::Court),
        (&*STATION, OrgKind::PoliceStation),
        (&*COMMISSIONERS_OFFICE, OrgKind::Other),
        (&*NEWS, OrgKind::NewsOrganisation),
    ] {
        for m in pattern.find_iter(text) {
            let (offset, name) = strip_leading_noise(m.as_str());
            let start = m.start() + offset;
            if covered(start, m.end(), kind) || name.split(' ').count() < 2 {
                continue;
            }
            if kind == OrgKind::NewsOrganisation
                && name.split(' ').any(|w| NOT_A_PAPER.contains(&w))
            {
                continue;
            }
            let entity = OrgEntity {
                iri: concept_iri(scheme::ORGANISATION, name),
                name: name.to_owned(),
                kind,
                parent: None,
                from_reference: false,
                spans: Vec::new(),
            };
            add(&mut orgs, entity, (start, m.end()));
        }
    }
    county_forces(text, hits, gazetteer, &mut orgs);
    based_at_station(text, &mut orgs);
    super::units::find_units(text, hits, gazetteer, &mut orgs);
    // A body named only as what another used to be is not one the article is about.
    orgs.retain(|o| {
        o.spans
            .iter()
            .any(|&(s, _)| !FORMERLY.is_match(&text[s.saturating_sub(40)..s]))
    });
    orgs
}

/// Forces named by county alone ("Chief Constable of Dorset"): the reference force whose name
/// is the county and "Police" or "Constabulary".
fn county_forces(text: &str, hits: &[Hit], gazetteer: &Gazetteer, orgs: &mut Vec<OrgEntity>) {
    let reference = &gazetteer.reference;
    for c in COUNTY_FORCE.captures_iter(text) {
        let Some(m) = c.get(1).or_else(|| c.get(2)) else {
            continue;
        };
        let (offset, place) = strip_leading_noise(m.as_str());
        let span = (m.start() + offset, m.end());
        let overlaps = hits.iter().any(|h| h.start < span.1 && span.0 < h.end);
        let names = [format!("{place} Police"), format!("{place} Constabulary")];
        let force = reference.organisations.iter().find(|e| {
            e.is_force()
                && e.labels
                    .iter()
                    .any(|l| names.iter().any(|n| l.eq_ignore_ascii_case(n)))
        });
        let Some(force) = force.filter(|_| !overlaps) else {
            continue;
        };
        match orgs.iter_mut().find(|o| o.iri == force.iri) {
            Some(o) => o.spans.push(span),
            None => orgs.push(OrgEntity {
                iri: force.iri.clone(),
                name: force.pref_label.clone(),
                kind: OrgKind::PoliceForce,
                parent: force.parent.clone(),
                from_reference: true,
                spans: vec![span],
            }),
        }
    }
}

/// Police stations named where an officer is based: "based at Ashford station" names one;
/// "based at Ashford" is a mention of the article's Ashford police station, if it names one.
fn based_at_station(text: &str, orgs: &mut Vec<OrgEntity>) {
    for c in BASED_AT_STATION.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        if orgs
            .iter()
            .any(|o| o.spans.iter().any(|&(s, e)| s < m.end() && m.start() < e))
        {
            continue;
        }
        let name = m.as_str();
        let iri = concept_iri(scheme::ORGANISATION, name);
        match orgs.iter_mut().find(|o| o.iri == iri) {
            Some(o) => o.spans.push((m.start(), m.end())),
            None => orgs.push(OrgEntity {
                iri,
                name: name.to_owned(),
                kind: OrgKind::PoliceStation,
                parent: None,
                from_reference: false,
                spans: vec![(m.start(), m.end())],
            }),
        }
    }
    for c in BASED_AT_PLACE.captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        let place = m.as_str();
        let station = orgs.iter_mut().find(|o| {
            o.is_kind(&[OrgKind::PoliceStation])
                && o.name.strip_prefix(place).is_some_and(|rest| {
                    rest.eq_ignore_ascii_case(" police station")
                        || rest.eq_ignore_ascii_case(" station")
                })
        });
        if let Some(o) = station {
            if !o.spans.iter().any(|&(s, e)| s < m.end() && m.start() < e) {
                o.spans.push((m.start(), m.end()));
            }
        }
    }
}

/// The police forces the gazetteer found in an article.
struct ForceHits<'a> {
    hits: Vec<&'a Hit>,
    /// The reference index of the force named most often, if one is named most.
    main: Option<usize>,
}

impl<'a> ForceHits<'a> {
    fn new(hits: &'a [Hit], gazetteer: &Gazetteer) -> Self {
        let hits: Vec<&Hit> = hits
            .iter()
            .filter(|h| h.category == Category::Organisation && gazetteer.entry(h).is_force())
            .collect();
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for h in &hits {
            match counts.iter_mut().find(|(i, _)| *i == h.index) {
                Some((_, n)) => *n += 1,
                None => counts.push((h.index, 1)),
            }
        }
        let main = named_most(counts);
        ForceHits { hits, main }
    }

    /// For a reference unit of a force the article never names (the Met's "Professional
    /// Standards Directorate" in an article about West Yorkshire Police), the force it is
    /// written as belonging to ("West Yorkshire Police's ..."), else the article's main force.
    fn other_force_unit(&self, hit: &Hit, gazetteer: &Gazetteer) -> Option<usize> {
        let reference = &gazetteer.reference;
        let mut parent = gazetteer.entry(hit).parent.clone();
        let mut own_force = None;
        for _ in 0..8 {
            let Some(entry) = parent.as_deref().and_then(|p| reference.organisation(p)) else {
                break;
            };
            if entry.is_force() {
                own_force = reference
                    .organisations
                    .iter()
                    .position(|o| o.iri == entry.iri);
                break;
            }
            parent = entry.parent.clone();
        }
        let own_force = own_force?;
        if self.hits.iter().any(|h| h.index == own_force) {
            return None;
        }
        let written_with = self
            .hits
            .iter()
            .rfind(|h| h.end <= hit.start && hit.start - h.end <= 4)
            .map(|h| h.index);
        written_with.or(self.main)
    }
}

/// A unit of another force, named as written (an acronym by the reference's name).
fn another_forces_unit(written: &str, reference_unit: OrgEntity, force: &Entry) -> OrgEntity {
    let name = if written.chars().any(char::is_lowercase) {
        written
            .split(' ')
            .map(|w| match w {
                "and" | "of" | "for" => w.to_owned(),
                _ => {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
            })
            .collect::<Vec<String>>()
            .join(" ")
    } else {
        reference_unit.name.clone()
    };
    OrgEntity {
        // The key a unit found by pattern gets, so that both spellings are one unit.
        iri: concept_iri(
            scheme::ORGANISATION,
            &format!("{} {name}", force.pref_label),
        ),
        name,
        parent: Some(force.iri.clone()),
        from_reference: false,
        ..reference_unit
    }
}

/// Depth of an organisation in the hierarchy (a force 0, its command 1, ...), through the
/// article's own units and the reference data.
pub fn depth(org: &OrgEntity, orgs: &[OrgEntity], gazetteer: &Gazetteer) -> usize {
    ancestors(org, orgs, gazetteer).len()
}

/// The IRIs of an organisation's parent, its parent's parent and so on (at most eight), from
/// the article's organisations or else the reference data.
pub fn ancestors(org: &OrgEntity, orgs: &[OrgEntity], gazetteer: &Gazetteer) -> Vec<String> {
    let mut out = Vec::new();
    let mut parent = org.parent.clone();
    while let Some(p) = parent {
        if out.len() >= 8 {
            break;
        }
        parent = match orgs.iter().find(|o| o.iri == p) {
            Some(o) => o.parent.clone(),
            None => gazetteer
                .reference
                .organisation(&p)
                .and_then(|e| e.parent.clone()),
        };
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::model::main_force;

    #[test]
    fn patterns_compile() {
        LazyLock::force(&COURT);
        LazyLock::force(&STATION);
        LazyLock::force(&COMMISSIONERS_OFFICE);
        LazyLock::force(&BASED_AT_STATION);
        LazyLock::force(&BASED_AT_PLACE);
        LazyLock::force(&NEWS);
        LazyLock::force(&COUNTY_FORCE);
        LazyLock::force(&FORMERLY);
    }

    #[test]
    fn a_force_named_by_its_county() {
        let forces = |text: &str| -> Vec<(String, usize)> {
            orgs_of(text)
                .into_iter()
                .filter(|o| o.is_kind(&[OrgKind::PoliceForce]))
                .map(|o| (o.name, o.spans.len()))
                .collect()
        };
        assert_eq!(
            forces("The Dorset Chief Constable resigned. He had been Chief Constable of Dorset."),
            vec![("Dorset Police".to_owned(), 2)]
        );
        assert_eq!(
            forces("Dorset Police said a Dorset police officer was dismissed."),
            vec![("Dorset Police".to_owned(), 2)]
        );
        assert!(forces("The Chief Constable of Atlantis said").is_empty());
    }

    #[test]
    fn local_papers_and_sites() {
        let papers = |text: &str| -> Vec<String> {
            orgs_of(text)
                .into_iter()
                .filter(|o| o.is_kind(&[OrgKind::NewsOrganisation]))
                .map(|o| o.name)
                .collect()
        };
        assert_eq!(
            papers("The officer told the Ashford Gazette he would appeal."),
            vec!["Ashford Gazette".to_owned()]
        );
        assert_eq!(
            papers("Speaking to Leeds Live, she said"),
            vec!["Leeds Live".to_owned()]
        );
        assert!(papers("He attended the Police Post at the port.").is_empty());
    }

    #[test]
    fn a_body_named_only_as_a_former_name_is_left_out() {
        let names =
            |text: &str| -> Vec<String> { orgs_of(text).into_iter().map(|o| o.name).collect() };
        assert_eq!(
            names("The Independent Office for Police Conduct (formerly IPCC) investigated."),
            vec!["Independent Office for Police Conduct".to_owned()]
        );
        assert_eq!(
            names("The IPCC investigated in 2015."),
            vec!["Independent Police Complaints Commission".to_owned()]
        );
    }

    #[test]
    fn an_office_for_the_commissioner_of_a_county() {
        assert!(
            orgs_of(
                "Staff at the Office for the Police, Fire and Crime Commissioner of Dorset said"
            )
            .iter()
            .any(|o| o.name == "Office for the Police, Fire and Crime Commissioner of Dorset")
        );
    }

    #[test]
    fn stations_where_officers_are_based() {
        let stations = |text: &str| -> Vec<(String, usize)> {
            orgs_of(text)
                .into_iter()
                .filter(|o| o.is_kind(&[OrgKind::PoliceStation]))
                .map(|o| (o.name, o.spans.len()))
                .collect()
        };
        assert_eq!(
            stations("PC Amy Stone, based at Ashford station, was dismissed."),
            vec![("Ashford station".to_owned(), 1)]
        );
        assert_eq!(
            stations("PC Amy Stone, based at Ashford, drove to Ashford police station."),
            vec![("Ashford police station".to_owned(), 2)]
        );
        assert!(stations("PC Amy Stone, based at Ashford, was dismissed.").is_empty());
    }

    #[test]
    fn court_names_lose_leading_prepositions() {
        let m = COURT
            .find("At Croydon Magistrates' Court he pleaded")
            .map(|m| m.as_str());
        assert_eq!(
            m.map(strip_leading_noise).map(|(_, n)| n),
            Some("Croydon Magistrates' Court")
        );
    }

    fn orgs_of(text: &str) -> Vec<OrgEntity> {
        let Ok(reference) = crate::reference::Reference::load() else {
            return Vec::new();
        };
        let Ok(gazetteer) = Gazetteer::new(reference) else {
            return Vec::new();
        };
        let hits = gazetteer.find(text);
        find_organisations(text, &hits, &gazetteer)
    }

    #[test]
    fn the_main_force_is_the_one_named_most() {
        let orgs = orgs_of(
            "A Dorset Police sergeant was dismissed. The Dorset Police hearing was chaired \
             by an officer of Wiltshire Police.",
        );
        assert_eq!(
            main_force(&orgs).map(|i| orgs[i].name.as_str()),
            Some("Dorset Police")
        );
        let tied = orgs_of("Officers of Dorset Police and Wiltshire Police met.");
        assert_eq!(main_force(&tied), None);
    }

    #[test]
    fn a_met_unit_name_in_another_forces_article_is_that_forces() {
        let orgs = orgs_of(
            "An inquiry by Essex Police's professional standards directorate found the \
             Essex Police constable had lied.",
        );
        let unit = orgs.iter().find(|o| o.is_kind(&[OrgKind::Directorate]));
        assert_eq!(
            unit.map(|u| u.name.as_str()),
            Some("Professional Standards Directorate")
        );
        let essex = orgs
            .iter()
            .find(|o| o.name == "Essex Police")
            .map(|o| &o.iri);
        assert_eq!(unit.and_then(|u| u.parent.as_ref()), essex);
        // In an article about the Met, the Met's directorate stays its own.
        let met = orgs_of("The Met's professional standards directorate investigated.");
        assert!(
            met.iter()
                .any(|o| o.name == "Directorate of Professional Standards")
        );
    }

    #[test]
    fn commissioners_offices() {
        let names = |text: &str| -> Vec<String> {
            orgs_of(text)
                .into_iter()
                .filter(|o| o.is_kind(&[OrgKind::Other]))
                .map(|o| o.name)
                .collect()
        };
        assert_eq!(
            names("The Cumbria Commissioner's Office was told of the case."),
            vec!["Cumbria Commissioner's Office".to_owned()]
        );
        assert_eq!(
            names("A complaint went to the Office of the Police and Crime Commissioner for Kent."),
            vec!["Office of the Police and Crime Commissioner for Kent".to_owned()]
        );
    }
}
