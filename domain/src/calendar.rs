//! Kazakhstan's working-day calendar and deadline arithmetic.
//!
//! Deadlines in the regulations are counted in working days («жұмыс күні», «рабочий день»):
//! Saturdays, Sundays and public holidays do not count. A secular holiday that falls on a
//! weekend moves its day off to the next working day (Labour Code, art. 85); religious holidays
//! (Orthodox Christmas, Kurban ait) do not move. The Government also moves single days each year
//! by decree; those transfers are data in [`TRANSFERS`].

use time::{Date, Duration, Month, PrimitiveDateTime, Time, Weekday};

/// Secular public holidays, fixed by month and day. A holiday on a weekend gives the next
/// working day off.
pub const SECULAR_HOLIDAYS: &[(Month, u8, &str)] = &[
    (Month::January, 1, "New Year"),
    (Month::January, 2, "New Year"),
    (Month::March, 8, "International Women's Day"),
    (Month::March, 21, "Nauryz"),
    (Month::March, 22, "Nauryz"),
    (Month::March, 23, "Nauryz"),
    (Month::May, 1, "Unity Day of the People of Kazakhstan"),
    (Month::May, 7, "Defender of the Fatherland Day"),
    (Month::May, 9, "Victory Day"),
    (Month::July, 6, "Capital Day"),
    (Month::August, 30, "Constitution Day"),
    (Month::October, 25, "Republic Day"),
    (Month::December, 16, "Independence Day"),
];

/// Religious holidays fixed by month and day; they never move.
pub const RELIGIOUS_FIXED: &[(Month, u8, &str)] = &[(Month::January, 7, "Orthodox Christmas")];

/// The first day of Kurban ait, which follows the lunar calendar: (year, month, day).
pub const KURBAN_AIT: &[(i32, Month, u8)] = &[
    (2023, Month::June, 28),
    (2024, Month::June, 16),
    (2025, Month::June, 6),
    (2026, Month::May, 27),
    (2027, Month::May, 16),
];

/// A calendar day as data: (year, month, day).
pub type Day = (i32, Month, u8);

/// Days moved by Government decree: (day off, working day that replaces it). 2026 has none:
/// its extra days off (9 March, 24–25 March, 11 May, 31 August, 26 October) are all holidays
/// on a weekend moved by the Labour Code, which [`holiday`] computes.
pub const TRANSFERS: &[(Day, Day)] = &[
    ((2024, Month::May, 8), (2024, Month::May, 4)),
    ((2025, Month::January, 3), (2025, Month::January, 5)),
];

fn date(y: i32, m: Month, d: u8) -> Option<Date> {
    Date::from_calendar_date(y, m, d).ok()
}

fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The name of the holiday on this date, counting the days off that a weekend holiday moves.
pub fn holiday(d: Date) -> Option<&'static str> {
    let y = d.year();
    for (m, day, name) in RELIGIOUS_FIXED {
        if date(y, *m, *day) == Some(d) {
            return Some(name);
        }
    }
    for (ky, m, day) in KURBAN_AIT {
        if *ky == y && date(y, *m, *day) == Some(d) {
            return Some("Kurban ait");
        }
    }
    for (m, day, name) in SECULAR_HOLIDAYS {
        if date(y, *m, *day) == Some(d) {
            return Some(name);
        }
    }
    // Days off moved from secular holidays that fell on a weekend. Each such holiday takes the
    // next weekday that is not itself a holiday or an already taken moved day.
    let mut taken: Vec<Date> = Vec::new();
    for year in [y - 1, y] {
        for (m, day, name) in SECULAR_HOLIDAYS {
            let Some(h) = date(year, *m, *day) else {
                continue;
            };
            if !is_weekend(h) {
                continue;
            }
            let mut next = h + Duration::days(1);
            while is_weekend(next) || plain_holiday(next) || taken.contains(&next) {
                next += Duration::days(1);
            }
            taken.push(next);
            if next == d {
                return Some(name);
            }
        }
    }
    None
}

