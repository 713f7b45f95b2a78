//! The register as people see it: a licence with its annexes, duplicates, lineage and status
//! history (the public check shows this, never a person's IIN), My licences with what may be
//! done with each licence now, result documents, and whether a signature verifies.

use crate::db::results::ResultDocument;
use crate::db::{self, licences::HolderKind, licences::LicenceRow, licences::Source};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use domain::licence::{
    AnnexView, DocumentKind, DuplicateView, LicenceAction, LicenceStatus, LicenceView, MyLicence,
    MyLicencesResponse, ResultDocView, StatusChange, StatusEvent,
};

/// A result document as its holder sees it.
pub fn document_view(
    d: &ResultDocument,
    reason: Option<domain::licence::RefusalReason>,
) -> ResultDocView {
    ResultDocView {
        id: d.id.clone(),
        kind: d.kind,
        number: d.number.clone(),
        licence_number: d.licence_number.clone(),
        outcome: d.outcome,
        grounds: d.grounds.clone(),
        reason: (d.kind == DocumentKind::Refusal)
            .then_some(reason)
            .flatten(),
        issued_on: d.issued_on.clone(),
        signed_by: d.signer_name.clone(),
    }
}

/// A licence of the register with its documents.
pub async fn licence_view(state: &AppState, l: &LicenceRow) -> AppResult<LicenceView> {
    let service = state
        .service_version(&l.service_code, l.service_version)
        .ok_or_else(|| {
            AppError::internal(format!(
                "a licence of {} v{}",
                l.service_code, l.service_version
            ))
        })?;
    let mut annexes = Vec::new();
    let mut duplicates = Vec::new();
    let mut history = Vec::new();
    for d in db::results::of_licence(&state.db, &l.number).await? {
        let change = match d.kind {
            DocumentKind::Annex => {
                annexes.push(AnnexView {
                    document_id: d.id.clone(),
                    number: d.number.clone().unwrap_or_default(),
                    subtypes: d.subtypes.clone(),
                    issued_on: d.issued_on.clone(),
                    signed: d.signed(),
                });
                continue;
            }
            DocumentKind::Duplicate => {
                duplicates.push(DuplicateView {
                    id: d.id.clone(),
                    issued_on: d.issued_on.clone(),
                    signed: d.signed(),
                });
                continue;
            }
            DocumentKind::Suspension => StatusChange::Suspend,
            DocumentKind::Resumption => StatusChange::Resume,
            DocumentKind::Termination => StatusChange::Terminate,
            DocumentKind::Attestation | DocumentKind::Exam | DocumentKind::Refusal => continue,
        };
        history.push(StatusEvent {
            document_id: d.id.clone(),
            change,
            at: d.signed_at.clone().unwrap_or_default(),
            grounds: d.grounds.clone().unwrap_or_default(),
            signed_by: d.signer_name.clone(),
        });
    }
    Ok(LicenceView {
        number: l.number.clone(),
        holder_name: l.holder_name.clone(),
        holder_bin: (l.holder_kind == HolderKind::Company).then(|| l.holder_iin.clone()),
        service_code: l.service_code.clone(),
        service_version: l.service_version,
        service_name: service.name.clone(),
        activity: service.activity.clone(),
        licensor: service.provider.name.clone(),
        subtypes: l.subtypes.clone(),
        category: l.category.clone(),
        issued_on: l.issued_on.clone(),
        status: l.status,
        previous_number: l.previous_number.clone(),
        replaced_by: l.replaced_by.clone(),
        replaced_on: l.replaced_on.clone(),
        annexes,
        duplicates,
        history,
        from_paper: l.source == Source::Paper,
        signer_name: l.signer_name.clone(),
    })
}

/// What may be done with a licence now: the variants of its service's current version that act
/// on a licence, while it is in force.
pub fn actions(state: &AppState, l: &LicenceRow) -> Vec<LicenceAction> {
    if l.status != LicenceStatus::Valid {
        return Vec::new();
    }
    let Some(service) = state.service(&l.service_code) else {
        return Vec::new();
    };
    if state
        .definition_for_new(&service.code, Some(service.version))
        .is_err()
    {
        return Vec::new();
    }
    service
        .variants
        .iter()
        .filter(|v| v.licence.is_some())
        .map(|v| LicenceAction {
            service_code: service.code.clone(),
            version: service.version,
            variant: v.code.clone(),
            // The issue form asked for an annex says so, not "issue of a licence".
            name: match v.licence.as_ref().and_then(|r| r.when.as_ref()) {
                Some(_) => domain::licence::DocumentKind::Annex.label(),
                None => v.name.clone(),
            },
            result: v.result,
        })
        .collect()
}

/// The address a portal licence's QR code carries: the public check with the statement signed
/// when it was issued (the signature is deterministic, RFC 6979, so it is the one printed).
pub fn qr_address(state: &AppState, l: &LicenceRow, view: &LicenceView) -> Option<String> {
    if l.source != Source::Portal || l.signature.is_none() {
        return None;
    }
    let lang = if l.lang == "kk" {
        domain::Lang::Kk
    } else {
        domain::Lang::Ru
    };
    let statement = super::draft::statement(&state.statements, l, view.activity.get(lang));
    Some(super::draft::check_url(state, &l.number, Some(&statement)))
}

/// My licences: the holder's (a person's, or the company's they act for) licences and results.
pub async fn my_licences(
    state: &AppState,
    holder: &str,
    person_iin: &str,
) -> AppResult<MyLicencesResponse> {
    let mut licences = Vec::new();
    for l in db::licences::of_holder(&state.db, holder).await? {
        let view = licence_view(state, &l).await?;
        licences.push(MyLicence {
            check_url: qr_address(state, &l, &view),
            licence: view,
            application_id: l
                .application_id
                .clone()
                .filter(|_| l.source == Source::Portal),
            actions: actions(state, &l),
        });
    }
    let mut results = Vec::new();
    for kind in [DocumentKind::Attestation, DocumentKind::Exam] {
        for d in db::results::of_holder(&state.db, person_iin, kind).await? {
            results.push(document_view(&d, None));
        }
    }
    Ok(MyLicencesResponse { licences, results })
}

/// Whether a detached CMS verifies against the trust anchors, at the time it was made, over
/// the stored document's bytes (whose hash is what the register keeps), or, for a licence
/// signed before the register (migration 0017 carried those over), over its signed JSON
/// `record`, which names that hash.
pub async fn signature_valid(
    state: &AppState,
    signature: Option<&str>,
    signed_at: Option<&str>,
    pdf_sha256: &str,
    record: &str,
) -> bool {
    let (Some(sig), Some(signed_at)) = (signature, signed_at) else {
        return false;
    };
    let Some(cms) = crate::pki::decode_base64(sig) else {
        return false;
    };
    let Ok(at) =
        time::OffsetDateTime::parse(signed_at, &time::format_description::well_known::Rfc3339)
    else {
        return false;
    };
    let Ok(pdf) = state.documents.get(pdf_sha256).await else {
        return false;
    };
    if crate::documents::sha256_hex(&pdf) != pdf_sha256 {
        return false;
    }
    let verifies = |bytes: &[u8]| {
        state
            .trust
            .verify(
                &cms,
                crate::pki::Purpose::Signing,
                bytes,
                at.unix_timestamp(),
            )
            .is_ok()
    };
    // Licences signed before the register signed their JSON record, which names the PDF's
    // SHA-256: those still verify, over that record.
    verifies(&pdf)
        || (record.starts_with('{') && record.contains(pdf_sha256) && verifies(record.as_bytes()))
}
