//! The providers' processes as data: steps, the role that acts, the deadline, the outcomes
//! that lead on, and what the applicant sees meanwhile (`domain/processes/*.json`).
//!
//! A definition names the service, the versions and variants it runs; nothing else in the
//! code knows a service by name. This module holds the schema and the rules every definition
//! must keep (each step reachable, every path ending in a result or a refusal, refusals with
//! written grounds); the engine that runs cases by it lives in the server.

pub use crate::duty::{CheckStatus, Duty, Registry};
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How long a step may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// Seconds of working time (the 2014 and 2016 norms: «10–15 секунд», «1,5 минуты»).
    Seconds(u32),
    /// Minutes of working time («30 минут»).
    Minutes(u32),
    /// Working days, the day of receipt not counted.
    WorkingDays(u32),
    /// Within the working day the step began.
    SameDay,
}

impl Deadline {
    /// Whole working days the deadline adds to the term (minutes and same-day add none).
    pub fn working_days(self) -> u32 {
        match self {
            Deadline::WorkingDays(n) => n,
            Deadline::Seconds(_) | Deadline::Minutes(_) | Deadline::SameDay => 0,
        }
    }
}

/// A candidate's result at a session step, as the protocol records it: also the codes of the
/// session step's outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionResult {
    Passed,
    Failed,
    Absent,
}

impl SessionResult {
    pub const ALL: [SessionResult; 3] = [
        SessionResult::Passed,
        SessionResult::Failed,
        SessionResult::Absent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SessionResult::Passed => "passed",
            SessionResult::Failed => "failed",
            SessionResult::Absent => "absent",
        }
    }

    pub fn parse(code: &str) -> Option<SessionResult> {
        SessionResult::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Where a process ends.
pub const GRANTED: &str = "granted";
pub const REFUSED: &str = "refused";

/// One way out of a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub code: String,
    pub label: Text,
    /// The next step's id, or [`GRANTED`] / [`REFUSED`].
    pub next: String,
    /// A refusal, or any decision against the applicant, carries written grounds citing the
    /// rule.
    #[serde(default)]
    pub grounds_required: bool,
    /// A form the officer fills in to take this outcome (`domain/forms/*.json` code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// The officer signs this decision with their EDS.
    #[serde(default)]
    pub signed: bool,
    /// Sends the case back to an earlier step (returned for rework); not part of the term.
    #[serde(default)]
    pub back: bool,
    /// The refusal's category (R85), on the outcome that decides or prepares a refusal; a
    /// signing step's refusal takes the one prepared before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<crate::licence::RefusalReason>,
}

/// One step of a process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    pub name: Text,
    /// The duty that acts (`chancellery`, `directorate_head`, `expert`, …; `system` for
    /// automatic steps).
    pub role: Duty,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// A different deadline for some variants (re-issue is shorter than issue).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub deadline_for: BTreeMap<String, Deadline>,
    /// Worked in sessions (the attestation): candidates are scheduled into a session with a
    /// date and place, their results recorded, and the signed protocol takes each case's
    /// outcome here (`passed`, `failed` or `absent`) and publishes the lists.
    #[serde(default)]
    pub session: bool,
    /// State registries asked about the applicant when the step opens; the step cannot be
    /// decided until they answer, and a finding against the applicant leaves only the outcomes
    /// that refuse.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Registry>,
    /// What the applicant (and support) sees while the case is at this step.
    pub visible: Text,
    pub outcomes: Vec<Outcome>,
}

impl Step {
    pub fn deadline(&self, variant: &str) -> Option<Deadline> {
        self.deadline_for.get(variant).copied().or(self.deadline)
    }
}

/// A provider's process for some services (the four construction licences share one), some
/// of their versions and variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessDefinition {
    pub services: Vec<String>,
    pub versions: Vec<u32>,
    /// The variants it runs; none: every variant of those versions.
    #[serde(default)]
    pub variants: Vec<String>,
    /// The regulation's paragraphs it follows.
    pub source: Text,
    /// The regulation gives no time norms: the steps have no deadlines, and the passport's
    /// term is only a guide.
    #[serde(default)]
    pub untimed: bool,
    /// Steps in order; the first is where a registered case starts.
    pub steps: Vec<Step>,
}