fn plain_holiday(d: Date) -> bool {
    let y = d.year();
    SECULAR_HOLIDAYS
        .iter()
        .chain(RELIGIOUS_FIXED)
        .any(|(m, day, _)| date(y, *m, *day) == Some(d))
        || KURBAN_AIT
            .iter()
            .any(|(ky, m, day)| *ky == y && date(y, *m, *day) == Some(d))
}

fn transfer_day_off(d: Date) -> bool {
    TRANSFERS
        .iter()
        .any(|((y, m, day), _)| date(*y, *m, *day) == Some(d))
}

fn transfer_working_day(d: Date) -> bool {
    TRANSFERS
        .iter()
        .any(|(_, (y, m, day))| date(*y, *m, *day) == Some(d))
}

/// True when the date is a working day.
pub fn is_working_day(d: Date) -> bool {
    if transfer_working_day(d) {
        return true;
    }
    !(is_weekend(d) || transfer_day_off(d) || holiday(d).is_some())
}

/// The date on which a deadline of `n` working days ends, counting from the working day after
/// `start` (the day of receipt is not counted). With `n == 0` the deadline is `start` itself.
pub fn add_working_days(start: Date, n: u32) -> Date {
    let mut d = start;
    let mut left = n;
    while left > 0 {
        d += Duration::days(1);
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Working days strictly after `from` up to and including `to` (0 when `to <= from`).
pub fn working_days_between(from: Date, to: Date) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        d += Duration::days(1);
        if is_working_day(d) {
            n += 1;
        }
    }
    n
}

/// The working hours of a state body, in local (Astana) time: 09:00–13:00 and 14:30–18:30
/// (the usual schedule of central and local executive bodies, with the lunch break). Deadlines
/// in minutes («30 минут») run only within these hours on working days.
pub const WORKING_HOURS: &[(Clock, Clock)] = &[((9, 0), (13, 0)), ((14, 30), (18, 30))];

/// A time of day as (hour, minute).
pub type Clock = (u8, u8);

fn hm(h: u8, m: u8) -> Time {
    Time::from_hms(h, m, 0).expect("valid working hours")
}

/// The moment a deadline of `minutes` of working time ends, counted from `start` (local time).
/// Time outside working hours, on weekends and holidays does not count: a request received on
/// Friday evening before Nauryz is due on the first working morning after it.
pub fn add_working_minutes(start: PrimitiveDateTime, minutes: u32) -> PrimitiveDateTime {
    let mut left = i64::from(minutes);
    let mut at = start;
    loop {
        let day = at.date();
        if is_working_day(day) {
            for ((h1, m1), (h2, m2)) in WORKING_HOURS {
                let (open, close) = (day.with_time(hm(*h1, *m1)), day.with_time(hm(*h2, *m2)));
                if at >= close {
                    continue;
                }
                let from = at.max(open);
                let available = (close - from).whole_minutes();
                if left <= available {
                    return from + Duration::minutes(left);
                }
                left -= available;
                at = close;
            }
        }
        at = (day + Duration::days(1)).with_time(Time::MIDNIGHT);
    }
}

