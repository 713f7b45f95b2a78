//! Numbers with their nouns, by the CLDR plural rules of each language (kk, ru, en) as the
//! browser's `Intl.PluralRules` gives them: "1 рабочий день", "2 рабочих дня", "5 рабочих
//! дней", "21 рабочий день"; "1 working day", "2 working days". The rules are the browser's own
//! (the same ICU data every page of the browser uses), so the app carries no tables of them.

use domain::Lang;
use wasm_bindgen::JsValue;

/// The CLDR plural category of `n` in `lang`: "one", "few", "many" or "other".
pub fn category(lang: Lang, n: u32) -> String {
    let locales = js_sys::Array::new();
    locales.push(&JsValue::from_str(lang.code()));
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    rules.select(f64::from(n)).into()
}

/// A term in working days, the noun agreeing with the number.
pub fn working_days(lang: Lang, n: u32) -> String {
    domain::words::working_days(lang, n, &category(lang, n))
}

/// A number of minutes, the noun agreeing with the number.
pub fn minutes(lang: Lang, n: u32) -> String {
    let word = match (lang, category(lang, n).as_str()) {
        (Lang::Kk, _) => "минут",
        (Lang::Ru, "one") => "минута",
        (Lang::Ru, "few") => "минуты",
        (Lang::Ru, "many") => "минут",
        (Lang::Ru, _) => "минуты",
        (Lang::En, "one") => "minute",
        (Lang::En, _) => "minutes",
    };
    format!("{n} {word}")
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn minutes_agree_with_their_number() {
        assert_eq!(minutes(Lang::Ru, 1), "1 минута");
        assert_eq!(minutes(Lang::Ru, 3), "3 минуты");
        assert_eq!(minutes(Lang::Ru, 30), "30 минут");
        assert_eq!(minutes(Lang::En, 1), "1 minute");
        assert_eq!(minutes(Lang::En, 30), "30 minutes");
        assert_eq!(minutes(Lang::Kk, 30), "30 минут");
    }

    #[wasm_bindgen_test]
    fn russian_has_one_few_and_many() {
        assert_eq!(working_days(Lang::Ru, 1), "1 рабочий день");
        assert_eq!(working_days(Lang::Ru, 2), "2 рабочих дня");
        assert_eq!(working_days(Lang::Ru, 5), "5 рабочих дней");
        assert_eq!(working_days(Lang::Ru, 21), "21 рабочий день");
        assert_eq!(working_days(Lang::Ru, 22), "22 рабочих дня");
        assert_eq!(working_days(Lang::Ru, 11), "11 рабочих дней");
    }

    #[wasm_bindgen_test]
    fn english_has_one_and_other() {
        assert_eq!(working_days(Lang::En, 1), "1 working day");
        assert_eq!(working_days(Lang::En, 2), "2 working days");
        assert_eq!(working_days(Lang::En, 5), "5 working days");
        assert_eq!(working_days(Lang::En, 21), "21 working days");
        assert_eq!(working_days(Lang::En, 22), "22 working days");
    }

    #[wasm_bindgen_test]
    fn kazakh_keeps_the_noun_singular() {
        for n in [1, 2, 5, 21, 22] {
            assert_eq!(working_days(Lang::Kk, n), format!("{n} жұмыс күні"));
        }
        assert_eq!(category(Lang::Kk, 1), "one");
        assert_eq!(category(Lang::Kk, 2), "other");
    }

    #[wasm_bindgen_test]
    fn categories_come_from_cldr() {
        assert_eq!(category(Lang::Ru, 1), "one");
        assert_eq!(category(Lang::Ru, 22), "few");
        assert_eq!(category(Lang::Ru, 25), "many");
        assert_eq!(category(Lang::En, 21), "other");
    }
}