impl ProcessDefinition {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn runs(&self, service: &str, version: u32, variant: &str) -> bool {
        self.services.iter().any(|s| s == service)
            && self.versions.contains(&version)
            && (self.variants.is_empty() || self.variants.iter().any(|v| v == variant))
    }

    /// What is wrong with the definition, if anything: unknown next steps, steps that cannot
    /// be reached, steps from which no end can be reached, refusals without grounds.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let ids: BTreeSet<&str> = self.steps.iter().map(|s| s.id.as_str()).collect();
        if ids.len() != self.steps.len() {
            out.push("two steps share an id".to_owned());
        }
        for s in &self.steps {
            if s.outcomes.is_empty() {
                out.push(format!("{}: no outcome", s.id));
            }
            // A session's protocol records each candidate as passed, failed or absent.
            for result in SessionResult::ALL.iter().filter(|_| s.session) {
                if !s.outcomes.iter().any(|o| o.code == result.code()) {
                    out.push(format!(
                        "{}: a session step without {}",
                        s.id,
                        result.code()
                    ));
                }
            }
            for o in &s.outcomes {
                let end = o.next == GRANTED || o.next == REFUSED;
                if !end && !ids.contains(o.next.as_str()) {
                    out.push(format!("{}.{}: unknown next {}", s.id, o.code, o.next));
                }
                if o.next == REFUSED && !o.grounds_required {
                    out.push(format!("{}.{}: a refusal without grounds", s.id, o.code));
                }
                // A refusal's category comes from the outcome itself, or from every way into
                // the step that signs it (the refusal prepared before).
                if o.next == REFUSED
                    && o.reason.is_none()
                    && !self.reason_reaches(&s.id, &mut Vec::new())
                {
                    out.push(format!(
                        "{}.{}: a refusal without its category",
                        s.id, o.code
                    ));
                }
            }
        }
        // Reachable from the first step.
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = self
            .steps
            .first()
            .map(|s| s.id.as_str())
            .into_iter()
            .collect();
        while let Some(id) = todo.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(s) = self.step(id) {
                todo.extend(s.outcomes.iter().map(|o| o.next.as_str()));
            }
        }
        for s in &self.steps {
            if !seen.contains(s.id.as_str()) {
                out.push(format!("{}: unreachable", s.id));
            }
        }
        if !seen.contains(GRANTED) {
            out.push("no path to the result".to_owned());
        }
        out
    }

    /// Whether every way into the step (not counting returns for rework) carries a refusal's
    /// category, on the outcome itself or further back.
    fn reason_reaches<'a>(&'a self, step: &'a str, seen: &mut Vec<&'a str>) -> bool {
        if seen.contains(&step) {
            return false;
        }
        seen.push(step);
        let incoming: Vec<(&Step, &Outcome)> = self
            .steps
            .iter()
            .flat_map(|x| x.outcomes.iter().map(move |o| (x, o)))
            .filter(|(_, o)| o.next == step && !o.back)
            .collect();
        let all = !incoming.is_empty()
            && incoming
                .iter()
                .all(|(x, o)| o.reason.is_some() || self.reason_reaches(&x.id, seen));
        seen.pop();
        all
    }

    /// The working days of the longest path to the result for a variant, without the ways
    /// back (a case returned for rework repeats steps; the regulation's term does not count
    /// that): the term the regulation's steps add up to. Never less than one: steps in minutes
    /// end within the working day.
    pub fn term_working_days(&self, variant: &str) -> u32 {
        fn longest<'a>(
            p: &'a ProcessDefinition,
            id: &'a str,
            variant: &str,
            path: &mut Vec<&'a str>,
        ) -> Option<u32> {
            if id == GRANTED {
                return Some(0);
            }
            if path.contains(&id) {
                return None;
            }
            let s = p.step(id)?;
            path.push(id);
            let rest = s
                .outcomes
                .iter()
                .filter(|o| !o.back)
                .filter_map(|o| longest(p, &o.next, variant, path))
                .max();
            path.pop();
            rest.map(|r| r + s.deadline(variant).map_or(0, Deadline::working_days))
        }
        self.steps
            .first()
            .and_then(|s| longest(self, &s.id, variant, &mut Vec::new()))
            .unwrap_or(0)
            .max(1)
    }

    pub fn texts(&self) -> Vec<&Text> {
        let mut out = vec![&self.source];
        for s in &self.steps {
            out.push(&s.name);
            out.push(&s.visible);
            out.extend(s.outcomes.iter().map(|o| &o.label));
        }
        out
    }
}

