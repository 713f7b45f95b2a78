//! The one error shape on the wire: `{ code, message, fields }`.

use crate::form::{FieldError, FieldErrorCode};
use crate::text::Lang;
use serde::{Deserialize, Serialize};

/// Machine-readable error codes the user interface can match on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadRequest,
    ValidationFailed,
    Unauthenticated,
    Forbidden,
    NotFound,
    /// The person keeps as many uploaded files (or bytes) as they may: some must be removed
    /// first.
    UploadQuotaExceeded,
    /// The address exists, but not for this method (GET where only POST is taken, …).
    MethodNotAllowed,
    Conflict,
    /// Regulation message: the service has not been paid for.
    PaymentNotFound,
    /// Regulation message: the applicant's EDS is not confirmed as authentic.
    EdsNotConfirmed,
    /// Regulation message: authorisation refused because of violations in the applicant's data.
    AuthorisationRefused,
    WrongPassword,
    /// The service is not provided to the signed-in kind of applicant (person or company).
    ApplicantTypeNotServed,
    /// A superseded version of a service takes no new requests (outside practice mode).
    VersionSuperseded,
    /// The step waits for the state registries' answers.
    ChecksPending,
    /// Regulation message: the data cannot be obtained, the applicant is absent from the
    /// person registry.
    PersonNotFound,
    /// The power of attorney is not in the notary registry, or does not fit.
    PowerOfAttorneyInvalid,
    /// A registry found against the applicant: the step can only refuse.
    AdverseFinding,
    /// Too many failed sign-ins for this login in a short time.
    TooManyAttempts,
    /// Too many requests from one address or person in a short time (not a sign-in).
    TooManyRequests,
    /// The decision is an EDS-certified document: it takes effect only signed by the official.
    SignatureRequired,
    /// The official's signature is not valid, not over this document, or not the official's own.
    OfficialSignatureInvalid,
    PayloadTooLarge,
    UnsupportedFileType,
    ExternalSystemUnavailable,
    Internal,
}

