//! A document as blocks (title, headings, labelled facts, paragraphs, a QR code), laid out on
//! A4 pages with measured lines and drawn with printpdf. The layout is returned with the bytes,
//! so tests can hold every line inside the margins.

use super::layout::{Metrics, FONT};
use printpdf::{Mm, PdfDocument, Rect};

/// A4.
pub const PAGE_WIDTH: f32 = 210.0;
pub const PAGE_HEIGHT: f32 = 297.0;
/// Left and right margins.
pub const MARGIN: f32 = 20.0;
const TOP: f32 = 277.0;
const BOTTOM: f32 = 20.0;
/// Width of the label column of a labelled fact.
const LABEL_WIDTH: f32 = 52.0;
const QR_SIZE: f32 = 38.0;

/// One piece of a document.
#[derive(Debug, Clone)]
pub enum Block {
    /// The document's name, large.
    Title(String),
    /// A line under the title (number and date).
    Subtitle(String),
    /// A section's heading (the language of the part that follows).
    Heading(String),
    /// A labelled fact: the label on the left, the value wrapped on the right.
    Fact(String, String),
    Paragraph(String),
    /// Small print (the note on the electronic signature, the check address).
    Small(String),
    /// Vertical space, millimetres.
    Space(f32),
    /// A QR code of this text, with the caption beside it.
    Qr {
        data: String,
        caption: String,
    },
}

/// A line as placed: where, how wide, at what size.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub text: String,
}

/// Where everything went.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lines: Vec<Placed>,
    /// QR codes: page, left, bottom, size (mm).
    pub codes: Vec<(usize, f32, f32, f32)>,
    pub pages: usize,
}

impl Layout {
    /// Lines or codes that run past the margins (none, for a good document).
    pub fn outside_margins(&self) -> Vec<String> {
        let right = PAGE_WIDTH - MARGIN;
        let mut out: Vec<String> = self
            .lines
            .iter()
            .filter(|l| l.x < MARGIN - 0.01 || l.x + l.width > right + 0.01 || l.y < BOTTOM - 0.01)
            .map(|l| {
                format!(
                    "p{} {:.1}+{:.1} > {right}: {}",
                    l.page, l.x, l.width, l.text
                )
            })
            .collect();
        out.extend(
            self.codes
                .iter()
                .filter(|(_, x, y, s)| *x + *s > right + 0.01 || *y < BOTTOM - 0.01)
                .map(|c| format!("QR {c:?}")),
        );
        out
    }
}

/// Lays the blocks out on pages.
pub fn lay_out(blocks: &[Block]) -> Layout {
    let m = Metrics::dejavu();
    let mut out = Layout {
        pages: 1,
        ..Layout::default()
    };
    let mut y = TOP;
    let mut page = 0;
    let full = PAGE_WIDTH - 2.0 * MARGIN;
    // Moves to the next page when `needed` millimetres do not fit.
    fn room(needed: f32, y: &mut f32, page: &mut usize, out: &mut Layout) {
        if *y - needed < BOTTOM {
            *page += 1;
            out.pages = out.pages.max(*page + 1);
            *y = TOP;
        }
    }
    #[allow(clippy::too_many_arguments)]
    fn place(
        m: &Metrics,
        text: &str,
        size: f32,
        x: f32,
        width: f32,
        gap: f32,
        y: &mut f32,
        page: &mut usize,
        out: &mut Layout,
    ) {
        for line in m.wrap(text, size, width) {
            room(gap, y, page, out);
            let w = m.width_mm(&line, size);
            out.lines.push(Placed {
                page: *page,
                x,
                y: *y,
                width: w,
                size,
                text: line,
            });
            *y -= gap;
        }
    }
    let lines =
        |text: &str,
         size: f32,
         x: f32,
         width: f32,
         gap: f32,
         y: &mut f32,
         page: &mut usize,
         out: &mut Layout| place(&m, text, size, x, width, gap, y, page, out);
    for block in blocks {
        match block {
            Block::Title(t) => {
                lines(t, 18.0, MARGIN, full, 9.0, &mut y, &mut page, &mut out);
            }
            Block::Subtitle(t) => {
                lines(t, 12.0, MARGIN, full, 7.0, &mut y, &mut page, &mut out);
            }
            Block::Heading(t) => {
                y -= 2.0;
                lines(t, 11.0, MARGIN, full, 6.5, &mut y, &mut page, &mut out);
            }
            Block::Fact(label, value) => {
                let top = y;
                let top_page = page;
                lines(
                    label,
                    8.5,
                    MARGIN,
                    LABEL_WIDTH - 3.0,
                    4.5,
                    &mut y,
                    &mut page,
                    &mut out,
                );
                let after_label = (y, page);
                y = top;
                page = top_page;
                lines(
                    value,
                    10.5,
                    MARGIN + LABEL_WIDTH,
                    full - LABEL_WIDTH,
                    5.5,
                    &mut y,
                    &mut page,
                    &mut out,
                );
                // The lower of the two columns, and a little air.
                if after_label.1 > page || (after_label.1 == page && after_label.0 < y) {
                    y = after_label.0;
                    page = after_label.1;
                }
                y -= 1.5;
            }
            Block::Paragraph(t) => {
                lines(t, 10.0, MARGIN, full, 5.2, &mut y, &mut page, &mut out);
                y -= 1.0;
            }
            Block::Small(t) => {
                lines(t, 8.0, MARGIN, full, 4.2, &mut y, &mut page, &mut out);
            }
            Block::Space(mm) => y -= mm,
            Block::Qr { caption, .. } => {
                room(QR_SIZE + 2.0, &mut y, &mut page, &mut out);
                out.codes.push((page, MARGIN, y - QR_SIZE, QR_SIZE));
                let mut cy = y - 2.0;
                let mut cp = page;
                lines(
                    caption,
                    8.0,
                    MARGIN + QR_SIZE + 5.0,
                    full - QR_SIZE - 5.0,
                    4.2,
                    &mut cy,
                    &mut cp,
                    &mut out,
                );
                y -= QR_SIZE + 3.0;
            }
        }
    }
    out
}

/// The document as PDF bytes, and its layout.
pub fn render(title: &str, blocks: &[Block]) -> anyhow::Result<(Vec<u8>, Layout)> {
    let layout = lay_out(blocks);
    let (doc, first_page, first_layer) =
        PdfDocument::new(title, Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "text");
    let font = doc.add_external_font_with_subsetting(FONT, true)?;
    let mut layers = vec![doc.get_page(first_page).get_layer(first_layer)];
    for _ in 1..layout.pages {
        let (p, l) = doc.add_page(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "text");
        layers.push(doc.get_page(p).get_layer(l));
    }
    for line in &layout.lines {
        layers[line.page].use_text(&line.text, line.size, Mm(line.x), Mm(line.y), &font);
    }
    let qr_data: Vec<&String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Qr { data, .. } => Some(data),
            _ => None,
        })
        .collect();
    for (data, (page, x0, y0, size)) in qr_data.into_iter().zip(&layout.codes) {
        let qr = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)?;
        let width = qr.width();
        let cell = size / width as f32;
        for (i, colour) in qr.to_colors().iter().enumerate() {
            if *colour == qrcode::Color::Dark {
                let (col, row) = ((i % width) as f32, (i / width) as f32);
                let x = x0 + col * cell;
                let y = y0 + size - (row + 1.0) * cell;
                layers[*page].add_rect(Rect::new(Mm(x), Mm(y), Mm(x + cell), Mm(y + cell)));
            }
        }
    }
    Ok((doc.save_to_bytes()?, layout))
}
