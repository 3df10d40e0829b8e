"""A drafted Persian press release announcing a season's results, in the style of the seed article.

The evaluator edits it before publishing; the draft only states what the run shows: the agencies
awarded «رتبه برتر» per peer group (tier ≥ خوب and P(top-3 in group) ≥ 0.8), tiers, how many agencies were
evaluated, the method, and which top ranks could not be told apart statistically.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sanjeh.scoring.periods import parse_period
from sanjeh.text.digits import to_persian_digits


def _fa(value: object) -> str:
    return to_persian_digits(str(value))


def draft_press_release(
    results: dict[str, Any], group_names: dict[str, str], province: str = ""
) -> tuple[str, str]:
    period = parse_period(results["period"])
    agencies = results["agencies"]
    awarded = [a for a in agencies if a.get("awarded")]
    by_group: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for agency in sorted(awarded, key=lambda a: (a["group"], a["group_rank"])):
        by_group[agency["group"]].append(agency)
    where = f" استان {province}" if province else ""
    title = f"اعلام نتایج ارزیابی شاخص‌های روابط عمومی دستگاه‌های اجرایی{where} در {period.name_fa}"
    lines = [
        f"به گزارش روابط عمومی استانداری{where}، نتایج ارزیابی عملکرد روابط عمومی "
        f"{_fa(len(agencies))} دستگاه اجرایی در {period.name_fa} بر پایه شاخص‌های مصوب اعلام شد.",
    ]
    if by_group:
        lines.append("بر اساس این ارزیابی، دستگاه‌های زیر در گروه همتای خود رتبه برتر را کسب کردند:")
        for group, members in by_group.items():
            names = "، ".join(
                f"{m['name']} (رتبه {_fa(m['group_rank_label'])}، سطح {m['tier']})" for m in members
            )
            lines.append(f"در گروه «{group_names.get(group, group)}»: {names}.")
    else:
        lines.append(
            "در این دوره هیچ دستگاهی شرایط کسب رتبه برتر (سطح خوب یا بالاتر و پایداری رتبه) را نداشت."
        )
    tiers: dict[str, int] = defaultdict(int)
    for agency in agencies:
        tiers[agency["tier"]] += 1
    summary = "، ".join(f"{_fa(n)} دستگاه در سطح {tier}" for tier, n in tiers.items())
    lines.append(f"در مجموع {summary} قرار گرفتند.")
    close = [c for c in results.get("top_checks", []) if not c.get("distinguishable")]
    if close:
        groups = "، ".join(f"«{group_names.get(c['group'], c['group'])}»" for c in close)
        lines.append(f"در گروه‌های {groups} فاصله رتبه‌های نخست از نظر آماری معنادار نبود.")
    lines.append(
        "این ارزیابی بر پایه شاخص‌های رسانه‌ای (پوشش خبری، لحن، برجستگی و سهم صدا)، مستندات ارسالی دستگاه‌ها و "
        "امتیاز داوران انجام شده و کارنامه تفصیلی هر دستگاه همراه با شواهد در سامانه سنجه در دسترس است."
    )
    lines.append("انتهای پیام/")
    return title, "\n".join(lines)