impl ErrorCode {
    /// The message for this code in the user's language. Where the regulations word the
    /// message, this is their wording.
    pub fn message(self, lang: Lang) -> &'static str {
        let (kk, ru, en) = match self {
            ErrorCode::BadRequest => ("Сұрау салу дұрыс емес.", "Некорректный запрос.", "The request is not valid."),
            ErrorCode::ValidationFailed => ("Белгіленген өрістерді түзетіңіз.", "Исправьте отмеченные поля.", "Correct the marked fields."),
            ErrorCode::Unauthenticated => ("Жүйеге кіріңіз.", "Войдите в систему.", "Please sign in."),
            ErrorCode::Forbidden => ("Бұл әрекетке құқығыңыз жоқ.", "У вас нет прав на это действие.", "You may not do this."),
            ErrorCode::NotFound => ("Табылмады.", "Не найдено.", "Not found."),
            ErrorCode::UploadQuotaExceeded => (
                "Сіз сақтай алатын файлдар саны немесе көлемі толды: алдымен қажет емес файлдарды немесе жобаларды жойыңыз.",
                "Достигнут предел числа или объёма ваших загруженных файлов: сначала удалите ненужные файлы или черновики.",
                "You keep as many uploaded files as you may: remove files or drafts you no longer need first.",
            ),
            ErrorCode::MethodNotAllowed => (
                "Бұл мекенжай мұндай сұрау салуды қабылдамайды.",
                "Этот адрес не принимает такой запрос.",
                "This address does not take this kind of request.",
            ),
            ErrorCode::Conflict => (
                "Өтініштің күйі өзгерді: бетті жаңартыңыз.",
                "Состояние заявления изменилось: обновите страницу.",
                "The application has changed meanwhile: reload the page.",
            ),
            ErrorCode::PaymentNotFound => (
                "Қызмет көрсеткені үшін төлемнің болмауына байланысты сұратылып отырған қызметтен бас тартылды.",
                "Отказ в запрашиваемой услуге в связи с отсутствием оплаты за оказание услуги.",
                "The requested service is refused because the service has not been paid for.",
            ),
            ErrorCode::EdsNotConfirmed => (
                "Көрсетілетін қызметті алушының ЭЦҚ түпнұсқалылығын растамауға байланысты сұратылып отырған қызметтен бас тартылды.",
                "Отказ в запрашиваемой услуге в связи с неподтверждением подлинности ЭЦП услугополучателя.",
                "The requested service is refused because the applicant's EDS is not confirmed as authentic.",
            ),
            ErrorCode::AuthorisationRefused => (
                "Көрсетілетін қызметті алушы деректерінде бұзушылықтар болуына байланысты авторландырудан бас тартылды.",
                "Отказ в авторизации в связи с имеющимися нарушениями в данных услугополучателя.",
                "Authorisation is refused because of violations in the applicant's data.",
            ),
            ErrorCode::WrongPassword => ("Логин немесе құпиясөз қате.", "Неверный логин или пароль.", "Wrong login or password."),
            ErrorCode::ApplicantTypeNotServed => (
                "Бұл қызмет сіздің өтініш беруші түріңізге көрсетілмейді: қызмет көрсетілетін жеке тұлғаның немесе ұйымның кілтімен кіріңіз.",
                "Эта услуга не оказывается заявителю вашего типа: войдите ключом физического лица или организации, которым она оказывается.",
                "This service is not provided to your kind of applicant: sign in with the key of a person or company it serves.",
            ),
            ErrorCode::VersionSuperseded => (
                "Қызметтің бұл нұсқасының күші жойылған: жаңа өтініштер қызметтің қолданыстағы нұсқасы бойынша беріледі.",
                "Эта редакция услуги утратила силу: новые заявки подаются по действующей редакции услуги.",
                "This version of the service is no longer in force: new applications go to the service's current version.",
            ),
            ErrorCode::PersonNotFound => (
                "Көрсетілетін қызметті алушының деректері ЖТ МДҚ-да болмауына байланысты деректерді алу мүмкін емес.",
                "Невозможно получить данные в связи с отсутствием данных услугополучателя в ГБД ФЛ.",
                "The data cannot be obtained: the applicant is absent from the person registry.",
            ),
            ErrorCode::PowerOfAttorneyInvalid => (
                "Сенімхат нотариаттық тізілімде жоқ, мерзімі өткен немесе басқа тұлғаларға берілген.",
                "Доверенность отсутствует в нотариальном реестре, истекла или выдана другим лицам.",
                "The power of attorney is not in the notary registry, has expired, or names other people.",
            ),
            ErrorCode::ChecksPending => (
                "Мемлекеттік жүйелерден жауап күтілуде: сұрау қайталанады, жауап келгенде қадамды орындауға болады.",
                "Ожидается ответ государственных систем: запрос повторяется, шаг можно выполнить после ответа.",
                "Waiting for the state registries: the request is retried, and the step can be taken once they answer.",
            ),
            ErrorCode::AdverseFinding => (
                "Көрсетілетін қызметті алушының деректерінде бұзушылықтар анықталды: тек бас тартуға болады.",
                "В данных услугополучателя выявлены нарушения: возможен только отказ.",
                "The registries found violations in the applicant's data: the step can only refuse.",
            ),
            ErrorCode::TooManyAttempts => (
                "Кіру әрекеттері тым көп. 15 минуттан кейін қайталаңыз.",
                "Слишком много неудачных попыток входа. Повторите через 15 минут.",
                "Too many failed sign-in attempts. Try again in 15 minutes.",
            ),
            ErrorCode::TooManyRequests => (
                "Сұраулар тым көп. Бір минуттан кейін қайталаңыз.",
                "Слишком много запросов. Повторите через минуту.",
                "Too many requests. Try again in a minute.",
            ),
            ErrorCode::SignatureRequired => (
                "Бұл шешім ЭЦҚ-мен куәландырылған құжат: ол лауазымды тұлғаның ЭЦҚ-мен қол қойылғаннан кейін күшіне енеді.",
                "Это решение является документом, удостоверенным ЭЦП: оно вступает в силу после подписания ЭЦП должностного лица.",
                "This decision is a document certified by EDS: it takes effect once the official signs it with their EDS.",
            ),
            ErrorCode::OfficialSignatureInvalid => (
                "Қолтаңба жарамсыз немесе сізге тиесілі емес: осы құжатқа өзіңіздің жарамды қол қою кілтіңізбен қол қойыңыз.",
                "Подпись недействительна или принадлежит не вам: подпишите этот документ своим действующим ключом подписи.",
                "The signature is not valid or is not yours: sign this document with your own valid signing key.",
            ),
            ErrorCode::PayloadTooLarge => ("Файл тым үлкен.", "Файл слишком большой.", "The file is too large."),
            ErrorCode::UnsupportedFileType => (
                "Файл түріне рұқсат жоқ: PDF, JPEG немесе PNG жүктеңіз.",
                "Недопустимый тип файла: загрузите PDF, JPEG или PNG.",
                "This type of file is not allowed: upload a PDF, JPEG or PNG.",
            ),
            ErrorCode::ExternalSystemUnavailable => (
                "Сыртқы жүйе жауап бермейді. Кейінірек қайталаңыз.",
                "Внешняя система не отвечает. Повторите позже.",
                "An external system is not answering. Try again later.",
            ),
            ErrorCode::Internal => (
                "Ішкі қате. Кейінірек қайталаңыз немесе 1414 нөміріне хабарласыңыз.",
                "Внутренняя ошибка. Повторите позже или позвоните 1414.",
                "Internal error. Try again later or call 1414.",
            ),
        };
        match lang {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// One field's error, with its message already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldMessage {
    pub field: String,
    pub code: FieldErrorCode,
    pub message: String,
}

/// Every API error has this shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default)]
    pub fields: Vec<FieldMessage>,
    /// The request's id, as the server's log names it: what to quote to support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl ApiError {
    /// The fields the server marked, as the form shows them next to each field.
    pub fn field_errors(&self) -> Vec<FieldError> {
        self.fields
            .iter()
            .map(|f| FieldError::new(f.field.clone(), f.code))
            .collect()
    }

    pub fn new(code: ErrorCode, lang: Lang) -> Self {
        ApiError {
            request_id: None,
            code,
            message: code.message(lang).to_owned(),
            fields: Vec::new(),
        }
    }

    pub fn validation(errors: &[FieldError], lang: Lang) -> Self {
        ApiError {
            request_id: None,
            code: ErrorCode::ValidationFailed,
            message: ErrorCode::ValidationFailed.message(lang).to_owned(),
            fields: errors
                .iter()
                .map(|e| FieldMessage {
                    field: e.field.clone(),
                    code: e.code,
                    message: e.message(lang),
                })
                .collect(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
