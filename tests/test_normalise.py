"""Normalisation rules, on the seeds' real quirks and on articles written for these tests."""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest

from kg.model import Document
from kg.normalise import normalise
from kg.normalise.script import WIDTH_TABLE, converter, fold_width

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
GOLD = ROOT / "tests" / "gold" / "seeds"
PINYIN_GROUP = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def clean(text: str, source: str = "test.txt", **meta):
    return normalise(Document(doc_id="test", source=source, raw=text, meta=meta))


@pytest.fixture(scope="module")
def seeds():
    return {path.name[:3]: clean(path.read_text(encoding="utf-8"), str(path)) for path in SEEDS}


# --- pinyin glosses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("市委副書(shū)記、市長(zhǎng)王明", "市委副书记、市长王明"),
        ("重點（diǎn）項目", "重点项目"),
        ("县委书(shu)记张平", "县委书记张平"),
        ("開發(fā)區(qū)管委會(huì)", "开发区管委会"),
        ("加快轉(zhuǎn)型發展", "加快转型发展"),
    ],
)
def test_pinyin_glosses_are_removed(raw, expected):
    assert clean(raw).text == expected


def test_mangled_glosses_are_removed():
    """``?`` + the tail of a gloss, left by a bad re-encoding (seed 003: 金屬?gòu)U料)."""
    result = clean("推進金屬?gòu)U料加工項(xiàng)目,總投資5億元。").text
    assert "?" not in result and "gòu" not in result
    assert result.endswith("料加工项目,总投资5亿元。")


def test_gloss_cut_at_the_end_of_an_excerpt_is_removed():
    assert clean("以時(shí)不我待的責(z").text == "以时不我待的责"


@pytest.mark.parametrize(
    "kept",
    ["锐华能源(大同)技术有限公司", "PACK(PACK)智能电池包", "三亚市重大项目投资计划(2024)", "北部智能装备产业园(东区)"],
)
def test_real_parenthesised_content_is_kept(kept):
    assert clean(f"他来到{kept}调研。").text == f"他来到{kept}调研。"


def test_no_pinyin_left_in_the_pinyin_seeds(seeds):
    for key in ("001", "003"):
        assert not PINYIN_GROUP.search(seeds[key].text)
        assert not re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", seeds[key].text)


# --- script ---------------------------------------------------------------------------------------------


def test_traditional_text_is_converted(seeds):
    assert seeds["001"].traditional and seeds["003"].traditional
    assert "卢东亮" in seeds["003"].text and "盧東亮" not in seeds["003"].text
    assert not seeds["000"].traditional


def test_simplified_text_is_not_converted():
    """t2s on simplified text changes names (乾盛 → 干盛): simplified text is left alone."""
    text = "5月8日,市委书记李强来到乾盛新材料产业园项目现场,察看生产线建设进度。"
    result = clean(text)
    assert not result.traditional
    assert "乾盛" in result.text


def test_full_width_ascii_and_digits_are_folded():
    result = clean("ＡＢＣ１２３项目总投资１０亿元，\u3000预计年底投产。")
    assert result.text == "ABC123项目总投资10亿元, 预计年底投产。"


def test_fold_width_translates_like_the_width_table():
    """Each width character that occurs replaced in turn: the same as str.translate, since no value of the
    table is one of its keys."""
    assert not set(map(ord, WIDTH_TABLE.values())) & set(WIDTH_TABLE)
    rng = random.Random(3)
    alphabet = [chr(code) for code in WIDTH_TABLE] + list("县长项目 \n\tabc,。") + ["\uff5f", "\uff00", "\U0001f600"]
    texts = ["", "项目", "".join(map(chr, WIDTH_TABLE)), "\r\n\u3000\uff0c" * 50]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 200))) for _ in range(500)]
    for text in texts:
        assert fold_width(text) == text.translate(WIDTH_TABLE)


