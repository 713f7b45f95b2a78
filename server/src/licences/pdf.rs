//! The licence as a document: what is printed on it, the A4 PDF with its QR code, and the bytes
//! the official signs (the licence data and the PDF's SHA-256).

use domain::Lang;
use printpdf::{Mm, PdfDocument, Rect};
use serde::Serialize;

/// DejaVu Sans: covers Kazakh and Russian Cyrillic (licence in `server/assets/LICENSE-DejaVu`).
const FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Everything printed on a licence.
#[derive(Debug, Clone, Serialize)]
pub struct LicenceContent {
    pub number: String,
    pub issued_on: String,
    pub holder_name: String,
    /// The holder's IIN, or BIN for a company.
    pub holder_iin: String,
    pub activity: domain::Text,
    pub service_name: domain::Text,
    pub provider_name: domain::Text,
    pub application_number: String,
    /// The public check page, encoded in the QR code.
    pub check_url: String,
}

/// The facts the official signs: the licence data and the hash of the exact PDF.
#[derive(Debug, Clone, Serialize)]
pub struct LicenceToSign<'a> {
    pub licence_number: &'a str,
    pub holder_iin: &'a str,
    pub holder_name: &'a str,
    pub service_code: &'a str,
    pub application_number: &'a str,
    pub issued_on: &'a str,
    pub pdf_sha256: &'a str,
}

impl LicenceToSign<'_> {
    pub fn canonical_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("serialisable")
    }
}

/// Renders the licence as an A4 PDF, in Kazakh and Russian (the languages of official
/// documents), with a QR code linking to the public check page.
pub fn render_pdf(c: &LicenceContent) -> anyhow::Result<Vec<u8>> {
    let (doc, page, layer) = PdfDocument::new(
        format!("Licence {}", c.number),
        Mm(210.0),
        Mm(297.0),
        "licence",
    );
    let font = doc.add_external_font_with_subsetting(FONT, true)?;
    let layer = doc.get_page(page).get_layer(layer);

    // (text, font size in points, line gap in mm); an empty text is extra space.
    let kk_label = format!("{}:", Lang::Kk.native_name());
    let ru_label = format!("{}:", Lang::Ru.native_name());
    let number_line = format!("№ {}   {}", c.number, c.issued_on);
    // A company holds the licence under its BIN, a person under the IIN.
    let iin_line = if domain::Bin::parse(&c.holder_iin).is_ok() {
        format!("БСН / БИН: {}", c.holder_iin)
    } else {
        format!("ЖСН / ИИН: {}", c.holder_iin)
    };
    let licensor = format!("Лицензиар: {}", c.provider_name.get(Lang::Ru));
    let application = format!("Өтініш / Заявление № {}", c.application_number);
    let check = format!("Тексеру / Проверка: {}", c.check_url);
    let lines: Vec<(&str, f32, f32)> = vec![
        ("ЛИЦЕНЗИЯ", 20.0, 9.0),
        (&number_line, 14.0, 10.0),
        (&c.holder_name, 14.0, 7.0),
        (&iin_line, 11.0, 9.0),
        (&kk_label, 9.0, 5.0),
        (c.activity.get(Lang::Kk), 12.0, 6.0),
        (c.service_name.get(Lang::Kk), 9.0, 5.0),
        ("", 0.0, 3.0),
        (&ru_label, 9.0, 5.0),
        (c.activity.get(Lang::Ru), 12.0, 6.0),
        (c.service_name.get(Lang::Ru), 9.0, 5.0),
        ("", 0.0, 4.0),
        (&licensor, 9.0, 5.0),
        (&application, 9.0, 5.0),
        (
            "Электрондық құжат ЭЦҚ-мен қол қойылған / Электронный документ подписан ЭЦП уполномоченного лица.",
            8.0,
            4.5,
        ),
        (&check, 8.0, 4.5),
    ];
    let mut y = 272.0;
    for (text, size, gap) in lines {
        if text.is_empty() {
            y -= gap;
            continue;
        }
        for chunk in wrap(text, if size > 13.0 { 60 } else { 85 }) {
            layer.use_text(chunk, size, Mm(20.0), Mm(y), &font);
            y -= gap;
        }
    }

    // QR code, 40 mm square, bottom right.
    let qr =
        qrcode::QrCode::with_error_correction_level(c.check_url.as_bytes(), qrcode::EcLevel::M)?;
    let width = qr.width();
    let modules = qr.to_colors();
    let size = 40.0 / width as f32;
    let (x0, y0) = (150.0, 20.0 + 40.0);
    for (i, colour) in modules.iter().enumerate() {
        if *colour == qrcode::Color::Dark {
            let (col, row) = ((i % width) as f32, (i / width) as f32);
            let x = x0 + col * size;
            let y = y0 - (row + 1.0) * size;
            layer.add_rect(Rect::new(Mm(x), Mm(y), Mm(x + size), Mm(y + size)));
        }
    }
    Ok(doc.save_to_bytes()?)
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_wrapped_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
    }

    #[test]
    fn a_licence_renders_as_a_pdf() {
        let t = domain::Text::new(
            "Сот-сараптама қызметі",
            "Судебно-экспертная деятельность",
            "Forensic",
        );
        let pdf = render_pdf(&LicenceContent {
            number: "26000001".into(),
            issued_on: "2026-11-22".into(),
            holder_name: "Нұрланова Айгерім Серікқызы".into(),
            holder_iin: "900514450123".into(),
            activity: t.clone(),
            service_name: t.clone(),
            provider_name: t,
            application_number: "MOJ-2026-000001".into(),
            check_url: "http://127.0.0.1:3000/check/26000001".into(),
        })
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.len() < 400_000, "{} bytes", pdf.len());
    }
}
