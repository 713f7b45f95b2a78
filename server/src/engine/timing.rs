//! Deadlines and their timing, in Kazakhstan's time: pure arithmetic over the calendar (the
//! clock is read only by [`today_kz`] and the callers that pass "now").

use domain::api::Timing;
use domain::calendar;
use domain::process::Deadline;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Kazakhstan's time (one zone, UTC+5, since March 2024): deadlines count in it.
pub fn kz_offset() -> UtcOffset {
    UtcOffset::from_hms(5, 0, 0).expect("valid offset")
}

/// Today in Kazakhstan, the date terms count from.
pub fn today_kz() -> time::Date {
    OffsetDateTime::now_utc().to_offset(kz_offset()).date()
}

fn local(t: OffsetDateTime) -> PrimitiveDateTime {
    let t = t.to_offset(kz_offset());
    PrimitiveDateTime::new(t.date(), t.time())
}

/// When a step begun at `start` is due.
pub fn due(deadline: Deadline, start: OffsetDateTime) -> OffsetDateTime {
    let at = local(start);
    let end = match deadline {
        Deadline::Seconds(s) => calendar::add_working_minutes(at, s.div_ceil(60)),
        Deadline::Minutes(m) => calendar::add_working_minutes(at, m),
        Deadline::WorkingDays(n) => calendar::working_days_deadline(at, n),
        // The end of the working day it began (or of the next one, if begun on a day off).
        Deadline::SameDay => {
            let day = if calendar::is_working_day(at.date()) {
                0
            } else {
                1
            };
            calendar::working_days_deadline(at, day)
        }
    };
    end.assume_offset(kz_offset())
}

pub fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

/// How an open step stands at `now`.
pub fn timing(started_at: &str, due_at: Option<&str>, now: OffsetDateTime) -> Option<Timing> {
    let (start, due) = (parse_time(started_at)?, parse_time(due_at?)?);
    Some(if now > due {
        Timing::Overdue
    } else if (due - now) * 4 < (due - start) {
        Timing::DueSoon
    } else {
        Timing::OnTime
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// The moments each step of a case is due, when every step takes its full time.
    fn plan(
        service: &str,
        version: u32,
        variant: &str,
        start: OffsetDateTime,
    ) -> Vec<(String, OffsetDateTime)> {
        let all = domain::process::builtin_processes();
        let p = all
            .iter()
            .find(|p| p.runs(service, version, variant))
            .unwrap();
        let mut out = Vec::new();
        let mut at = start;
        let mut step = p.steps.first();
        while let Some(s) = step {
            if let Some(d) = s.deadline(variant) {
                at = due(d, at);
            }
            out.push((s.id.clone(), at));
            step = p.step(&s.outcomes[0].next);
        }
        out
    }

    #[test]
    fn a_forensic_licence_registered_before_nauryz_is_due_after_it() {
        // Registered Friday 20 March 2026 at 10:00 (Astana). 21–25 March are days off.
        let steps = plan("FOR-LIC", 2018, "issue", datetime!(2026-03-20 10:00 +5));
        let due: Vec<_> = steps
            .iter()
            .map(|(id, t)| (id.as_str(), t.date().to_string()))
            .collect();
        assert_eq!(
            due,
            vec![
                ("register", "2026-03-26".into()),
                ("direct", "2026-03-27".into()),
                ("review", "2026-04-02".into()),
                ("sign_licence", "2026-04-03".into()),
            ]
        );
        // The same date the passport's term gives.
        assert_eq!(
            steps.last().unwrap().1.date(),
            calendar::add_working_days(time::macros::date!(2026 - 03 - 20), 7)
        );
        // Re-issue: the expert has two days, not four.
        let reissue = plan("FOR-LIC", 2018, "reissue", datetime!(2026-03-20 10:00 +5));
        assert_eq!(reissue.last().unwrap().1.date().to_string(), "2026-04-01");
    }

    #[test]
    fn a_bailiff_licence_registered_on_15_december_skips_independence_day() {
        // 30 minutes each from 17:45: registration by 18:15, assignment by 09:15 on the 17th
        // (16 December is a holiday).
        let steps = plan("BAIL-LIC", 2018, "issue", datetime!(2026-12-15 17:45 +5));
        assert_eq!(steps[0].1, datetime!(2026-12-15 18:15 +5));
        assert_eq!(steps[1].1, datetime!(2026-12-17 09:15 +5));
        // Completeness: 2 working days from the 17th: the 18th and the 21st.
        assert_eq!(steps[2].1, datetime!(2026-12-21 18:30 +5));
    }

    #[test]
    fn construction_same_day_steps_end_that_working_day() {
        // Registered on Sunday 22 March 2026 (a day off in Nauryz): due the first working day.
        let steps = plan("CON-DESIGN", 2014, "issue", datetime!(2026-03-22 12:00 +5));
        assert_eq!(steps[0].1, datetime!(2026-03-26 18:30 +5));
        // 14 working days in all.
        assert_eq!(
            steps.last().unwrap().1.date(),
            calendar::add_working_days(time::macros::date!(2026 - 03 - 26), 14)
        );
    }

    #[test]
    fn a_step_is_due_soon_in_its_last_quarter() {
        let start = "2026-11-23T04:00:00Z";
        let due = "2026-11-24T04:00:00Z";
        assert_eq!(
            timing(start, Some(due), datetime!(2026-11-23 10:00 UTC)),
            Some(Timing::OnTime)
        );
        assert_eq!(
            timing(start, Some(due), datetime!(2026-11-23 23:00 UTC)),
            Some(Timing::DueSoon)
        );
        assert_eq!(
            timing(start, Some(due), datetime!(2026-11-24 05:00 UTC)),
            Some(Timing::Overdue)
        );
        assert_eq!(timing(start, None, datetime!(2026-11-24 05:00 UTC)), None);
    }
}
