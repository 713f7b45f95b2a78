//! The result a granting step produces, made once and kept until the official signs it: a new
//! licence (an issue, a re-issue, a category), or a document of its own (an annex, a duplicate,
//! a commission's decision). Each is a PDF in the document store; the official signs its exact
//! bytes.

use super::refs::{licence_ref, named_licence, value, Named};
use super::statement::StatementSigner;
use crate::db::licences::Source;
use crate::db::results::ResultDocument;
use crate::db::{self, applications::Case, licences::HolderKind, licences::LicenceRow};
use crate::engine::definitions::definition_of;
use crate::engine::timing::today_kz;
use crate::error::{AppError, AppResult};
use crate::paper::documents::{self as paper, LicenceForm, LicencePaper};
use crate::state::AppState;
use domain::catalogue::{ServiceDefinition, Variant};
use domain::licence::{DecisionOutcome, DocumentKind, LicenceStatus, ResultKind, Statement};
use domain::{ErrorCode, Lang};

/// A granting step's result, waiting for (or carrying) the official's signature.
#[derive(Debug, Clone)]
pub enum Draft {
    Licence(LicenceRow),
    Document(ResultDocument),
}

impl Draft {
    pub fn pdf_sha256(&self) -> &str {
        match self {
            Draft::Licence(l) => &l.pdf_sha256,
            Draft::Document(d) => &d.pdf_sha256,
        }
    }

    /// What the official is shown beside the bytes they sign.
    pub fn readable(&self) -> String {
        match self {
            Draft::Licence(l) => l.payload.clone(),
            Draft::Document(d) => d.summary.clone(),
        }
    }
}

/// The kinds of document a granting step makes (besides a licence).
const GRANTED_KINDS: [DocumentKind; 4] = [
    DocumentKind::Annex,
    DocumentKind::Duplicate,
    DocumentKind::Attestation,
    DocumentKind::Exam,
];

/// The case's result waiting for the official's signature, if it has been made.
pub async fn pending(state: &AppState, case: &Case) -> AppResult<Option<Draft>> {
    if let Some(l) = db::licences::of_application(&state.db, &case.id)
        .await?
        .filter(|l| l.status == LicenceStatus::PendingSignature)
    {
        return Ok(Some(Draft::Licence(l)));
    }
    for kind in GRANTED_KINDS {
        if let Some(d) = db::results::of_case(&state.db, &case.id, kind)
            .await?
            .filter(|d| !d.signed())
        {
            return Ok(Some(Draft::Document(d)));
        }
    }
    Ok(None)
}

/// The holder a result of this case goes to: the company under its BIN, else the person.
async fn holder(state: &AppState, case: &Case) -> AppResult<(HolderKind, String, String)> {
    Ok(match &case.company {
        Some(c) => (HolderKind::Company, c.bin.to_string(), c.name.clone()),
        None => {
            let person = db::auth::user_by_id(&state.db, &case.applicant_id)
                .await?
                .ok_or_else(|| AppError::internal("the applicant's account"))?;
            (
                HolderKind::Person,
                case.applicant_iin.to_string(),
                person.full_name,
            )
        }
    })
}

/// The address of the licence's public check, with its signed QR statement.
pub fn check_url(state: &AppState, number: &str, statement: Option<&str>) -> String {
    let page = domain::paths::page::check(number);
    match statement {
        Some(s) => format!("{}{page}#s={s}", state.public_url),
        None => format!("{}{page}", state.public_url),
    }
}

fn lang_of(lang: &str) -> Lang {
    if lang == "kk" {
        Lang::Kk
    } else {
        Lang::Ru
    }
}

/// The statement a licence's QR code carries, signed with the portal's key.
pub fn statement(signer: &StatementSigner, l: &LicenceRow, activity: &str) -> String {
    signer.sign(&Statement {
        n: l.number.clone(),
        h: l.holder_name.clone(),
        a: activity.to_owned(),
        d: l.issued_on.clone(),
        s: LicenceStatus::Valid,
        k: signer.key_id().to_owned(),
    })
}