def test_the_patterns_led_by_a_look_ahead_match_as_without_it():
    """LINE_EDGE_SPACE and the source line, led by a look-ahead at the characters they start with, against
    the same patterns without it."""
    from kg.normalise import lines, metadata

    pairs = [
        (re.compile(r"^ +| +$", re.M), lines.LINE_EDGE_SPACE),
        (re.compile(metadata._source_line().pattern.replace("(?=[信文稿新来内发])", "", 1)), metadata._source_line()),
    ]
    assert pairs[1][0].pattern != pairs[1][1].pattern
    pieces = ["来源", "信息来源", "文章来源", "稿件来源", "新闻来源", "内容出处", "发布机构", "资金来源", "来", "源", ":", "：",
              " ", "  ", "\n", "某县融媒体中心", "发布时间", "2024", "《", "》", "返回", "信息", "新", "内容", "。", "x", "“"]
    rng = random.Random(11)
    texts = ["", " ", "来源:某县融媒体中心", " 来源：某某网 \n"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        for old, new in pairs:
            assert [(m.span(), m.groups()) for m in old.finditer(text)] == [(m.span(), m.groups()) for m in new.finditer(text)]


def test_xml_illegal_characters_are_removed():
    result = clean("县长\x00王\x07明\x0b来到\ufffd项目\u200b现场\x1f。")
    assert result.text == "县长王明来到项目现场。"
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ufffe\uffff]", result.text)


def test_doubled_punctuation_of_scraped_pages_is_reduced():
    result = clean("市委书记,、市人大常委会主任胡平,,市长刘强出席活动,。")
    assert result.text == "市委书记、市人大常委会主任胡平,市长刘强出席活动。"


# --- line breaks ----------------------------------------------------------------------------------------


def test_hard_wraps_inside_words_are_joined(seeds):
    text = seeds["002"].text
    assert "中科晶电砷化镓产业基地" in text
    assert "不断加大基础设施建设力度" in text
    assert "主要业务范围。据了解" in text


def test_paragraphs_and_title_lines_keep_their_breaks(seeds):
    lines = seeds["002"].text.split("\n")
    assert "解芳带队赴北京洽谈对接乡村振兴项目" in lines
    assert "廉广锋到我县调研沿涑水河田园风光示范带建设工作" in lines
    assert "" not in lines  # paragraph breaks are one "\n"
    assert all(line == line.strip() for line in lines)


def test_written_article_breaks():
    raw = "招商引资再提速\n\n  3月2日,副省长赵明来到\n高新区光\n\n伏产业园项目现场。他强调,要加快建设。\n\n  县长孙立陪同。"
    assert clean(raw).text == "招商引资再提速\n3月2日,副省长赵明来到高新区光伏产业园项目现场。他强调,要加快建设。\n县长孙立陪同。"


# --- boilerplate ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seed, gone",
    [
        ("000", ["当前版", "上一版", "标题导航", "第01版", "图片新闻", "习近平抵达巴黎"]),
        ("003", ["扫一扫", "当前页面"]),
        ("004", ["当前位置", "admin", "勋章", "原标题", "返回搜狐", "微信", "版权声明", "本文链接", "相关文章",
                 "运城厂房公司", "13391219793", "分享给朋友"]),
    ],
)
def test_seed_boilerplate_is_dropped(seeds, seed, gone):
    for marker in gone:
        assert marker not in seeds[seed].text, marker


def test_written_page_boilerplate_is_dropped():
    raw = (
        "网站首页 | 政务公开 | 互动交流\n您现在的位置:首页 > 新闻中心 > 本地要闻\n本地要闻\n"
        "县长马骏调研乡村振兴示范项目\n发布时间:2023-06-02 来源:县融媒体中心 作者:\n【字体:大 中 小】\n"
        "6月1日,县长马骏来到石门镇乡村振兴示范项目现场,详细了解项目建设进度。县委常委刘勇陪同。\n"
        "马骏强调,要加快项目建设,确保按期完工。\n"
        "招商热线:0731-88886666 微信:13907310000\n"
        "责任编辑:王芳\n校对:李娜\n上一篇:全县安全生产工作会议召开\n下一篇:我县举办农民丰收节\n"
        "相关新闻\n我县召开一季度经济运行分析会\n春耕生产有序推进\n"
    )
    result = clean(raw)
    assert result.text == (
        "县长马骏调研乡村振兴示范项目\n"
        "6月1日,县长马骏来到石门镇乡村振兴示范项目现场,详细了解项目建设进度。县委常委刘勇陪同。\n"
        "马骏强调,要加快项目建设,确保按期完工。"
    )
    assert result.date == "2023-06-01"  # the year from the dropped publication line


def test_page_metadata_lines_are_dropped():
    raw = (
        "副市长林涛调研物流园项目\n"
        "字号:大 中 小  来源:龙泉县融媒体中心  2023-03-02 09:15  浏览次数:318\n"
        "3月2日,副市长林涛来到冷链物流园项目现场。\n"
        "发布时间:2023-03-02 来源:市政府办 点击量:57\n"
    )
    assert clean(raw).text == "副市长林涛调研物流园项目\n3月2日,副市长林涛来到冷链物流园项目现场。"