/// The end of the working day on which a deadline of `n` working days falls, counted from
/// `start` (local time): the day of receipt is not counted.
pub fn working_days_deadline(start: PrimitiveDateTime, n: u32) -> PrimitiveDateTime {
    let (_, (ch, cm)) = WORKING_HOURS[WORKING_HOURS.len() - 1];
    add_working_days(start.date(), n).with_time(hm(ch, cm))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn weekends_are_not_working_days() {
        assert!(!is_working_day(date!(2026 - 11 - 21)));
        assert!(!is_working_day(date!(2026 - 11 - 22)));
        assert!(is_working_day(date!(2026 - 11 - 23)));
    }

    #[test]
    fn nauryz_on_a_weekend_moves_its_days_off_to_the_next_weekdays() {
        // 2026: 21 March is a Saturday, 22 a Sunday, 23 a Monday.
        assert!(!is_working_day(date!(2026 - 03 - 23)));
        assert!(!is_working_day(date!(2026 - 03 - 24)));
        assert!(!is_working_day(date!(2026 - 03 - 25)));
        assert!(is_working_day(date!(2026 - 03 - 26)));
    }

    #[test]
    fn a_deadline_across_nauryz_skips_the_holidays() {
        // Friday 20 March 2026 + 2 working days: 26 and 27 March.
        assert_eq!(
            add_working_days(date!(2026 - 03 - 20), 2),
            date!(2026 - 03 - 27)
        );
    }

    #[test]
    fn a_deadline_across_independence_day_skips_it() {
        // Tuesday 15 December 2026 + 1 working day: 16 December is a holiday.
        assert_eq!(
            add_working_days(date!(2026 - 12 - 15), 1),
            date!(2026 - 12 - 17)
        );
    }

    #[test]
    fn thirty_minutes_from_friday_evening_before_nauryz_end_after_it() {
        use time::macros::datetime;
        // Received Friday 20 March 2026 at 18:10: 20 minutes that day, 10 on Thursday 26.
        assert_eq!(
            add_working_minutes(datetime!(2026-03-20 18:10), 30),
            datetime!(2026-03-26 09:10)
        );
        // Received on the Sunday: the clock starts on the first working morning.
        assert_eq!(
            add_working_minutes(datetime!(2026-03-22 11:00), 30),
            datetime!(2026-03-26 09:30)
        );
    }

    #[test]
    fn thirty_minutes_across_independence_day_and_the_lunch_break() {
        use time::macros::datetime;
        assert_eq!(
            add_working_minutes(datetime!(2026-12-15 18:20), 30),
            datetime!(2026-12-17 09:20)
        );
        assert_eq!(
            add_working_minutes(datetime!(2026-12-17 12:45), 30),
            datetime!(2026-12-17 14:45)
        );
        // Two working days from 15 December: 17 and 18 (16 is a holiday), to the close.
        assert_eq!(
            working_days_deadline(datetime!(2026-12-15 10:00), 2),
            datetime!(2026-12-18 18:30)
        );
    }

    #[test]
    fn a_transferred_saturday_is_a_working_day() {
        assert!(is_working_day(date!(2024 - 05 - 04)));
        assert!(!is_working_day(date!(2024 - 05 - 08)));
    }

    #[test]
    fn the_2026_days_off_are_the_published_calendar() {
        // The published 2026 calendar for a five-day week: every holiday, and each weekend
        // holiday's day off moved to the next working day.
        let off = [
            date!(2026 - 01 - 01),
            date!(2026 - 01 - 02),
            date!(2026 - 01 - 07),
            date!(2026 - 03 - 09),
            date!(2026 - 03 - 23),
            date!(2026 - 03 - 24),
            date!(2026 - 03 - 25),
            date!(2026 - 05 - 01),
            date!(2026 - 05 - 07),
            date!(2026 - 05 - 11),
            date!(2026 - 05 - 27),
            date!(2026 - 07 - 06),
            date!(2026 - 08 - 31),
            date!(2026 - 10 - 26),
            date!(2026 - 12 - 16),
        ];
        let mut d = date!(2026 - 01 - 01);
        let mut weekdays_off = Vec::new();
        while d.year() == 2026 {
            if !is_working_day(d) && !is_weekend(d) {
                weekdays_off.push(d);
            }
            d += Duration::days(1);
        }
        assert_eq!(weekdays_off, off);
    }

    #[test]
    fn seven_working_days_from_a_friday() {
        // Friday 20 Nov 2026 -> 23,24,25,26,27,30 Nov, 1 Dec.
        assert_eq!(
            add_working_days(date!(2026 - 11 - 20), 7),
            date!(2026 - 12 - 01)
        );
        assert_eq!(
            working_days_between(date!(2026 - 11 - 20), date!(2026 - 12 - 01)),
            7
        );
    }
}
