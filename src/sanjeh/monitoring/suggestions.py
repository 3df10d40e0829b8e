"""Registry suggestions: organisations and office holders found in the news that the registry lacks.

An evaluator keeps the registry complete by hand; this lists, most frequent first, the organisation
names that match no agency (candidate aliases or new agencies) and the person + role pairs whose person
is no registered official (candidate officials, with the agency their organisation resolves to, if any).
It reads the stored reader analysis, so it needs no re-read and no network.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sanjeh.monitoring.models import Article
from sanjeh.monitoring.services import agency_directory
from sanjeh.news.attribution import AgencyMatcher, fold
from sanjeh.registry.models import Official


@dataclass(frozen=True, slots=True)
class OrganizationSuggestion:
    name: str
    articles: int  # articles naming it (once per article)

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class OfficialSuggestion:
    person: str
    role: str
    organization: str | None
    agency: str | None  # code of the agency the organisation resolves to, if any
    articles: int

    def to_dict(self) -> dict[str, object]:
        return {
            "person": self.person,
            "role": self.role,
            "organization": self.organization,
            "agency": self.agency,
            "articles": self.articles,
        }


@dataclass(frozen=True, slots=True)
class Suggestions:
    organizations: tuple[OrganizationSuggestion, ...]
    officials: tuple[OfficialSuggestion, ...]
    articles_read: int

    def to_dict(self) -> dict[str, object]:
        return {
            "articles_read": self.articles_read,
            "organizations": [s.to_dict() for s in self.organizations],
            "officials": [s.to_dict() for s in self.officials],
        }


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def suggest_registry_additions(*, top: int = 20, min_articles: int = 2) -> Suggestions:
    """The `top` most frequent unresolved organisations and unregistered office holders.

    Only names seen in at least `min_articles` articles are listed: a one-off is usually a reader slip.
    """
    matcher = AgencyMatcher(agency_directory())
    known_people = {fold(person).strip() for person in Official.objects.values_list("person", flat=True)}
    organizations: Counter[str] = Counter()
    officials: Counter[tuple[str, str, str | None]] = Counter()
    read = 0
    for analysis in Article.objects.values_list("analysis", flat=True).iterator(chunk_size=1000):
        read += 1
        if not isinstance(analysis, dict):
            continue
        seen_orgs: set[str] = set()
        for org in analysis.get("organizations") or ():
            name = org.get("name") if isinstance(org, dict) else None
            if isinstance(name, str) and name.strip() and name not in seen_orgs:
                seen_orgs.add(name)
                if matcher.resolve(name, *_strings(org.get("aliases"))) is None:
                    organizations[name] += 1
        seen_roles: set[tuple[str, str, str | None]] = set()
        for person in analysis.get("persons") or ():
            name = person.get("name") if isinstance(person, dict) else None
            if not isinstance(name, str) or not name.strip() or fold(name).strip() in known_people:
                continue
            for role in person.get("roles") or ():
                title = role.get("title") if isinstance(role, dict) else None
                if not isinstance(title, str) or not title.strip():
                    continue
                organization = role.get("organization")
                key = (name, title, organization if isinstance(organization, str) else None)
                if key not in seen_roles:
                    seen_roles.add(key)
                    officials[key] += 1
    return Suggestions(
        organizations=tuple(
            OrganizationSuggestion(name, n) for name, n in organizations.most_common(top) if n >= min_articles
        ),
        officials=tuple(
            OfficialSuggestion(person, role, org, matcher.resolve(org) if org else None, n)
            for (person, role, org), n in officials.most_common(top)
            if n >= min_articles
        ),
        articles_read=read,
    )
