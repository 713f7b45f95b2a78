//! Measured text: how wide a line of DejaVu Sans is at a size (from the font's own advance
//! widths, read by `ttf-parser`), and greedy line breaking within a width. printpdf draws text
//! where it is told and measures nothing, and no well-kept crate lays text out for it; this is
//! the small part done here, and a test holds every line of every document inside the margins.

/// DejaVu Sans: covers Kazakh and Russian Cyrillic (licence in `server/assets/LICENSE-DejaVu`).
pub const FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Millimetres per typographic point.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// The font's metrics, parsed once.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Metrics {
    pub fn dejavu() -> Metrics {
        let face = ttf_parser::Face::parse(FONT, 0).expect("the bundled font parses");
        let units_per_em = f32::from(face.units_per_em());
        Metrics { face, units_per_em }
    }

    /// The width of `text` at `size` points, in millimetres.
    pub fn width_mm(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    // A character the font lacks is drawn as its fallback box: as wide as an M.
                    .or_else(|| {
                        self.face
                            .glyph_index('M')
                            .and_then(|g| self.face.glyph_hor_advance(g))
                    })
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 / self.units_per_em * size * MM_PER_PT
    }

    /// Breaks `text` into lines no wider than `width` millimetres at `size` points: at spaces,
    /// and inside a word only when the word alone is wider than the line.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if self.width_mm(&candidate, size) <= width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            if self.width_mm(word, size) <= width {
                current = word.to_owned();
                continue;
            }
            // A word wider than the line (a long number, a URL): broken where it must be.
            for c in word.chars() {
                let mut next = current.clone();
                next.push(c);
                if !current.is_empty() && self.width_mm(&next, size) > width {
                    lines.push(std::mem::take(&mut current));
                    current.push(c);
                } else {
                    current = next;
                }
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_within_the_width_and_long_words_break_too() {
        let m = Metrics::dejavu();
        let text = "Жобалау қызметі, оның ішінде қала құрылысын жоспарлау және сәулет жобалау";
        let lines = m.wrap(text, 12.0, 60.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(m.width_mm(l, 12.0) <= 60.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
        let url =
            "https://elicense.example.kz/check/26000001#statement-with-a-very-long-signature-part";
        for l in m.wrap(url, 10.0, 40.0) {
            assert!(m.width_mm(&l, 10.0) <= 40.0, "{l}");
        }
        // Wider letters take more room: measured, not counted.
        assert!(m.width_mm("ШШШШ", 10.0) > m.width_mm("iiii", 10.0) * 2.0);
    }
}
