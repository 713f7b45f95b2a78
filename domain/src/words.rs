//! The interface's own words in Kazakh, Russian and English: the screens' texts, which the
//! browser apps draw and the server writes into the pages it renders ahead (the catalogue).
//! Service texts come with the service definitions.
//!
//! Every key is declared once with its three texts (the `texts!` table below generates the
//! `Key` constants and `Key::ALL`), so no key can lack a language; a test checks that none is
//! blank.

use crate::Lang;

/// Declares the keys with their (Kazakh, Russian, English) texts.
macro_rules! texts {
    ($($key:ident => ($kk:expr, $ru:expr, $en:expr $(,)?),)*) => {
        /// A text of the interface: its (Kazakh, Russian, English) words. Each key is a
        /// constant, not an enum's variant, so a WebAssembly module carries only the texts its
        /// own screens use (an enum's lookup table would hold every screen's words in each).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Key([&'static str; 3]);

        #[allow(non_upper_case_globals)]
        impl Key {
            $(pub const $key: Key = Key([$kk, $ru, $en]);)*

            /// Every key, in declaration order.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];
        }
    };
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let [kk, ru, en] = key.0;
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

/// A term in working days, the noun agreeing with the number: `category` is `n`'s CLDR
/// plural category in `lang` ("one", "few", "many", "other"), which the browser
/// (`Intl.PluralRules`) or the server (`intl_pluralrules`) gives.
pub fn working_days(lang: Lang, n: u32, category: &str) -> String {
    let word = match (lang, category) {
        // Kazakh keeps the noun singular after a numeral.
        (Lang::Kk, _) => "жұмыс күні",
        (Lang::Ru, "one") => "рабочий день",
        (Lang::Ru, "few") => "рабочих дня",
        (Lang::Ru, "many") => "рабочих дней",
        (Lang::Ru, _) => "рабочего дня",
        (Lang::En, "one") => "working day",
        (Lang::En, _) => "working days",
    };
    format!("{n} {word}")
}

/// The fee in tenge, formatted, or "free".
pub fn fee_text(fee_mci: Option<u32>, year: i32, lang: Lang) -> String {
    match fee_mci {
        Some(m) => format!(
            "{} ({} MCI / АЕК)",
            crate::money::format_tenge(crate::money::fee_tenge(m, year)),
            m
        ),
        None => t(lang, Key::Free).to_owned(),
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
    SearchMyApplications => (
        "Өтініштерімді іздеу",
        "Поиск по моим заявлениям",
        "Search my applications",
    ),
    SearchMyApplicationsHint => (
        "Нөмірі немесе қызмет атауы",
        "Номер или название услуги",
        "Number or name of the service",
    ),
    AnyStatus => ("Кез келген мәртебе", "Любой статус", "Any status"),
    ShownOf => ("Көрсетілді", "Показано", "Shown"),
    NoApplicationMatches => (
        "Іздеуге сәйкес өтініш жоқ.",
        "Нет заявлений, подходящих под поиск.",
        "No application matches the search.",
    ),
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
        "Тіркеу нөмірі немесе өтініш берушінің ЖСН, ұйымның БСН, лицензия нөмірі",
        "Регистрационный номер или ИИН заявителя, БИН организации, номер лицензии",
        "Registration number or the applicant's IIN, the company's BIN or the licence number",
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
    LicencePendingSignature => (
        "Лицензиарның қолын күтуде",
        "Ожидает подписи лицензиара",
        "Awaiting the licensor's signature",
    ),
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
    MailDeliveries => ("Хаттар мен SMS", "Письма и SMS", "E-mails and SMS"),
    Written => ("Жазылды", "Составлено", "Written"),
    Attempts => ("Әрекеттер", "Попытки", "Attempts"),
    MailSent => ("Жіберілді", "Отправлено", "Sent"),
    MailWaiting => ("Жіберілуін күтуде", "Ожидает отправки", "Waiting to be sent"),
    MailFailed => ("Жеткізілмеді", "Не доставлено", "Not delivered"),
    NoUploadHere => (
        "Бұл жерде файл қабылданбайды: құжат қағаз түрінде ұсынылады.",
        "Здесь файлы не принимаются: документ представляется на бумаге.",
        "No files are taken here: the document is presented on paper.",
    ),
    NotInGroup => (
        "Бұл өріс тізім жолында толтырылмайды.",
        "Это поле не заполняется в строке списка.",
        "This field cannot be filled in a row of a list.",
    ),
    SaveAndContinue => ("Сақтау және жалғастыру", "Сохранить и продолжить", "Save and continue"),
    RemoveRow => ("Жою", "Удалить", "Remove"),
    Version => ("Нұсқасы", "Редакция", "Version"),
    CurrentVersion => ("қолданыстағы", "действующая", "current"),
    EarlierVersions => ("Бұрынғы нұсқалары", "Прежние редакции", "Earlier versions"),
    InForceFrom => ("күшіне енді", "действует с", "in force from"),
    InForceUntil => ("дейін", "по", "until"),
    SupersededNotice => (
        "Бұл — қызметтің күші жойылған нұсқасы. Ол осы нұсқа бойынша басталған істер үшін сақталған; жаңа өтініштер қолданыстағы нұсқа бойынша беріледі (жаттығу режимінде бұл нұсқаны да сынап көруге болады).",
        "Это утратившая силу редакция услуги. Она сохранена для дел, начатых по ней; новые заявки подаются по действующей редакции (в режиме практики можно попробовать и эту).",
        "This version of the service is no longer in force. It is kept for cases begun under it; new applications go to the current version (in practice mode this one can be tried too).",
    ),
    GoToCurrent => ("Қолданыстағы нұсқаға өту", "Перейти к действующей редакции", "Go to the current version"),
    FormSections => ("Өтініш бөлімдері", "Разделы заявления", "Sections of the application"),
    SectionDetails => ("Мәліметтер", "Сведения", "Details"),
    SectionDocuments => ("Құжаттар", "Документы", "Documents"),
    SectionContacts => ("Байланыс деректері", "Контактные данные", "Contact details"),
    StateNotStarted => ("басталмаған", "не начат", "not started"),
    StateInProgress => ("толтырылуда", "заполняется", "in progress"),
    StateDone => ("толтырылды", "заполнен", "completed"),
    StateHasErrors => ("қателер бар", "есть ошибки", "has errors"),
    CheckAnswers => ("Жауаптарыңызды тексеріңіз", "Проверьте ваши ответы", "Check your answers"),
    CheckAnswersIntro => (
        "Өтінішті сақтамас бұрын мәліметтерді тексеріңіз. Бір нәрсені өзгерту үшін «Өзгерту» батырмасын басыңыз.",
        "Проверьте сведения перед сохранением заявления. Чтобы исправить что-либо, нажмите «Изменить».",
        "Check the details before the application is saved. To correct anything, choose Change.",
    ),
    Change => ("Өзгерту", "Изменить", "Change"),
    ConfirmAndContinue => ("Растау және жалғастыру", "Подтвердить и продолжить", "Confirm and continue"),
    NotAnswered => ("толтырылмаған", "не заполнено", "not answered"),
    CheckAnswersButton => ("Жауаптарды тексеру", "Проверить ответы", "Check answers"),
    ChooseRegion => ("Өңірді таңдаңыз", "Выберите регион", "Choose the region"),
    CurrentStep => ("Ағымдағы қадам", "Текущий шаг", "Current step"),
    Step => ("Қадам", "Шаг", "Step"),
    Messages => ("Хабарламалар", "Уведомления", "Messages"),
    RegistryChecks => ("Мемлекеттік жүйелердің жауаптары", "Ответы государственных систем", "State registries"),
    RegistryPerson => ("Жеке тұлғалар МДҚ", "ГБД ФЛ", "Person registry"),
    RegistryCompany => ("Заңды тұлғалар МДҚ", "ГБД ЮЛ", "Legal-entity registry"),
    RegistrySpecial => ("Арнайы есепке алу (сотталғандық)", "Специальные учёты (судимость)", "Special records (criminal records)"),
    RegistryPreTrial => ("СДТБТ", "ЕРДР", "Pre-trial investigations register"),
    CheckClear => ("бұзушылық жоқ", "нарушений нет", "clear"),
    CheckAdverse => ("бұзушылық анықталды", "выявлены нарушения", "violations found"),
    CheckWaiting => ("жауап күтілуде, қайталанады", "ожидается ответ, запрос повторяется", "waiting for an answer; asked again"),
    PscDesk => ("ХҚКО операторы", "Оператор ЦОН", "Centre desk"),
    PscTitle => ("Орталықта өтініш қабылдау", "Приём заявления в ЦОН", "Accept a request at the centre"),
    Service => ("Қызмет", "Услуга", "Service"),
    Variant => ("Түрі", "Вид", "Kind"),
    ApplicantIin => ("Көрсетілетін қызметті алушының ЖСН", "ИИН услугополучателя", "Applicant's IIN"),
    ByRepresentative => ("Өкіл сенімхат бойынша өтініш береді", "Заявление подаёт представитель по доверенности", "A representative applies under a power of attorney"),
    RepresentativeIin => ("Өкілдің ЖСН", "ИИН представителя", "Representative's IIN"),
    PowerOfAttorney => ("Нотариаттық сенімхаттың нөмірі", "Номер нотариальной доверенности", "Notarised power of attorney number"),
    PaperDocuments => ("Қағаз жүзінде ұсынылған құжаттар", "Документы, представленные на бумаге", "Documents presented on paper"),
    AcceptRequest => ("Өтінішті қабылдау", "Принять заявление", "Accept the request"),
    Receipt => ("Құжаттарды қабылдағаны туралы қолхат", "Расписка о приёме документов", "Receipt for the documents"),
    PlannedResult => ("Нәтижені берудің жоспарлы күні", "Плановая дата выдачи результата", "Planned result date"),
    AcceptedAt => ("Қабылданды", "Принято", "Accepted"),
    AcceptedBy => ("Қабылдаған", "Принял", "Accepted by"),
    Print => ("Басып шығару", "Печать", "Print"),
    Sessions => ("Аттестаттау отырыстары", "Заседания по аттестации", "Attestation sessions"),
    AttestationLists => ("Аттестаттау нәтижелері", "Итоги аттестации", "Attestation results"),
    NewSession => ("Жаңа отырыс", "Новое заседание", "New session"),
    SessionDate => ("Өткізілетін күні", "Дата проведения", "Date"),
    SessionPlace => ("Өткізілетін орны", "Место проведения", "Place"),
    CreateSession => ("Отырысты құру", "Создать заседание", "Create the session"),
    Candidates => ("Үміткерлер", "Кандидаты", "Candidates"),
    AddCandidate => ("Үміткерді қосу (тіркеу нөмірі бойынша)", "Добавить кандидата (по регистрационному номеру)", "Add a candidate (by registration number)"),
    Add => ("Қосу", "Добавить", "Add"),
    TestScore => ("Компьютерлік тест, балл (0–100)", "Компьютерный тест, баллы (0–100)", "Computer test, score (0–100)"),
    Interview => ("Әңгімелесу", "Собеседование", "Interview"),
    ResultLabel => ("Нәтижесі", "Результат", "Result"),
    Passed => ("өтті", "прошёл", "passed"),
    Failed => ("өтпеді", "не прошёл", "failed"),
    Absent => ("келмеді", "не явился", "did not appear"),
    SaveResult => ("Нәтижені сақтау", "Сохранить результат", "Save the result"),
    SignProtocol => ("Хаттамаға қол қою және тізімдерді жариялау", "Подписать протокол и опубликовать списки", "Sign the protocol and publish the lists"),
    Published => ("Жарияланды", "Опубликовано", "Published"),
    NotReady => ("аттестаттау қадамында емес", "не на шаге аттестации", "not at the attestation step"),
    PassedList => ("Аттестаттаудан өткендер", "Прошедшие аттестацию", "Passed"),
    FailedList => ("Аттестаттаудан өтпегендер", "Не прошедшие аттестацию", "Did not pass"),
    AbsentList => ("Келмегендер", "Не явившиеся", "Did not appear"),
    NoLists => ("Әзірге жарияланған тізімдер жоқ.", "Опубликованных списков пока нет.", "No lists are published yet."),
    New => ("жаңа", "новое", "new"),
    MarkRead => ("Оқылды деп белгілеу", "Отметить как прочитанное", "Mark as read"),
    Due => ("Мерзімі", "Срок", "Due"),
    OnTime => ("мерзімінде", "в срок", "on time"),
    DueSoon => ("мерзімі жақындады", "срок истекает", "due soon"),
    Overdue => ("мерзімі өтті", "просрочено", "overdue"),
    TakenBy => ("Орындаушы", "Исполнитель", "Taken by"),
    NobodyYet => ("әлі ешкім алмаған", "пока никто не взял", "nobody yet"),
    TakeStep => ("Қадамды өзіме алу", "Взять шаг себе", "Take this step"),
    NotYourStep => (
        "Бұл қадамды басқа лауазымдағы қызметкер орындайды.",
        "Этот шаг выполняет сотрудник другой должности.",
        "This step is for staff in another role.",
    ),
    StepGrounds => (
        "Негіздеме (бас тарту немесе қайтару үшін міндетті; нормаға сілтеме жасаңыз)",
        "Основание (обязательно для отказа или возврата; со ссылкой на норму)",
        "Grounds (required to refuse or return; cite the rule)",
    ),
    StepsPassed => ("Өткен қадамдар", "Пройденные шаги", "Steps passed"),
    Outcome => ("Шешім", "Решение", "Outcome"),
    DecidedBy => ("Кім", "Кто", "By"),
    Finished => ("Аяқталды", "Завершён", "Finished"),
    Automatic => ("автоматты түрде", "автоматически", "automatically"),
    Late => ("мерзімі өткен соң", "с просрочкой", "late"),
    Stage => ("Кезең", "Этап", "Stage"),
    WaitingForYou => ("Сізді күтуде", "Ожидает вас", "Waiting for you"),
    QueueOthers => ("Әріптестерді күтуде", "Ожидают коллег", "Waiting for colleagues"),
    QueueDecided => ("Шешім қабылданған", "Решения приняты", "Decided"),
    NothingHere => ("Мұнда ештеңе жоқ.", "Здесь ничего нет.", "Nothing here."),
    ShowMore => ("Тағы көрсету", "Показать ещё", "Show more"),
    OlderApplications => ("Бұрынғы өтінімдерді көрсету", "Показать более ранние заявления", "Show older applications"),
    AddressLine => (
        "Елді мекен, көше, үй (пәтер, кеңсе)",
        "Населённый пункт, улица, дом (квартира, офис)",
        "Locality, street, building (flat, office)",
    ),
    SignDecisionTitle => ("Шешімге ЭЦҚ-мен қол қою", "Подписание решения ЭЦП", "Sign the decision with your EDS"),
    SignDecisionHint => (
        "Шешім сіздің ЭЦҚ-ңызбен қол қойылғаннан кейін ғана күшіне енеді. Төменде қол қойылатын құжат көрсетілген.",
        "Решение вступает в силу только после подписания вашей ЭЦП. Ниже — документ, который вы подписываете.",
        "The decision takes effect only once you sign it with your EDS. Below is the document you are signing.",
    ),
    SignDecision => ("ЭЦҚ-мен қол қою", "Подписать ЭЦП", "Sign with EDS"),
    Cancel => ("Болдырмау", "Отмена", "Cancel"),
    SignedWithEds => ("ЭЦҚ-мен қол қойылған", "Подписано ЭЦП", "Signed with EDS"),
    DownloadRefusal => (
        "Қол қойылған бас тартуды жүктеу",
        "Скачать подписанный отказ",
        "Download the signed refusal",
    ),
    CertifyTitle => (
        "Сұрау салуды ЭЦҚ-мен куәландыру",
        "Удостоверение запроса ЭЦП",
        "Certify the request with your EDS",
    ),
    CertifyHint => (
        "Тексеріңіз: сұрау салу сіздің ЭЦҚ-ңызбен куәландырылғаннан кейін ғана жіберіледі. Өзгерту үшін «Болдырмау» басыңыз.",
        "Проверьте: запрос направляется только после удостоверения вашей ЭЦП. Чтобы изменить данные, нажмите «Отмена».",
        "Check it: the request is sent only once you certify it with your EDS. To change anything, press Cancel.",
    ),
    CertifyAndSend => ("ЭЦҚ-мен куәландыру және жіберу", "Удостоверить ЭЦП и направить", "Certify with EDS and send"),
    HandoverTitle => ("Нәтижені беру", "Выдача результата", "Hand over a result"),
    ReceiptNumber => (
        "Қолхаттағы тіркеу нөмірі",
        "Регистрационный номер из расписки",
        "Registration number from the receipt",
    ),
    ReadyAtCentre => ("ХҚКО-да дайын нәтижелер", "Результаты, готовые к выдаче", "Results ready at the centre"),
    PrintLicence => ("Лицензияны басып шығару", "Распечатать лицензию", "Print the licence"),
    HandOver => ("Нәтижені беру", "Выдать результат", "Hand over the result"),
    HandedOver => ("Берілді", "Выдано", "Handed over"),
    ResultNotReady => (
        "Нәтиже әлі дайын емес: өтініш қаралуда.",
        "Результат ещё не готов: заявление рассматривается.",
        "The result is not ready yet: the request is being reviewed.",
    ),
    ShowProtocol => (
        "Қол қойылатын хаттаманы көрсету",
        "Показать протокол для подписания",
        "Show the protocol to sign",
    ),

    MyLicences => ("Менің лицензияларым", "Мои лицензии", "My licences"),
    NoLicences => (
        "Тізілімде сіздің атыңызға лицензия жоқ.",
        "В реестре нет лицензий на ваше имя.",
        "The register holds no licences in your name.",
    ),
    MyResults => (
        "Менің нәтижелерім (аттестаттау, емтихан)",
        "Мои результаты (аттестация, экзамен)",
        "My results (attestation, exam)",
    ),
    Annexes => ("Қосымшалар", "Приложения", "Annexes"),
    Duplicates => ("Телнұсқалар", "Дубликаты", "Duplicates"),
    LicenceActions => ("Лицензия бойынша өтініш", "Заявление по лицензии", "Apply on this licence"),
    LicenceHistory => ("Лицензия тарихы", "История лицензии", "Licence history"),
    ReissuedOn => ("Қайта ресімделген күні", "Переоформлена", "Re-issued on"),
    AsNewLicence => ("жаңа лицензия №", "новая лицензия №", "as licence No."),
    PreviousLicence => ("Бұрынғы лицензия №", "Взамен лицензии №", "Replaces licence No."),
    DownloadPdf => ("PDF жүктеу", "Скачать PDF", "Download PDF"),
    DownloadP7s => ("Қолтаңба (.p7s)", "Подпись (.p7s)", "Signature (.p7s)"),
    ResultDocuments => ("Нәтиже құжаттары", "Документы результата", "Result documents"),
    RefusalReasonLabel => ("Бас тарту санаты", "Категория отказа", "Reason for refusal"),
    FromPaper => (
        "Порталға дейін қағаз түрінде берілген",
        "Выдана на бумаге до портала",
        "Issued on paper before the portal",
    ),
    Subtypes => ("Кіші түрлері", "Подвиды", "Sub-types"),
    CategoryLabel => ("Санат", "Категория", "Category"),
    Date => ("Күні", "Дата", "Date"),
    RegisterSearch => (
        "Лицензия нөмірі, ұйымның БСН-і немесе атауы",
        "Номер лицензии, БИН или наименование организации",
        "Licence number, company BIN or company name",
    ),
    RegisterSearchHint => (
        "Жеке тұлғаның лицензиясы тек нөмірі бойынша табылады; ЖСН көрсетілмейді.",
        "Лицензия физического лица находится только по номеру; ИИН не показывается.",
        "A person's licence is found by its number only; no IIN is shown.",
    ),
    NothingFound => ("Ештеңе табылмады.", "Ничего не найдено.", "Nothing found."),
    MoreResults => ("Келесі нәтижелер", "Следующие результаты", "More results"),
    QrTitle => ("QR-кодты тексеру", "Проверка QR-кода", "Check a QR code"),
    QrHint => (
        "Лицензиядағы QR-кодты сканерлеп, оның мазмұнын (сілтемені) осында қойыңыз. Тексеру осы құрылғыда, интернетсіз жүреді.",
        "Отсканируйте QR-код на лицензии и вставьте его содержимое (ссылку) сюда. Проверка идёт на этом устройстве, без интернета.",
        "Scan the QR code on the licence and paste its content (the link) here. It is checked on this device, without the internet.",
    ),
    QrContent => ("QR-кодтың мазмұны", "Содержимое QR-кода", "The QR code's content"),
    QrVerify => ("QR-кодты тексеру", "Проверить QR-код", "Verify the QR code"),
    QrGenuine => (
        "QR-код шынайы: порталдың кілтімен қол қойылған. Осы құрылғыда серверге жүгінбей тексерілді.",
        "QR-код подлинный: подписан ключом портала. Проверено на этом устройстве, без обращения к серверу.",
        "The QR code is genuine: signed with the portal's key. Verified on this device, without asking the server.",
    ),
    QrForged => (
        "QR-код расталмады: қолтаңбасы сәйкес келмейді. Құжат жалған болуы мүмкін.",
        "QR-код не подтверждён: подпись не сходится. Документ может быть поддельным.",
        "The QR code does not verify: its signature does not match. The document may be forged.",
    ),
    QrNotStatement => (
        "Бұл порталдың лицензиясының QR-коды емес.",
        "Это не QR-код лицензии портала.",
        "This is not the QR code of a licence of the portal.",
    ),
    QrNoKey => (
        "Бұл құрылғыда порталдың кілті әлі жоқ: бетті бір рет интернетке қосылып ашыңыз.",
        "На этом устройстве ещё нет ключа портала: откройте страницу один раз при подключении к сети.",
        "This device does not have the portal's key yet: open this page once while online.",
    ),
    StatusWhenSigned => ("Қол қойылған кездегі мәртебесі", "Статус на момент подписания", "Status when signed"),
    StatusNow => ("Тізілімдегі қазіргі мәртебесі", "Текущий статус в реестре", "Status in the register now"),
    StatusNowUnknown => (
        "Желі жоқ: тізілімдегі қазіргі мәртебесін тексеру мүмкін емес.",
        "Нет соединения: текущий статус в реестре проверить нельзя.",
        "No connection: the licence's status in the register now cannot be checked.",
    ),
    LicenceRegister => ("Лицензиялар тізілімі", "Реестр лицензий", "Licence register"),
    FindLicence => ("Лицензияны табу", "Найти лицензию", "Find a licence"),
    ChangeStatus => ("Лицензия мәртебесін өзгерту", "Изменить статус лицензии", "Change the licence's status"),
    StatusChangeKind => ("Шешім", "Решение", "Decision"),
    StatusGrounds => (
        "Негіздеме (нормаға сілтемемен)",
        "Основание (со ссылкой на норму)",
        "Grounds (cite the rule)",
    ),
    GroundsRequired => (
        "Негіздемені жазыңыз: ол иесіне және тізілімде көрсетіледі.",
        "Напишите основание: его увидят владелец и посетители реестра.",
        "Write the grounds: the holder and the register show them.",
    ),
    ShowOrder => ("Қол қойылатын шешімді көрсету", "Показать решение для подписания", "Show the decision to sign"),
    SignOrder => ("ЭЦҚ-мен қол қою", "Подписать ЭЦП", "Sign with EDS"),
    NoStatusRight => (
        "Бұл лицензияның мәртебесін өзгерту сіздің міндеттеріңізге кірмейді.",
        "Изменение статуса этой лицензии не входит в ваши обязанности.",
        "Changing this licence's status is not among your duties.",
    ),
    ChooseLicence => ("Лицензияңызды таңдаңыз", "Выберите свою лицензию", "Choose your licence"),
    ChooseLicenceHint => (
        "Тізілімдегі лицензияңызды таңдаңыз: оның деректері өтінішке толтырылады. Порталға дейін қағаз түрінде берілген лицензия болса, нөмірін өзіңіз жазып, көшірмесін тіркеңіз.",
        "Выберите лицензию из реестра: её данные подставятся в заявление. Если лицензия выдана на бумаге до портала, введите её номер сами и приложите копию.",
        "Choose a licence of yours from the register and the request is filled in from it. For a licence issued on paper before the portal, type its number and attach its copy.",
    ),
    NotInRegister => (
        "Тізілімде жоқ (қағаз түрінде берілген)",
        "Нет в реестре (выдана на бумаге)",
        "Not in the register (issued on paper)",
    ),
    ChooseResult => ("Аттестаттау нәтижесін таңдаңыз", "Выберите результат аттестации", "Choose your attestation result"),
    ChooseResultHint => (
        "Порталдағы тапсырылған аттестаттауыңызды таңдаңыз. Аттестаттау порталға дейін өткен болса, хаттаманың нөмірін, күнін жазып, көшірмесін тіркеңіз.",
        "Выберите свою пройденную аттестацию на портале. Если аттестация была до портала, введите номер и дату протокола и приложите копию.",
        "Choose your passed attestation on the portal. If the attestation took place before the portal, type the protocol's number and date and attach its copy.",
    ),
    NotOnPortal => (
        "Порталда жоқ (хаттама көшірмесін тіркеймін)",
        "Нет на портале (приложу копию протокола)",
        "Not on the portal (I attach the protocol's copy)",
    ),
    TimelineTitle => ("Өтініштің барысы", "Ход рассмотрения", "Progress of the application"),
    ResultExpectedBy => ("Нәтиже дайын болатын мерзім", "Результат будет готов", "Result expected by"),
    StepTerm => ("Мерзімі", "Срок", "Term"),
    StepDone => ("Орындалды", "Выполнен", "Done"),
    StepDoneLate => ("Мерзімі өткен соң орындалды", "Выполнен с нарушением срока", "Done after its deadline"),
    StepOnTime => ("Орындалуда, мерзімінде", "Выполняется, в срок", "In progress, on time"),
    StepDueSoon => ("Орындалуда, мерзімі жақын", "Выполняется, срок истекает", "In progress, due soon"),
    StepOverdue => ("Мерзімі өтті", "Срок нарушен", "Overdue"),
    StepUpcoming => ("Әлі басталған жоқ", "Ещё не начат", "Not begun yet"),
    Began => ("Басталды", "Начат", "Began"),
    DueBy => ("Мерзімі", "Выполнить до", "Due by"),
    ExpectedBy => ("Болжамды мерзімі", "Ожидается до", "Expected by"),
    SameWorkingDay => ("сол жұмыс күні", "в тот же рабочий день", "the same working day"),
    AccessLogTitle => ("Өтінішіңізді кім қарады", "Кто обращался к вашему заявлению", "Who looked at your application"),
    AccessLogHint => ("Лицензиар қызметкерлері, 1414 байланыс орталығы және ХҚКО операторлары өтінішті ашқан немесе тапқан әрбір жағдай жазылады.", "Записывается каждый раз, когда сотрудники лицензиара, контакт-центр 1414 или операторы ЦОН открывают или находят заявление.", "Every time officials of the licensing body, the 1414 contact centre or a public service centre's operators open or find the application is recorded here."),
    AccessLogEmpty => ("Әзірге ешкім ашқан жоқ.", "Пока никто не открывал.", "Nobody has opened it yet."),
    ExplainerTitle => ("Қоңырау шалушыға түсіндірме", "Пояснение для звонящего", "Explained for the caller"),
    WhoseMove => ("Кезек кімде", "Чей ход", "Whose move"),
    TurnApplicant => ("Өтініш берушіде", "За заявителем", "The applicant's"),
    TurnProvider => ("Лицензиарда", "За лицензиаром", "The licensing body's"),
    TurnNobody => ("Ешкімде: шешім шығарылды", "Ни за кем: решение принято", "Nobody's: decided"),
    HeldBy => ("Кімде", "У кого", "Held by"),
    LastEmail => ("Соңғы хабарлама", "Последнее сообщение", "Last message"),
    NoEmailYet => ("Хабарлама әлі болған жоқ", "Сообщений ещё не было", "No message yet"),
    SuggestedAnswer => ("Ұсынылатын жауап", "Предлагаемый ответ", "Suggested answer"),
    AnswerLanguage => ("Жауап тілі", "Язык ответа", "Language of the answer"),
    ApplyAgainTitle => ("Өтінішті қайта беру", "Подать заявление снова", "Apply again"),
    ApplyAgainHint => ("Жауаптарыңыз бен әлі де жарамды файлдарыңыз жаңа өтінішке көшіріледі; бас тарту негіздемесі олар қатысты өрістердің жанында көрсетіледі.", "Ваши ответы и файлы, которые ещё подходят, перенесутся в новое заявление; основания отказа будут показаны рядом с полями, к которым они относятся.", "Your answers and the files that are still acceptable are copied into a new application; the refusal's grounds are shown beside the fields they concern."),
    ApplyAgain => ("Қайта беру", "Подать снова", "Apply again"),
    RepairTitle => ("Бас тартылған өтінішті түзету", "Исправление отклонённого заявления", "Correcting a refused application"),
    RepairConcerns => ("Бас тарту осы өріске қатысты", "Отказ касается этого поля", "The refusal concerns this field"),
    ReceiptQrCaption => ("Нәтижені алғанда осы кодты көрсетіңіз: онда қолхат нөмірі бар.", "Покажите этот код при получении результата: в нём номер расписки.", "Show this code when you collect the result: it holds the receipt's number."),
    SmsConsent => ("Осы өтініш бойынша SMS-хабарламаларды жоғарыдағы телефон нөміріне жіберуге келісемін", "Согласен получать SMS об этом заявлении на указанный выше телефон", "Send me SMS about this application to the phone above"),
    SmsConsentHint => ("Қазақстандық ұялы нөмір. Келісімсіз тек жеке кабинетке және электрондық поштаға хабарлаймыз.", "Казахстанский мобильный номер. Без согласия сообщаем только в личный кабинет и на почту.", "A Kazakh mobile number. Without it we tell you in your cabinet and by e-mail only."),
    Notifications => ("Хабарламалар", "Уведомления", "Notifications"),
    ChannelEmail => ("Электрондық пошта", "Электронная почта", "E-mail"),
    ChannelSms => ("SMS", "SMS", "SMS"),
    Channel => ("Арна", "Канал", "Channel"),
    NoNotificationsYet => ("Әзірге хабарлама жоқ.", "Уведомлений пока нет.", "No notifications yet."),
    QrUnsupported => (
        "Бұл браузер QR-кодты өзі тексере алмайды (WebCrypto жоқ): тізілімнің жауабына қараңыз.",
        "Этот браузер не может сам проверить QR-код (нет WebCrypto): смотрите ответ реестра.",
        "This browser cannot verify the QR code itself (no WebCrypto): see the register's answer.",
    ),
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
