"""Persian news templates: press releases, critical reports, responses, meetings, interviews.

Each template returns a `Draft` naming exactly which agencies it mentions and the tone toward each,
which becomes the corpus ground truth. Topic phrases are per kind of agency (water, power, health …).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sanjeh.synth.province import CITIES, AgencySpec, OfficialSpec
from sanjeh.text.digits import to_persian_digits

EVENTS = {
    "water": (
        "بهره‌برداری از طرح آبرسانی به {n} روستای شهرستان {city}",
        "اصلاح {n} کیلومتر از شبکه فرسوده آب {city}",
    ),
    "power": (
        "نوسازی {n} کیلومتر از شبکه توزیع برق شهرستان {city}",
        "نصب {n} دستگاه ترانسفورماتور جدید در {city}",
    ),
    "gas": ("گازرسانی به {n} روستای شهرستان {city}", "بهره‌برداری از ایستگاه تقلیل فشار گاز در {city}"),
    "telecom": (
        "راه‌اندازی اینترنت پرسرعت در {n} روستای شهرستان {city}",
        "افتتاح {n} سایت جدید تلفن همراه در {city}",
    ),
    "health": (
        "افتتاح بخش جدید دیالیز بیمارستان {city} با {n} تخت",
        "اعزام {n} پزشک متخصص به شهرستان {city}",
    ),
    "welfare": ("تحویل {n} واحد مسکن به مددجویان شهرستان {city}", "افتتاح {n} مرکز مشاوره خانواده در {city}"),
    "relief": (
        "برگزاری مانور امداد و نجات با حضور {n} نیروی داوطلب در {city}",
        "توزیع {n} بسته معیشتی در {city}",
    ),
    "roads": (
        "بهره‌برداری از {n} کیلومتر راه روستایی در شهرستان {city}",
        "بهسازی محور {city} به طول {n} کیلومتر",
    ),
    "agriculture": (
        "خرید تضمینی {n} هزار تن گندم از کشاورزان {city}",
        "اجرای طرح آبخیزداری در {n} هکتار از اراضی {city}",
    ),
    "industry": (
        "راه‌اندازی {n} واحد تولیدی راکد در شهرک صنعتی {city}",
        "صدور {n} پروانه بهره‌برداری در {city}",
    ),
    "bank": ("پرداخت {n} میلیارد تومان تسهیلات اشتغال در {city}", "افتتاح {n} باجه خدمات نوین در {city}"),
    "fuel": ("افتتاح {n} جایگاه جدید سوخت‌رسانی در {city}", "ذخیره‌سازی {n} میلیون لیتر نفت سفید در {city}"),
    "education": (
        "افتتاح {n} مدرسه جدید در شهرستان {city}",
        "برگزاری جشنواره نوجوان خوارزمی با {n} اثر در {city}",
    ),
    "culture": (
        "برگزاری جشنواره فرهنگی با حضور {n} هنرمند در {city}",
        "افتتاح {n} کتابخانه روستایی در {city}",
    ),
    "governance": (
        "رسیدگی به {n} پرونده در میز خدمت شهرستان {city}",
        "راه‌اندازی {n} دفتر خدمات الکترونیک در {city}",
    ),
    "urban": ("آسفالت {n} هزار متر مربع از معابر {city}", "افتتاح بوستان محله‌ای با {n} هکتار وسعت در {city}"),
}
PROBLEMS = {
    "water": "قطعی مکرر آب",
    "power": "خاموشی‌های بی‌برنامه",
    "gas": "افت فشار گاز",
    "telecom": "قطعی و کندی اینترنت",
    "health": "کمبود پزشک متخصص",
    "welfare": "تأخیر در پرداخت مستمری مددجویان",
    "relief": "کمبود امکانات امدادی",
    "roads": "تخریب جاده‌های روستایی",
    "agriculture": "تأخیر در پرداخت مطالبات گندمکاران",
    "industry": "تعطیلی واحدهای تولیدی",
    "bank": "صف‌های طولانی و اختلال در سامانه",
    "fuel": "کمبود نفت سفید",
    "education": "کمبود معلم",
    "culture": "تعطیلی مراکز فرهنگی",
    "governance": "کندی رسیدگی به پرونده‌ها",
    "urban": "انباشت زباله در معابر",
}
PRAISE = (
    "این اقدام با همکاری همکاران پرتلاش این مجموعه و حمایت مسئولان استان محقق شد.",
    "تلاش شبانه‌روزی همکاران در این بخش شایسته تقدیر است.",
    "این طرح گام مهمی در افزایش رضایت مردم و بهبود خدمات به شمار می‌رود.",
)
CITIZEN_COMPLAINTS = (
    "چند هفته است که این مشکل ادامه دارد و هیچ مسئولی پاسخگو نیست",
    "بارها تماس گرفته‌ایم اما عدم پاسخگویی مسئولان باعث نارضایتی همه اهالی شده است",
    "وضعیت اصلاً مطلوب نیست و مردم از این وضع خسته شده‌اند",
)
DETAILS = (
    "بر اساس این گزارش، {n} نفر از کارشناسان در اجرای این برنامه مشارکت داشته‌اند.",
    "پیش از این نیز {n} طرح مشابه در شهرستان {city} اجرا شده بود.",
    "اعتبار این بخش از محل منابع استانی و ملی به میزان {n} میلیارد ریال تأمین شده است.",
    "این برنامه در {n} مرحله و با نظارت دستگاه‌های مسئول در {city} دنبال می‌شود.",
    "شهروندان {city} می‌توانند پرسش‌های خود را از طریق سامانه ۱۱۱ و شماره {n} مطرح کنند.",
    "در نشست روز {weekday} گذشته نیز گزارشی از روند کار به شورای اداری {city} ارائه شد.",
    "طبق آمار رسمی، {n} درصد از خانوارهای منطقه از این خدمات بهره‌مند می‌شوند.",
    "فرماندار {city} نیز در این مراسم بر لزوم تسریع در تکمیل طرح‌های نیمه‌تمام تأکید کرد.",
    "بیش از {n} خانوار روستایی در بخش‌های مرکزی و کوهستانی {city} از نتایج این اقدام سود می‌برند.",
    "زمان‌بندی اجرای مرحله بعد تا پایان فصل جاری و با همکاری بخش خصوصی تعیین شده است.",
    "گزارش تصویری این برنامه در صفحه رسمی دستگاه در پیام‌رسان‌های داخلی منتشر شده است.",
    "کارشناسان پیش‌بینی می‌کنند در {n} ماه آینده شاخص‌های خدمات در {city} بهبود یابد.",
    "هم‌زمان با این برنامه، {n} جلسه آموزشی برای کارکنان و شهروندان برگزار شد.",
    "بازدید میدانی از {n} نقطه پرتردد شهر {city} نیز در دستور کار قرار گرفت.",
)
WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه")
SPEECH_VERBS = ("گفت", "اظهار داشت", "تصریح کرد", "افزود", "خاطرنشان کرد", "بیان کرد")


@dataclass
class Draft:
    kind: str
    title: str
    kicker: str | None
    lead: str
    paragraphs: list[str]
    tones: dict[str, str]  # agency code → positive | neutral | negative
    from_pr: str | None = None  # agency code when the text is a PR office's own release
    speakers: list[str] = field(default_factory=list)


def fa(number: int) -> str:
    """Persian digits, as provincial news writes numbers."""
    return to_persian_digits(str(number))


def _who(official: OfficialSpec) -> str:
    return f"{official.honorific} {official.person}".strip()


def details(rng: random.Random, city: str, count: int) -> list[str]:
    """A few distinct factual sentences: what makes two stories from one template different texts."""
    return [
        d.format(n=fa(rng.randint(2, 400)), city=city, weekday=rng.choice(WEEKDAYS))
        for d in rng.sample(DETAILS, count)
    ]


def _topic_event(rng: random.Random, agency: AgencySpec) -> tuple[str, str]:
    city = rng.choice(CITIES)
    event = rng.choice(EVENTS[agency.topic]).format(n=fa(rng.randint(3, 60)), city=city)
    return event, city


def press_release(rng: random.Random, agency: AgencySpec, head: OfficialSpec) -> Draft:
    event, city = _topic_event(rng, agency)
    role = f"{agency.head_title} {agency.short}"
    verb1, verb2 = rng.sample(SPEECH_VERBS, 2)
    lead = (
        f"{role} از {event} خبر داد و {verb1}: این طرح با هدف ارتقای کیفیت خدمات به مردم "
        f"شهرستان {city} اجرا شده است."
    )
    body = [
        f"{_who(head)} که در آیین {event.split(' ')[0]} این طرح سخن می‌گفت، با اشاره به اینکه اعتبار این طرح "
        f"{fa(rng.randint(5, 90))} میلیارد ریال بوده است، {verb2}: {rng.choice(PRAISE)}",
        f"وی افزود: در سال جاری {fa(rng.randint(4, 30))} طرح دیگر نیز در دست اجراست "
        "که بخش عمده آن تا پایان سال به بهره‌برداری می‌رسد.",
        *details(rng, city, rng.randint(2, 4)),
        f"{role} همچنین از همکاری رسانه‌های استان در اطلاع‌رسانی این طرح‌ها قدردانی کرد.",
    ]
    return Draft(
        "press_release",
        f"{event} با حضور {role}",
        f"{role}:" if rng.random() < 0.4 else None,
        lead,
        body,
        {agency.code: "positive"},
        from_pr=agency.code,
        speakers=[head.person],
    )


def critical_report(rng: random.Random, agency: AgencySpec, head: OfficialSpec) -> Draft:
    city = rng.choice(CITIES)
    problem = PROBLEMS[agency.topic]
    lead = (
        f"ساکنان شهرستان {city} از {problem} گلایه دارند و می‌گویند {agency.short} "
        "پاسخ روشنی به مشکلات آنان نداده است."
    )
    body = [
        f"یکی از شهروندان {city} گفت: {rng.choice(CITIZEN_COMPLAINTS)}.",
        f"شهروند دیگری افزود: {rng.choice(CITIZEN_COMPLAINTS)}.",
        f"پیگیری‌های خبرنگار ما برای دریافت پاسخ از {agency.short} تا لحظه تنظیم این گزارش به نتیجه نرسید و "
        "عدم پاسخگویی این دستگاه، نارضایتی مردم را بیشتر کرده است.",
        *details(rng, city, rng.randint(2, 3)),
    ]
    return Draft(
        "critical_report", f"نارضایتی مردم {city} از {problem}", None, lead, body, {agency.code: "negative"}
    )


def response(rng: random.Random, agency: AgencySpec, pr: OfficialSpec, about: Draft) -> Draft:
    problem = about.title.removeprefix("نارضایتی مردم ").split(" از ", 1)[-1]
    verb = rng.choice(SPEECH_VERBS)
    lead = f"روابط عمومی {agency.short} در پاسخ به گزارش منتشرشده درباره {problem} توضیحاتی ارائه کرد."
    body = [
        f"{_who(pr)}، {pr.role_title} {agency.short} {verb}: کارشناسان این دستگاه از روز گذشته در محل حاضر "
        "شده‌اند و عملیات رفع مشکل آغاز شده است.",
        "وی افزود: پیش‌بینی می‌شود مشکل تا پایان هفته به‌طور کامل برطرف شود و از صبر و همراهی شهروندان "
        "قدردانی می‌کنیم.",
        *details(rng, rng.choice(CITIES), rng.randint(1, 3)),
    ]
    return Draft(
        "response",
        f"پاسخ {agency.short} به گزارش {problem}",
        None,
        lead,
        body,
        {agency.code: "neutral"},
        from_pr=agency.code,
        speakers=[pr.person],
    )


def meeting(
    rng: random.Random, governor: OfficialSpec, others: list[tuple[AgencySpec, OfficialSpec]]
) -> Draft:
    names = "، ".join(a.short for a, _ in others)
    city = rng.choice(CITIES)
    lead = (
        f"نشست هماهنگی خدمات‌رسانی در شهرستان {city} با حضور استاندار لرستان و مدیران {names} "
        "در محل استانداری لرستان برگزار شد."
    )
    body = [
        f"استاندار لرستان در این نشست {rng.choice(SPEECH_VERBS)}: هماهنگی میان دستگاه‌ها شرط اصلی "
        "تسریع در اجرای طرح‌های عمرانی است."
    ]
    for agency, head in others:
        event, _ = _topic_event(rng, agency)
        body.append(
            f"در ادامه {_who(head)}، {agency.head_title} {agency.short} گزارشی از روند {event} ارائه کرد."
        )
    body.extend(details(rng, city, rng.randint(1, 3)))
    tones = {"governorate": "neutral", **{a.code: "neutral" for a, _ in others}}
    speakers = [governor.person, *(h.person for _, h in others)]
    return Draft(
        "meeting", f"نشست هماهنگی خدمات‌رسانی در {city} برگزار شد", None, lead, body, tones, speakers=speakers
    )


def interview(rng: random.Random, agency: AgencySpec, head: OfficialSpec) -> Draft:
    event, city = _topic_event(rng, agency)
    lead = (
        f"{_who(head)}، {agency.head_title} {agency.short} در گفت‌وگو با خبرنگار ما "
        "از برنامه‌های این دستگاه گفت."
    )
    body = [
        "خبرنگار: مهم‌ترین برنامه امسال چیست؟",
        f"{head.person}: {event} مهم‌ترین برنامه ماست و امیدواریم با حمایت استان به‌موقع انجام شود.",
        "خبرنگار: برای پاسخگویی به مردم چه کرده‌اید؟",
        f"{head.person}: سامانه پاسخگویی را تقویت کرده‌ایم و همکاران ما در {city} به‌طور مستقیم با مردم "
        "در ارتباط هستند.",
        "خبرنگار: برنامه بعدی شما چیست؟",
        f"{head.person}: " + " ".join(details(rng, city, 2)),
    ]
    return Draft(
        "interview",
        f"گفت‌وگو با {agency.head_title} {agency.short}",
        None,
        lead,
        body,
        {agency.code: "positive"},
        speakers=[head.person],
    )