BODY = (
    "5月9日,县长郝明远来到桐溪镇精密铸件产业园项目现场,察看厂房建设进度。县委常委卢青陪同。\n"
    "郝明远强调,要加密调度频次,确保项目年内投产。\n"
)


@pytest.mark.parametrize(
    "page",
    [
        # a county site: a list of other headlines, with no heading, ends the page
        BODY + "全县春季植树活动启动\n沙湾乡举办农民丰收节\n我县召开安全生产工作会议\n古城区新建三所幼儿园\n"
        "副县长调研秋粮收购工作\n",
        # a portal: headlines with dates and photo marks
        BODY + "\n凤鸣湖景区迎来旅游高峰(组图) 2023-05-08\n南岭市开通首条城际公交 2023-05-07\n"
        "一季度全省外贸进出口稳中有升 2023-05-06\n多地出台措施支持民营经济 2023-05-05\n",
        # links with their dates, some headlines with a comma
        BODY + "· 沙湾乡举办农民丰收节,千人共庆 [09-23]\n· 我县召开安全生产工作会议 [09-21]\n"
        "· 古城区新建三所幼儿园,秋季开学投用 [09-20]\n· 南岭市开通首条城际公交 [09-18]\n",
        # a traditional-script page
        BODY.replace("县长", "縣長").replace("项目", "項目") + "全縣春季植樹活動啟動\n沙灣鄉舉辦農民豐收節\n"
        "我縣召開安全生產工作會議\n古城區新建三所幼兒園\n",
    ],
)
def test_a_trailing_list_of_other_headlines_is_dropped(page):
    result = clean(page)
    assert result.text.endswith("确保项目年内投产。")
    assert "丰收节" not in result.text and "城际公交" not in result.text
    assert result.masthead == ()  # the list below the article is no masthead


@pytest.mark.parametrize(
    "ending",
    [
        "郝明远察看厂房建设\n县领导听取项目汇报\n",  # two photo captions
        "(桐溪镇党政办)\n",  # a short closing line
        "该县今年开工的项目有:\n精密铸件产业园项目\n桐溪污水处理厂扩建工程\n城南安置小区二期工程\n"
        "沙湾乡光伏电站项目\n",  # a list the article announces
        "1.精密铸件产业园项目\n2.桐溪污水处理厂扩建工程\n3.城南安置小区二期工程\n4.沙湾乡光伏电站项目\n",
        "郝明远察看厂房建设\n郝明远察看厂房建设\n郝明远察看厂房建设\n郝明远察看厂房建设\n",  # a repeated caption
        "郝明远察看厂房建设进度\n郝明远在精密铸件产业园项目现场\n县委常委卢青陪同调研\n精密铸件产业园项目施工现场\n",  # captions
    ],
)
def test_the_articles_own_closing_lines_stay(ending):
    result = clean(BODY + ending)
    last = [line for line in ending.splitlines() if line][-1]
    assert last.strip("()") in result.text


@pytest.mark.parametrize(
    "notice",
    [
        "本站所刊桐溪新闻网稿件,版权归桐溪新闻网所有,如需转载须经书面许可。",
        "本篇稿件系转载,原载于南岭发布客户端,如涉侵权请联系我们删除。",
        "转载请注明出处。",
        "本站文章如需轉載,請聯繫桐溪新聞網取得授權。",
    ],
)
def test_reposting_and_copyright_notices_are_dropped(notice):
    result = clean(BODY + notice + "\n")
    assert result.text.endswith("确保项目年内投产。")


@pytest.mark.parametrize(
    "footer",
    [
        "主办:南岭市人民政府办公室 承办:南岭市大数据中心\n南岭市人民政府 桐溪县人民政府\n",
        "网站地图 | 联系我们 | 南岭市人民政府\n",
        "未经书面许可,任何单位和个人不得复制或镜像本站内容\n",
        "桐溪发布欢迎来稿,投稿邮箱:news@example.com\n",
    ],
)
def test_site_footers_and_contribution_calls_are_dropped(footer):
    assert clean(BODY + footer).text == BODY.strip()


def test_a_body_paragraph_about_an_organiser_stays():
    line = "主办方表示,将在桐溪镇再建两条生产线。"
    assert line in clean(BODY + line + "\n").text


