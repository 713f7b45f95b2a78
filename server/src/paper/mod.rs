//! The documents people read, as PDF: what each says (`documents`), laid out with measured
//! text (`layout`) on A4 pages (`render`). Every result of a case — a licence, an annex, a
//! duplicate, a commission's decision, a motivated refusal, a change of a licence's status —
//! is one of these, signed by the official over its exact bytes.

pub mod documents;
pub mod layout;
pub mod render;

pub use render::{render, Block, Layout};

#[cfg(test)]
mod tests {
    use super::documents::*;
    use super::render::render;
    use domain::licence::{RefusalReason, StatusChange};

    /// Every document of every service, in both orders of its languages, with the longest
    /// texts the definitions have: no line past the margins.
    #[test]
    fn every_document_of_every_service_stays_inside_the_margins() {
        let long_name =
            "«Құрылыс-Монтаж Инжиниринг Технолоджис Қазақстан» жауапкершілігі шектеулі \
                         серіктестігінің Солтүстік Қазақстан облысы бойынша филиалы";
        let mut checked = 0;
        for s in domain::catalogue::builtin() {
            for v in &s.variants {
                for lang in ["kk", "ru"] {
                    let mut documents = Vec::new();
                    for form in [
                        LicenceForm::Licence,
                        LicenceForm::Duplicate,
                        LicenceForm::Annex {
                            number: "26000001-A12".into(),
                        },
                    ] {
                        documents.push(licence(&LicencePaper {
                            form,
                            number: "26000001".into(),
                            issued_on: "2026-12-01".into(),
                            holder_name: long_name.into(),
                            holder_id: "150640023456".into(),
                            company: true,
                            activity: s.activity.clone(),
                            service_name: s.name.clone(),
                            licensor: s.provider.name.clone(),
                            subtypes: Some("Жобалау: сәулет, құрылыс конструкциялары, инженерлік желілер, технологиялық бөлімдер, сметалық құжаттама".into()),
                            category: Some("I".into()),
                            application_number: "CCHS-2026-000001".into(),
                            previous_number: Some("25000099".into()),
                            check_url: "https://elicense.example.kz/check/26000001#s=eyJuIjoiMjYwMDAwMDEiLCJoIjoiwqvQmtKx0YDRi9C70YvRgS3QnNC-0L3RgtCw0LYiLCJhIjoi0JTQtdGP0YLQtdC70YzQvdC-0YHRgtGMIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmUtc2lnbmF0dXJl".into(),
                            lang: lang.into(),
                        }));
                    }
                    for outcome in ["passed", "failed", "absent"] {
                        documents.push(decision(&DecisionPaper {
                            exam: s.version == 2014,
                            number: "MOJ-TER-2026-000001".into(),
                            issued_on: "2026-12-01".into(),
                            person_name: "Жақсыбеков Ерлан Маратұлы".into(),
                            iin: "850302322108".into(),
                            outcome: outcome.into(),
                            session: Some("2026-12-15, Астана қ., Мәңгілік Ел даңғылы, 8, Министрліктер үйі, 4-кіреберіс".into()),
                            body: s.provider.name.clone(),
                            application_number: "MOJ-TER-2026-000001".into(),
                            lang: lang.into(),
                        }));
                    }
                    for reason in RefusalReason::ALL {
                        documents.push(refusal(&RefusalPaper {
                            application_number: "MOJ-2026-000001".into(),
                            date: "2026-12-01".into(),
                            applicant_name: long_name.into(),
                            applicant_id: "150640023456".into(),
                            service_name: s.name.clone(),
                            variant_name: v.name.clone(),
                            provider: s.provider.name.clone(),
                            reason,
                            grounds: "Ұсынылған құжаттар Стандарттың 9-тармағында көзделген талаптарға сәйкес келмейді: біліктілік куәлігінің көшірмесі жоқ, жұмыс тәжірибесі расталмаған.".into(),
                            rules: s.refusal_grounds.clone(),
                            lang: lang.into(),
                        }));
                    }
                    for change in [
                        StatusChange::Suspend,
                        StatusChange::Resume,
                        StatusChange::Terminate,
                    ] {
                        documents.push(status_change(&StatusPaper {
                            change,
                            licence_number: "26000001".into(),
                            holder_name: long_name.into(),
                            activity: s.activity.clone(),
                            licensor: s.provider.name.clone(),
                            grounds: "Лицензиялық бақылау нәтижелері бойынша біліктілік талаптарына сәйкессіздік анықталды (2026 жылғы 20 қарашадағы № 15 акт).".into(),
                            date: "2026-12-01".into(),
                            lang: lang.into(),
                        }));
                    }
                    for (i, (title, blocks)) in documents.into_iter().enumerate() {
                        let (pdf, layout) = render(&title, &blocks).unwrap();
                        assert!(pdf.starts_with(b"%PDF-"));
                        // To look at them: PAPER_SAMPLES=<folder> keeps each PDF there.
                        if let Ok(dir) = std::env::var("PAPER_SAMPLES") {
                            let name =
                                format!("{}-{}-{}-{lang}-{i:02}.pdf", s.code, s.version, v.code);
                            std::fs::write(std::path::Path::new(&dir).join(name), &pdf).unwrap();
                        }
                        let outside = layout.outside_margins();
                        assert!(
                            outside.is_empty(),
                            "{} {} {lang} «{title}»: {outside:?}",
                            s.code,
                            v.code
                        );
                        assert!(!layout.lines.is_empty());
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }
}