/// Makes the case's result for the official to sign; a repeated call gives the same one.
pub async fn prepare(state: &AppState, case: &Case) -> AppResult<Draft> {
    if let Some(d) = pending(state, case).await? {
        return Ok(d);
    }
    let (service, variant) = definition_of(state, case)?;
    let (kind, holder_id, holder_name) = holder(state, case).await?;
    let named = match named_licence(state, service, variant, &case.values, &holder_id).await? {
        Ok(n) => n,
        // Since the request was made the licence has been terminated, suspended or re-issued.
        Err(_) => return Err(ErrorCode::Conflict.into()),
    };
    let who = Who {
        kind,
        id: holder_id,
        name: holder_name,
    };
    match variant.result {
        ResultKind::Attestation | ResultKind::Exam => {
            decision(state, case, service, variant, &who).await
        }
        ResultKind::Duplicate => {
            let named = named.ok_or_else(|| AppError::internal("a duplicate names no licence"))?;
            copy_of(state, case, service, variant, &who, &named, Copy::Duplicate).await
        }
        ResultKind::Licence if licence_ref(variant, &case.values).is_some() => {
            let named = named.ok_or_else(|| AppError::internal("an annex names no licence"))?;
            copy_of(state, case, service, variant, &who, &named, Copy::Annex).await
        }
        ResultKind::Licence | ResultKind::Reissue | ResultKind::Category => {
            new_licence(state, case, service, variant, &who, named.as_ref()).await
        }
    }
}

struct Who {
    kind: HolderKind,
    id: String,
    name: String,
}

/// A new licence: issued, or re-issued in place of the one named (with a category assigned).
async fn new_licence(
    state: &AppState,
    case: &Case,
    service: &ServiceDefinition,
    variant: &Variant,
    who: &Who,
    named: Option<&Named>,
) -> AppResult<Draft> {
    let lang = lang_of(&case.lang);
    let field = |f: &Option<String>| {
        f.as_deref()
            .and_then(|k| value(&case.values, k))
            .map(str::to_owned)
    };
    let (previous, old) = match named {
        Some(Named::Register(l)) => (Some(l.number.clone()), Some(&**l)),
        Some(Named::Paper(n)) => (Some(n.clone()), None),
        None => (None, None),
    };
    // A re-issue keeps what the licence said; a category assignment records the new category.
    let subtypes = field(&variant.subtypes_field).or_else(|| old.and_then(|l| l.subtypes.clone()));
    let category = field(&variant.category_field).or_else(|| old.and_then(|l| l.category.clone()));
    let today = today_kz();
    let mut tx = state.db.begin().await?;
    let seq = db::next_counter(&mut tx, &format!("licence-{}", today.year())).await?;
    let number = format!("{:02}{:06}", today.year() % 100, seq);
    let mut licence = LicenceRow {
        number: number.clone(),
        application_id: Some(case.id.clone()),
        holder_iin: who.id.clone(),
        holder_kind: who.kind,
        holder_name: who.name.clone(),
        service_code: case.service_code.clone(),
        service_version: case.service_version,
        provider: Some(service.provider.code.clone()),
        subtypes,
        category,
        issued_on: today.to_string(),
        pdf_sha256: String::new(),
        payload: String::new(),
        signature: None,
        signer_certificate: None,
        signer_name: None,
        signed_at: None,
        status: LicenceStatus::PendingSignature,
        previous_number: previous,
        replaced_by: None,
        replaced_on: None,
        source: Source::Portal,
        lang: case.lang.clone(),
    };
    let qr = statement(&state.statements, &licence, service.activity.get(lang));
    let paper = LicencePaper {
        form: LicenceForm::Licence,
        number: number.clone(),
        issued_on: licence.issued_on.clone(),
        holder_name: licence.holder_name.clone(),
        holder_id: licence.holder_iin.clone(),
        company: who.kind == HolderKind::Company,
        activity: service.activity.clone(),
        service_name: service.name.clone(),
        licensor: service.provider.name.clone(),
        subtypes: licence.subtypes.clone(),
        category: licence.category.clone(),
        application_number: case.number.clone().unwrap_or_default(),
        previous_number: licence.previous_number.clone(),
        check_url: check_url(state, &number, Some(&qr)),
        lang: case.lang.clone(),
    };
    let (title, blocks) = paper::licence(&paper);
    let (pdf, _) = crate::paper::render(&title, &blocks).map_err(AppError::internal)?;
    licence.pdf_sha256 = state.documents.put(&pdf).await?;
    licence.payload = summary_of_licence(&paper, variant, &licence.pdf_sha256);
    db::licences::insert(&mut tx, &licence).await?;
    tx.commit().await?;
    Ok(Draft::Licence(licence))
}