def test_a_body_sentence_about_copyright_stays():
    sentence = "县版权局开展打击侵权盗版专项行动,检查印刷企业12家。"
    assert sentence in clean(BODY + sentence + "\n").text


def test_a_site_footer_ends_the_article():
    page = BODY + "主办:桐溪县人民政府办公室 版权所有\n网站地图 | 联系我们\n南岭市人民政府 | 沙湾乡人民政府\n"
    assert clean(page).text.endswith("确保项目年内投产。")
    page = BODY + "来源:桐溪县融媒体中心\n热点排行榜\n沙湾乡举办农民丰收节\n古城区新建三所幼儿园\n"
    result = clean(page)
    assert result.text.endswith("确保项目年内投产。")
    assert result.source_line == "桐溪县融媒体中心"  # the source line still tells the home place


@pytest.mark.parametrize(
    "header",
    [
        "首页 要闻 民生 图说 本地频道\n沙湾乡\n本站栏目: 古城区 桐溪县 南岭市\n",
        "长辈版\n智能客服\n您现在位置: 网站首页 > 新闻中心 > 乡镇动态\n",
        "网站首页/ 信息公开 / 领导活动 / 县长 / 正文\n",
        "您所在的位置 网站首页 > 新闻中心 > 乡镇动态\n",
        "登录 / 注册 手机版 English\n无障碍浏览 关怀模式\n",
        "登錄 / 註冊 手機版 English\n無障礙瀏覽 關懷模式\n",  # traditional script
    ],
)
def test_site_navigation_above_the_article_is_dropped(header):
    result = clean(header + "县长郝明远调研精密铸件产业园项目\n" + BODY)
    assert result.text.startswith("县长郝明远调研精密铸件产业园项目\n5月9日")
    assert result.headline == "县长郝明远调研精密铸件产业园项目"


@pytest.mark.parametrize(
    "line",
    [
        "郝明远调研 卢青陪同 三个项目开工",  # a headline deck of three phrases
        "县融媒体中心开设专题栏目:工地见闻,报道全县重点项目建设。",
        "首页设计大赛在桐溪镇举行",
        "欢迎访问团一行到来的桐溪镇举行座谈,双方交流了招商经验。",
    ],
)
def test_lines_that_look_like_navigation_stay(line):
    assert line in clean(line + "\n" + BODY).text


def test_comment_boxes_and_image_placeholders_are_dropped():
    page = ("图片\n" + BODY.replace("\n", "\n打开南岭新闻客户端 查看高清大图\n", 1) + "(资料图片)\n"
            "发表评论\n验证码:\n暂无网友评论\n")
    assert clean(page).text == BODY.strip()


def test_a_dated_site_dateline_is_dropped():
    result = clean("南岭在线03月05日讯 春节后第一个工作日,县长郝明远调研重点项目。\n")
    assert result.text == "春节后第一个工作日,县长郝明远调研重点项目。"


@pytest.mark.parametrize(
    "furniture",
    [
        "2022年03月14日 10:05 | 来源:南岭日报\n",
        "2022/3/14 来源:南岭日报 https://example.com/news/1.html\n",
        "南岭政府网 www.example.com 2022年03月14日 10时05分 来源:南岭日报\n",
        "桐溪在线 2022-03-14 10:05\n",
        "3 分享 收藏 关闭窗口\n字号:【 默认 大 】\n字体大小: 打印\n",
        "新闻图片\n",
        "欢迎访问南岭市精密铸件集团有限公司网站!\n",
        "![南岭市人民政府 南岭市人民政府](images/logo.png)\n",
    ],
)
def test_page_metadata_above_the_body_is_dropped(furniture):
    result = clean("县长郝明远调研精密铸件产业园项目\n" + furniture + BODY)
    assert result.text.startswith("县长郝明远调研精密铸件产业园项目\n5月9日")
    assert result.credits == []


@pytest.mark.parametrize(
    "footer",
    ["一审:罗安\n二审:苗青禾\n三审:简立\n", "丨责编:罗安丨校对:苗青禾\n丨审核:简立\n"],
)
def test_review_chain_footers_are_dropped(footer):
    assert clean(BODY + footer).text == BODY.strip()


def test_a_dated_body_sentence_with_a_source_word_stays():
    sentence = "2022年3月14日,县长郝明远调研时指出,资金来源:县级财政和专项债券。"
    assert sentence in clean(sentence + "\n" + BODY).text