/// The process definitions shipped with the portal, parsed from `domain/processes/*.json`.
pub fn builtin_processes() -> Vec<ProcessDefinition> {
    const SOURCES: &[(&str, &str)] = &[
        (
            "for-lic-2018.json",
            include_str!("../processes/for-lic-2018.json"),
        ),
        (
            "bail-att-2018.json",
            include_str!("../processes/bail-att-2018.json"),
        ),
        (
            "bail-att-2016.json",
            include_str!("../processes/bail-att-2016.json"),
        ),
        (
            "bail-lic-2018.json",
            include_str!("../processes/bail-lic-2018.json"),
        ),
        (
            "bail-lic-2016.json",
            include_str!("../processes/bail-lic-2016.json"),
        ),
        (
            "bail-lic-2014.json",
            include_str!("../processes/bail-lic-2014.json"),
        ),
        (
            "construction-2014.json",
            include_str!("../processes/construction-2014.json"),
        ),
    ];
    SOURCES
        .iter()
        .map(|(name, json)| {
            serde_json::from_str(json).unwrap_or_else(|e| panic!("process {name}: {e}"))
        })
        .collect()
}

/// Where an intake step hands the case to the provider's process.
pub const PROVIDER: &str = "provider";
/// Where a hand-over step ends the channel's part.
pub const DONE: &str = "done";

/// A channel's own steps around the provider's process (004 section 6, the public service
/// centre): the intake its operator performs while the applicant is at the desk, recorded
/// when the request is filed, and the hand-over of the result at the centre once the case
/// has ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelDefinition {
    /// The channel (the public service centre).
    pub channel: crate::catalogue::Channel,
    pub services: Vec<String>,
    pub versions: Vec<u32>,
    pub source: Text,
    /// The duty of the channel's operators.
    pub role: Duty,
    /// In order; each leads to the next, the last to [`PROVIDER`].
    pub intake: Vec<Step>,
    /// Opened when the case ends; its outcome leads to [`DONE`].
    pub handover: Step,
}

impl ChannelDefinition {
    pub fn runs(&self, channel: crate::catalogue::Channel, service: &str, version: u32) -> bool {
        self.channel == channel
            && self.services.iter().any(|s| s == service)
            && self.versions.contains(&version)
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.intake
            .iter()
            .chain(std::iter::once(&self.handover))
            .find(|s| s.id == id)
    }

    /// What is wrong with the definition: an intake that does not lead step by step to the
    /// provider, a hand-over that does not end, steps of another duty.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, s) in self.intake.iter().enumerate() {
            let next = self.intake.get(i + 1).map_or(PROVIDER, |n| n.id.as_str());
            if s.outcomes.len() != 1 || s.outcomes[0].next != next {
                out.push(format!("{}: must lead to {next} alone", s.id));
            }
            if s.role != self.role && s.role != Duty::System {
                out.push(format!("{}: not the operator's step", s.id));
            }
        }
        if self.handover.role != self.role
            || self.handover.outcomes.is_empty()
            || self.handover.outcomes.iter().any(|o| o.next != DONE)
        {
            out.push(format!(
                "{}: must be the operator's and end",
                self.handover.id
            ));
        }
        out
    }

    pub fn texts(&self) -> Vec<&Text> {
        let mut out = vec![&self.source];
        for s in self.intake.iter().chain(std::iter::once(&self.handover)) {
            out.push(&s.name);
            out.push(&s.visible);
            out.extend(s.outcomes.iter().map(|o| &o.label));
        }
        out
    }
}