fn summary_of_licence(p: &LicencePaper, variant: &Variant, sha: &str) -> String {
    let mut s = format!(
        "{} № {} · {}\n{} ({})\n{}",
        variant.name.get(Lang::Ru),
        p.number,
        p.issued_on,
        p.holder_name,
        p.holder_id,
        p.activity.get(Lang::Ru)
    );
    if let Some(prev) = &p.previous_number {
        s.push_str(&format!("\nВместо лицензии № {prev}"));
    }
    if let Some(c) = &p.category {
        s.push_str(&format!("\nКатегория {c}"));
    }
    s.push_str(&format!("\nPDF SHA-256 {sha}"));
    s
}

#[derive(Clone, Copy)]
enum Copy {
    Annex,
    Duplicate,
}

/// An annex within the licence named, or a duplicate of it.
async fn copy_of(
    state: &AppState,
    case: &Case,
    service: &ServiceDefinition,
    variant: &Variant,
    who: &Who,
    named: &Named,
    copy: Copy,
) -> AppResult<Draft> {
    let lang = lang_of(&case.lang);
    let (licence_number, issued_on, old_subtypes, category) = match named {
        Named::Register(l) => (
            l.number.clone(),
            l.issued_on.clone(),
            l.subtypes.clone(),
            l.category.clone(),
        ),
        Named::Paper(n) => (n.clone(), String::new(), None, None),
    };
    let today = today_kz().to_string();
    let mut tx = state.db.begin().await?;
    let (kind, form, subtypes, number) = match copy {
        Copy::Annex => {
            let seq = db::next_counter(&mut tx, &format!("annex-{licence_number}")).await?;
            let number = format!("{licence_number}-{seq:02}");
            let subtypes = variant
                .subtypes_field
                .as_deref()
                .and_then(|k| value(&case.values, k))
                .map(str::to_owned);
            (
                DocumentKind::Annex,
                LicenceForm::Annex {
                    number: number.clone(),
                },
                subtypes,
                Some(number),
            )
        }
        Copy::Duplicate => (
            DocumentKind::Duplicate,
            LicenceForm::Duplicate,
            old_subtypes,
            None,
        ),
    };
    let paper = LicencePaper {
        form,
        number: licence_number.clone(),
        issued_on: if issued_on.is_empty() {
            today.clone()
        } else {
            issued_on
        },
        holder_name: who.name.clone(),
        holder_id: who.id.clone(),
        company: who.kind == HolderKind::Company,
        activity: service.activity.clone(),
        service_name: service.name.clone(),
        licensor: service.provider.name.clone(),
        subtypes: subtypes.clone(),
        category,
        application_number: case.number.clone().unwrap_or_default(),
        previous_number: None,
        check_url: check_url(state, &licence_number, None),
        lang: case.lang.clone(),
    };
    let (title, blocks) = paper::licence(&paper);
    let (pdf, _) = crate::paper::render(&title, &blocks).map_err(AppError::internal)?;
    let sha = state.documents.put(&pdf).await?;
    let summary = format!(
        "{} · {}\n{} ({})\n{}{}\nPDF SHA-256 {sha}",
        kind.label().get(Lang::Ru),
        number
            .as_deref()
            .map_or(format!("№ {licence_number}"), |n| format!(
                "№ {n} к лицензии № {licence_number}"
            )),
        who.name,
        who.id,
        service.activity.get(lang),
        subtypes
            .as_deref()
            .map(|s| format!("\n{s}"))
            .unwrap_or_default(),
    );
    let _ = variant;
    let doc = ResultDocument {
        id: db::new_id(),
        kind,
        number,
        licence_number: Some(licence_number),
        application_id: Some(case.id.clone()),
        holder_iin: Some(who.id.clone()),
        subtypes,
        outcome: None,
        grounds: None,
        lang: case.lang.clone(),
        issued_on: today,
        pdf_sha256: sha,
        summary,
        signature: None,
        signer_certificate: None,
        signer_name: None,
        signer_iin: None,
        signed_at: None,
    };
    db::results::insert(&mut *tx, &doc).await?;
    tx.commit().await?;
    Ok(Draft::Document(doc))
}

