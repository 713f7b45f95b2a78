//! Texts in the portal's three languages (Kazakh, Russian, English).

use serde::{Deserialize, Serialize};

/// A user-interface language. Kazakh is the state language and comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    /// The BCP 47 tag used in `lang` attributes and `Accept-Language` headers.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// Reads a tag such as `kk`, `ru-RU` or an `Accept-Language` value; the first known
    /// language wins.
    pub fn parse(tag: &str) -> Option<Lang> {
        tag.split(',').find_map(|part| {
            let primary = part
                .trim()
                .split([';', '-', '_'])
                .next()?
                .to_ascii_lowercase();
            match primary.as_str() {
                "kk" | "kz" => Some(Lang::Kk),
                "ru" => Some(Lang::Ru),
                "en" => Some(Lang::En),
                _ => None,
            }
        })
    }

    /// The language's own name, as shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Kk => "Қазақша",
            Lang::Ru => "Русский",
            Lang::En => "English",
        }
    }
}

/// One text in all three languages. Service definitions hold every visible string this way,
/// so a missing translation is a deserialisation error, not a blank on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

impl Text {
    pub fn new(kk: &str, ru: &str, en: &str) -> Self {
        Text {
            kk: kk.to_owned(),
            ru: ru.to_owned(),
            en: en.to_owned(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// True when every language has a non-blank text.
    pub fn is_complete(&self) -> bool {
        Lang::ALL.iter().all(|l| !self.get(*l).trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_known_language() {
        assert_eq!(Lang::parse("de-DE,kk;q=0.9,ru;q=0.8"), Some(Lang::Kk));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
