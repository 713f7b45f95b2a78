//! Every service and variant of the catalogue, driven by its definition alone: a complete
//! form is accepted, and each required field or file slot left out gives that field's error
//! and stores nothing.

use crate::helpers::*;
use domain::api::*;
use domain::catalogue::{FieldKind, ServiceDefinition, Variant};
use domain::form::{FieldErrorCode, FormValues};
use domain::ErrorCode;
use server::sandbox::people::{self, DemoRole};

/// What a careful applicant would type into a field that is not a file slot.
fn typed_value(kind: &FieldKind) -> String {
    match kind {
        FieldKind::Text { max_len } => "Сынақ мәтіні".chars().take(*max_len).collect(),
        FieldKind::Date => "2020-01-15".to_owned(),
        FieldKind::Select { options } => options[0].value.clone(),
        FieldKind::Checkbox => "true".to_owned(),
        FieldKind::Iin => person(DemoRole::Applicant, 0).iin.to_string(),
        FieldKind::Bin => people::survey_company().bin.to_string(),
        FieldKind::Email => "applicant@example.kz".to_owned(),
        FieldKind::Phone => "+7 701 123 45 67".to_owned(),
        // Generous figures, so every threshold of the regulations is met.
        FieldKind::Number { max, .. } => max.unwrap_or(1000).to_string(),
        FieldKind::Money => "900 000 000 000".to_owned(),
        // Two rows of a repeating group, each complete.
        FieldKind::Group {
            fields, min_rows, ..
        } => {
            let row: std::collections::BTreeMap<String, String> = fields
                .iter()
                .map(|f| (f.key.clone(), typed_value(&f.kind)))
                .collect();
            serde_json::to_string(&vec![row; (*min_rows).max(2)]).unwrap()
        }
        FieldKind::File { .. } => unreachable!("file slots are uploaded"),
    }
}

/// What a careful applicant would type and attach in each field.
async fn complete_form(
    app: &TestApp,
    service: &ServiceDefinition,
    variant: &Variant,
) -> FormValues {
    let mut values = FormValues::new();
    for f in &variant.fields {
        let value = match &f.kind {
            FieldKind::File { .. } => {
                let att: AttachmentResponse = json(
                    app.upload_for(
                        &service.code,
                        &variant.code,
                        &f.key,
                        "scan.pdf",
                        pdf_bytes(),
                    )
                    .await,
                )
                .await;
                att.id
            }
            kind => typed_value(kind),
        };
        values.insert(f.key.clone(), value);
    }
    values
}

async fn every_variant_accepts_a_complete_form_and_names_each_missing_field(app: &TestApp) {
    let person_session = app.with_new_client();
    json::<MeResponse>(
        person_session
            .sign_in_with_eds(&person(DemoRole::Applicant, 0))
            .await,
    )
    .await;
    let company_session = app.with_new_client();
    json::<MeResponse>(
        company_session
            .sign_in_with_eds(&company_person(eds::Role::FirstHead))
            .await,
    )
    .await;

    let mut variants = 0;
    for service in domain::catalogue::builtin() {
        let session = if service.serves_persons() {
            &person_session
        } else {
            &company_session
        };
        for variant in &service.variants {
            variants += 1;
            let what = format!("{} {}", service.code, variant.code);
            let complete = complete_form(session, &service, variant).await;
            let create = |values: FormValues| CreateApplicationRequest {
                service_code: service.code.clone(),
                variant: variant.code.clone(),
                values,
            };
            for f in variant
                .fields
                .iter()
                .filter(|f| f.required && domain::form::is_shown(f, &complete))
            {
                let mut values = complete.clone();
                values.remove(&f.key);
                let e = api_error(
                    session
                        .post_lang("/api/applications", &create(values), "kk")
                        .await,
                )
                .await;
                assert_eq!(
                    e.code,
                    ErrorCode::ValidationFailed,
                    "{what} without {}",
                    f.key
                );
                let named: Vec<_> = e
                    .fields
                    .iter()
                    .map(|x| (x.field.as_str(), x.code))
                    .collect();
                assert_eq!(
                    named,
                    vec![(f.key.as_str(), FieldErrorCode::Required)],
                    "{what} without {}",
                    f.key
                );
                assert!(
                    e.fields[0].message.chars().any(|c| "әғқңөұүһі".contains(c)),
                    "{what}: {}",
                    e.fields[0].message
                );
            }
            let created: ApplicationResponse =
                json(session.post("/api/applications", &create(complete)).await).await;
            assert_eq!(created.case.service_code, service.code, "{what}");
        }
    }
    assert!(variants >= 10, "{variants} variants");
}
crate::on_both_stores!(every_variant_accepts_a_complete_form_and_names_each_missing_field);