/// The commission's outcome: the last commission step's `passed`, `failed` or `absent`; a
/// process with no such step (the 2014 exam's review) passes when it grants.
async fn outcome_of(state: &AppState, case: &Case) -> AppResult<DecisionOutcome> {
    let steps = db::steps::history(&state.db, &case.id).await?;
    Ok(steps
        .iter()
        .rev()
        .find_map(|s| s.outcome.as_deref().and_then(DecisionOutcome::parse))
        .unwrap_or(DecisionOutcome::Passed))
}

/// A commission's decision on a person: an extract of the protocol, not a licence.
async fn decision(
    state: &AppState,
    case: &Case,
    service: &ServiceDefinition,
    variant: &Variant,
    who: &Who,
) -> AppResult<Draft> {
    let exam = variant.result == ResultKind::Exam;
    let kind = if exam {
        DocumentKind::Exam
    } else {
        DocumentKind::Attestation
    };
    let outcome = outcome_of(state, case).await?;
    let number = case.number.clone().unwrap_or_default();
    let today = today_kz().to_string();
    let session = db::sessions::session_of(&state.db, &case.id)
        .await?
        .map(|s| format!("{}, {}", s.held_on, s.place));
    let (title, blocks) = paper::decision(&paper::DecisionPaper {
        exam,
        number: number.clone(),
        issued_on: today.clone(),
        person_name: who.name.clone(),
        iin: case.applicant_iin.to_string(),
        outcome: outcome.code().to_owned(),
        session,
        body: service.provider.name.clone(),
        application_number: number.clone(),
        lang: case.lang.clone(),
    });
    let (pdf, _) = crate::paper::render(&title, &blocks).map_err(AppError::internal)?;
    let sha = state.documents.put(&pdf).await?;
    let doc = ResultDocument {
        id: db::new_id(),
        kind,
        number: Some(number.clone()),
        licence_number: None,
        application_id: Some(case.id.clone()),
        holder_iin: Some(case.applicant_iin.to_string()),
        subtypes: None,
        outcome: Some(outcome),
        grounds: None,
        lang: case.lang.clone(),
        issued_on: today,
        summary: format!(
            "{} № {number}\n{} ({})\n{}\nPDF SHA-256 {sha}",
            kind.label().get(Lang::Ru),
            who.name,
            case.applicant_iin,
            outcome.label().get(Lang::Ru),
        ),
        pdf_sha256: sha,
        signature: None,
        signer_certificate: None,
        signer_name: None,
        signer_iin: None,
        signed_at: None,
    };
    db::results::insert(&state.db, &doc).await?;
    Ok(Draft::Document(doc))
}
