"""Names of units (organisations): learned from a library's own documents, matched by the genre's
vocabulary (`chidao.core.orgs`), never rewritten into another unit."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from chidao.core.orgs import LEVEL_FAMILIES, NEEDS_PLACE
from chidao.core.text import SHORT_CAPITALS, fold, folded_words, nfc, short_capitals, syllables
from qa.unitnames import (
    ClassName,
    _member_heads,  # the one place a class's member heads are read (memoised there)
    bare,
    class_of,
    core_of,
    expand_abbreviations,
    is_abbreviation,
    levels_of,
    name_spans,
    spellings,
    split_level,
    unit_key,
)

# "Ban Thường vụ (BTV) X", "các X": the standing board of X, or all X, is addressed as X itself.
BOARD_WORDS = frozenset({"ban", "thuong", "vu", "btv", "cac"})
# Generic heads that name no one unit ("cấp ủy" = any party committee): matched, never listed.
_GENERIC = frozenset({"cap uy", "dang uy", "chi bo", "ban", "uy ban", "hoi", "so", "doan"})
# A token that is an abbreviation of one or two letters (TU, HU, ĐU, ThU): too close to ordinary
# syllables (tư, hủ), so it matches only as written, in capitals.
_SHORT_ABBREV = re.compile(rf"^(?:{SHORT_CAPITALS})$")
# Words before a unit that receives a report or a proposal (gửi về = send to, báo cáo = report to,
# trình = submit to, tham mưu = advise): the item is not that unit's task.
# Texts whose names `find` remembers before it forgets them all (a library reads units on demand).
_FOUND_LIMIT = 20_000
_RECEIVER = re.compile(r" (?:gui ve|gui|bao cao|bao cao ket qua|trinh|tham muu(?: cho)?|xin y kien) $")


# A word written in capitals, two letters or more ("TGDV", "CA"): the initials of part of a name.
_CAPITALS = re.compile(r"^[A-ZĐ]{2,}$")


@functools.lru_cache(maxsize=16384)
def _initials(name: str) -> str:
    """A unit name as its initials, folded and upper case, "và" (and) left out as abbreviations
    leave it: "Ban Tuyên giáo và Dân vận Tỉnh ủy" → "BTGDVTU", "Ban TGDV Tỉnh ủy" → "BTGDVTU"."""
    out = []
    for token in nfc(name).split():
        if _CAPITALS.match(token):
            out.append(fold(token).upper())
        elif fold(token) != "va":
            out.append(fold(token)[:1].upper())
    return "".join(out)


def same_unit(a: str, b: str) -> bool:
    """True when two spellings name the same unit: "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh" and
    "Đảng đoàn Ủy ban Mặt trận Tổ quốc tỉnh" (abbreviations expanded, equivalent forms made one)."""
    return unit_key(a) == unit_key(b) != ""


@functools.lru_cache(maxsize=16384)
def _folded_alias(alias: str) -> str:
    """folded_words of a unit name, memoised: every text is scanned against every name."""
    return folded_words(alias)


@functools.lru_cache(maxsize=16384)
def short_tokens(alias: str) -> tuple[str, ...]:
    """The short abbreviations of an alias (TU, HU) that a text must write in capitals to name it."""
    return tuple(t for t in alias.split() if _SHORT_ABBREV.match(t) and is_abbreviation(t))


def _same_level_keys(key: str) -> list[str]:
    """The key with its trailing level words replaced by the other words of their family."""
    stem, level = split_level(key)
    family = next((f for f in LEVEL_FAMILIES if level in f), ()) if level else ()
    return [f"{stem} {word}".strip() for word in family if word != level]


class _ClassIndex:
    """The classes of a library by prefix and member head, so that the classes covering a unit key
    are found without trying every class (`ClassName.covers` for each, same answer)."""

    def __init__(self, classes: dict[str, ClassName]) -> None:
        self._order = {name: i for i, name in enumerate(classes)}
        # prefix → " head " → (class name, levels the piece names) of every piece with that head
        self._groups: dict[str, dict[str, list[tuple[str, frozenset[str]]]]] = {}
        for name, group in classes.items():
            heads = self._groups.setdefault(group.prefix, {})
            for head, want in _member_heads(group.pieces):
                heads.setdefault(head, []).append((name, want))

    def classes_covering(self, key: str, other_than: str) -> tuple[str, ...]:
        """The classes (other than `other_than`) a unit key is a member of, in the library's order."""
        found: set[str] = set()
        for prefix, heads in self._groups.items():
            body = key[len(prefix) :].strip() if key.startswith(prefix) else ""
            if not body:
                continue
            padded = f" {body} "
            for head, members in heads.items():
                if padded.startswith(head):
                    have = levels_of(body)
                    found.update(n for n, want in members if not want or not have or want & have)
        found.discard(other_than)
        return tuple(sorted(found, key=self._order.__getitem__))