def test_no_gold_name_is_lost(seeds):
    """Every entity the gold lists for a seed and its text names is still in the clean text (or credits)."""
    for path in SEEDS:
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        result = seeds[path.name[:3]]
        raw = converter().convert(PINYIN_GROUP.sub("", result.document.raw))
        raw = re.split("标题导航|返回搜狐|扫一扫", raw)[0]  # the seeds' page tails: related links name places too
        names = [o["name"] for o in gold["officials"]] + gold["persons"] + gold["places"]
        names += gold["organizations"] + [p["key"] for p in gold["projects"]]
        missing = [n for n in names if n in raw and n not in result.text and n not in result.credits]
        assert not missing, (path.name, missing)


# --- metadata -------------------------------------------------------------------------------------------


def test_seed_credits_are_persons_not_body_text(seeds):
    assert seeds["000"].credits == ["李雪峰", "张燕伟"]
    assert seeds["001"].credits == ["郭赟"]
    assert seeds["002"].credits == ["张倩倩", "李宁芳", "刘玫云"]
    assert seeds["003"].credits == ["张燕伟"]
    for result in seeds.values():
        for name in result.credits:
            assert name not in result.text


@pytest.mark.parametrize(
    "raw, credits, body",
    [
        ("梧州日报讯(记者 陈远)5月3日,市长林涛调研。", ["陈远"], "5月3日,市长林涛调研。"),
        ("本报讯(全媒体记者 王瑞 李远)2月13日,市委书记元强出席。", ["王瑞", "李远"], "2月13日,市委书记元强出席。"),
        ("(記者何雅琴、杜靈)3月27日,市長呂成出席開工活動。", ["何雅琴", "杜灵"], "3月27日,市长吕成出席开工活动。"),
        ("市长林涛察看项目进展。 本报记者 宋佳摄\n林涛强调,要加快建设。", ["宋佳"], "市长林涛察看项目进展。\n林涛强调,要加快建设。"),
        ("市长林涛察看项目进展,要求加快建设。(张松 李修远)", ["张松", "李修远"], "市长林涛察看项目进展,要求加快建设。"),
    ],
)
def test_written_credits(raw, credits, body):
    result = clean(raw)
    assert result.credits == credits
    assert result.text == body


def test_places_in_brackets_are_not_credits():
    result = clean("他来到华海(大连)船舶制造有限公司和江北(江南)新区,察看项目。")
    assert result.credits == []
    assert "(大连)" in result.text and "(江南)" in result.text


def test_seed_headlines(seeds):
    assert seeds["000"].headline == "卢东亮在新荣区云州区调研重点工程项目时强调 推进项目建设提速提质 加快优势产业做大做强"
    assert seeds["003"].headline == "我市与全省同步举行开发区2024年第三次“三个一批”活动 卢东亮卫继周出席"
    assert seeds["004"].headline.startswith("签约321个、开工302个、投产189个!")
    assert seeds["001"].headline is None  # the article starts with its first sentence


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_seed_dates_match_the_gold(seeds, seed):
    gold = json.loads(next(GOLD.glob(f"{seed}_*.json")).read_text(encoding="utf-8"))["date"]
    found = seeds[seed].date
    assert found[-5:] == gold[-5:]
    if found.startswith("--"):
        return  # the year is not in the text
    assert found == gold


@pytest.mark.parametrize(
    "raw, meta, source, expected",
    [
        ("东北网绥化1月31日讯 1月29日,市委书记张伟调研。", {}, "a.txt", "--01-29"),
        ("2019年1月4日上午,市委书记周华带队观摩。", {}, "a.txt", "2019-01-04"),
        ("12月30日,县委书记赵军调研。", {"date": "2024-01-02"}, "a.jsonl:3", "2023-12-30"),
        ("5月6日,县长钱明调研。", {}, "news/2021-05-07_county.txt", "2021-05-06"),
        ("全区2023年第一季度项目集中开工\n3月18日,区委书记吴刚出席。", {}, "a.txt", "2023-03-18"),
        ("3月18日,区委书记吴刚出席,项目预计2026年建成。", {}, "a.txt", "--03-18"),
        ("区委书记吴刚出席项目开工仪式。", {}, "a.txt", None),
        ("近日,区委书记吴刚调研项目。", {"date": "2024-01-02"}, "a.jsonl:3", "2024-01-02"),  # the record's date
        ("近日,区委书记吴刚调研项目。", {}, "news/2021-05-07_county.txt", "2021-05-07"),
    ],
)
def test_event_dates(raw, meta, source, expected):
    assert clean(raw, source, **meta).date == expected


