//! Kazakhstan's identification numbers: the IIN of a person and the BIN of a business.
//!
//! Both are 12 digits whose last digit is a check digit computed with the same two-pass
//! weighted sum modulo 11. An IIN also encodes the birth date and sex of its holder.

use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Month};

/// Why a string is not a valid IIN or BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    /// Not exactly 12 characters.
    WrongLength,
    /// A character that is not a digit.
    NotDigits,
    /// The 12th digit does not match the check digit of the first 11.
    WrongCheckDigit,
    /// The first six digits are not a calendar date (IIN) or a year and month (BIN).
    BadDate,
    /// The 7th digit of an IIN (century and sex) or the 5th of a BIN (kind) is not defined.
    BadKind,
}

impl IdError {
    /// The error as a field-error code the user interface can translate.
    pub fn code(self) -> &'static str {
        match self {
            IdError::WrongLength => "id_wrong_length",
            IdError::NotDigits => "id_not_digits",
            IdError::WrongCheckDigit => "id_wrong_check_digit",
            IdError::BadDate => "id_bad_date",
            IdError::BadKind => "id_bad_kind",
        }
    }
}

fn digits(s: &str) -> Result<[u8; 12], IdError> {
    let s = s.trim();
    if s.chars().count() != 12 {
        return Err(IdError::WrongLength);
    }
    let mut out = [0u8; 12];
    for (i, c) in s.chars().enumerate() {
        out[i] = c.to_digit(10).ok_or(IdError::NotDigits)? as u8;
    }
    Ok(out)
}

