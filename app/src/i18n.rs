//! The app's own texts in Kazakh, Russian and English. Service texts come with the service
//! definitions; these are the screens' words.
//!
//! Every key is declared once with its three texts (the `texts!` table below generates the
//! `Key` enum, `Key::ALL` and the lookup), so no key can lack a language; a test checks that
//! none is blank.

use domain::Lang;

/// Declares the keys with their (Kazakh, Russian, English) texts.
macro_rules! texts {
    ($($key:ident => ($kk:expr, $ru:expr, $en:expr $(,)?),)*) => {
        /// A text of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key {
            $($key,)*
        }

        impl Key {
            /// Every key, in declaration order.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];
        }

        fn texts(key: Key) -> (&'static str, &'static str, &'static str) {
            match key {
                $(Key::$key => ($kk, $ru, $en),)*
            }
        }
    };
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let (kk, ru, en) = texts(key);
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

texts! {
    PortalName => (
        "Лицензиялау порталы",
        "Портал лицензирования",
        "Licensing portal",
    ),
    SkipToContent => (
        "Негізгі мазмұнға өту",
        "Перейти к содержанию",
        "Skip to content",
    ),
    Catalogue => ("Қызметтер", "Услуги", "Services"),
    Cabinet => ("Жеке кабинет", "Личный кабинет", "My cabinet"),
    Officer => (
        "Қызметкер кабинеті",
        "Кабинет сотрудника",
        "Officer workspace",
    ),
    Support => ("Қолдау қызметі", "Служба поддержки", "Support"),
    CheckLicence => ("Лицензияны тексеру", "Проверка лицензии", "Check a licence"),
    SignIn => ("Кіру", "Войти", "Sign in"),
    SignOut => ("Шығу", "Выйти", "Sign out"),
    Language => ("Тіл", "Язык", "Language"),
    ContactCentre => (
        "Бірыңғай байланыс орталығы: 1414 (тегін)",
        "Единый контакт-центр: 1414 (бесплатно)",
        "Unified contact centre: 1414 (free of charge)",
    ),
    Loading => ("Жүктелуде…", "Загрузка…", "Loading…"),
    NetworkError => (
        "Сервермен байланыс жоқ. Қосылымды тексеріп, қайталаңыз.",
        "Нет связи с сервером. Проверьте подключение и повторите.",
        "Cannot reach the server. Check your connection and try again.",
    ),
    ServicesTitle => (
        "Лицензиялау қызметтері",
        "Услуги лицензирования",
        "Licensing services",
    ),
    ServicesIntro => (
        "Қызметті таңдаңыз: төлем, құжаттар және мерзім оның төлқұжатында көрсетілген.",
        "Выберите услугу: стоимость, документы и срок указаны в её паспорте.",
        "Choose a service: its fee, documents and term are in its passport.",
    ),
    Provider => ("Көрсетілетін қызметті беруші", "Услугодатель", "Provider"),
    Fee => ("Лицензиялық алым", "Лицензионный сбор", "Licence fee"),
    Free => ("Тегін", "Бесплатно", "Free of charge"),
    Term => (
        "Қызмет көрсету мерзімі",
        "Срок оказания услуги",
        "Term of the service",
    ),
    WorkingDays => ("жұмыс күні", "рабочих дней", "working days"),
    Documents => (
        "Қажетті құжаттар",
        "Необходимые документы",
        "Documents required",
    ),
    LegalBasis => ("Құқықтық негіз", "Правовое основание", "Legal basis"),
    Result => (
        "Қызмет нәтижесі",
        "Результат услуги",
        "Result of the service",
    ),
    RefusalGrounds => (
        "Бас тарту негіздері",
        "Основания для отказа",
        "Grounds for refusal",
    ),
    Channels => ("Өтініш беру тәсілі", "Способ подачи", "How to apply"),
    Delivery => ("Көрсету нысаны", "Форма оказания", "Form of delivery"),
    SubmitApplication => ("Өтініш беру", "Подать заявление", "Submit application"),
    SignInTitle => ("Порталға кіру", "Вход на портал", "Sign in to the portal"),
    SignInEds => ("ЭЦҚ арқылы кіру", "Вход с ЭЦП", "Sign in with EDS"),
    SignInEdsHint => (
        "Кіру кілтінің файлын таңдаңыз (AUTH_…): ол компьютеріңізден шықпайды, тек қолтаңба жіберіледі.",
        "Выберите файл ключа для входа (AUTH_…): он не покидает ваш компьютер, отправляется только подпись.",
        "Choose your sign-in key file (AUTH_…): it never leaves your computer; only the signature is sent.",
    ),
    KeyFile => ("ЭЦҚ кілт файлы", "Файл ключа ЭЦП", "EDS key file"),
    SignKeyHint => (
        "Қол қою кілтінің файлын таңдаңыз (RSA256_…). Файл компьютеріңізден шықпайды.",
        "Выберите файл ключа для подписи (RSA256_…). Файл не покидает ваш компьютер.",
        "Choose your signing key file (RSA256_…). The file never leaves your computer.",
    ),
    PracticeMode => (
        "Сынақ режимі: демо тұлғалардың кілттері",
        "Режим практики: ключи демо-пользователей",
        "Practice mode: demo people's key files",
    ),
    StaffSignIn => (
        "Қызметкерлердің кіруі",
        "Вход для сотрудников",
        "Staff sign-in",
    ),
    Login => ("Логин", "Логин", "Login"),
    Password => ("Құпиясөз", "Пароль", "Password"),
    ChooseKeyFile => (
        "Алдымен кілт файлын таңдаңыз.",
        "Сначала выберите файл ключа.",
        "Choose a key file first.",
    ),
    NotAKeyFile => (
        "Бұл файл ЭЦҚ кілті емес немесе оның түрі қолдаусыз.",
        "Этот файл не является ключом ЭЦП или его тип не поддерживается.",
        "This file is not an EDS key or its type is not supported.",
    ),
    SigningFailed => (
        "Қол қою орындалмады.",
        "Подписание не выполнено.",
        "Signing failed.",
    ),
    ErrorSummary => (
        "Мына өрістерді түзетіңіз",
        "Исправьте следующие поля",
        "Correct these fields",
    ),
    Choose => ("— таңдаңыз —", "— выберите —", "— choose —"),
    Uploading => (
        "Файл жүктелуде…",
        "Файл загружается…",
        "Uploading the file…",
    ),
    Uploaded => ("Жүктелді", "Загружен", "Uploaded"),
    ContinueToPayment => (
        "Сақтау және төлемге өту",
        "Сохранить и перейти к оплате",
        "Save and continue to payment",
    ),
    MyApplications => ("Менің өтініштерім", "Мои заявления", "My applications"),
    NoApplications => (
        "Өтініштер әлі жоқ.",
        "Заявлений пока нет.",
        "No applications yet.",
    ),
    Status => ("Мәртебесі", "Статус", "Status"),
    Number => (
        "Тіркеу нөмірі",
        "Регистрационный номер",
        "Registration number",
    ),
    ExpectedResult => (
        "Нәтиженің болжамды күні",
        "Ожидаемая дата результата",
        "Expected result date",
    ),
    Submitted => ("Берілген күні", "Дата подачи", "Submitted on"),
    History => ("Өтініш тарихы", "История заявления", "Application history"),
    YourAnswers => ("Сіздің жауаптарыңыз", "Ваши ответы", "Your answers"),
    RequestData => ("Сұрау салу деректері", "Данные запроса", "Request data"),
    Attachments => ("Тіркелген файлдар", "Приложенные файлы", "Attached files"),
    PayFee => ("Алымды төлеу", "Оплатить сбор", "Pay the fee"),
    PaymentWaiting => (
        "Төлем шлюзінен растау күтілуде…",
        "Ожидаем подтверждение от платёжного шлюза…",
        "Waiting for the payment gateway's confirmation…",
    ),
    PaymentPaid => ("Төлем расталды", "Оплата подтверждена", "Payment confirmed"),
    SignStep => ("ЭЦҚ-мен қол қою", "Подписание ЭЦП", "Sign with your EDS"),
    ShowWhatISign => (
        "Қол қоятын мәтінді көрсету",
        "Показать, что я подписываю",
        "Show what I am signing",
    ),
    SignAndSubmit => ("Қол қою", "Подписать", "Sign"),
    Accepted => ("Сұрау салу қабылданды", "Запрос принят", "Request accepted"),
    AcceptedDetail => (
        "Өтініш тіркелді. Нәтиже жеке кабинетке келеді.",
        "Заявление зарегистрировано. Результат поступит в личный кабинет.",
        "The application is registered. The result will arrive in your cabinet.",
    ),
    DownloadLicence => (
        "Лицензияны жүктеу (PDF)",
        "Скачать лицензию (PDF)",
        "Download the licence (PDF)",
    ),
    DownloadSignature => (
        "Қолтаңбаны жүктеу",
        "Скачать подпись",
        "Download the signature",
    ),
    Grounds => ("Негіздеме", "Основание", "Grounds"),
    Queue => (
        "Өтініштер кезегі",
        "Очередь заявлений",
        "Applications queue",
    ),
    NoCases => ("Кезек бос.", "Очередь пуста.", "The queue is empty."),
    Applicant => ("Өтініш беруші", "Заявитель", "Applicant"),
    Iin => ("ЖСН", "ИИН", "IIN"),
    Open => ("Ашу", "Открыть", "Open"),
    Refuse => (
        "Дәлелді бас тарту",
        "Мотивированный отказ",
        "Refuse with grounds",
    ),
    RefuseHint => (
        "Бас тарту негіздемесін жазыңыз (кемінде 10 таңба), нормаға сілтеме жасаңыз.",
        "Укажите основания отказа (не менее 10 символов) со ссылкой на норму.",
        "Write the grounds for refusal (at least 10 characters), citing the rule.",
    ),
    PrepareLicence => (
        "Лицензияны дайындау",
        "Подготовить лицензию",
        "Prepare the licence",
    ),
    SignAndApprove => ("Қол қою және беру", "Подписать и выдать", "Sign and issue"),
    Decision => ("Шешім", "Решение", "Decision"),
    SupportSearch => ("Өтінішті іздеу", "Поиск заявления", "Find an application"),
    SupportSearchHint => (
        "Тіркеу нөмірі немесе өтініш берушінің ЖСН",
        "Регистрационный номер или ИИН заявителя",
        "Registration number or the applicant's IIN",
    ),
    Search => ("Іздеу", "Поиск", "Search"),
    NoResults => ("Ештеңе табылмады.", "Ничего не найдено.", "Nothing found."),
    CheckTitle => ("Лицензияны тексеру", "Проверка лицензии", "Check a licence"),
    LicenceNumber => ("Лицензия нөмірі", "Номер лицензии", "Licence number"),
    RequestSignature => (
        "Сұрау салудағы ЭЦҚ (тексерілді)",
        "ЭЦП запроса (проверена)",
        "Request signature (verified)",
    ),
    CertificateSerial => ("тіркеу куәлігінің нөмірі", "серийный номер сертификата", "certificate serial"),
    Holder => ("Лицензиат", "Лицензиат", "Holder"),
    Activity => ("Қызмет түрі", "Вид деятельности", "Activity"),
    IssuedOn => ("Берілген күні", "Дата выдачи", "Issued on"),
    LicenceValid => (
        "Лицензия жарамды",
        "Лицензия действительна",
        "The licence is valid",
    ),
    LicenceSuspended => ("Лицензияның қолданылуы тоқтатыла тұрды", "Действие лицензии приостановлено", "The licence is suspended"),
    LicenceTerminated => ("Лицензияның қолданылуы тоқтатылды", "Действие лицензии прекращено", "The licence is terminated"),
    SignatureValid => (
        "Лицензиардың ЭЦҚ-сы расталды, құжат өзгертілмеген",
        "ЭЦП лицензиара подтверждена, документ не изменён",
        "The licensor's EDS is verified and the document is unchanged",
    ),
    SignatureInvalid => (
        "ЭЦҚ расталмады: құжатқа сенуге болмайды",
        "ЭЦП не подтверждена: документу нельзя доверять",
        "The EDS is not verified: do not trust this document",
    ),
    SignedBy => ("Қол қойған", "Подписал", "Signed by"),
    NotFoundPage => ("Бет табылмады.", "Страница не найдена.", "Page not found."),
    Yes => ("Иә", "Да", "Yes"),
    No => ("Жоқ", "Нет", "No"),
    Back => ("Артқа", "Назад", "Back"),
    AmountToPay => ("Төлеуге", "К оплате", "Amount to pay"),
    NextAction => ("Келесі қадам", "Следующий шаг", "Next step"),
    KeyPassword => ("Кілт құпиясөзі", "Пароль ключа", "Key password"),
    KeyPasswordHint => (
        "Құпиясөз де, файл да компьютеріңізден шықпайды: қолтаңба осы бетте жасалады.",
        "Ни пароль, ни файл не покидают ваш компьютер: подпись создаётся на этой странице.",
        "Neither the password nor the file leaves your computer: the signature is made on this page.",
    ),
    SignMethod => ("Қол қою тәсілі", "Способ подписания", "How to sign"),
    MethodKeyFile => (
        "Кілт файлы (PKCS#12, .p12)",
        "Файл ключа (PKCS#12, .p12)",
        "Key file (PKCS#12, .p12)",
    ),
    MethodNcaLayer => (
        "NCALayer (компьютердегі кілт немесе токен)",
        "NCALayer (ключ на компьютере или токен)",
        "NCALayer (a key on this computer or a token)",
    ),
    NcaLayerHint => (
        "NCALayer бағдарламасын іске қосыңыз: кілтті және құпиясөзді оның терезесінде таңдайсыз.",
        "Запустите программу NCALayer: ключ и пароль вы выберете в её окне.",
        "Start the NCALayer program: you choose the key and enter its password in its window.",
    ),
    EnterKeyPassword => (
        "Кілт құпиясөзін енгізіңіз.",
        "Введите пароль ключа.",
        "Enter the key's password.",
    ),
    WrongKeyPassword => (
        "Кілт құпиясөзі қате. Қайталап көріңіз (әріп регистрі мен тілді тексеріңіз).",
        "Неверный пароль ключа. Повторите (проверьте регистр букв и раскладку).",
        "Wrong key password. Try again (check the letter case and keyboard layout).",
    ),
    UnsupportedKeyFile => (
        "Бұл кілт файлы браузерде ашылмайды (ескі шифрлау немесе RSA/ГОСТ кілті): NCALayer арқылы қол қойыңыз.",
        "Этот файл ключа не открывается в браузере (старое шифрование или ключ RSA/ГОСТ): подпишите через NCALayer.",
        "This key file cannot be opened in the browser (old encryption or an RSA/GOST key): sign with NCALayer.",
    ),
    NcaLayerUnavailable => (
        "NCALayer жауап бермейді: бағдарлама іске қосылғанын тексеріп, қайталаңыз.",
        "NCALayer не отвечает: проверьте, что программа запущена, и повторите.",
        "NCALayer is not answering: check that it is running and try again.",
    ),
    NcaLayerRefused => (
        "NCALayer қол қоймады (бас тартылды немесе кілт табылмады).",
        "NCALayer не подписал (отменено или ключ не найден).",
        "NCALayer did not sign (cancelled, or no key found).",
    ),
    PreparingSigner => (
        "Қол қою модулі жүктелуде…",
        "Загружается модуль подписи…",
        "Loading the signing module…",
    ),
    CheckKeyTitle => (
        "Кілтіңізді алдын ала тексеріңіз",
        "Проверьте ключ заранее",
        "Check your key first",
    ),
    CheckKeyHint => (
        "Қол қою кілтінің (RSA256_…) жарамдылығын және осы қызметке сәйкестігін (ЖСН, БСН, рөл) форманы толтырмас бұрын тексеріңіз.",
        "Перед заполнением формы проверьте, что ключ для подписи (RSA256_…) действителен и подходит для этой услуги (ИИН, БИН, роль).",
        "Before filling in the form, check that your signing key (RSA256_…) is valid and fits this service (IIN, BIN, role).",
    ),
    CheckKey => ("Кілтті тексеру", "Проверить ключ", "Check the key"),
    KeyFits => (
        "Кілт жарамды және осы қызметке сәйкес келеді",
        "Ключ действителен и подходит для этой услуги",
        "The key is valid and fits this service",
    ),
    KeyDoesNotFit => (
        "Бұл кілтпен осы өтінішке қол қою мүмкін емес",
        "Этим ключом нельзя подписать это заявление",
        "This key cannot sign this request",
    ),
    ValidUntil => ("Жарамды мерзімі", "Действителен до", "Valid until"),
    ActingFor => ("Ұйым атынан", "От имени организации", "For the company"),
    DraftSaving => ("Жоба сақталуда…", "Черновик сохраняется…", "Saving the draft…"),
    DraftSaved => ("Жоба сақталды:", "Черновик сохранён:", "Draft saved:"),
    DraftOnlyHere => (
        "Жоба тек осы құрылғыда сақталды: серверде сақтау үшін жүйеге кіріңіз.",
        "Черновик сохранён только на этом устройстве: войдите, чтобы сохранить его на сервере.",
        "The draft is kept on this device only: sign in to save it on the server.",
    ),
    MyDrafts => ("Жобалар", "Черновики", "Drafts"),
    ContinueDraft => ("Жалғастыру", "Продолжить", "Continue"),
    DeleteDraft => ("Жобаны жою", "Удалить черновик", "Delete the draft"),
    LastSaved => ("Соңғы сақталуы", "Последнее сохранение", "Last saved"),
    AddRow => ("Қосу:", "Добавить:", "Add:"),
    ApplicantType => (
        "Кім өтініш береді (құжаттар тізімі соған қарай)",
        "Кто подаёт заявление (перечень документов — по нему)",
        "Who is applying (the document lists follow it)",
    ),
    AnyApplicant => ("Барлық өтініш берушілер", "Все заявители", "Every applicant"),
    PscDocuments => (
        "Халыққа қызмет көрсету орталығына ұсынылатын құжаттар",
        "Документы для подачи через центр обслуживания населения",
        "Documents when applying at a public service centre",
    ),
    Born => ("Туған күні:", "Дата рождения:", "Born"),
    Male => ("ер", "мужской пол", "male"),
    Female => ("әйел", "женский пол", "female"),
    RemoveFile => ("Файлды алып тастау", "Удалить файл", "Remove the file"),
    SaveAndContinue => ("Сақтау және жалғастыру", "Сохранить и продолжить", "Save and continue"),
    RemoveRow => ("Жою", "Удалить", "Remove"),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_is_blank_in_any_language() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                assert!(!t(lang, *key).trim().is_empty(), "{key:?} in {lang:?}");
            }
        }
    }
}