@dataclass(frozen=True, slots=True)
class OrgName:
    """A unit (or a class of units) with the ways it is written.

    `spelled`: the spellings found in documents (or typed); `aliases`: those plus their abbreviated
    and equivalent forms; `parents`: the classes it belongs to ("Huyện ủy An Thạch" → "Các huyện
    ủy, thị ủy, thành ủy"); `learned`: named by the library's documents, not only by a question.
    """

    canonical: str
    aliases: tuple[str, ...]
    parents: tuple[str, ...] = ()
    learned: bool = False
    is_class: bool = False
    spelled: tuple[str, ...] = ()

    @property
    def parent(self) -> str:
        return self.parents[0] if self.parents else ""


@dataclass(slots=True)
class OrgTable:
    """Unit names of a library, looked up in questions and texts by folded form, abbreviation and
    level words. A name a question spells that the library lacks is kept as itself (not learned)."""

    names: dict[str, OrgName] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict, repr=False)  # unit key → canonical
    _classes: dict[str, ClassName] = field(default_factory=dict, repr=False)
    # Level-less key → the one unit of that name outside the centre; read for questions only.
    _short: dict[str, str] = field(default_factory=dict, repr=False)
    _found: dict[str, list[str]] = field(default_factory=dict, repr=False)  # find() per text
    _mentioned: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict, repr=False)
    # First folded syllable of an alias → its length in syllables → folded alias → (order, alias,
    # canonical) of each alias folding to it, in names order.
    _needles: dict[str, dict[int, dict[str, list[tuple[int, str, str]]]]] | None = field(
        default=None, repr=False
    )

    @classmethod
    def default(cls, learned: Iterable[str] = ()) -> OrgTable:
        """A table of the names a library's documents spell (none: only question names)."""
        table = cls()
        for name in learned:
            table._add(name, learned=True)
        table._settle()
        return table

    def learn(self, name: str) -> None:
        """Add a name found in a library; a spelling variant of a known unit joins that unit."""
        self._add(name, learned=True)
        self._settle()

    def _add(self, name: str, learned: bool) -> str:
        name = " ".join(nfc(name).split())
        key = unit_key(name)
        if not key or (learned and key in _GENERIC):
            return ""  # "Đảng ủy" alone is no one unit of the library (a question may still say it)
        if key in self._keys:
            old = self.names[self._keys[key]]
            spelled = old.spelled if name in old.spelled else (*old.spelled, name)
            self.names[old.canonical] = OrgName(
                old.canonical, old.aliases, old.parents, old.learned or learned, old.is_class, spelled
            )
            return old.canonical
        group = class_of(name)
        self._keys[key] = name
        if group is not None:
            self._classes[name] = group
        self.names[name] = OrgName(name, tuple(spellings(name)), (), learned, group is not None, (name,))
        return name

    def _settle(self) -> None:
        """Aliases and classes of every name, once its library's names are all known."""
        stems: dict[str, list[str]] = {}
        self._short.clear()
        for key, canonical in self._keys.items():
            if self.names[canonical].is_class:
                continue
            # The name without its level words, and its head with its function: "Ban Dân vận" of
            # "Ban Dân vận Tỉnh ủy", "Thành đoàn" of "Thành đoàn Hà Nội".
            for stem in {split_level(key)[0], core_of(key)} - {key}:
                if stem and stem not in _GENERIC and stem not in NEEDS_PLACE:
                    stems.setdefault(stem, []).append(canonical)
        covering = _ClassIndex(self._classes)
        for canonical, org in list(self.names.items()):
            key = unit_key(canonical)
            aliases = [a for s in org.spelled for a in spellings(s)]
            parents = covering.classes_covering(key, canonical)
            self.names[canonical] = OrgName(
                canonical, tuple(dict.fromkeys(aliases)), parents, org.learned, org.is_class, org.spelled
            )
        # "Ban Dân vận" alone (in a question) is the library's one Ban Dân vận outside the centre.
        for stem, members in stems.items():
            local = [m for m in dict.fromkeys(members) if "trung uong" not in unit_key(m).split(stem, 1)[-1]]
            if len(local) == 1 and stem not in self._keys:
                self._short[stem] = local[0]
        self._forget()

    def resolve(self, phrase: str) -> str:
        """The unit a phrase names: a unit of the library by key or spelling, else a class the
        library addresses that the phrase names by its head ("Huyện ủy" → "Các huyện ủy, thị ủy,
        thành ủy"), else the phrase itself, kept as a unit the library does not name."""
        key = unit_key(phrase)
        if key in self._keys:
            return self._keys[key]
        if key in self._short:
            return self._short[key]
        for other in _same_level_keys(key):  # "Ban Dân vận tỉnh" → "Ban Dân vận Tỉnh ủy"
            if other in self._keys:
                return self._keys[other]
        words = folded_words(phrase)
        for org in list(self.names.values()):  # a question may add a name meanwhile
            if any(_folded_alias(a) == words for a in org.aliases):
                return org.canonical
        by_initials = self._by_initials(phrase)
        if by_initials:  # "Ban TGDV Tỉnh ủy", "CA tỉnh": part of the name written as its initials
            return by_initials
        named = [c for c, g in self._classes.items() if g.named_by(key)]
        if named:
            return max(named, key=lambda c: len(self._classes[c].pieces))
        name = " ".join(nfc(phrase).split())
        name = name[:1].upper() + name[1:]
        added = self._add(name, learned=False)
        if added == name:
            parents = tuple(c for c, g in self._classes.items() if g.covers(key))
            org = self.names[name]
            # "đảng ủy xã" with no place is every commune committee: a class, however it is written.
            generic = org.is_class or bare(name) or key in _GENERIC
            self.names[name] = OrgName(name, org.aliases, parents, False, generic, org.spelled)
            self._forget()
        return added or name

    def _by_initials(self, phrase: str) -> str:
        """The one unit of the library whose name's initials a phrase writing part of it in capitals
        spells ("Ban TGDV Tỉnh ủy" and "Ban Tuyên giáo và Dân vận Tỉnh ủy" are both BTGDVTU), "" when
        the phrase has no such part or no one unit matches."""
        if not any(_CAPITALS.match(t) for t in phrase.split()):
            return ""
        wanted = _initials(phrase)
        found = {
            c for c, org in self.names.items() if org.learned and not org.is_class and _initials(c) == wanted
        }
        return found.pop() if len(found) == 1 else ""

    def listing(self, text: str = "") -> list[str]:
        """The units a library names, one entry per unit (spelling variants merged), each shown by
        its fullest spelling; classes as the documents write them ("Các huyện ủy, thị ủy …")."""
        shown = []
        for org in list(self.names.values()):  # a question may add a name meanwhile
            if not org.learned:
                continue
            # The plainest full spelling: no abbreviation, no standing board before a committee
            # ("Tỉnh đoàn" rather than "BTV Tỉnh đoàn"), else the longest.
            best = expand_abbreviations(
                max(
                    org.spelled,
                    key=lambda a: (
                        a == expand_abbreviations(a),
                        not fold(a).startswith(("ban thuong vu ", "btv ")),
                        len(syllables(a)),
                        len(a),
                        a,
                    ),
                )
            )
            best = re.sub(r"^(?:Ban [Tt]hường vụ|BTV)\s+(?=[Cc]ác )", "", best)
            if org.is_class and not fold(best).startswith(("cac ", "ban ")):
                best = "Các " + best[:1].lower() + best[1:]
            shown.append(best[:1].upper() + best[1:])
        return sorted(set(shown), key=lambda n: (fold(n), n))

    def question_mentions(self, question: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) of the units a question names, offsets into its folded words:
        names spelled by the vocabulary first ("Ban Dân vận Trung ương" stays itself even where
        the library has only "Ban Dân vận Tỉnh ủy"), then other names of the library."""
        spans = [(s, e, self.resolve(name)) for s, e, name in name_spans(question)]
        for m in self.mentions(question):
            if all(m[1] <= s[0] + 1 or m[0] >= s[1] - 1 for s in spans):
                spans.append(m)
        return sorted(spans)

    def _forget(self) -> None:
        """Names changed: what was found in texts is found again."""
        self._found.clear()
        self._mentioned.clear()
        self._needles = None

    def _needle_index(self) -> dict[str, dict[int, dict[str, list[tuple[int, str, str]]]]]:
        if self._needles is None:
            self._needles = {}
            pairs = [(a, org.canonical) for org in list(self.names.values()) for a in org.aliases]
            for order, (alias, canonical) in enumerate(pairs):
                needle = _folded_alias(alias)
                first = needle[1 : needle.find(" ", 1)]
                by_count = self._needles.setdefault(first, {}).setdefault(needle.count(" ") - 1, {})
                by_count.setdefault(needle, []).append((order, alias, canonical))
        return self._needles

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, canonical) of the longest non-overlapping names, as offsets into folded words."""
        if text not in self._mentioned:
            if len(self._mentioned) >= _FOUND_LIMIT:
                self._mentioned.clear()
            self._mentioned[text] = self._mentions(text)
        return list(self._mentioned[text])

    def _mentions(self, text: str) -> list[tuple[int, int, str]]:
        words = folded_words(text)
        index = self._needle_index()
        # Every occurrence of every alias, looked up by the syllable it starts with and its length
        # in syllables: (order of the alias among all names' aliases, start, end, canonical).
        hits: list[tuple[int, int, int, str]] = []
        written: dict[str, bool] = {}
        spaces = [i for i, c in enumerate(words) if c == " "]
        for j in range(len(spaces) - 1):
            space = spaces[j]
            for count, needles in index.get(words[space + 1 : spaces[j + 1]], {}).items():
                if j + count >= len(spaces):
                    continue
                end = spaces[j + count] + 1
                for order, alias, canonical in needles.get(words[space:end], ()):
                    if alias not in written:
                        written[alias] = self._written(alias, text)
                    if written[alias]:
                        hits.append((order, space, end, canonical))
        hits.sort()  # names order, then position: which of two equal names at one place wins
        found = [(start, end, canonical) for _, start, end, canonical in hits]
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        chosen: list[tuple[int, int, str]] = []
        for m in found:
            if all(m[1] <= c[0] + 1 or m[0] >= c[1] - 1 for c in chosen):
                chosen.append(m)
        return sorted(chosen)

    @staticmethod
    def _written(alias: str, text: str) -> bool:
        """Short abbreviations of an alias (TU, HU) must be written in capitals in the text."""
        tokens = short_tokens(alias)
        return not tokens or set(tokens) <= short_capitals(text)

    def find(self, text: str) -> list[str]:
        """Canonical names mentioned in `text`, in reading order, each once."""
        if text not in self._found:
            if len(self._found) >= _FOUND_LIMIT:
                self._found.clear()
            seen: list[str] = []
            for _, _, name in self.mentions(text):
                if name not in seen:
                    seen.append(name)
            self._found[text] = seen
        return list(self._found[text])

    def addresses(self, canonical: str, text: str) -> bool:
        """True when `text` names the unit itself, not a longer name containing it: "Ban Dân vận
        Tỉnh ủy chủ trì" addresses the Ban Dân vận, not the Tỉnh ủy."""
        return canonical in self.find(text)

    def receives(self, canonical: str, text: str) -> bool:
        """True when every mention of the unit in `text` receives something rather than acts:
        "gửi về Ban Dân vận Tỉnh ủy", "báo cáo Ban Thường vụ Tỉnh ủy"."""
        words = folded_words(text)
        starts = [start for start, _, name in self.mentions(text) if name == canonical]
        return bool(starts) and all(_RECEIVER.search(words[: start + 1]) for start in starts)

    def named_in(self, canonical: str, text: str) -> bool:
        """True when any alias of `canonical` occurs in `text` (also inside a longer name)."""
        org = self.names.get(canonical)
        if org is None:
            return False
        words = folded_words(text)
        return any(_folded_alias(a) in words and self._written(a, text) for a in org.aliases)
