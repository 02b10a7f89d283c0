//! The concepts of the reference data (`ontology/reference.ttl`) that the code itself names:
//! proceeding kinds, findings, outcomes, standards and organisation kinds, as enums. Their labels
//! live only in the reference data; here each concept is its identifier (the slug of its IRI), so
//! the extractor, the graph writer and the DOT view speak of `Outcome::BarredList`, never of a
//! label that could be spelt two ways.
//!
//! `tests/ontology.rs` holds each enum and its scheme in the reference data equal, both ways
//! (for outcomes: every coded outcome is in the reference data; an outcome the reference data
//! adds without a coded cue is matched by its labels, see `extract::outcomes`).

use crate::vocab;

/// Declares a concept enum: its variants with their slugs, `ALL`, and the conversions to and
/// from the concept's IRI (`id:<scheme>/<slug>`).
macro_rules! concepts {
    (
        $(#[$meta:meta])*
        $name:ident in $scheme:literal {
            $($(#[$variant_meta:meta])* $variant:ident = $slug:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// The concept scheme, as the local part of its IRI.
            pub const SCHEME: &'static str = $scheme;
            /// Every concept, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The concept's slug: the last segment of its IRI.
            pub const fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug,)+
                }
            }

            /// The concept's IRI.
            pub fn iri(self) -> String {
                format!("{}{}/{}", vocab::ID, $scheme, self.slug())
            }

            /// The concept an IRI names, if it is one of these.
            pub fn from_iri(iri: &str) -> Option<Self> {
                let slug = iri
                    .strip_prefix(vocab::ID)?
                    .strip_prefix($scheme)?
                    .strip_prefix('/')?;
                Self::ALL.iter().copied().find(|c| c.slug() == slug)
            }
        }
    };
}

concepts! {
    /// The kind of a disciplinary or court proceeding.
    ProceedingKind in "proceeding-kind" {
        MisconductHearing = "misconduct-hearing",
        AcceleratedHearing = "accelerated-misconduct-hearing",
        MisconductMeeting = "misconduct-meeting",
        /// Disciplinary proceedings whose kind the article does not state.
        MisconductProceedings = "misconduct-proceedings",
        CourtHearing = "court-hearing",
        ReflectivePracticeReview = "reflective-practice-review",
    }
}

concepts! {
    /// What a misconduct proceeding found.
    Finding in "finding" {
        GrossMisconduct = "gross-misconduct",
        Misconduct = "misconduct",
        NoCaseToAnswer = "no-case-to-answer",
        NotProven = "not-proven",
    }
}

concepts! {
    /// A sanction, disposal, plea or verdict the code has cues for.
    CodedOutcome in "outcome" {
        DismissalWithoutNotice = "dismissal-without-notice",
        DismissalWithNotice = "dismissal-with-notice",
        WouldHaveBeenDismissed = "would-have-been-dismissed",
        ReductionInRank = "reduction-in-rank",
        FinalWrittenWarning = "final-written-warning",
        WrittenWarning = "written-warning",
        ManagementAction = "management-action",
        ReflectivePractice = "reflective-practice",
        NoFurtherAction = "no-further-action",
        BarredList = "barred-list",
        GuiltyPlea = "guilty-plea",
        NotGuilty = "not-guilty",
        Convicted = "convicted",
        Acquitted = "acquitted",
    }
}

/// An outcome a proceeding decided: one the code has cues for, or one the reference data adds
/// without a coded cue (its slug), which its labels state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    Coded(CodedOutcome),
    Added(&'static str),
}

impl Outcome {
    /// The outcome's slug: the last segment of its IRI.
    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Coded(o) => o.slug(),
            Outcome::Added(slug) => slug,
        }
    }

    /// The outcome's IRI.
    pub fn iri(self) -> String {
        format!("{}{}/{}", vocab::ID, CodedOutcome::SCHEME, self.slug())
    }

    /// A dismissal (with or without notice), as against "would have been dismissed".
    pub fn is_dismissal(self) -> bool {
        matches!(
            self,
            Outcome::Coded(
                CodedOutcome::DismissalWithoutNotice | CodedOutcome::DismissalWithNotice
            )
        )
    }

    /// A plea or verdict of a criminal court.
    pub fn is_court(self) -> bool {
        matches!(
            self,
            Outcome::Coded(
                CodedOutcome::GuiltyPlea
                    | CodedOutcome::NotGuilty
                    | CodedOutcome::Convicted
                    | CodedOutcome::Acquitted
            )
        )
    }
}

impl From<CodedOutcome> for Outcome {
    fn from(outcome: CodedOutcome) -> Self {
        Outcome::Coded(outcome)
    }
}

concepts! {
    /// A Standard of Professional Behaviour (in the order of their IRIs).
    Standard in "standard" {
        AuthorityRespectAndCourtesy = "authority-respect-and-courtesy",
        ChallengingAndReportingImproperConduct = "challenging-and-reporting-improper-conduct",
        Confidentiality = "confidentiality",
        DiscreditableConduct = "discreditable-conduct",
        DutiesAndResponsibilities = "duties-and-responsibilities",
        EqualityAndDiversity = "equality-and-diversity",
        FitnessForWork = "fitness-for-work",
        HonestyAndIntegrity = "honesty-and-integrity",
        OrdersAndInstructions = "orders-and-instructions",
        UseOfForce = "use-of-force",
    }
}

concepts! {
    /// The broad type of an organisation.
    OrgKind in "organisation-kind" {
        PoliceForce = "police-force",
        Command = "command",
        Directorate = "directorate",
        Unit = "unit",
        Watchdog = "watchdog",
        Prosecutor = "prosecutor",
        Court = "court",
        ProfessionalBody = "professional-body",
        Inspectorate = "inspectorate",
        PoliceStation = "police-station",
        NewsOrganisation = "news-organisation",
        Other = "other",
    }
}

impl ProceedingKind {
    /// A court hearing, as against a disciplinary proceeding.
    pub fn is_court(self) -> bool {
        self == ProceedingKind::CourtHearing
    }
}

impl OrgKind {
    /// A force, or a part of one: where an officer serves.
    pub fn is_police(self) -> bool {
        matches!(
            self,
            OrgKind::PoliceForce | OrgKind::Command | OrgKind::Directorate | OrgKind::Unit
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_round_trip() {
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::from_iri(&kind.iri()), Some(*kind));
        }
        assert_eq!(
            Outcome::Coded(CodedOutcome::BarredList).iri(),
            "https://w3id.org/policegraph/id/outcome/barred-list"
        );
        assert_eq!(
            Finding::from_iri("https://w3id.org/policegraph/id/outcome/misconduct"),
            None
        );
    }
}
