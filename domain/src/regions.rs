//! Kazakhstan's regions and cities of republican significance: where an address is, and which
//! territorial body runs a regional service.

use crate::text::Text;

/// (code, Kazakh, Russian, English).
const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("astana", "Астана қаласы", "город Астана", "Astana city"),
    (
        "almaty_city",
        "Алматы қаласы",
        "город Алматы",
        "Almaty city",
    ),
    (
        "shymkent",
        "Шымкент қаласы",
        "город Шымкент",
        "Shymkent city",
    ),
    ("abai", "Абай облысы", "область Абай", "Abai region"),
    (
        "akmola",
        "Ақмола облысы",
        "Акмолинская область",
        "Akmola region",
    ),
    (
        "aktobe",
        "Ақтөбе облысы",
        "Актюбинская область",
        "Aktobe region",
    ),
    (
        "almaty_region",
        "Алматы облысы",
        "Алматинская область",
        "Almaty region",
    ),
    (
        "atyrau",
        "Атырау облысы",
        "Атырауская область",
        "Atyrau region",
    ),
    (
        "east_kazakhstan",
        "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область",
        "East Kazakhstan region",
    ),
    (
        "zhambyl",
        "Жамбыл облысы",
        "Жамбылская область",
        "Zhambyl region",
    ),
    (
        "zhetysu",
        "Жетісу облысы",
        "область Жетісу",
        "Zhetysu region",
    ),
    (
        "west_kazakhstan",
        "Батыс Қазақстан облысы",
        "Западно-Казахстанская область",
        "West Kazakhstan region",
    ),
    (
        "karaganda",
        "Қарағанды облысы",
        "Карагандинская область",
        "Karaganda region",
    ),
    (
        "kostanay",
        "Қостанай облысы",
        "Костанайская область",
        "Kostanay region",
    ),
    (
        "kyzylorda",
        "Қызылорда облысы",
        "Кызылординская область",
        "Kyzylorda region",
    ),
    (
        "mangystau",
        "Маңғыстау облысы",
        "Мангистауская область",
        "Mangystau region",
    ),
    (
        "pavlodar",
        "Павлодар облысы",
        "Павлодарская область",
        "Pavlodar region",
    ),
    (
        "north_kazakhstan",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan region",
    ),
    (
        "turkistan",
        "Түркістан облысы",
        "Туркестанская область",
        "Turkistan region",
    ),
    ("ulytau", "Ұлытау облысы", "область Ұлытау", "Ulytau region"),
];

/// Every region, in the order the forms list them: (code, name).
pub fn all() -> Vec<(&'static str, Text)> {
    REGIONS
        .iter()
        .map(|(code, kk, ru, en)| (*code, Text::new(kk, ru, en)))
        .collect()
}

/// The name of a region by its code.
pub fn name(code: &str) -> Option<Text> {
    REGIONS
        .iter()
        .find(|r| r.0 == code)
        .map(|(_, kk, ru, en)| Text::new(kk, ru, en))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_forms_regions_are_these() {
        // The attestation's region choice and the address use one list.
        let att = crate::catalogue::builtin()
            .into_iter()
            .find(|s| s.code == "BAIL-ATT" && s.version == 2018)
            .unwrap();
        let field = att.variants[0]
            .fields
            .iter()
            .find(|f| f.key == "region")
            .unwrap();
        let crate::catalogue::FieldKind::Select { options } = &field.kind else {
            panic!("region is a choice");
        };
        let codes: Vec<_> = options.iter().map(|o| o.value.as_str()).collect();
        let ours: Vec<_> = super::all().into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, ours);
        for (code, name) in super::all() {
            assert!(name.is_complete(), "{code}");
        }
    }
}