/// The channel definitions shipped with the portal (`domain/channels/*.json`).
pub fn builtin_channels() -> Vec<ChannelDefinition> {
    const SOURCES: &[(&str, &str)] =
        &[("psc-2014.json", include_str!("../channels/psc-2014.json"))];
    SOURCES
        .iter()
        .map(|(name, json)| {
            serde_json::from_str(json).unwrap_or_else(|e| panic!("channel {name}: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::builtin;

    #[test]
    fn the_centre_channel_is_sound_and_covers_every_service_it_takes() {
        let channels = builtin_channels();
        for c in &channels {
            assert_eq!(c.problems(), Vec::<String>::new(), "{:?}", c.channel);
            for t in c.texts() {
                assert!(t.is_complete(), "{:?}: {t:?}", c.channel);
            }
            // Its steps are not the provider's.
            for p in builtin_processes() {
                for s in c.intake.iter().chain(std::iter::once(&c.handover)) {
                    assert!(p.step(&s.id).is_none(), "{}", s.id);
                }
            }
        }
        // Every service version a centre accepts has the centre's steps.
        for s in builtin() {
            if s.channels
                .contains(&crate::catalogue::Channel::PublicServiceCentre)
            {
                let n = channels
                    .iter()
                    .filter(|c| {
                        c.runs(
                            crate::catalogue::Channel::PublicServiceCentre,
                            &s.code,
                            s.version,
                        )
                    })
                    .count();
                assert_eq!(n, 1, "{} {}", s.code, s.version);
            }
        }
    }

    #[test]
    fn every_process_is_sound_complete_in_three_languages_and_adds_up_to_the_term() {
        let services = builtin();
        let processes = builtin_processes();
        for p in &processes {
            let name = p.services.join(",");
            assert_eq!(p.problems(), Vec::<String>::new(), "{name}");
            for t in p.texts() {
                assert!(t.is_complete(), "{name}: {t:?}");
            }
            for code in &p.services {
                for version in &p.versions {
                    let def = services
                        .iter()
                        .find(|s| &s.code == code && s.version == *version)
                        .unwrap_or_else(|| panic!("{code} {version}"));
                    for v in def
                        .variants
                        .iter()
                        .filter(|v| p.runs(code, *version, &v.code))
                    {
                        if p.untimed {
                            assert!(p.steps.iter().all(|s| s.deadline.is_none()));
                            continue;
                        }
                        // The passport's term is what the steps add up to.
                        assert_eq!(
                            p.term_working_days(&v.code),
                            v.term_working_days,
                            "{code} {version} {}",
                            v.code
                        );
                    }
                }
            }
        }
        // Every variant of every version has exactly one process: the engine knows no
        // service by name, so a case without one could not move.
        for s in &services {
            for v in &s.variants {
                let n = processes
                    .iter()
                    .filter(|p| p.runs(&s.code, s.version, &v.code))
                    .count();
                assert_eq!(n, 1, "{} {} {}", s.code, s.version, v.code);
            }
        }
    }

    #[test]
    fn a_broken_definition_is_told_apart() {
        let mut p = builtin_processes()
            .into_iter()
            .find(|p| p.services == ["BAIL-LIC"] && p.versions == [2018])
            .unwrap();
        p.steps[1].outcomes[0].next = "nowhere".into();
        if let Some(o) = p
            .steps
            .iter_mut()
            .flat_map(|s| s.outcomes.iter_mut())
            .find(|o| o.next == REFUSED)
        {
            o.grounds_required = false;
        }
        let problems = p.problems();
        assert!(problems.iter().any(|x| x.contains("unknown next nowhere")));
        assert!(problems.iter().any(|x| x.contains("without grounds")));
    }
}
