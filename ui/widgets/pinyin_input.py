"""Pinyin → Chinese characters for the on-screen keyboard: no Qt, no input-method engine.

The index is built from pypinyin's bundled dictionaries: ``pinyin_dict`` (every character with
its readings) and ``phrases_dict`` (some 47 000 words with theirs). Characters are ranked by
how many of those words use them — a fair stand-in for how common they are — except that for
a single syllable the common surnames come first, since a till types pinyin mostly for names.
Several syllables ("zhang san", "zhangsan") offer the words that read so, then the best
character of each syllable put together (a name is rarely a dictionary word), then the
characters of the first syllable alone, so a name can also be picked one character at a time.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

# The most common Chinese surnames, most common first (single characters).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)

_SEPARATORS = re.compile(r"[\s']+")


@dataclass(frozen=True)
class Candidate:
    text: str
    syllables: int  # how many of the typed syllables choosing it uses up


@lru_cache(maxsize=4096)  # some 1 500 toned readings, met 240 000 times while indexing
def plain_syllable(reading: str) -> str:
    """A toned reading as typed on a keyboard: "lǜ" -> "lv", "wáng" -> "wang"."""
    decomposed = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class PinyinIndex:
    def __init__(self, chars: dict[int, str], phrases: dict[str, list[list[str]]]) -> None:
        # uses[(char, syllable)]: how many words read the character so (见 is "jian" in
        # hundreds of words, "xian" in a handful)
        uses: Counter[tuple[str, str]] = Counter()
        self._phrases: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for phrase, readings in phrases.items():
            key = tuple(plain_syllable(r[0]) for r in readings)
            if len(key) == len(phrase):
                uses.update(zip(phrase, key, strict=True))
                self._phrases[key].append(phrase)
        surname_rank = {c: i for i, c in enumerate(SURNAMES)}
        by_syllable: dict[str, set[str]] = defaultdict(set)
        primary: dict[str, str] = {}  # a surname ranks first only under its main reading
        for code, readings in chars.items():
            char = chr(code)
            for n, reading in enumerate(readings.split(",")):
                by_syllable[plain_syllable(reading)].add(char)
                if n == 0:
                    primary[char] = plain_syllable(reading)
        self.syllables = frozenset(by_syllable)
        self._common: dict[str, list[str]] = {}  # by use, most used first
        self._names: dict[str, list[str]] = {}  # surnames first, then by use
        last = len(surname_rank)
        for syllable, found in by_syllable.items():
            common = sorted(found, key=lambda c, s=syllable: (-uses[c, s], ord(c)))
            self._common[syllable] = common
            self._names[syllable] = sorted(common, key=lambda c, s=syllable: (
                surname_rank.get(c, last) if primary.get(c) == s else last))
        for key, words in self._phrases.items():
            words.sort(key=lambda w, k=key: -sum(uses[c, s] for c, s in zip(w, k, strict=True)))
        self._prefixes: dict[str, list[str]] = defaultdict(list)
        for syllable in sorted(self.syllables, key=lambda s: (len(s), s)):
            for end in range(1, len(syllable)):
                self._prefixes[syllable[:end]].append(syllable)

    def split(self, typed: str) -> list[str]:
        """The typed letters as syllables: "zhang san" and "zhangsan" -> ["zhang", "san"].
        An unfinished last syllable ("zhangs") stays as typed; letters that cannot be read as
        pinyin at all give []."""
        out: list[str] = []
        for chunk in _SEPARATORS.split(typed.lower().strip()):
            if not chunk:
                continue
            parts = self._segment(chunk)
            if parts is None:
                return []
            out += parts
        return out

    def _segment(self, chunk: str) -> list[str] | None:
        # longest syllable first, backing off when the rest cannot be read ("xian" stays one,
        # "xianggang" -> xiang gang); the last piece may be the start of a syllable
        if not chunk:
            return []
        if chunk in self._prefixes and chunk not in self.syllables:
            return [chunk]
        for end in range(min(6, len(chunk)), 0, -1):
            head = chunk[:end]
            if head in self.syllables:
                rest = self._segment(chunk[end:])
                if rest is not None:
                    return [head, *rest]
        return None

    def characters(self, syllable: str, *, names_first: bool = True) -> list[str]:
        """Characters read ``syllable``; an unfinished syllable ("zh") offers those of every
        syllable it starts, the shorter syllables first."""
        table = self._names if names_first else self._common
        if syllable in table:
            return list(table[syllable])
        seen: dict[str, None] = {}
        for full in self._prefixes.get(syllable, ()):
            seen.update(dict.fromkeys(table[full]))
        return list(seen)

    def candidates(self, typed: str) -> list[Candidate]:
        syllables = self.split(typed)
        if not syllables:
            return []
        out: dict[str, Candidate] = {}
        if len(syllables) > 1:
            for word in self._phrases.get(tuple(syllables), ()):
                out.setdefault(word, Candidate(word, len(syllables)))
            firsts = [self.characters(syllables[0])] + [
                self.characters(s, names_first=False) for s in syllables[1:]]
            if all(firsts):
                composed = "".join(chars[0] for chars in firsts)
                out.setdefault(composed, Candidate(composed, len(syllables)))
            for end in range(len(syllables) - 1, 1, -1):  # the longest word at the start
                for word in self._phrases.get(tuple(syllables[:end]), ()):
                    out.setdefault(word, Candidate(word, end))
        for char in self.characters(syllables[0]):
            out.setdefault(char, Candidate(char, 1))
        return list(out.values())


@lru_cache(maxsize=1)
def default_index() -> PinyinIndex:
    """The index over pypinyin's dictionaries, built once (about half a second)."""
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    return PinyinIndex(pinyin_dict, phrases_dict)


def drop_syllables(typed: str, count: int, index: PinyinIndex) -> str:
    """What is left of the typed pinyin once ``count`` syllables were turned into characters."""
    return " ".join(index.split(typed)[count:])
