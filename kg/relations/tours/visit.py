"""What the tour readers hand on: one visit per sentence, and how sure each of its places is. The inspected,
visited and participation components read these, so they live apart from the reading."""

from __future__ import annotations

from dataclasses import dataclass, field

# How direct the evidence is, by the way the site was found.
CONFIDENCE = {
    "explicit": 0.9,  # visitor named, visit verb or site word with the project in one clause
    "ceremony": 0.85,  # attended a ceremony at the project
    "weak": 0.7,  # 了解/听取 + the project, inside a tour report
    "paragraph": 0.75,  # 走进项目工地 after a paragraph describing the project
    "paragraph_weak": 0.6,  # 了解项目进展 after a paragraph describing the project, inside a tour
}
CARRIED_OVER = 0.05  # less when the visitor is 他 / a zero subject carried over from earlier sentences
GROUP_MEMBER = 0.1  # less for a companion counted in through 一行


@dataclass
class Visit:
    """One sentence's visit: the officials, the project sites, and how each site was found."""

    leaders: list[str]  # officials leading the visit
    companions: list[str]  # officials counted in as part of the group (一行, 与会领导)
    sites: dict[str, float]  # project name → confidence
    start: int  # character range of the sentence saying so
    end: int
    ceremony: str | None = None  # the ceremony attended (X项目开工仪式), if the visit was one
    accompanied_by: list[str] = field(default_factory=list)  # officials said to accompany (陪同) the leaders
    # whom they accompany: the party's heads among the leaders (A带队，B、C一行: A), else every leader
    escorted: list[str] = field(default_factory=list)
    premises: dict[str, float] = field(default_factory=dict)  # organization name → confidence: where they were

    @property
    def inspectors(self) -> list[str]:
        return [*self.leaders, *(c for c in self.companions if c not in self.leaders)]
