"""kg_organizations: companies, groups and government bodies with a proper name.

An organisation name ends with a suffix word (…股份有限公司, …集团, …银行, 省商务厅); its left edge is read
backwards over LAC's words until a word that cannot be part of a name: punctuation, prepositions, particles,
verbs such as 来到/走进 (来到恒晖环保科技有限公司 → 恒晖环保科技有限公司), or an official's or person's name.
A bracketed place inside the name is kept (中城绿色低碳科技(北京)有限公司).

A company is also named short, by its brand and its trade (鑫泰药业, 宏达纺织): read when LAC marks the brand as a
name or the whole word as ORG, so that trades alone (现代农业, 清洁能源) stay words. A county or town before the
brand says where the company sits (在平安县宏达纺织), not what it is called. The items of a list closed by 等企业
are companies, whatever their names.

A school, hospital, museum, mine or farm is a body an official visits (来到怀远县第二中学), unless the text builds
it: then it is a project (guide). So are short names and plants that are items of a list of projects (A、B等项目).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import alternation
from kg.nlp.extensions import value_of
from kg.nlp.gazetteer import gazetteer
from kg.nlp.officials import read_lexicon, without_overlaps
from kg.nlp.institutions import INSTITUTIONS, LIST_HEAD_REACH, being_built, listed_among_works
from kg.nlp.spans import Tokens, add_span, clause_bounds, text_of, tokens_of

MAX_NAME = 32
MAX_OFFICE = 5  # 市金融办: a level, a short field and 办
OFFICE_ITEM_ENDS = "、，,和及等"
PARTY_COMMITTEE = "委"  # 市委, 县委: before 办, a party committee's office
POST_REACH = 4  # characters between a body and the post of a title (某县人民政府党组成员, 某区人民政府副区长)
# LAC tags of words that end a name read leftwards (verbs are allowed inside: 山西建设投资集团)
NOT_IN_NAME = frozenset({"p", "c", "u", "d", "r", "w", "xc", "TIME", "f", "s", "SPACE", "ad", "vd", "q", "m"})
OPEN_BRACKETS, CLOSE_BRACKETS = "(（", ")）"
MAX_BRACKETED = 8  # (北京), (大同): a short place in brackets
AND = "和"
JOINING = "和与"  # what joins two fields in a name (工业和信息化厅, 精准医学与健康研究院)
NAME_CHARACTERS = re.compile(r"[\w()（）]+")  # letters, digits, CJK and brackets; no + · ” …
NAMED_TAGS = frozenset({"ORG", "LOC", "PER", "nz"})
BRAND_TAGS = frozenset({"ORG", "PER"})  # LAC tags of a word that can be a brand (nz: 石墨烯, 碳化硅 are trades)
# LAC tags of the word after a short name standing alone (宏达纺织、, 宏达纺织等企业, 宏达纺织年产…); a noun after
# it continues a longer name (宏达纺织产业园, 宏达纺织有限公司)
AFTER_SHORT_NAME = frozenset({"w", "u", "c", "p", "d", "f", "r", "SPACE"})
MAX_LIST = 200  # characters from 分别是： to an item of its list
MIN_BRAND = 2
MIN_SEAT, MAX_SEAT = 2, 5  # characters of a county's name and of a province's (怀远县, 安徽, 安徽省)
LOCAL_PLACE_ENDINGS = tuple("市县区旗镇乡")


@Language.factory("kg_organizations")
class OrganizationsRecognizer:
    """Adds ``doc.spans["organizations"]``: one span per mention, canonical name as written."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        rows = [line.split("\t") for line in read_lexicon("org_suffixes")]
        # an institution (kg.nlp.institutions) is read by rule institution unless a row gives it another
        self.rules = {suffix: "institution" for suffix in INSTITUTIONS} | {suffix: rule for suffix, rule in rows}
        self.suffix = re.compile(alternation(self.rules))
        self.suffixes = tuple(self.rules)
        self.government_suffixes = tuple(suffix for suffix, rule in self.rules.items() if rule == "government")
        self.seats = tuple(suffix for suffix, rule in self.rules.items() if rule == "seat")
        company_forms = alternation(suffix for suffix, rule in self.rules.items() if rule == "company")
        self.legal_form = re.compile(f"(?:{company_forms})+")  # 有限公司, 集团有限公司, 股份有限公司
        rows = [line.split("\t") for line in read_lexicon("org_jurisdictions")]
        self.jurisdictions = tuple(row[0] for row in rows)
        self.national = tuple(row[0] for row in rows if row[1:] == ["national"])
        self.left_stop = frozenset(read_lexicon("org_left_stop"))
        self.office_people = ("有关", "负责", "相关", "主要")  # 市侨办有关负责人, 某中心主要负责同志
        self.posts = tuple(read_lexicon("titles_posts"))
        self.post_after = re.compile(f"[^，,、。；;]{{0,{POST_REACH}}}?(?:{alternation(self.posts)})")
        self.left_stop_word = re.compile(alternation(self.left_stop))
        self.generic = frozenset(read_lexicon("org_generic"))
        company_heads = alternation(read_lexicon("org_list_heads"))
        self.company_list_end = re.compile(f"等[^、，,。；;]{{0,{LIST_HEAD_REACH}}}?(?:{company_heads})")
        project_heads = read_lexicon("project_heads") + read_lexicon("project_facilities")
        self.project_head = re.compile(alternation(project_heads))
        self.site_word = re.compile(alternation(read_lexicon("org_site_words")))
        self.visit_verb = re.compile(alternation(read_lexicon("visit_verbs")))
        self.trade = re.compile(f"(?:{alternation(read_lexicon('org_trade_words'))})$")
        # A、B、C等项目: each item is a project (guide), whatever its name looks like
        list_heads = alternation(read_lexicon("project_list_heads"))
        self.project_list_end = re.compile(f"等.{{0,{LIST_HEAD_REACH}}}?(?:{list_heads})")
        self.project_list_head = re.compile(list_heads)
        markers = alternation(read_lexicon("project_list_markers"))
        self.project_list_start = re.compile(f"(?:{markers})[:：][^，,。；;！!？?\n]*$")  # 分别是：A、B

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        tokens = tokens_of(doc)
        people = {i for group in ("officials", "persons") for span in doc.spans.get(group, [])
                  for i in range(span.start_char, span.end_char)}
        place_spans = doc.spans.get("places", [])
        place_ends = {span.start_char: span.end_char for span in place_spans}
        found = set(self.suffixed_names(text, tokens, people, place_ends))
        found.update(self.short_names(text, tokens, people, place_spans))
        found.update(self.listed_companies(text, tokens, people))
        mentions = without_overlaps(found)
        full_names = self.full_names({name for _, _, name in mentions})
        place_names = {span.start_char: value_of(span, "canonical") for span in place_spans}
        for start, end, name in mentions:
            # a place's government (某某镇政府) sits in the place it names: ``seat`` is that place
            attrs = {"seat": place_names[start]} if name.endswith(self.seats) and start in place_names else {}
            if self.named_as_project(text, start, end):
                attrs["work"] = True
            add_span(doc, "organizations", start, end, "ORG", full_names.get(name, name), **attrs)
        return doc

    def full_names(self, names: set[str]) -> dict[str, str]:
        """The full name of a company named short in the same text: 华泰羽绒 → 华泰羽绒有限公司 when both are written
        (one company, one node); the shortest such full name."""
        found = {}
        for name in names:
            longer = [full for full in names if full.startswith(name) and self.legal_form.fullmatch(full, len(name))]
            if longer:
                found[name] = min(longer, key=lambda full: (len(full), full))
        return found

    def suffixed_names(self, text: str, tokens: Tokens, people: set[int], places: dict[int, int]):
        """Names ending with a suffix word of org_suffixes, each read by its rule; ``places``: start → end of
        each place."""
        for match in self.suffix_matches(text):
            start, end = match.span()
            last = tokens.at(end - 1)
            last_org = tokens.tags[last] == "ORG"
            if tokens.ends[last] > end and not last_org:
                continue  # the suffix is part of a longer word (集团化)
            rule = self.rules[match.group()]
            if rule in ("lac", "lac_national"):
                begin = self.lac_start(last, tokens) if last_org and tokens.ends[last] == end else None
            else:
                word = tokens.words[tokens.at(start)]
                if word in self.generic and word not in self.rules:
                    continue  # 大局, 布局: a word, not a name
                begin = self.left_edge(text, self.word_start(text, start, tokens), tokens, people)
                if rule != "government":
                    begin = self.across_joined_fields(text, begin, end, tokens, people, places)
            if begin is None or end - begin <= len(match.group()):
                continue
            if rule == "lac_national" and not text.startswith(self.national, begin):
                continue
            if rule == "seat" and (places.get(begin) != start or self.post_after.match(text, end)
                                   or text[begin - 1 : begin] == "、"):
                continue  # 市政府, 某区人民政府副区长, A市、B市政府: no place named, a title, or places sharing it
            if rule == "institution" and not self.is_institution(text, tokens, begin, end):
                continue
            if rule == "service" and not self.is_service(text, tokens, begin, end, places):
                continue
            if rule == "lac" and self.stands_alone(tokens, end) and self.is_project_item(text, begin, end):
                continue  # 某某化工厂、 among the projects of a list: a plant named as a project
            if rule == "office" and not self.is_office(text, tokens, start, end):
                continue
            if rule in ("government", "office"):
                begin = self.after_verbs(begin, start, tokens)
            too_long = end - begin > MAX_OFFICE
            if rule == "office" and (too_long or not self.has_jurisdiction(text, begin, tokens, places)):
                continue
            if rule == "government" and not self.has_jurisdiction(text, begin, tokens, places):
                # 省工业和信息化厅, 市住房和城乡建设局: a body's name may join two fields with 和
                joined = begin - len(AND)
                if not text.startswith(AND, joined):
                    continue
                left = self.left_edge(text, joined, tokens, people)
                if not self.has_jurisdiction(text, left, tokens, places):
                    continue
                if not text.endswith(self.government_suffixes, left, joined):
                    begin = left  # else 省财政厅和商务厅: two bodies of one jurisdiction
            if rule == "company":
                begin = self.after_seat(text, begin)
                begin = self.after_site_place(text, begin, end - len(match.group()), places)
            name = text[begin:end]
            if name in self.generic or len(name) > MAX_NAME or self.trade.fullmatch(text, begin, start):
                continue  # 传媒公司, 置业公司: a trade and a legal form, no brand
            yield begin, end, name

    def short_names(self, text: str, tokens: Tokens, people: set[int], place_spans):
        """Brand + trade names (宏达/ORG 纺织/n, 鑫泰药业/ORG) with no person in them and a brand that is no place."""
        places = {i for span in place_spans for i in range(span.start_char, span.end_char)}
        local_place_ends = {span.start_char: span.end_char for span in place_spans
                            if span.text.endswith(LOCAL_PLACE_ENDINGS)}
        for i, word in enumerate(tokens.words):
            if (trade := self.trade.search(word)) is None:
                continue
            ends_item = (self.stands_alone(tokens, tokens.ends[i]) or self.site_word.match(text, tokens.ends[i])
                         or self.visit_verb.match(text, tokens.ends[i]))  # 来到宏达纺织调研
            if not ends_item and tokens.tags[i + 1 : i + 2] != ["v"]:
                continue
            if trade.start() == 0:  # the trade is a word of its own: the brand is the word before it
                brand = i - 1
                while brand > 0 and tokens.tags[brand] not in BRAND_TAGS and self.trade.fullmatch(tokens.words[brand]):
                    brand -= 1  # 高伟/PER 光学/n 电子/n: a brand and two trades
                if brand < 0 or tokens.tags[brand] not in BRAND_TAGS or len(tokens.words[brand]) < MIN_BRAND:
                    continue
                if tokens.words[brand].endswith(self.suffixes) or self.trade.fullmatch(tokens.words[brand]) or (
                    not NAME_CHARACTERS.fullmatch(tokens.words[brand])):
                    continue  # 某某集团/ORG 控股/v: a company that holds; 新能源/ORG 汽车: two trades
            elif tokens.tags[i] == "ORG" and trade.start() >= MIN_BRAND:
                brand = i
            else:
                continue
            begin, end = self.brand_start(brand, tokens), tokens.ends[i]
            if end - local_place_ends.get(begin, begin) >= MIN_BRAND + len(trade.group()):
                begin = local_place_ends.get(begin, begin)  # 怀宁县鑫泰药业/ORG: the county is where it sits
            brand_opening = max(begin, tokens.starts[brand])
            if tokens.words[brand].endswith(LOCAL_PLACE_ENDINGS) or places.intersection(
                range(brand_opening, brand_opening + MIN_BRAND)):
                continue
            if people.intersection(range(begin, end)) or self.is_project_item(text, begin, end):
                continue
            if ends_item or self.is_visit_object(text, tokens, begin, end):
                yield begin, end, text[begin:end]

    def across_joined_fields(self, text: str, begin: int, end: int, tokens: Tokens, people, places) -> int:
        """Where a name whose words read leftwards stop at 与/和 starts when it joins two fields (某某精准医学与健康
        研究院): the words after the conjunction name nothing of their own, those before it do, and neither side
        is a body of its own (市农科院与省农业研究院 are two)."""
        words = self.words_before(text, begin, tokens, people)
        joining = words - 1
        if text[joining:words] not in JOINING or self.is_named(tokens, words, end):
            return begin
        if text.startswith(self.jurisdictions, words) or words in places:
            return begin
        left = self.words_before(text, joining, tokens, people)
        if left == joining or not self.is_named(tokens, left, joining) or text[left:joining].endswith(self.suffixes):
            return begin
        return self.opening(text, left, tokens)

    def is_office(self, text: str, tokens: Tokens, suffix_start: int, end: int) -> bool:
        """Is the name ending at ``end`` a body's office named short (市侨办, 市金融办): 办 a word of its own after a
        short field (or ending a word LAC tags ORG), and an item of a list or of its people after it (市侨办、…;
        市侨办有关负责人)? Not 县委办实事, 由市侨办主办."""
        i = tokens.at(suffix_start)
        if (tokens.words[i] != "办" and tokens.tags[i] != "ORG") or text.endswith(PARTY_COMMITTEE, 0, suffix_start):
            return False  # 县委办: the office of a party committee, which is no body with a proper name either
        return text[end : end + 1] in OFFICE_ITEM_ENDS or text.startswith(self.office_people, end)

    @staticmethod
    def after_verbs(begin: int, suffix_start: int, tokens: Tokens) -> int:
        """Where a government body's name starts: after the last verb before its suffix (程某带领|市工信局), as
        bodies are named by fields and places (市住房和城乡建设局), not by acts."""
        for i in range(tokens.at(suffix_start) - 1, tokens.at(begin) - 1, -1):
            if tokens.tags[i] == "v":
                return tokens.ends[i]
        return begin

    @staticmethod
    def after_seat(text: str, begin: int) -> int:
        """Where the name starting at ``begin`` starts once a county before a province is left out: in 怀远县安徽鑫泰药业
        有限公司 the county is where the company sits, its name opens with its province."""
        places = gazetteer()
        for seat_end in range(begin + MIN_SEAT, begin + MAX_SEAT + 1):
            seat = text[begin:seat_end]
            if not seat.endswith(LOCAL_PLACE_ENDINGS) or not any(p.level == "county" for p in places.by_full_name(seat)):
                continue
            for province_end in range(seat_end + MIN_SEAT, seat_end + MAX_SEAT + 1):
                province = text[seat_end:province_end]
                if any(p.level == "province" for p in places.by_short_name(province) + places.by_full_name(province)):
                    return seat_end
        return begin

    @staticmethod
    def after_site_place(text: str, begin: int, suffix_start: int, places: dict[int, int]) -> int:
        """Where the name starting at ``begin`` starts once a county or town written in full is left out that the
        place reader kept as a place (某县某某集团临港基地: the place of the group's site, not a part of its name)."""
        end = places.get(begin)
        if end is None or end >= suffix_start or not text[begin:end].endswith(LOCAL_PLACE_ENDINGS):
            return begin
        return end

    def is_visit_object(self, text: str, tokens: Tokens, begin: int, end: int) -> bool:
        """Is the name at [begin, end) where visitors go and do something (深入宏达纺织开展调研, 来到南坪医院看望医护
        人员): a verb right after it, a visit verb before it in its clause, and no project named after it in the
        clause (来到宏达纺织扩建项目现场: the company's project is the site)?"""
        i = tokens.at(end - 1)
        if tokens.ends[i] != end or tokens.tags[i + 1 : i + 2] != ["v"]:
            return False
        opening, closing = clause_bounds(text, begin, end)
        return bool(self.visit_verb.search(text, opening, begin)) and not self.project_head.search(text, end, closing)

    def is_institution(self, text: str, tokens: Tokens, begin: int, end: int) -> bool:
        """Is the school, hospital, museum… at [begin, end) a body, not a project: named (城东/LOC 小学, not
        乡镇卫生院), standing alone (not 城南小学教学楼工程) or visited (来到南坪医院看望…), no item of a list of
        projects, and not being built?"""
        return ((self.stands_alone(tokens, end) or self.is_visit_object(text, tokens, begin, end))
                and self.is_named(tokens, begin, end) and not self.named_by_level_only(text[begin:end])
                and self.is_no_work(text, begin, end))

    def is_service(self, text: str, tokens: Tokens, begin: int, end: int, places) -> bool:
        """Is the service centre at [begin, end) a body of a jurisdiction (县招商服务中心, 某市行政服务中心), not a
        facility (游客服务中心, a centre being built): opening with a jurisdiction, an item of a list or of its
        people after it, no work."""
        ends = (text[end : end + 1] in OFFICE_ITEM_ENDS or text.startswith(self.office_people, end)
                or self.is_visit_object(text, tokens, begin, end))
        return ends and self.has_jurisdiction(text, begin, tokens, places) and self.is_no_work(text, begin, end)

    def is_no_work(self, text: str, begin: int, end: int) -> bool:
        """Is the body at [begin, end) no work: no item of a list of projects, not being built, not listed among
        works?"""
        return not (self.is_project_item(text, begin, end) or being_built(text, begin, end)
                    or listed_among_works(text, begin, end))

    @staticmethod
    def stands_alone(tokens: Tokens, end: int) -> bool:
        """Does a name end at ``end`` with a word, no noun after it continuing a longer name?"""
        i = tokens.at(end - 1)
        return tokens.ends[i] == end and (i + 1 == len(tokens.words) or tokens.tags[i + 1] in AFTER_SHORT_NAME)

    def named_by_level_only(self, name: str) -> bool:
        """市博物馆, 县医院: a local level word and a kind, no name (LAC may tag them ORG; 国家图书馆 is one)."""
        return any(name.startswith(level) and name[len(level) :] in self.rules
                   for level in self.jurisdictions if level not in self.national)

    @staticmethod
    def is_named(tokens: Tokens, begin: int, end: int) -> bool:
        """Has [begin, end) a word LAC reads as a name (城东/LOC 小学), not only common words (乡镇卫生院)?"""
        return any(tokens.tags[i] in NAMED_TAGS for i in range(tokens.at(begin), tokens.at(end - 1) + 1))

    def listed_companies(self, text: str, tokens: Tokens, people: set[int]):
        """Items of a list closed by 等…企业 (先后来到华泰、金鹏制衣、盛元等企业): each names a company when LAC reads a
        name in it and it names no project or facility (A项目、B产业园等企业 is no list of companies)."""
        for head in self.company_list_end.finditer(text):
            if self.project_list_end.match(text, head.start(), head.end()):
                continue  # 等重点项目和企业: a list of projects too
            opening, _ = clause_bounds(text, head.start(), head.start())
            item_end = head.start()
            while item_end > opening:
                item_start = self.left_edge(text, item_end, tokens, people)
                if item_start >= item_end or not self.is_item_name(text, tokens, item_start, item_end, people):
                    break
                yield item_start, item_end, text[item_start:item_end]
                if text[item_start - 1 : item_start] != "、":
                    break
                item_end = item_start - 1

    def is_item_name(self, text: str, tokens: Tokens, begin: int, end: int, people: set[int]) -> bool:
        if end - begin < MIN_BRAND or end - begin > MAX_NAME or people.intersection(range(begin, end)):
            return False
        return self.is_named(tokens, begin, end) and not self.project_head.search(text, begin, end)

    def is_project_item(self, text: str, begin: int, end: int) -> bool:
        """Is the name at [begin, end) an item of a list of projects: 宏达纺织、鑫泰药业等项目; 宏达纺织、鑫泰药业竣工项目现场
        (the last item names the head they share); 分别是：宏达纺织、鑫泰药业?"""
        opening, closing = clause_bounds(text, begin, end)
        rest = text[end:closing]
        last_item = rest[rest.rfind("、") + 1 :]
        if self.project_list_end.search(rest) or (rest.startswith("、") and self.project_list_head.search(last_item)):
            return True
        return self.project_list_start.search(text, max(0, begin - MAX_LIST), begin) is not None

    def named_as_project(self, text: str, begin: int, end: int) -> bool:
        """Does the text call the organization at [begin, end) a project, as an item of a list of projects (A公司、
        B公司等项目现场), not of projects and companies (A项目、B公司等重点项目和企业)?"""
        _, closing = clause_bounds(text, begin, end)
        return self.is_project_item(text, begin, end) and not self.company_list_end.search(text, end, closing)

    @staticmethod
    def brand_start(i: int, tokens: Tokens) -> int:
        """Start of the brand ending with token ``i``, with the ORG words before it but a county or town (在怀宁县/ORG
        宏达纺织/ORG → 宏达纺织; 广西/ORG 鑫源/ORG 棉业 → 广西鑫源棉业)."""
        while i > 0 and tokens.tags[i - 1] == "ORG" and not tokens.words[i - 1].endswith(LOCAL_PLACE_ENDINGS):
            i -= 1
        return tokens.starts[i]

    @staticmethod
    def lac_start(i: int, tokens: Tokens) -> int:
        """Start of LAC's ORG word ending with token ``i``, which earlier components may have split (中国 + 城市…)."""
        while i > 0 and tokens.tags[i - 1] == "ORG":
            i -= 1
        return tokens.starts[i]

    def suffix_matches(self, text: str):
        """Suffix matches, each the one reaching furthest right (发展改革委 + 员会 → 委员会)."""
        pos = 0
        while (match := self.suffix.search(text, pos)) is not None:
            while (longer := self.suffix.search(text, match.start() + 1)) is not None and (
                longer.start() < match.end() < longer.end()
            ):
                match = longer
            yield match
            pos = match.end()

    def has_jurisdiction(self, text: str, begin: int, tokens: Tokens, places) -> bool:
        """Does the name starting at ``begin`` open with a jurisdiction (省, 国家, a place)?"""
        return text.startswith(self.jurisdictions, begin) or begin in places or tokens.tags[tokens.at(begin)] == "LOC"

    def word_start(self, text: str, suffix_start: int, tokens: Tokens) -> int:
        """Start of the word holding the suffix, after a bracket or symbol LAC glued to it (大同)技术有限公司)."""
        start = tokens.starts[tokens.at(suffix_start)]
        closing = max(text.rfind(b, start, suffix_start) for b in CLOSE_BRACKETS)
        if closing >= 0 and not any(b in text[start:closing] for b in OPEN_BRACKETS):
            return closing + 1
        while start < suffix_start and not NAME_CHARACTERS.fullmatch(text[start]):
            start += 1  # LAC glued a symbol to the word (+专业合作社)
        if tokens.tags[tokens.at(start)] in NOT_IN_NAME and (stop := self.left_stop_word.match(text, start)):
            start = stop.end()  # LAC glued a preposition to the name (由会昌县…公司, tagged p)
        return start

    def left_edge(self, text: str, start: int, tokens: Tokens, people) -> int:
        """Where the name ending at a suffix starting at ``start`` begins."""
        return self.opening(text, self.words_before(text, start, tokens, people), tokens)

    def words_before(self, text: str, start: int, tokens: Tokens, people) -> int:
        """How far left of ``start`` the words of a name go: up to a word that cannot be part of one."""
        while start > 0:
            if text[start - 1] in CLOSE_BRACKETS:
                opening = max(text.rfind(b, max(0, start - MAX_BRACKETED), start) for b in OPEN_BRACKETS)
                if opening <= 0:
                    break
                start = opening
                continue
            i = tokens.at(start - 1)
            word, word_start = tokens.words[i], tokens.starts[i]
            if (tokens.tags[i] in NOT_IN_NAME or word in self.left_stop or not NAME_CHARACTERS.fullmatch(word)
                    or start - 1 in people or text[word_start:start].strip() != text[word_start:start]
                    or (tokens.tags[i] != "ORG" and word.endswith(self.posts))):
                break  # …, a post ending a title (某县政协副主席|某某): what follows it is a person
            start = word_start
        return start

    @staticmethod
    def opening(text: str, start: int, tokens: Tokens) -> int:
        """Where a name whose words start at ``start`` opens: a verb or a bracket may sit inside a name but never
        opens one (新建污水处理厂, (中)勉励…集团)."""
        while True:
            i = tokens.at(start)
            if text[start] in OPEN_BRACKETS:
                closing = max(text.find(b, start, start + MAX_BRACKETED) for b in CLOSE_BRACKETS)
                start = closing + 1 if closing > start else start + 1
            elif tokens.starts[i] == start and tokens.tags[i] == "v":
                start += len(tokens.words[i])
            else:
                return start