@pytest.mark.parametrize("raw, meta, expected", [
    ("近日,县长钱明调研。\n来源:黔南日报\n", {}, "黔南日报"),
    ("近日,县长钱明调研。\n来源:\n黔南日报\n", {}, "黔南日报"),  # the label alone on its line
    ("近日,县长钱明调研。\n来源:黔南日报返回首页,查看更多\n", {}, "黔南日报"),  # a navigation link glued to it
    ("近日,县长钱明调研。\n来源:黔南日报\n", {"source": "都匀融媒"}, "都匀融媒"),  # the record's wins
    ("近日,县长钱明调研,资金来源:县财政。", {}, None),  # in the body: not a source line
    ("近日,县长钱明调研。\n来源:平塘县政府2023-05-06\n", {}, "平塘县政府"),  # a date glued to it
    ("近日,县长钱明调研。\n来源:平塘县融媒体中心发布时间:2023-05-06\n", {}, "平塘县融媒体中心"),
    ("近日,县长钱明调研。\n来源:\n发布时间:2023-05-06\n", {}, None),  # an empty field, then the next
])
def test_publisher(raw, meta, expected):
    assert normalise(Document(doc_id="test", source="a.jsonl:1", raw=raw, meta=meta)).publisher == expected


def test_lead_names_an_article_without_headline():
    result = clean("5月6日,县长钱明来到城东新区调研重点项目建设情况。他强调,要加快进度。")
    assert result.headline is None and result.lead == "5月6日,县长钱明来到城东新区调研重点项目建设情况。"
    assert len(clean("5月6日," + "县长钱明调研" * 20 + "。").lead) == 60


def test_title_from_metadata_wins():
    result = clean("3月2日,县长孙立来到项目现场。", title="縣長孫立調研(yán)重點項目")
    assert result.headline == "县长孙立调研重点项目"


# --- offsets --------------------------------------------------------------------------------------------


def _raw_char(result, i: int) -> str:
    char = result.document.raw[result.offsets[i]].translate(WIDTH_TABLE)
    return converter().convert(char) if result.traditional else char


def test_offsets_point_at_the_raw_characters(seeds):
    written = clean("当前位置:首页>要闻\nＡＢＣ项目\u3000(記者 張三)\n書(shū)記王五來到\n\n金屬?gòu)U料項目。\n")
    for result in [*seeds.values(), written]:
        offsets, raw = result.offsets, result.document.raw
        assert len(offsets) == len(result.text) + 1 and offsets[-1] == len(raw)
        assert all(a < b for a, b in zip(offsets, offsets[1:]))
        for i, char in enumerate(result.text):
            assert _raw_char(result, i) == char or (char.isspace() and raw[offsets[i]].isspace()), (i, char)


def test_random_spans_map_back_to_their_raw_text(seeds):
    """The clean characters of any span appear, in order, in the raw slice that ``raw_span`` gives."""
    rng = random.Random(7)
    for result in seeds.values():
        for _ in range(200):
            start = rng.randrange(len(result.text))
            end = min(len(result.text), start + rng.randint(1, 40))
            raw_start, raw_end = result.raw_span(start, end)
            raw_slice = result.document.raw[raw_start:raw_end].translate(WIDTH_TABLE)
            if result.traditional:
                raw_slice = "".join(converter().convert(c) for c in raw_slice)
            position = 0
            for char in result.text[start:end].replace("\n", ""):
                position = raw_slice.find(char, position) + 1
                assert position > 0, (result.text[start:end], raw_slice)


# --- scale ----------------------------------------------------------------------------------------------


def test_a_five_megabyte_single_line_is_normalised_in_linear_time():
    paragraph = "3月2日,县委书记孙立来到高新区光伏产业园项目现场,察看施工进度(记者 王五)。"
    small = paragraph * 2_000
    big = paragraph * (5_000_000 // len(paragraph))
    started = time.perf_counter()
    clean(small)
    small_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result = clean(big)
    big_seconds = time.perf_counter() - started
    assert result.text.count("光伏产业园") == big.count("光伏产业园")
    assert big_seconds < 30
    assert big_seconds < 3 * (len(big) / len(small)) * max(small_seconds, 0.01)
