"""Ukrainian texts for locale/uk: fills msgstr from UK below and compiles the .mo.

Run after `make messages` has added new msgids:  .venv/bin/python locale/translate_uk.py
A msgid missing here stays untranslated, and the translation test fails on it.
"""

from pathlib import Path

import polib

UK = {
    "Staff accounts and audit": "Облікові записи працівників і журнал аудиту",
    "who": "хто",
    "what": "що",
    "any change": "будь-яка зміна",
    "action": "дія",
    "from": "з",
    "to": "по",
    "object": "об'єкт",
    "Audit trail": "Журнал аудиту",
    "Every change: who, when, what. Records cannot be changed or deleted.":
        "Кожна зміна: хто, коли, що. Записи не можна змінити чи видалити.",
    "Filter": "Показати",
    "When": "Коли",
    "Who": "Хто",
    "Action": "Дія",
    "Object": "Об'єкт",
    "Changes": "Зміни",
    "system": "система",
    "Nothing found.": "Нічого не знайдено.",
    "Newer": "Новіші",
    "Older": "Старіші",
    "Login blocked": "Вхід заблоковано",
    "Too many failed attempts. Try again in 15 minutes or ask the administrator to unblock you.":
        "Забагато невдалих спроб. Спробуйте ще раз через 15 хвилин або попросіть "
        "адміністратора розблокувати вас.",
    "Staff": "Працівники",
    "Add a staff member": "Додати працівника",
    "Name": "Ім'я",
    "username": "ім'я користувача (логін)",
    "Roles": "Ролі",
    "Status": "Стан",
    "active": "активний",
    "deactivated": "вимкнений",
    "Nobody yet.": "Поки нікого.",
    "Remove": "Прибрати",
    "No roles.": "Ролей немає.",
    "Give the role": "Надати роль",
    "Deactivate the account": "Вимкнути обліковий запис",
    "Activate the account": "Увімкнути обліковий запис",
    "Save": "Зберегти",
    "Cancel": "Скасувати",
    "Log in": "Увійти",
    "Staff login": "Вхід для працівників",
    "Forgot your password?": "Забули пароль?",
    "Your password has been changed.": "Ваш пароль змінено.",
    "Continue": "Продовжити",
    "Change password": "Змінити пароль",
    "The link is invalid or has already been used. Ask for a new one.":
        "Посилання недійсне або вже використане. Попросіть нове.",
    "Your new password is set. You can log in now.": "Новий пароль встановлено. Тепер можна увійти.",
    "Set a new password": "Встановити новий пароль",
    "If an account has this e-mail, we have sent a link to set a new password.":
        "Якщо обліковий запис має цю адресу е-пошти, ми надіслали на неї посилання для "
        "встановлення нового пароля.",
    "Someone asked to reset the password of your civicdesk account at %(domain)s.":
        "Хтось попросив скинути пароль вашого облікового запису civicdesk на %(domain)s.",
    "Open this link to set a new password:": "Відкрийте це посилання, щоб встановити новий пароль:",
    "Your username:": "Ваш логін:",
    "If you did not ask for this, ignore this letter.": "Якщо ви цього не просили, не зважайте на цей лист.",
    "Reset password": "Відновлення пароля",
    "Send": "Надіслати",
    "civicdesk: password reset": "civicdesk: відновлення пароля",
    "Staff member added.": "Працівника додано.",
    "Role saved.": "Роль збережено.",
    "Role removed.": "Роль прибрано.",
    "You cannot deactivate your own account.": "Не можна вимкнути власний обліковий запис.",
    "Account activated.": "Обліковий запис увімкнено.",
    "Account deactivated; its sessions have ended.": "Обліковий запис вимкнено; його сеанси завершено.",
    "Core": "Ядро",
    "civicdesk is already set up.": "civicdesk уже налаштовано.",
    "A central library has no parent library.": "Центральна бібліотека не має батьківської бібліотеки.",
    "A branch must belong to a library.": "Філія має належати до бібліотеки.",
    "The parent library must be in the same network.": "Батьківська бібліотека має бути в тій самій мережі.",
    "A library cannot be placed under itself or under one of its branches.":
        "Бібліотеку не можна підпорядкувати їй самій або одній з її філій.",
    "This network already has a central library.": "У цій мережі вже є центральна бібліотека.",
    "Closing time must be after opening time.": "Час закриття має бути пізніше за час відкриття.",
    "These hours overlap with %(other)s.": "Ці години перетинаються з %(other)s.",
    "A closure cannot end before it starts.": "Закриття не може закінчуватися раніше, ніж почалося.",
    "A user with this username already exists.": "Користувач з таким логіном уже існує.",
    "Choose a role from the list.": "Виберіть роль зі списку.",
    "Library network": "Мережа бібліотек",
    "website": "вебсайт",
    "parent library": "батьківська бібліотека",
    "Name of the library network": "Назва мережі бібліотек (ЦБС)",
    "For example: Sarny centralised library system": "Наприклад: Сарненська централізована бібліотечна система",
    "Central library": "Центральна бібліотека",
    "settlement": "населений пункт",
    "address": "адреса",
    "phone": "телефон",
    "e-mail": "е-пошта",
    "Administrator's username": "Логін адміністратора",
    "first name": "ім'я",
    "last name": "прізвище",
    "Administrator's e-mail": "Е-пошта адміністратора",
    "Password": "Пароль",
    "Password again": "Пароль ще раз",
    "The two passwords do not match.": "Паролі не збігаються.",
    "Branch": "Філія",
    "has a center": "має ЦОГ",
    "Enter the branch's name.": "Вкажіть назву філії.",
    "%(day)s, interval %(slot)s: opens": "%(day)s, проміжок %(slot)s: відкриття",
    "%(day)s, interval %(slot)s: closes": "%(day)s, проміжок %(slot)s: закриття",
    "Enter the closing time.": "Вкажіть час закриття.",
    "Enter the opening time.": "Вкажіть час відкриття.",
    "library": "бібліотека",
    "role": "роль",
    "At least 12 characters, not a common password.": "Щонайменше 12 символів, не поширений пароль.",
    "name": "назва",
    "created": "створено",
    "library network": "мережа бібліотек",
    "library networks": "мережі бібліотек",
    "central library": "центральна районна бібліотека",
    "branch library": "бібліотека-філія",
    "network": "мережа",
    "kind": "вид",
    "A computerised library with internet access has a center (§1.3).":
        "ЦОГ створюється в кожній комп'ютеризованій і інтернетизованій бібліотеці (§1.3).",
    "libraries": "бібліотеки",
    "A library with this name already exists in the network.": "Бібліотека з такою назвою вже є в мережі.",
    "A central library has no parent library; a branch must have one.":
        "Центральна бібліотека не має батьківської бібліотеки, а філія має її мати.",
    "Monday": "Понеділок",
    "Tuesday": "Вівторок",
    "Wednesday": "Середа",
    "Thursday": "Четвер",
    "Friday": "П'ятниця",
    "Saturday": "Субота",
    "Sunday": "Неділя",
    "weekday": "день тижня",
    "opens": "відкривається",
    "closes": "зачиняється",
    "opening hours": "години роботи",
    "holiday": "святковий день",
    "power cut": "відключення електроенергії",
    "repairs": "ремонт",
    "sanitary day": "санітарний день",
    "other": "інше",
    "reason": "причина",
    "note": "примітка",
    "recorded by": "хто вніс",
    "recorded at": "коли внесено",
    "closure": "закриття",
    "closures": "закриття",
    "director": "директор",
    "center head": "керівник структурного підрозділу",
    "consultant": "працівник ЦОГ",
    "branch librarian": "бібліотекар філії",
    "viewer": "спостерігач",
    "user": "користувач",
    "staff membership": "роль працівника",
    "staff memberships": "ролі працівників",
    "This person already has a role in this library.": "Ця людина вже має роль у цій бібліотеці.",
    "Record a closure": "Внести закриття",
    "Desk": "Робоче місце",
    "Good day, %(name)s": "Добрий день, %(name)s",
    "Closed today:": "Сьогодні зачинено:",
    "Your libraries": "Ваші бібліотеки",
    "CSC": "ЦОГ",
    "You have no role in any library yet. Ask the director.":
        "Ви ще не маєте ролі в жодній бібліотеці. Зверніться до директора.",
    "Opening hours": "Години роботи",
    "The center works the library's hours (§5.4). Use the second interval for a lunch break; leave a day empty when closed.":
        "Розпорядок роботи ЦОГ відповідає режиму роботи бібліотеки (§5.4). Другий проміжок — "
        "для обідньої перерви; вихідний день залиште порожнім.",
    "Day": "День",
    "Libraries": "Бібліотеки",
    "Edit": "Змінити",
    "Add a branch": "Додати філію",
    "yes,no": "так,ні",
    "Branches": "Філії",
    "Change": "Змінити",
    "closed": "зачинено",
    "Closures": "Закриття",
    "No closures ahead.": "Закриттів не заплановано.",
    "New branch": "Нова філія",
    "Edit: %(name)s": "Зміна: %(name)s",
    "Library": "Бібліотека",
    "yes": "так",
    "No libraries.": "Бібліотек немає.",
    "First-run setup": "Початкове налаштування",
    "Welcome to civicdesk": "Вітаємо в civicdesk",
    "Describe your library network: the central library, its branches and the administrator's account. You can change everything later.":
        "Опишіть вашу мережу бібліотек: центральну бібліотеку, її філії та обліковий запис "
        "адміністратора. Усе це можна змінити пізніше.",
    "One row per branch library; leave the rest empty. Tick 'has a center' for a branch with computers and internet.":
        "Один рядок — одна бібліотека-філія; зайві рядки залиште порожніми. Позначте «має ЦОГ» "
        "для філії з комп'ютерами та інтернетом.",
    "Administrator": "Адміністратор",
    "Set up civicdesk": "Налаштувати civicdesk",
    "civicdesk is set up. Log in with the administrator's account.":
        "civicdesk налаштовано. Увійдіть з обліковим записом адміністратора.",
    "Saved.": "Збережено.",
    "Branch added.": "Філію додано.",
    "Opening hours saved.": "Години роботи збережено.",
    "Closure recorded.": "Закриття внесено.",
    "Closure removed.": "Закриття прибрано.",
    "Public portal": "Публічний портал",
    "paid, by the price list": "платна, за прейскурантом",
    "Closed:": "Зачинено:",
    "Our services": "Наші послуги",
    "Center for serving citizens with electronic information":
        "Центр обслуговування громадян електронною інформацією",
    "An information and consulting service that helps citizens get public information in electronic form. It is a public place of access to e-government services for members of the community (§1.2, §1.4).":
        "Інформаційно-консультаційна служба, покликана задовольняти потреби громадян у "
        "публічній інформації в електронному форматі. ЦОГ ЕІ є публічним місцем доступу до "
        "послуг електронного уряду для членів територіальної громади (§1.2, §1.4).",
    "Our aim: every citizen's right of access to information, a better quality of life in the communities and the growth of e-government in the region (§2.1).":
        "Наша мета: реалізація права кожного громадянина на доступ до інформації, підвищення "
        "якості життя мешканців територіальних громад, сприяння розвитку електронного "
        "урядування в регіоні (§2.1).",
    "Every library user may use the center's services (§1.5).":
        "Послугами центру має право користуватися кожен громадянин, який є користувачем "
        "бібліотеки (§1.5).",
    "Where to find us": "Де нас знайти",
    "No centers are listed yet.": "Центрів ще не внесено.",
    "The center gives these services free of charge (§3.1); paid services follow the price list approved by the director (§3.2).":
        "ЦОГ надає ці послуги безоплатно (§3.1); платні послуги — відповідно до прейскуранта, "
        "затвердженого директором бібліотеки (§3.2).",
    "Choose a group of this network.": "Виберіть групу цієї мережі.",
    "Services of the center": "Послуги ЦОГ",
    "regulation section": "розділ Положення",
    "title": "назва",
    "position": "порядок",
    "service group": "група послуг",
    "service groups": "групи послуг",
    "This section already exists.": "Такий розділ уже є.",
    "group": "група",
    "code": "код",
    "Services from the regulation keep their code, e.g. 3.1.2.1.":
        "Послуги з Положення зберігають свій код, наприклад 3.1.2.1.",
    "text of the regulation": "текст Положення",
    "description": "опис",
    "paid": "платна",
    "Paid services are given by the price list approved by the director (§3.2).":
        "Платні послуги надаються відповідно до прейскуранта, затвердженого директором (§3.2).",
    "archived": "в архіві",
    "service": "послуга",
    "services": "послуги",
    "A service with this code already exists.": "Послуга з таким кодом уже є.",
    "A service with this name already exists.": "Послуга з такою назвою вже є.",
    "New service": "Нова послуга",
    "Edit the service": "Зміна послуги",
    "Text of the regulation": "Текст Положення",
    "Add a service": "Додати послугу",
    "The services the center gives (§3.1 of the regulation). A service already used is archived, never deleted.":
        "Послуги, які надає ЦОГ (§3.1 Положення). Послугу, яку вже надавали, не видаляють, "
        "а переносять в архів.",
    "Restore": "Повернути",
    "Archive": "В архів",
    "Delete": "Видалити",
    "No services in this group.": "У цій групі немає послуг.",
    "Service added.": "Послугу додано.",
    "Service restored.": "Послугу повернуто з архіву.",
    "Service archived.": "Послугу перенесено в архів.",
    "Service deleted.": "Послугу видалено.",
    "The service has been used, so it was archived, not deleted.":
        "Послугу вже надавали, тому її перенесено в архів, а не видалено.",
    "Ukrainian": "Українська",
    "English": "Англійська",
    "civicdesk administration": "Адміністрування civicdesk",
    "civicdesk": "civicdesk",
    "Access denied": "Доступ заборонено",
    "Your role does not allow this action. Ask the center head or the director.":
        "Ваша роль не дозволяє цієї дії. Зверніться до керівника ЦОГ або директора.",
    "Page not found": "Сторінку не знайдено",
    "The page does not exist or you have no access to it.":
        "Сторінки не існує або ви не маєте до неї доступу.",
    "To the home page": "На головну",
    "Skip to content": "Перейти до змісту",
    "Staff area": "Для працівників",
    "The center's services are free for every library user (§1.5, §3.1); only the additional services marked as paid follow the price list approved by the director (§3.2).":
        "Послуги ЦОГ безоплатні для кожного користувача бібліотеки (§1.5, §3.1); лише "
        "додаткові послуги, позначені як платні, надаються за прейскурантом, затвердженим "
        "директором (§3.2).",
    "Menu": "Меню",
    "Services": "Послуги",
    "Administration": "Адміністрування",
    "Log out": "Вийти",
    "create": "створення",
    "update": "зміна",
    "delete": "видалення",
    "access": "перегляд",
    "log entry": "запис аудиту",
    "log entries": "записи аудиту",
    "actor": "хто діяв",
    "timestamp": "час",
    "content type": "тип об'єкта",
    "object representation": "об'єкт",
    "change message": "зміни",
    "remote address": "адреса",
    "Audit log": "Журнал аудиту",
    "The card number must be %(prefix)s followed by %(digits)s digits, for example %(example)s.":
        "Номер квитка має складатися з %(prefix)s і %(digits)s цифр, наприклад %(example)s.",
    "(no prefix)": "(без префікса)",
    "A card number has 3 to 20 letters, digits or dashes.":
        "Номер квитка — від 3 до 20 літер, цифр або дефісів.",
    "Enter a year between %(a)s and %(b)s.": "Вкажіть рік від %(a)s до %(b)s.",
    "Without the patron's consent their services cannot be recorded.":
        "Без згоди користувача не можна обліковувати надані йому послуги.",
    "Patrons": "Користувачі",
    "social categories": "соціальні категорії",
    "The patron agrees that the services given to them are recorded":
        "Користувач згоден, щоб надані йому послуги обліковувалися",
    "It is another person": "Це інша людина",
    "purpose": "мета",
    "in use": "використовується",
    "social category": "соціальна категорія",
    "prefix": "префікс",
    "digits": "кількість цифр",
    "card number format": "формат номера читацького квитка",
    "card number formats": "формати номерів читацьких квитків",
    "female": "жіноча",
    "male": "чоловіча",
    "patronymic": "по батькові",
    "year of birth": "рік народження",
    "sex": "стать",
    "registered on": "дата реєстрації",
    "patron": "користувач",
    "patrons": "користувачі",
    "contacting about requests and events": "зв'язок щодо запитів і заходів",
    "registration for events and courses": "реєстрація на заходи та курси",
    "text version": "версія тексту",
    "given at": "надано",
    "withdrawn at": "відкликано",
    "text %(version)s, given %(given)s": "текст %(version)s, надано %(given)s",
    "withdrawn %(withdrawn)s": "відкликано %(withdrawn)s",
    "Withdraw": "Відкликати",
    "If it is another person, press Save again.": "Якщо це інша людина, натисніть «Зберегти» ще раз.",
    "Card number, name or phone": "Номер квитка, ім'я або телефон",
    "Consent withdrawn: this purpose is no longer processed.":
        "Згоду відкликано: для цієї мети дані більше не обробляються.",
    "A patron with this name and year of birth is already registered.":
        "Користувача з таким прізвищем, ім'ям і роком народження вже зареєстровано.",
    "This card number is already registered.": "Цей номер квитка вже зареєстровано.",
    "Choose a purpose from the list.": "Виберіть мету зі списку.",
    "registered at": "де зареєстровано",
    "library card": "читацький квиток",
    "surname": "прізвище",
    "given name": "ім'я",
    "settlement / community": "населений пункт / громада",
    "registered by": "хто зареєстрував",
    "recording the services given": "облік наданих послуг",
    "consent": "згода",
    "consents": "згоди",
    "Consents": "Згоди на обробку персональних даних",
    "No consents.": "Згод немає.",
    "Record consent": "Внести згоду",
    "Register a patron": "Зареєструвати користувача",
    "Nobody found.": "Нікого не знайдено.",
    "Register a new patron": "Зареєструвати нового користувача",
    "Patron registered.": "Користувача зареєстровано.",
    "Consent recorded.": "Згоду внесено.",
    "This field is required.": "Це поле обов'язкове.",
    "Registered: %(name)s, card %(card)s.": "Зареєстровано: %(name)s, квиток %(card)s.",
    "If it is another person, press Register again.":
        "Якщо це інша людина, натисніть «Зареєструвати» ще раз.",
    "Register": "Зареєструвати",
    "New patron": "Новий користувач",
    "Consent to the processing of personal data": "Згода на обробку персональних даних",
    "Text version": "Версія тексту",
    "Full name": "Прізвище, ім'я, по батькові",
    "Library card": "Читацький квиток",
    "Year of birth": "Рік народження",
    'Under the Law of Ukraine "On personal data protection" I agree that the library processes my personal data (name, year of birth, settlement, contacts and social category, as I give them) for these purposes:':
        "Відповідно до Закону України «Про захист персональних даних» я погоджуюся, щоб "
        "бібліотека обробляла мої персональні дані (ім'я, рік народження, населений пункт, "
        "контакти та соціальну категорію — ті, які я надаю) з такою метою:",
    "The data are kept while I use the library and anonymised after %(years)s years without use. I may see all data held on me, have them corrected, and withdraw this consent at any time; then they are no longer processed for that purpose.":
        "Дані зберігаються, поки я користуюся бібліотекою, і знеособлюються після %(years)s "
        "років без користування. Я можу ознайомитися з усіма даними про себе, вимагати їх "
        "виправлення і будь-коли відкликати цю згоду; тоді для цієї мети вони більше не "
        "обробляються.",
    "Date": "Дата",
    "Signature": "Підпис",
    "Form to sign": "Бланк для підпису",
    "Consent form to sign": "Бланк згоди для підпису",
    "register at": "зареєструвати в",
    "CSV or XLSX file": "Файл CSV або XLSX",
    "The first row names the columns. At most 10 MB.":
        "У першому рядку — назви стовпців. Не більше 10 МБ.",
    "The file is larger than 10 MB.": "Файл більший за 10 МБ.",
    "Choose a CSV or XLSX file.": "Виберіть файл CSV або XLSX.",
    "The library holds these patrons' signed consent to record the services given to them":
        "Бібліотека має підписані згоди цих користувачів на облік наданих їм послуг",
    "The file's encoding is neither UTF-8 nor Windows-1251.":
        "Файл не в кодуванні UTF-8 і не Windows-1251.",
    "The XLSX file cannot be read.": "Файл XLSX не вдається прочитати.",
    "The file has no rows under the header.": "У файлі немає рядків під заголовком.",
    "The file has more than %(n)s rows.": "У файлі більше ніж %(n)s рядків.",
    "%(field)s is empty.": "Поле «%(field)s» порожнє.",
    "The same card number as in row %(n)s.": "Такий самий номер квитка, як у рядку %(n)s.",
    "The year of birth is not a year: %(value)s": "Рік народження — не рік: %(value)s",
    "The e-mail is not valid: %(value)s": "Неправильна адреса е-пошти: %(value)s",
    "Unknown social category: %(names)s": "Невідома соціальна категорія: %(names)s",
    "The file has rows with errors; nothing was imported.":
        "У файлі є рядки з помилками; нічого не імпортовано.",
    "Import patrons": "Імпорт користувачів",
    "File %(name)s: %(total)s rows, to be registered at %(library)s.":
        "Файл %(name)s: %(total)s рядків, реєстрація в: %(library)s.",
    "The first rows of the file": "Перші рядки файлу",
    "Which column is which": "Який стовпець що містить",
    "%(n)s row has errors; nothing will be imported until it is fixed in the file.": (
        "%(n)s рядок має помилки; нічого не буде імпортовано, доки його не виправлено у файлі.",
        "%(n)s рядки мають помилки; нічого не буде імпортовано, доки їх не виправлено у файлі.",
        "%(n)s рядків мають помилки; нічого не буде імпортовано, доки їх не виправлено у файлі.",
        "%(n)s рядка мають помилки; нічого не буде імпортовано, доки їх не виправлено у файлі."),
    "Row %(n)s": "Рядок %(n)s",
    "%(n)s row is correct.": (
        "%(n)s рядок правильний.", "Усі %(n)s рядки правильні.",
        "Усі %(n)s рядків правильні.", "Усі %(n)s рядка правильні."),
    "Check the rows": "Перевірити рядки",
    "Import": "Імпортувати",
    "Another file": "Інший файл",
    "From a file exported by the library's catalogue system or a spreadsheet. Next you say which column is which and see every row checked; then all rows are imported, or none.":
        "З файлу, вивантаженого з бібліотечної програми або з електронної таблиці. Далі ви "
        "вкажете, який стовпець що містить, і побачите перевірку кожного рядка; потім "
        "імпортуються всі рядки або жоден.",
    "Next": "Далі",
    "%(n)s patrons imported.": "Імпортовано користувачів: %(n)s.",
    "Totals": "Підсумки",
    "Figure": "Показник",
    "This period": "Цей період",
    "Previous period": "Попередній період",
    "Entries": "Записів",
    "Period: %(start)s – %(end)s": "Період: %(start)s – %(end)s",
    "Statistics": "Статистика",
    "day": "день",
    "week": "тиждень",
    "month": "місяць",
    "quarter": "квартал",
    "year": "рік",
    "my dates": "свої дати",
    "period": "період",
    "date in the period": "дата в періоді",
    "libraries (none chosen: all)": "бібліотеки (не вибрано — усі)",
    "Enter the first day.": "Вкажіть перший день.",
    "Enter the last day.": "Вкажіть останній день.",
    "The last day cannot be before the first.": "Останній день не може бути раніше першого.",
    "Choose at most ten years.": "Виберіть не більше десяти років.",
    "Mon": "Пн",
    "Tue": "Вт",
    "Wed": "Ср",
    "Thu": "Чт",
    "Fri": "Пт",
    "Sat": "Сб",
    "Sun": "Нд",
    "services given (entries)": "надано послуг (записів)",
    "distinct patrons served": "обслуговано користувачів",
    "hours spent serving citizens": "годин обслуговування громадян",
    "settlement at the time of service": "населений пункт на час обслуговування",
    "journal count": "підсумок журналу",
    "journal counts": "підсумки журналу",
    "patron's month in the journal": "місяць користувача в журналі",
    "patrons' months in the journal": "місяці користувачів у журналі",
    "unmet needs recorded": "незадоволених запитів",
    "By service": "За послугами",
    "By group of services (§3.1)": "За групами послуг (§3.1)",
    "By channel": "За способом",
    "By outcome": "За результатом",
    "By social category": "За соціальними категоріями",
    "By settlement": "За населеними пунктами",
    "By staff member": "За працівниками",
    "By hour of the day": "За годинами доби",
    "By weekday": "За днями тижня",
    "Statistics of services": "Статистика послуг",
    "Show": "Показати",
    "No entries.": "Записів немає.",
    "new patrons registered": "нових користувачів",
    "Choose the patron, or say why the citizen is not identified.":
        "Виберіть користувача або вкажіть, чому громадянина не ідентифіковано.",
    "The patron has withdrawn (or not given) consent to record their services.":
        "Користувач відкликав (або не надав) згоду на облік наданих йому послуг.",
    "Choose at least one service.": "Виберіть хоча б одну послугу.",
    "Choose services from the list of this network.": "Виберіть послуги зі списку цієї мережі.",
    "The time cannot be in the future.": "Час не може бути в майбутньому.",
    "An entry can be dated at most %(days)s days back.":
        "Запис можна датувати не раніше ніж %(days)s днів тому.",
    "Say where the citizen was referred.": "Вкажіть, куди скеровано громадянина.",
    "A cancelled entry cannot be changed.": "Скасований запис не можна змінити.",
    "Say why the entry is cancelled.": "Вкажіть, чому запис скасовано.",
    "Choose what became of the request.": "Виберіть, чим завершився запит.",
    "Say what was done (a resource added, an answer found).":
        "Вкажіть, що зроблено (додано ресурс, знайдено відповідь).",
    "Service journal": "Журнал обліку послуг",
    "Patron: card, name or phone": "Користувач: квиток, ім'я або телефон",
    "Or: why the citizen is not identified": "Або: чому громадянина не ідентифіковано",
    "For example: a phone call, refused to give a name.":
        "Наприклад: телефонний дзвінок, відмовився назвати себе.",
    "social category of the citizen": "соціальна категорія громадянина",
    "channel": "спосіб",
    "duration, minutes": "тривалість, хв",
    "outcome": "результат",
    "referred to": "куди скеровано",
    "served at": "коли обслуговано",
    "Leave empty for now. An earlier time is marked as entered later.":
        "Залиште порожнім, якщо зараз. Раніший час позначається як внесений пізніше.",
    "Do not write personal data here.": "Не записуйте сюди персональні дані.",
    "unmet need": "незадоволений запит",
    "What the citizen asked for that the center could not give (§2.2).":
        "Що громадянин шукав, але ЦОГ не зміг надати (§2.2).",
    "reason for cancelling": "причина скасування",
    "what became of it": "чим завершилося",
    "what was done": "що зроблено",
    "in person": "особисто",
    "by phone": "телефоном",
    "online / video": "онлайн / відео",
    "outreach": "виїзне обслуговування",
    "resolved": "вирішено",
    "referred elsewhere": "скеровано деінде",
    "not resolved": "не вирішено",
    "new": "новий",
    "no action": "без дій",
    "staff member": "працівник",
    "why the citizen is not identified": "чому громадянина не ідентифіковано",
    "entered later": "внесено пізніше",
    "unmet need status": "стан незадоволеного запиту",
    "closed by": "хто закрив",
    "closed at": "коли закрито",
    "cancelled at": "коли скасовано",
    "cancelled by": "хто скасував",
    "journal entry": "запис у журналі обліку послуг",
    "journal entries": "записи у журналі обліку послуг",
    "unidentified citizen": "неідентифікований громадянин",
    "service in an entry": "послуга в записі",
    "services in entries": "послуги в записах",
    "Unmet needs": "Незадоволені запити",
    "The citizen is not identified": "Громадянина не ідентифіковано",
    "Save and keep for the next in the group": "Зберегти й залишити для наступного з групи",
    "Today, %(day)s": "Сьогодні, %(day)s",
    "Time": "Час",
    "Patron": "Користувач",
    "Correct": "Виправити",
    "No entries yet today.": "Сьогодні ще немає записів.",
    "Correct the entry": "Виправлення запису",
    "Cancel the entry": "Скасувати запис",
    "A cancelled entry stays in the journal with the reason and drops out of every count.":
        "Скасований запис лишається в журналі з причиною і не входить до жодних підрахунків.",
    "Requests the center could not answer: what to add to the resources (§2.2).":
        "Запити, на які ЦОГ не зміг відповісти: що додати до ресурсів (§2.2).",
    "all": "усі",
    "Nothing here.": "Тут нічого немає.",
    "No patron with this card in your libraries: choose from the list or register them.":
        "У ваших бібліотеках немає користувача з таким квитком: виберіть зі списку або "
        "зареєструйте.",
    "Recorded: %(entry)s.": "Внесено: %(entry)s.",
    "The entry is cancelled; it no longer counts.": "Запис скасовано; він більше не враховується.",
    "Journal": "Журнал",
    "Card number of the duplicate record": "Номер квитка запису-дубліката",
    "Merge a duplicate": "Об'єднати з дублікатом",
    "The record that stays: <strong>%(name)s</strong>, card %(card)s. Everything held on the duplicate moves to it, and the duplicate is removed.":
        "Запис, який залишається: <strong>%(name)s</strong>, квиток %(card)s. Усе, що є в "
        "дублікаті, переходить до нього, а дублікат вилучається.",
    "Duplicate: <strong>%(name)s</strong>, %(year)s, card %(card)s, %(library)s.":
        "Дублікат: <strong>%(name)s</strong>, %(year)s, квиток %(card)s, %(library)s.",
    "Merge the records": "Об'єднати записи",
    "Find": "Знайти",
    "No patron with this card number in your libraries.":
        "У ваших бібліотеках немає користувача з таким номером квитка.",
    "This is the same record.": "Це той самий запис.",
    "The records are merged.": "Записи об'єднано.",
    "anonymised at": "знеособлено",
    "All data on the patron": "Усі дані про користувача",
    'Law of Ukraine "On personal data protection": the right of the person to know what is held on them. Print this page or save it as PDF.':
        "Закон України «Про захист персональних даних»: право суб'єкта знати, які дані про "
        "нього зберігаються. Надрукуйте цю сторінку або збережіть її як PDF.",
    # --- resources (issue 4) ---
    "patron's month or year in the journal": "місяць або рік користувача в журналі",
    "patrons' months and years in the journal": "місяці й роки користувачів у журналі",
    "Find an e-government service or resource": "Знайти електронну послугу чи ресурс",
    "All e-government resources": "Усі ресурси електронного урядування",
    'This address is already in the catalog: <a href="{}">{}</a>.':
        'Ця адреса вже є в каталозі: <a href="{}">{}</a>.',
    "Choose at least one category.": "Виберіть хоча б одну категорію.",
    "The checker has not proposed a new address.": "Перевірка не запропонувала нової адреси.",
    "Between 1 and 365 days.": "Від 1 до 365 днів.",
    "Resource added to the catalog: %(title)s": "До каталогу додано ресурс: %(title)s",
    "E-resources catalog": "Каталог електронних ресурсів",
    "e-resources used": "використані електронні ресурси",
    "Hold Ctrl to pick several.": "Утримуйте Ctrl, щоб вибрати кілька.",
    "address (URL)": "адреса (URL)",
    "do not report for, days": "не показувати у звіті, днів",
    "file": "файл",
    "CSV or XLSX (columns: title, url, description, categories, level, owner, keywords), JSON exported from civicdesk, or a browser bookmarks file (HTML).":
        "CSV або XLSX (стовпці: title, url, description, categories, level, owner, keywords), "
        "JSON, вивантажений з civicdesk, або файл закладок браузера (HTML).",
    "e-resources added to the catalog": "додано електронних ресурсів до каталогу",
    "e-resources used at the desk": "використано електронних ресурсів під час обслуговування",
    "links checked": "перевірено посилань",
    "resource category": "категорія ресурсів",
    "resource categories": "категорії ресурсів",
    "national": "державний",
    "regional": "регіональний",
    "local": "місцевий",
    "not checked yet": "ще не перевірено",
    "works": "працює",
    "moved to a new address": "переїхав на нову адресу",
    "failed once": "одна невдала перевірка",
    "broken": "не працює",
    "short description": "короткий опис",
    "categories": "категорії",
    "level": "рівень",
    "for whom": "для кого",
    "owning organisation": "власник ресурсу",
    "keywords and other names": "ключові слова та інші назви",
    "Words citizens use for it, separated by commas: «пенсія, ПФУ».":
        "Слова, якими його називають відвідувачі, через кому: «пенсія, ПФУ».",
    "looked after by": "відповідальний працівник",
    "featured": "рекомендований",
    "marked new until": "позначка «нове» до",
    "added": "додано",
    "confirmed by a person": "підтверджено працівником",
    "confirmed by": "хто підтвердив",
    "link": "посилання",
    "last checked": "остання перевірка",
    "last check": "остання перевірка",
    "proposed new address": "запропонована нова адреса",
    "not reported until": "не показувати у звіті до",
    "opened from the portal": "відкрито з порталу",
    "e-resource": "електронний ресурс",
    "e-resources": "електронні ресурси",
    "This address is already in the catalog.": "Ця адреса вже є в каталозі.",
    "used at the desk": "використано під час обслуговування",
    "use of a resource": "використання ресурсу",
    "uses of resources": "використання ресурсів",
    "resource used in an entry": "ресурс, використаний у записі",
    "resources used in entries": "ресурси, використані в записах",
    "link check": "перевірка посилання",
    "link checks": "перевірки посилань",
    "resource added": "ресурс додано",
    "searched for": "що шукали",
    "times searched": "скільки разів шукали",
    "first searched": "уперше шукали",
    "last searched": "востаннє шукали",
    "status": "стан",
    "search with no result": "пошук без результату",
    "searches with no result": "пошуки без результату",
    "moved permanently": "переїхав назавжди",
    "page not found (404, 410)": "сторінку не знайдено (404, 410)",
    "site error (5xx)": "помилка сайту (5xx)",
    "refused by the site (4xx)": "сайт відмовив (4xx)",
    "site asks to come back later (429, 503)": "сайт просить звернутися пізніше (429, 503)",
    "no answer in time": "немає відповіді вчасно",
    "no such site name (DNS)": "такого імені сайту немає (DNS)",
    "connection refused": "з'єднання відхилено",
    "certificate or encryption error (TLS)": "помилка сертифіката чи шифрування (TLS)",
    "connection dropped": "з'єднання обірвалося",
    "redirects in a circle": "переадресація по колу",
    "too many redirects": "забагато переадресацій",
    "page says it is not found": "сторінка повідомляє, що її не знайдено",
    "private address, not checked": "внутрішня адреса, не перевіряється",
    "not a valid address": "неправильна адреса",
    "opened": "відкрито",
    "ms": "мс",
    "Accept the new address": "Прийняти нову адресу",
    "Dismiss for 30 days": "Не показувати 30 днів",
    "Confirm it is current": "Підтвердити, що актуальний",
    "Check now": "Перевірити зараз",
    "The site has moved permanently to": "Сайт назавжди переїхав на",
    "used": "використання",
    "in %(e)s journal entries; opened from the portal %(p)s times":
        "у записах журналу: %(e)s; відкрито з порталу: %(p)s",
    "Do not report": "Не показувати у звіті",
    "Use by month": "Використання за місяцями",
    "Not used yet.": "Ще не використовувався.",
    "Link checks": "Перевірки посилань",
    "Address": "Адреса",
    "Result": "Результат",
    "Not checked yet.": "Ще не перевірявся.",
    "New resource": "Новий ресурс",
    "Edit the resource": "Редагувати ресурс",
    "From a search with no result": "З пошуку без результату",
    "%(n)s time": ("%(n)s раз", "%(n)s рази", "%(n)s разів", "%(n)s разу"),
    "From an unmet need": "З незадоволеного запиту",
    "Import resources": "Завантажити ресурси з файлу",
    "%(n)s row has errors; fix the file and upload it again. Nothing was added.": (
        "%(n)s рядок має помилки; виправте файл і завантажте його знову. Нічого не додано.",
        "%(n)s рядки мають помилки; виправте файл і завантажте його знову. Нічого не додано.",
        "%(n)s рядків мають помилки; виправте файл і завантажте його знову. Нічого не додано.",
        "%(n)s рядка мають помилки; виправте файл і завантажте його знову. Нічого не додано."),
    "Row": "Рядок",
    "Errors": "Помилки",
    "%(n)s resource is ready to be added.": (
        "%(n)s ресурс готовий до додавання.", "%(n)s ресурси готові до додавання.",
        "%(n)s ресурсів готові до додавання.", "%(n)s ресурсу готові до додавання."),
    "Add them all": "Додати всі",
    "Check the file": "Перевірити файл",
    "E-resources": "Е-ресурси",
    "Add a resource": "Додати ресурс",
    "Link report": "Звіт про посилання",
    "Suggestions": "Пропозиції",
    "Export": "Вивантажити",
    "Bookmarks for the public PCs (HTML)": "Закладки для комп'ютерів відвідувачів (HTML)",
    "Links to the information resources the center gives access to (§2.2, §3.1.1). Change an address here and it changes everywhere it is used.":
        "Посилання на інформаційні ресурси, до яких центр надає доступ (§2.2, §3.1.1). Змініть "
        "адресу тут — і вона зміниться всюди, де використовується.",
    "Search": "Пошук",
    "category": "категорія",
    "archived only": "лише архівні",
    "E-government resources": "Ресурси електронного урядування",
    "Links to state and regional services online, chosen and checked by the center. Ask a consultant if you need help.":
        "Посилання на державні та регіональні послуги онлайн, дібрані й перевірені центром. "
        "Якщо потрібна допомога — зверніться до консультанта.",
    "What are you looking for?": "Що ви шукаєте?",
    "Nothing found. We have noted your request and will look for a resource; a consultant can help you now.":
        "Нічого не знайдено. Ми записали ваш запит і пошукаємо ресурс; консультант може "
        "допомогти вам уже зараз.",
    "Check all now": "Перевірити всі зараз",
    "Last check: %(when)s.": "Остання перевірка: %(when)s.",
    "The links have not been checked yet.": "Посилання ще не перевірялися.",
    "A link is reported broken after two checks in a row failed.":
        "Посилання вважається непрацюючим після двох невдалих перевірок поспіль.",
    "Broken": "Не працюють",
    "No broken links.": "Непрацюючих посилань немає.",
    "Moved to a new address": "Переїхали на нову адресу",
    "No moved sites.": "Сайтів, що переїхали, немає.",
    "Slow": "Повільні",
    "No slow sites.": "Повільних сайтів немає.",
    "Due for review: no person has confirmed them for half a year":
        "Час переглянути: ніхто не підтверджував їх пів року",
    "Everything has been confirmed recently.": "Усе підтверджено нещодавно.",
    "Suggestions for the catalog": "Пропозиції до каталогу",
    "What citizens needed and the catalog did not have (§2.2): unmet needs from the journal and portal searches that found nothing. Add a resource and the suggestion is closed.":
        "Чого потребували громадяни і чого не було в каталозі (§2.2): незадоволені запити з "
        "журналу та пошуки на порталі без результату. Додайте ресурс — і пропозицію закрито.",
    "Unmet needs in the journal": "Незадоволені запити в журналі",
    "Create a resource from this": "Створити ресурс за цим запитом",
    "No open unmet needs.": "Відкритих незадоволених запитів немає.",
    "Portal searches with no result": "Пошуки на порталі без результату",
    "No action": "Без дій",
    "No searches without a result.": "Пошуків без результату немає.",
    "There are no links in this bookmarks file.": "У цьому файлі закладок немає посилань.",
    "This is not a catalog exported as JSON.": "Це не каталог, вивантажений у JSON.",
    "The first row must name the columns; «title» and «url» are needed.":
        "Перший рядок має називати стовпці; потрібні «title» і «url».",
    "No title.": "Немає назви.",
    "The title is longer than 200 characters.": "Назва довша за 200 символів.",
    "«%(field)s» is longer than %(n)s characters.": "«%(field)s» довше за %(n)s символів.",
    "Already in the catalog as «%(title)s».": "Уже є в каталозі як «%(title)s».",
    "The same address as row %(n)s.": "Та сама адреса, що й у рядку %(n)s.",
    "Unknown level «%(level)s»: national, regional or local.":
        "Невідомий рівень «%(level)s»: national, regional або local.",
    "Fix the rows with errors first: nothing was added.":
        "Спершу виправте рядки з помилками: нічого не додано.",
    "Enter the address.": "Вкажіть адресу.",
    "Only web addresses (http:// or https://) can be in the catalog, not «%(scheme)s:».":
        "У каталозі можуть бути лише вебадреси (http:// або https://), не «%(scheme)s:».",
    "The address is too long (at most 500 characters).": "Адреса задовга (не більше 500 символів).",
    "This is not a valid web address.": "Це не є правильною вебадресою.",
    "Added to the catalog.": "Додано до каталогу.",
    "Confirmed as current.": "Підтверджено як актуальний.",
    "Archived.": "Перенесено до архіву.",
    "Back in the catalog.": "Повернуто до каталогу.",
    "The new address is saved.": "Нову адресу збережено.",
    "Not reported until %(day)s.": "Не показуватиметься у звіті до %(day)s.",
    "The check has started; the result will appear here in a minute.":
        "Перевірку розпочато; результат з'явиться тут за хвилину.",
    "Checking %(n)s resources; the report fills in as the answers come.":
        "Перевіряємо ресурсів: %(n)s; звіт заповнюється в міру відповідей.",
    "Upload the file again.": "Завантажте файл ще раз.",
    "Added %(n)s resources.": "Додано ресурсів: %(n)s.",
    # documents: text extraction and bulk import
    "The file is larger than %(n)s MB.": "Файл більший за %(n)s МБ.",
    "Unknown file type «%(ext)s»: choose PDF, DOCX, ODT, RTF, HTML or TXT.":
        "Невідомий тип файлу «%(ext)s»: оберіть PDF, DOCX, ODT, RTF, HTML або TXT.",
    "The archive unpacks to more than %(n)s MB or is compressed suspiciously strongly; it is refused as a possible ZIP bomb.":
        "Архів розпаковується у понад %(n)s МБ або стиснутий підозріло сильно; його відхилено "
        "як можливу ZIP-бомбу.",
    "The archive contains a file with an unsafe name: «%(name)s».":
        "Архів містить файл з небезпечною назвою: «%(name)s».",
    "The %(kind)s file cannot be read: it is damaged or is not a %(kind)s file.":
        "Файл %(kind)s не вдається прочитати: він пошкоджений або не є файлом %(kind)s.",
    "This is not a PDF file, or it is damaged.": "Це не PDF-файл, або він пошкоджений.",
    "The PDF is protected with a password: save it without the password and upload it again.":
        "PDF захищений паролем: збережіть його без пароля і завантажте ще раз.",
    "The PDF has no text layer (a scan): type the text or correct it.":
        "PDF не має текстового шару (це скан): наберіть або виправте текст.",
    "%(n)s of %(total)s pages have no text (scanned pages?).":
        "%(n)s з %(total)s сторінок не мають тексту (скановані сторінки?).",
    "The document contains macros (a .docm file or a VBA project): save it as an ordinary document without macros and upload it again.":
        "Документ містить макроси (файл .docm або проєкт VBA): збережіть його як звичайний "
        "документ без макросів і завантажте ще раз.",
    "This is not a text file, or its encoding is neither UTF-8, UTF-16 nor Windows-1251.":
        "Це не текстовий файл, або його кодування не UTF-8, UTF-16 і не Windows-1251.",
    "import into": "куди імпортувати",
    "ZIP of documents": "ZIP з документами",
    "PDF, DOCX, ODT, RTF, HTML or TXT files with metadata.csv inside (columns: file, kind, level, issuer, number, adopted_on, title, status, in_force_from, lost_force_on, source_url, territory, tags, published); the administrator may also upload a legislation corpus (.jsonl.gz).":
        "Файли PDF, DOCX, ODT, RTF, HTML або TXT і metadata.csv у тому самому ZIP (стовпці: "
        "файл, вид, рівень, орган, номер, дата прийняття, назва, статус, чинний з, втратив "
        "чинність, джерело, територія, теги, опубліковано — назви англійською теж годяться); "
        "адміністратор може завантажити й корпус законодавства (.jsonl.gz).",
    "metadata table": "таблиця метаданих",
    "CSV or XLSX, when it is not inside the ZIP.": "CSV або XLSX, якщо її немає в ZIP.",
    "state acts shared by every network": "державні акти, спільні для всіх мереж",
    "Choose a ZIP file (or a legislation corpus, .jsonl.gz).":
        "Оберіть файл ZIP (або корпус законодавства, .jsonl.gz).",
    "A legislation corpus goes into the state acts shared by every network (the administrator's).":
        "Корпус законодавства імпортується до державних актів, спільних для всіх мереж "
        "(це робить адміністратор).",
    "A ZIP of documents goes into a network.": "ZIP з документами імпортується до мережі.",
    "The metadata table has no column «%(columns)s»; the first row must name the columns (file, title, kind, number, adopted_on, …).":
        "У таблиці метаданих немає стовпця «%(columns)s»; перший рядок має називати стовпці "
        "(файл, назва, вид, номер, дата прийняття, …).",
    "The ZIP file cannot be read: it is damaged or is not a ZIP file.":
        "Файл ZIP не вдається прочитати: він пошкоджений або не є файлом ZIP.",
    "The ZIP has no metadata.csv: put it into the ZIP or upload the table (CSV or XLSX) next to the ZIP.":
        "У ZIP немає metadata.csv: додайте його до ZIP або завантажте таблицю (CSV чи XLSX) "
        "разом із ZIP.",
    "Unknown kind «%(value)s»: law, code, decree, resolution, order, council, executive, program, plan, regulation or other.":
        "Невідомий вид «%(value)s»: law, code, decree, resolution, order, council, executive, "
        "program, plan, regulation або other.",
    "Unknown level «%(value)s»: state, regional or local.":
        "Невідомий рівень «%(value)s»: державний, регіональний або місцевий.",
    "Unknown status «%(value)s»: in force, lost force or draft.":
        "Невідомий статус «%(value)s»: чинний, втратив чинність або проєкт.",
    "Unknown collection «%(value)s»: acts or center.":
        "Невідома збірка «%(value)s»: акти або власні документи центру.",
    "«%(value)s» is not a date (ДД.ММ.РРРР or YYYY-MM-DD).":
        "«%(value)s» не є датою (ДД.ММ.РРРР або РРРР-ММ-ДД).",
    "«%(value)s» in «published»: write так or ні.": "«%(value)s» у стовпці «опубліковано»: напишіть так або ні.",
    "«%(value)s» is not a web address.": "«%(value)s» не є вебадресою.",
    "Number %(number)s is already in the library.": "Номер %(number)s уже є в бібліотеці документів.",
    "The same number as row %(n)s.": "Той самий номер, що й у рядку %(n)s.",
    "No file named in the «file» column.": "У стовпці «файл» не вказано файл.",
    "The file «%(name)s» is not in the ZIP.": "Файлу «%(name)s» немає в ZIP.",
    "The same file as row %(n)s.": "Той самий файл, що й у рядку %(n)s.",
    "Line %(n)s is not an act in the corpus format.": "Рядок %(n)s не є актом у форматі корпусу.",
    "The corpus file cannot be read: %(error)s": "Файл корпусу не вдається прочитати: %(error)s",
    "Act No. %(number)s": "Акт № %(number)s",
    "unknown status «%(value)s»": "невідомий статус «%(value)s»",
    "«%(value)s» is not a date": "«%(value)s» не є датою",
    "The import stopped on an unexpected error: %(error)s":
        "Імпорт зупинився через неочікувану помилку: %(error)s",
    "The corpus file has no acts.": "У файлі корпусу немає актів.",
    "Import documents": "Імпорт документів",
    "A ZIP of files with a metadata table: every row is checked first, then all documents are added in the background, or none if any row has an error.":
        "ZIP з файлами і таблицею метаданих: спершу перевіряється кожен рядок, потім усі "
        "документи додаються у фоновому режимі — або жоден, якщо хоч один рядок має помилку.",
    "%(n)s row has errors; fix the table or the ZIP and upload it again. Nothing was added.": (
        "%(n)s рядок має помилки; виправте таблицю чи ZIP і завантажте ще раз. Нічого не додано.",
        "%(n)s рядки мають помилки; виправте таблицю чи ZIP і завантажте ще раз. Нічого не додано.",
        "%(n)s рядків мають помилки; виправте таблицю чи ZIP і завантажте ще раз. Нічого не додано.",
        "%(n)s рядка мають помилки; виправте таблицю чи ZIP і завантажте ще раз. Нічого не додано."),
    "File": "Файл",
    "Title": "Назва",
    "%(n)s document is ready to be imported.": (
        "%(n)s документ готовий до імпорту.", "%(n)s документи готові до імпорту.",
        "%(n)s документів готові до імпорту.", "%(n)s документа готові до імпорту."),
    "Number": "Номер",
    "Date adopted": "Дата прийняття",
    "Files in the ZIP that no row names (they are not imported):":
        "Файли в ZIP, яких не названо в жодному рядку (їх не імпортовано):",
    "Import them all": "Імпортувати всі",
    "The corpus holds %(n)s act.": (
        "Корпус містить %(n)s акт.", "Корпус містить %(n)s акти.", "Корпус містить %(n)s актів.",
        "Корпус містить %(n)s акта."),
    "Acts already in the library (same number) are skipped.":
        "Акти, які вже є в бібліотеці (той самий номер), пропускаються.",
    "Articles": "Статті",
    "Import the corpus": "Імпортувати корпус",
    "Check the files": "Перевірити файли",
    "Recent imports": "Останні імпорти",
    "Import of documents": "Імпорт документів",
    "Import more documents": "Імпортувати ще документи",
    "%(done)s of %(total)s": "%(done)s з %(total)s",
    "Imported %(n)s new document": (
        "Імпортовано %(n)s новий документ", "Імпортовано %(n)s нових документи",
        "Імпортовано %(n)s нових документів", "Імпортовано %(n)s нового документа"),
    "%(n)s replaced": ("%(n)s замінено", "%(n)s замінено", "%(n)s замінено", "%(n)s замінено"),
    "%(n)s already in the library": (
        "%(n)s уже був у бібліотеці", "%(n)s уже були в бібліотеці",
        "%(n)s уже були в бібліотеці", "%(n)s уже були в бібліотеці"),
    "%(n)s article": ("%(n)s стаття", "%(n)s статті", "%(n)s статей", "%(n)s статті"),
    "Check these": "Перевірте",
    "Nothing was imported.": "Нічого не імпортовано.",
    "%(n)s error:": ("%(n)s помилка:", "%(n)s помилки:", "%(n)s помилок:", "%(n)s помилки:"),
}


def main() -> int:
    here = Path(__file__).resolve().parent / "uk" / "LC_MESSAGES"
    po = polib.pofile(str(here / "django.po"))
    missing = []
    for entry in po:
        if entry.msgid in UK:
            value = UK[entry.msgid]
            if entry.msgid_plural:
                # Ukrainian has four forms: one, few (2-4), many, fractions.
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not (entry.msgstr or any(entry.msgstr_plural.values())) or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    po.metadata["Language"] = "uk"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata["Plural-Forms"] = (
        "nplurals=4; plural=(n % 1 != 0 ? 3 : n % 10 == 1 && n % 100 != 11 ? 0 : "
        "n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2);"
    )
    po.save()
    po.save_as_mofile(str(here / "django.mo"))
    for msgid in missing:
        print("untranslated:", msgid)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
