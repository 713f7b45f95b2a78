//! Fees: the monthly calculation index (MCI, АЕК / МРП) and tenge amounts.
//!
//! Licence fees are set in MCI; the tenge amount depends on the MCI of the year in which the
//! fee is paid, fixed each year by the law on the republican budget.

/// MCI in tenge by year, from the republican budget laws. From 1 June 2022 the MCI was raised
/// to 3,180; the table keeps the value in force on 1 January of each year.
pub const MCI_BY_YEAR: &[(i32, i64)] = &[
    (2014, 1852),
    (2016, 2121),
    (2018, 2405),
    (2019, 2525),
    (2020, 2778),
    (2021, 2917),
    (2022, 3063),
    (2023, 3450),
    (2024, 3692),
    (2025, 3932),
    (2026, 4325),
];

/// The MCI for a year: the nearest earlier year in the table when the year is not listed.
pub fn mci(year: i32) -> i64 {
    MCI_BY_YEAR
        .iter()
        .rev()
        .find(|(y, _)| *y <= year)
        .map(|(_, v)| *v)
        .unwrap_or(MCI_BY_YEAR[0].1)
}

/// The fee in tenge for `mci_count` MCI in the given year.
pub fn fee_tenge(mci_count: u32, year: i32) -> i64 {
    i64::from(mci_count) * mci(year)
}

/// Formats tenge with thin-space thousands separators: `43 250 ₸`.
pub fn format_tenge(amount: i64) -> String {
    let digits = amount.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if amount < 0 {
        out.insert(0, '-');
    }
    out + "\u{a0}₸"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_mci_in_2026_is_43_250_tenge() {
        assert_eq!(fee_tenge(10, 2026), 43_250);
        assert_eq!(format_tenge(43_250), "43\u{202f}250\u{a0}₸");
    }

    #[test]
    fn a_missing_year_uses_the_previous_known_one() {
        assert_eq!(mci(2017), 2121);
        assert_eq!(mci(2030), 4325);
    }
}
