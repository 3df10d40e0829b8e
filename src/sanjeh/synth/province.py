"""The synthetic province of Lorestan: agencies (with peer groups and aliases), officials and outlets."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

PROVINCE = "لرستان"
CITIES = ("خرم‌آباد", "بروجرد", "دورود", "کوهدشت", "الیگودرز", "نورآباد", "ازنا", "پلدختر", "الشتر", "سلسله")

FIRST_NAMES_M = (
    "علی",
    "محمد",
    "حسین",
    "رضا",
    "مهدی",
    "احمد",
    "مجید",
    "سعید",
    "حمید",
    "جواد",
    "امیر",
    "کامران",
    "بهروز",
    "فرهاد",
    "مسعود",
    "داوود",
    "یوسف",
    "ناصر",
    "هادی",
    "مرتضی",
)
FIRST_NAMES_F = ("فاطمه", "زهرا", "مریم", "سمیه", "نرگس", "لیلا", "الهام", "مینا", "شیرین", "پروین")
SURNAMES = (
    "رحیمی",
    "کرمی",
    "سپهوند",
    "بیرانوند",
    "میرزایی",
    "قاسمی",
    "امیری",
    "یوسفی",
    "حسینی",
    "موسوی",
    "دالوند",
    "پاپی",
    "کاکاوند",
    "سلیمانی",
    "نوروزی",
    "جهانگیری",
    "طاهری",
    "کریمی",
    "شیخی",
    "ملکی",
    "رشنو",
    "ویسی",
    "فلاحی",
    "آزادبخت",
    "حیدری",
    "چگینی",
    "زینی‌وند",
    "مرادی",
    "عزیزی",
    "باقری",
)
HONORIFICS = ("", "", "", "دکتر", "مهندس", "سید")


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    aliases: tuple[str, ...]
    short: str  # how news usually names it
    group: str
    head_title: str
    topic: str  # infrastructure, health, … (drives the event/problem templates)


@dataclass(frozen=True)
class OfficialSpec:
    person: str
    honorific: str
    role_title: str
    agency: str
    start: dt.date | None = None
    end: dt.date | None = None
    is_spokesperson: bool = False


@dataclass(frozen=True)
class OutletSpec:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    kind: str
    tier_weight: float


def _a(code: str, name: str, short: str, group: str, head: str, topic: str, *aliases: str) -> AgencySpec:
    return AgencySpec(code, name, tuple(dict.fromkeys((short, *aliases))), short, group, head, topic)


AGENCIES: tuple[AgencySpec, ...] = (
    _a("welfare", "اداره کل بهزیستی استان لرستان", "بهزیستی لرستان", "support-health", "مدیرکل", "welfare"),
    _a(
        "medical-university",
        "دانشگاه علوم پزشکی لرستان",
        "علوم پزشکی لرستان",
        "support-health",
        "رئیس",
        "health",
    ),
    _a(
        "social-security",
        "اداره کل تأمین اجتماعی استان لرستان",
        "تأمین اجتماعی لرستان",
        "support-health",
        "مدیرکل",
        "welfare",
    ),
    _a(
        "relief-committee",
        "کمیته امداد امام خمینی استان لرستان",
        "کمیته امداد لرستان",
        "support-health",
        "مدیرکل",
        "welfare",
    ),
    _a(
        "red-crescent",
        "جمعیت هلال احمر استان لرستان",
        "هلال احمر لرستان",
        "support-health",
        "مدیرعامل",
        "relief",
    ),
    _a(
        "sports",
        "اداره کل ورزش و جوانان استان لرستان",
        "ورزش و جوانان لرستان",
        "support-health",
        "مدیرکل",
        "culture",
    ),
    _a(
        "water-sewage",
        "شرکت آب و فاضلاب استان لرستان",
        "آبفای لرستان",
        "infrastructure-production",
        "مدیرعامل",
        "water",
        "آب و فاضلاب لرستان",
    ),
    _a(
        "power",
        "شرکت توزیع نیروی برق استان لرستان",
        "برق لرستان",
        "infrastructure-production",
        "مدیرعامل",
        "power",
        "توزیع برق لرستان",
    ),
    _a("gas", "شرکت گاز استان لرستان", "گاز لرستان", "infrastructure-production", "مدیرعامل", "gas"),
    _a(
        "roads",
        "اداره کل راه و شهرسازی استان لرستان",
        "راه و شهرسازی لرستان",
        "infrastructure-production",
        "مدیرکل",
        "roads",
    ),
    _a(
        "road-maintenance",
        "اداره کل راهداری و حمل و نقل جاده‌ای استان لرستان",
        "راهداری لرستان",
        "infrastructure-production",
        "مدیرکل",
        "roads",
    ),
    _a(
        "agriculture",
        "سازمان جهاد کشاورزی استان لرستان",
        "جهاد کشاورزی لرستان",
        "infrastructure-production",
        "رئیس",
        "agriculture",
    ),
    _a(
        "natural-resources",
        "اداره کل منابع طبیعی و آبخیزداری استان لرستان",
        "منابع طبیعی لرستان",
        "infrastructure-production",
        "مدیرکل",
        "agriculture",
    ),
    _a(
        "industry",
        "سازمان صنعت، معدن و تجارت استان لرستان",
        "صمت لرستان",
        "infrastructure-production",
        "رئیس",
        "industry",
    ),
    _a(
        "telecom",
        "شرکت مخابرات ایران منطقه لرستان",
        "مخابرات لرستان",
        "companies-banks-insurance",
        "مدیر",
        "telecom",
        "مخابرات منطقه لرستان",
    ),
    _a("bank-melli", "بانک ملی استان لرستان", "بانک ملی لرستان", "companies-banks-insurance", "مدیر", "bank"),
    _a("bank-sepah", "بانک سپه استان لرستان", "بانک سپه لرستان", "companies-banks-insurance", "مدیر", "bank"),
    _a(
        "insurance-iran",
        "بیمه ایران استان لرستان",
        "بیمه ایران لرستان",
        "companies-banks-insurance",
        "مدیر",
        "bank",
    ),
    _a(
        "oil-distribution",
        "شرکت ملی پخش فرآورده‌های نفتی منطقه لرستان",
        "پخش فرآورده‌های نفتی لرستان",
        "companies-banks-insurance",
        "مدیر",
        "fuel",
    ),
    _a("post", "اداره کل پست استان لرستان", "پست لرستان", "companies-banks-insurance", "مدیرکل", "telecom"),
    _a(
        "education",
        "اداره کل آموزش و پرورش استان لرستان",
        "آموزش و پرورش لرستان",
        "science-culture-education",
        "مدیرکل",
        "education",
    ),
    _a(
        "lorestan-university",
        "دانشگاه لرستان",
        "دانشگاه لرستان",
        "science-culture-education",
        "رئیس",
        "education",
    ),
    _a(
        "culture",
        "اداره کل فرهنگ و ارشاد اسلامی استان لرستان",
        "ارشاد لرستان",
        "science-culture-education",
        "مدیرکل",
        "culture",
        "فرهنگ و ارشاد اسلامی لرستان",
    ),
    _a(
        "heritage",
        "اداره کل میراث فرهنگی، گردشگری و صنایع دستی استان لرستان",
        "میراث فرهنگی لرستان",
        "science-culture-education",
        "مدیرکل",
        "culture",
    ),
    _a(
        "libraries",
        "اداره کل کتابخانه‌های عمومی استان لرستان",
        "کتابخانه‌های عمومی لرستان",
        "science-culture-education",
        "مدیرکل",
        "culture",
    ),
    _a(
        "governorate",
        "استانداری لرستان",
        "استانداری لرستان",
        "public-social-judicial",
        "استاندار",
        "governance",
    ),
    _a(
        "khorramabad-municipality",
        "شهرداری خرم‌آباد",
        "شهرداری خرم‌آباد",
        "public-social-judicial",
        "شهردار",
        "urban",
    ),
    _a(
        "judiciary",
        "دادگستری کل استان لرستان",
        "دادگستری لرستان",
        "public-social-judicial",
        "رئیس کل",
        "governance",
    ),
    _a(
        "registry-office",
        "اداره کل ثبت اسناد و املاک استان لرستان",
        "ثبت اسناد لرستان",
        "public-social-judicial",
        "مدیرکل",
        "governance",
    ),
    _a(
        "tax",
        "اداره کل امور مالیاتی استان لرستان",
        "امور مالیاتی لرستان",
        "public-social-judicial",
        "مدیرکل",
        "governance",
    ),
)

OUTLETS: tuple[OutletSpec, ...] = (
    OutletSpec("ایرنا", ("خبرگزاری جمهوری اسلامی",), ("irna.ir",), "national_agency", 3.0),
    OutletSpec("ایسنا", ("خبرگزاری دانشجویان ایران",), ("isna.ir",), "national_agency", 3.0),
    OutletSpec("مهر", ("خبرگزاری مهر",), ("mehrnews.com",), "national_agency", 3.0),
    OutletSpec("فارس", ("خبرگزاری فارس",), ("farsnews.ir",), "national_agency", 3.0),
    OutletSpec("تسنیم", ("خبرگزاری تسنیم",), ("tasnimnews.com",), "national_agency", 3.0),
    OutletSpec("باشگاه خبرنگاران جوان", ("باشگاه خبرنگاران",), ("yjc.ir",), "national_agency", 3.0),
    OutletSpec("صدا و سیمای مرکز لرستان", ("صداوسیمای لرستان",), ("lorestan.irib.ir",), "broadcast", 3.0),
    OutletSpec("آوای لرستان", ("روزنامه آوای لرستان",), ("avaye-lorestan.example",), "newspaper", 2.0),
    OutletSpec("پیام لرستان", ("روزنامه پیام لرستان",), ("payam-lorestan.example",), "newspaper", 2.0),
    OutletSpec("لرستان‌خبر", ("خبرگزاری لرستان‌خبر",), ("lorestankhabar.example",), "provincial_agency", 2.0),
    OutletSpec("زرک", (), ("zerk.ir",), "site", 1.0),
    OutletSpec("خرم‌آباد امروز", (), ("khorramabad-emrooz.example",), "site", 1.0),
    OutletSpec("نسیم لرستان", (), ("nasim-lorestan.example",), "site", 1.0),
    OutletSpec("بروجرد آنلاین", (), ("boroujerd-online.example",), "site", 1.0),
    OutletSpec("دیار لر", (), ("diyarelor.example",), "site", 1.0),
)


@dataclass
class Province:
    agencies: tuple[AgencySpec, ...]
    outlets: tuple[OutletSpec, ...]
    officials: list[OfficialSpec] = field(default_factory=list)

    def heads_on(self, code: str, day: dt.date) -> OfficialSpec:
        """The head of `code` on `day` (terms change between seasons in the synthetic history)."""
        agency = next(a for a in self.agencies if a.code == code)
        for official in self.officials:
            if (
                official.agency == code
                and official.role_title == agency.head_title
                and (
                    (official.start is None or official.start <= day)
                    and (official.end is None or day <= official.end)
                )
            ):
                return official
        raise LookupError(f"no head of {code} on {day}")

    def pr_head(self, code: str) -> OfficialSpec:
        return next(o for o in self.officials if o.agency == code and o.is_spokesperson)


def build_province(rng: random.Random, *, change_day: dt.date) -> Province:
    """Agencies and outlets are fixed; officials are drawn (seeded); a few heads change on `change_day`."""
    used: set[str] = {"محمد قاسمی"}  # the seed article's telecom director is fixed below

    def person() -> tuple[str, str]:
        while True:
            first = rng.choice(FIRST_NAMES_M if rng.random() < 0.75 else FIRST_NAMES_F)
            name = f"{first} {rng.choice(SURNAMES)}"
            if name not in used:
                used.add(name)
                honorific = rng.choice(HONORIFICS)
                return name, ("" if honorific == "سید" and first in FIRST_NAMES_F else honorific)

    province = Province(AGENCIES, OUTLETS)
    changing = set(rng.sample([a.code for a in AGENCIES if a.code != "telecom"], 4))
    for agency in AGENCIES:
        name, honorific = person()
        if agency.code == "telecom":  # the seed article's officials
            name, honorific = "محمد قاسمی", "سید"
        end = change_day - dt.timedelta(days=1) if agency.code in changing else None
        province.officials.append(OfficialSpec(name, honorific, agency.head_title, agency.code, None, end))
        if end:
            successor, title = person()
            province.officials.append(
                OfficialSpec(successor, title, agency.head_title, agency.code, change_day)
            )
        pr_title = "مدیرکل روابط عمومی" if agency.code == "governorate" else "مسئول روابط عمومی"
        pr_name, pr_honorific = {"telecom": ("امیر علی‌پناهی", ""), "governorate": ("فاطمه ایرانی", "")}.get(
            agency.code
        ) or person()
        province.officials.append(
            OfficialSpec(pr_name, pr_honorific, pr_title, agency.code, is_spokesperson=True)
        )
    return province