/// The check digit of the first 11 digits, or `None` when no digit fits (such numbers are
/// never issued).
pub fn check_digit(first: &[u8; 11]) -> Option<u8> {
    let pass = |weights: [u32; 11]| -> u32 {
        first
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(*d) * w)
            .sum::<u32>()
            % 11
    };
    let first_pass = pass([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if first_pass != 10 {
        return Some(first_pass as u8);
    }
    let second_pass = pass([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    (second_pass != 10).then_some(second_pass as u8)
}

fn checked(d: &[u8; 12]) -> Result<(), IdError> {
    let first: [u8; 11] = d[..11].try_into().expect("11 digits");
    match check_digit(&first) {
        Some(c) if c == d[11] => Ok(()),
        _ => Err(IdError::WrongCheckDigit),
    }
}

fn two(d: &[u8]) -> u8 {
    d[0] * 10 + d[1]
}

/// Sex encoded in an IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    Male,
    Female,
}

/// An individual identification number (ЖСН / ИИН), parsed and checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iin(String);

impl Iin {
    pub fn parse(s: &str) -> Result<Iin, IdError> {
        let d = digits(s)?;
        let (sex, century) = match d[6] {
            1 => (Sex::Male, 1800),
            2 => (Sex::Female, 1800),
            3 => (Sex::Male, 1900),
            4 => (Sex::Female, 1900),
            5 => (Sex::Male, 2000),
            6 => (Sex::Female, 2000),
            _ => return Err(IdError::BadKind),
        };
        let _ = sex;
        birth_date(&d, century)?;
        checked(&d)?;
        Ok(Iin(d.iter().map(|x| char::from(b'0' + x)).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn d(&self) -> [u8; 12] {
        digits(&self.0).expect("checked at parse")
    }

    pub fn sex(&self) -> Sex {
        if self.d()[6] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    pub fn birth_date(&self) -> Date {
        let d = self.d();
        let century = match d[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            _ => 2000,
        };
        birth_date(&d, century).expect("checked at parse")
    }

    /// Builds a valid IIN from a birth date, sex and a 4-digit serial, or `None` when that
    /// serial has no check digit (try the next one).
    pub fn compose(born: Date, sex: Sex, serial: u16) -> Option<Iin> {
        let year = born.year();
        let century_digit = match (year / 100, sex) {
            (18, Sex::Male) => 1,
            (18, Sex::Female) => 2,
            (19, Sex::Male) => 3,
            (19, Sex::Female) => 4,
            (20, Sex::Male) => 5,
            (20, Sex::Female) => 6,
            _ => return None,
        };
        let s = format!(
            "{:02}{:02}{:02}{}{:04}",
            year % 100,
            u8::from(born.month()),
            born.day(),
            century_digit,
            serial % 10000
        );
        let first: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        let first: [u8; 11] = first.try_into().ok()?;
        let c = check_digit(&first)?;
        Iin::parse(&format!("{s}{c}")).ok()
    }
}

fn birth_date(d: &[u8; 12], century: i32) -> Result<Date, IdError> {
    let year = century + i32::from(two(&d[0..2]));
    let month = Month::try_from(two(&d[2..4])).map_err(|_| IdError::BadDate)?;
    Date::from_calendar_date(year, month, two(&d[4..6])).map_err(|_| IdError::BadDate)
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Iin {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iin::parse(&s).map_err(|e| e.code().to_owned())
    }
}

impl From<Iin> for String {
    fn from(i: Iin) -> String {
        i.0
    }
}

/// What kind of business a BIN belongs to (its 5th digit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinKind {
    ResidentLegalEntity,
    NonResidentLegalEntity,
    JointSoleProprietorship,
}

/// A business identification number (БСН / БИН), parsed and checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bin(String);

impl Bin {
    pub fn parse(s: &str) -> Result<Bin, IdError> {
        let d = digits(s)?;
        if !(1..=12).contains(&two(&d[2..4])) {
            return Err(IdError::BadDate);
        }
        if !matches!(d[4], 4..=6) || d[5] > 3 {
            return Err(IdError::BadKind);
        }
        checked(&d)?;
        Ok(Bin(d.iter().map(|x| char::from(b'0' + x)).collect()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> BinKind {
        match self.0.as_bytes()[4] {
            b'4' => BinKind::ResidentLegalEntity,
            b'5' => BinKind::NonResidentLegalEntity,
            _ => BinKind::JointSoleProprietorship,
        }
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Bin {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Bin::parse(&s).map_err(|e| e.code().to_owned())
    }
}

impl From<Bin> for String {
    fn from(b: Bin) -> String {
        b.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn a_composed_iin_parses_and_tells_birth_date_and_sex() {
        let iin = Iin::compose(date!(1990 - 05 - 14), Sex::Female, 123).unwrap();
        assert_eq!(&iin.as_str()[..7], "9005144");
        assert_eq!(iin.birth_date(), date!(1990 - 05 - 14));
        assert_eq!(iin.sex(), Sex::Female);
    }

    #[test]
    fn an_iin_with_a_wrong_check_digit_is_rejected() {
        let iin = Iin::compose(date!(1985 - 03 - 02), Sex::Male, 42).unwrap();
        let mut s = iin.as_str().to_owned();
        let last = s.pop().unwrap().to_digit(10).unwrap();
        s.push(char::from_digit((last + 1) % 10, 10).unwrap());
        assert_eq!(Iin::parse(&s), Err(IdError::WrongCheckDigit));
    }

    #[test]
    fn an_iin_with_an_impossible_date_is_rejected() {
        assert_eq!(Iin::parse("901332400000"), Err(IdError::BadDate));
    }

    #[test]
    fn short_or_lettered_input_is_rejected() {
        assert_eq!(Iin::parse("12345"), Err(IdError::WrongLength));
        assert_eq!(Iin::parse("90051440012a"), Err(IdError::NotDigits));
    }

    #[test]
    fn the_second_weight_pass_is_used_when_the_first_gives_ten() {
        // Search for 11 digits whose first pass is 10 and check the fallback is taken.
        let mut found = false;
        for n in 0..100_000u32 {
            let s = format!("900101300{:02}", n % 100);
            let d: [u8; 11] = s
                .bytes()
                .map(|b| b - b'0')
                .collect::<Vec<_>>()
                .try_into()
                .unwrap();
            let first: u32 = d
                .iter()
                .enumerate()
                .map(|(i, x)| u32::from(*x) * (i as u32 + 1))
                .sum::<u32>()
                % 11;
            if first == 10 {
                let second: u32 = d
                    .iter()
                    .zip([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])
                    .map(|(x, w)| u32::from(*x) * w)
                    .sum::<u32>()
                    % 11;
                assert_eq!(check_digit(&d), (second != 10).then_some(second as u8));
                found = true;
                break;
            }
        }
        assert!(found);
    }

    #[test]
    fn a_bin_is_checked_and_tells_its_kind() {
        // 1504 registration, resident legal entity (4), head office (0), serial 01234.
        let first: [u8; 11] = [1, 5, 0, 4, 4, 0, 0, 1, 2, 3, 4];
        let c = check_digit(&first).unwrap_or(0);
        let s: String = first
            .iter()
            .map(|d| char::from(b'0' + d))
            .collect::<String>()
            + &c.to_string();
        if check_digit(&first).is_some() {
            let bin = Bin::parse(&s).unwrap();
            assert_eq!(bin.kind(), BinKind::ResidentLegalEntity);
        }
        assert_eq!(Bin::parse("151344001234"), Err(IdError::BadDate));
    }

    proptest! {
        #[test]
        fn every_composed_iin_round_trips(days in 0i64..70_000, male in any::<bool>(), serial in 0u16..10_000) {
            let born = date!(1900 - 01 - 01) + time::Duration::days(days);
            let sex = if male { Sex::Male } else { Sex::Female };
            if let Some(iin) = Iin::compose(born, sex, serial) {
                let again = Iin::parse(iin.as_str()).unwrap();
                prop_assert_eq!(again.birth_date(), born);
                prop_assert_eq!(again.sex(), sex);
            }
        }

        #[test]
        fn any_other_last_digit_is_refused(days in 0i64..40_000, serial in 0u16..10_000, delta in 1u8..10) {
            let born = date!(1950 - 01 - 01) + time::Duration::days(days);
            if let Some(iin) = Iin::compose(born, Sex::Male, serial) {
                let mut bytes = iin.as_str().as_bytes().to_vec();
                bytes[11] = b'0' + (bytes[11] - b'0' + delta) % 10;
                let changed = String::from_utf8(bytes).unwrap();
                prop_assert_eq!(Iin::parse(&changed), Err(IdError::WrongCheckDigit));
            }
        }

        #[test]
        fn every_well_formed_bin_parses_and_any_other_check_digit_is_refused(
            yy in 0u8..100, mm in 1u8..13, kind in 4u8..7, sub in 0u8..4, serial in 0u32..1_000_000, delta in 1u8..10,
        ) {
            let text = format!("{yy:02}{mm:02}{kind}{sub}{serial:06}");
            let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
            let first: [u8; 11] = digits[..11].try_into().unwrap();
            if let Some(check) = check_digit(&first) {
                let bin = format!("{}{check}", &text[..11]);
                prop_assert!(Bin::parse(&bin).is_ok(), "{}", bin);
                let wrong = format!("{}{}", &text[..11], (check + delta) % 10);
                prop_assert_eq!(Bin::parse(&wrong), Err(IdError::WrongCheckDigit));
            }
        }
    }
}
